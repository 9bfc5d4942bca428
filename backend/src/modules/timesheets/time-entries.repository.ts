import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { dialectOf } from '#src/database/dialect.js';
import {
  inListSlices,
  inSqliteTransaction,
  isTransientLockError,
  MAX_LOCK_RETRIES,
} from '#src/database/raw-db.js';
import { TimeEntryEntity, type TimeEntryStatus } from './entities/time-entry.entity.js';

/** What an entry overlaps: pending and approved entries hold their time, rejected ones do not. */
export const LIVE_ENTRY_STATUSES: readonly TimeEntryStatus[] = ['pending', 'approved'];
const DAY_MS = 86_400_000;

/** Manual time entries; every query is scoped by organization. */
@Injectable()
export class TimeEntriesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(TimeEntryEntity);
  }

  /**
   * Inserts (or, with `update`, rewrites) the entry unless another live entry of the employee
   * overlaps it; then nothing is written and that entry is returned. Check and write are one
   * transaction: SQLite runs them synchronously, MySQL locks the employee's entries in range.
   */
  async saveUnlessOverlapping(
    entry: TimeEntryEntity,
    mode: 'insert' | 'update',
  ): Promise<TimeEntryEntity | null> {
    if (dialectOf(this.dataSource) === 'sqlite') {
      const write =
        mode === 'insert'
          ? this.repo.createQueryBuilder().insert().into(TimeEntryEntity).values(entry)
          : this.repo
              .createQueryBuilder()
              .update(TimeEntryEntity)
              .set(entry)
              .where('id = :id AND organizationId = :org', {
                id: entry.id,
                org: entry.organizationId,
              });
      const [writeSql, writeParams] = write.getQueryAndParameters();
      const [clashSql, clashParams] = this.overlapQuery(
        this.repo.createQueryBuilder('e'),
        entry,
      ).getQueryAndParameters();
      const clashId = await inSqliteTransaction(this.dataSource, (db) => {
        const row = db.prepare(clashSql).get(...(clashParams as unknown[])) as
          { e_id: string } | undefined;
        if (row) return row.e_id;
        db.prepare(writeSql).run(...(writeParams as unknown[]));
        return null;
      });
      return clashId ? this.repo.findOneBy({ id: clashId }) : null;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
          const clash = await this.overlapQuery(
            manager.getRepository(TimeEntryEntity).createQueryBuilder('e'),
            entry,
          )
            .setLock('pessimistic_write')
            .getOne();
          if (clash) return clash;
          if (mode === 'insert') await manager.insert(TimeEntryEntity, entry);
          else {
            const { id, organizationId, ...rest } = entry;
            await manager.update(TimeEntryEntity, { id, organizationId }, rest);
          }
          return null;
        });
      } catch (error) {
        // Two overlapping entries of one employee at once: one loses the lock race, reruns.
        if (!isTransientLockError(error) || attempt >= MAX_LOCK_RETRIES) throw error;
        await sleep(Math.random() * 20 * attempt);
      }
    }
  }

  private overlapQuery(
    qb: SelectQueryBuilder<TimeEntryEntity>,
    entry: TimeEntryEntity,
  ): SelectQueryBuilder<TimeEntryEntity> {
    // Entries last at most a day: startMs > start - 1 day keeps the index usable.
    return qb
      .select(['e.id', 'e.startMs', 'e.endMs', 'e.status', 'e.kind', 'e.employeeId'])
      .where('e.organizationId = :organizationId', { organizationId: entry.organizationId })
      .andWhere('e.employeeId = :employeeId', { employeeId: entry.employeeId })
      .andWhere('e.startMs > :lo', { lo: Number(entry.startMs) - DAY_MS })
      .andWhere('e.startMs < :endMs', { endMs: Number(entry.endMs) })
      .andWhere('e.endMs > :startMs', { startMs: Number(entry.startMs) })
      .andWhere('e.status IN (:...live)', { live: LIVE_ENTRY_STATUSES })
      .andWhere('e.id <> :self', { self: entry.id })
      .orderBy('e.startMs', 'ASC')
      .limit(1);
  }

  findById(organizationId: string, id: string): Promise<TimeEntryEntity | null> {
    return this.repo.findOneBy({ organizationId, id });
  }

  /** Entries of the employees whose local day lies in [fromDay, toDay], by start. */
  async list(
    organizationId: string,
    filter: {
      employeeIds: string[] | 'all';
      fromDay?: string;
      toDay?: string;
      status?: TimeEntryStatus[];
    },
  ): Promise<TimeEntryEntity[]> {
    const chunks = filter.employeeIds === 'all' ? [null] : inListSlices(filter.employeeIds);
    const out: TimeEntryEntity[] = [];
    for (const chunk of chunks) {
      const qb = this.repo
        .createQueryBuilder('e')
        .where('e.organizationId = :organizationId', { organizationId });
      if (chunk) qb.andWhere('e.employeeId IN (:...ids)', { ids: chunk });
      if (filter.fromDay) qb.andWhere('e.day >= :from', { from: filter.fromDay });
      if (filter.toDay) qb.andWhere('e.day <= :to', { to: filter.toDay });
      if (filter.status) qb.andWhere('e.status IN (:...st)', { st: filter.status });
      out.push(...(await qb.orderBy('e.startMs', 'ASC').take(5000).getMany()));
    }
    return out.sort((a, b) => Number(a.startMs) - Number(b.startMs) || (a.id < b.id ? -1 : 1));
  }

  /** Whether any entry is booked to the project (or to the task of it). */
  hasBookings(organizationId: string, projectId: string, taskId: string | null): Promise<boolean> {
    return this.repo.exists({
      where: taskId ? { organizationId, projectId, taskId } : { organizationId, projectId },
    });
  }

  countPending(organizationId: string, employeeId: string): Promise<number> {
    return this.repo.countBy({ organizationId, employeeId, status: 'pending' });
  }

  /** Moves a pending entry to a decision; false when it was no longer pending. */
  async decide(
    organizationId: string,
    id: string,
    status: TimeEntryStatus,
    userId: string,
    comment: string | null,
    now: number,
  ): Promise<boolean> {
    const result = await this.repo.update(
      { organizationId, id, status: 'pending' },
      { status, decidedByUserId: userId, decisionComment: comment, updatedAtMs: now },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Approves every pending entry of the employee on days [fromDay, toDay]; their ids. */
  async approvePendingIn(
    organizationId: string,
    employeeId: string,
    fromDay: string,
    toDay: string,
    userId: string,
    now: number,
  ): Promise<string[]> {
    const pending = await this.list(organizationId, {
      employeeIds: [employeeId],
      fromDay,
      toDay,
      status: ['pending'],
    });
    if (pending.length === 0) return [];
    await this.repo.update(
      { organizationId, id: In(pending.map((e) => e.id)), status: 'pending' },
      { status: 'approved', decidedByUserId: userId, updatedAtMs: now },
    );
    return pending.map((e) => e.id);
  }

  async delete(organizationId: string, id: string): Promise<boolean> {
    const result = await this.repo.delete({ organizationId, id });
    return (result.affected ?? 0) > 0;
  }
}
