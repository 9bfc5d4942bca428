import { Inject, Injectable } from '@nestjs/common';
import { Between, DataSource, type EntityManager } from 'typeorm';
import { inList } from '#src/database/raw-db.js';
import { FrozenAttendanceEntity } from './entities/frozen-attendance.entity.js';
import { FrozenDayTotalEntity } from './entities/frozen-day-total.entity.js';
import { PeriodLockEntity } from './entities/period-lock.entity.js';

const CHUNK = 500;
const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Locks and their frozen figures; every query is scoped by organization. */
@Injectable()
export class PeriodLocksRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  locksBetween(
    organizationId: string,
    fromMonth: string,
    toMonth: string,
  ): Promise<PeriodLockEntity[]> {
    return this.dataSource.getRepository(PeriodLockEntity).find({
      where: { organizationId, month: Between(fromMonth, toMonth) },
      order: { month: 'ASC' },
    });
  }

  findLock(organizationId: string, month: string): Promise<PeriodLockEntity | null> {
    return this.dataSource.getRepository(PeriodLockEntity).findOneBy({ organizationId, month });
  }

  /** The lock and its figures in one transaction: all of it or nothing. */
  async insertLock(
    lock: PeriodLockEntity,
    attendance: FrozenAttendanceEntity[],
    totals: FrozenDayTotalEntity[],
  ): Promise<void> {
    await this.dataSource.transaction(async (m: EntityManager) => {
      await m.getRepository(PeriodLockEntity).insert(lock);
      for (let i = 0; i < attendance.length; i += CHUNK) {
        await m.getRepository(FrozenAttendanceEntity).insert(attendance.slice(i, i + CHUNK));
      }
      for (let i = 0; i < totals.length; i += CHUNK) {
        await m.getRepository(FrozenDayTotalEntity).insert(totals.slice(i, i + CHUNK));
      }
    });
  }

  /** Removes the lock and its figures; false when there was no lock. */
  async deleteLock(organizationId: string, month: string): Promise<boolean> {
    return this.dataSource.transaction(async (m: EntityManager) => {
      const result = await m.getRepository(PeriodLockEntity).delete({ organizationId, month });
      await m.getRepository(FrozenAttendanceEntity).delete({ organizationId, month });
      await m.getRepository(FrozenDayTotalEntity).delete({ organizationId, month });
      return (result.affected ?? 0) > 0;
    });
  }

  async attendance(
    organizationId: string,
    employeeIds: string[],
    fromDay: string,
    toDay: string,
  ): Promise<FrozenAttendanceEntity[]> {
    const out: FrozenAttendanceEntity[] = [];
    for (let i = 0; i < employeeIds.length; i += CHUNK) {
      const chunk = employeeIds.slice(i, i + CHUNK);
      const rows: Record<string, unknown>[] = await this.dataSource.query(
        `SELECT * FROM period_frozen_attendance
         WHERE organizationId = ? AND employeeId IN (${inList(chunk.length)}) AND date >= ? AND date <= ?`,
        [organizationId, ...chunk, fromDay, toDay],
      );
      for (const r of rows) {
        out.push(
          Object.assign(new FrozenAttendanceEntity(), {
            employeeId: String(r.employeeId),
            date: String(r.date),
            organizationId: String(r.organizationId),
            month: String(r.month),
            status: String(r.status),
            scheduledSeconds: num(r.scheduledSeconds),
            workedSeconds: num(r.workedSeconds),
            arrivedAt: (r.arrivedAt as string | null) ?? null,
            leftAt: (r.leftAt as string | null) ?? null,
            lateSeconds: num(r.lateSeconds),
            earlyLeaveSeconds: num(r.earlyLeaveSeconds),
            overtimeSeconds: num(r.overtimeSeconds),
            absenceKind: (r.absenceKind as string | null) ?? null,
            absenceSeconds: num(r.absenceSeconds),
          }),
        );
      }
    }
    return out;
  }

  async dayTotals(
    organizationId: string,
    employeeIds: string[] | 'all',
    fromDay: string,
    toDay: string,
  ): Promise<FrozenDayTotalEntity[]> {
    const read = async (where: string, params: unknown[]) => {
      const rows: Record<string, unknown>[] = await this.dataSource.query(
        `SELECT * FROM period_frozen_day_totals WHERE organizationId = ? ${where} AND day >= ? AND day <= ?`,
        [organizationId, ...params, fromDay, toDay],
      );
      return rows.map((r) =>
        Object.assign(new FrozenDayTotalEntity(), {
          employeeId: String(r.employeeId),
          day: String(r.day),
          organizationId: String(r.organizationId),
          month: String(r.month),
          activeMs: num(r.activeMs),
          idleMs: num(r.idleMs),
          firstActiveMs: numOrNull(r.firstActiveMs),
          lastActiveMs: numOrNull(r.lastActiveMs),
          productiveMs: num(r.productiveMs),
          neutralMs: num(r.neutralMs),
          unproductiveMs: num(r.unproductiveMs),
        }),
      );
    };
    if (employeeIds === 'all') return read('', []);
    const out: FrozenDayTotalEntity[] = [];
    for (let i = 0; i < employeeIds.length; i += CHUNK) {
      const chunk = employeeIds.slice(i, i + CHUNK);
      out.push(...(await read(`AND employeeId IN (${inList(chunk.length)})`, chunk)));
    }
    return out;
  }
}
