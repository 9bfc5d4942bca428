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
import { AbsenceEntity, type AbsenceKind, type AbsenceStatus } from './entities/absence.entity.js';

export interface AbsenceFilter {
  /** Only these employees ('all': the organization); empty matches nothing. */
  employeeIds: string[] | 'all';
  /** Absences ending on or after this day. */
  from?: string;
  /** Absences starting on or before this day. */
  to?: string;
  status?: AbsenceStatus;
  kind?: AbsenceKind;
}

/** A position in the list order (fromDay, employeeId, id): the page starts after it. */
export interface AbsenceListKey {
  fromDay: string;
  employeeId: string;
  id: string;
}

/** What an absence overlaps: requested and approved ones count, rejected ones do not. */
export const LIVE_STATUSES: readonly AbsenceStatus[] = ['requested', 'approved'];

function chunksOf(ids: string[] | 'all'): (string[] | null)[] {
  return ids === 'all' ? [null] : inListSlices(ids);
}

function byListOrder(a: AbsenceListKey, b: AbsenceListKey): number {
  const ordinal = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    ordinal(a.fromDay, b.fromDay) || ordinal(a.employeeId, b.employeeId) || ordinal(a.id, b.id)
  );
}

/** Absences; every query is scoped by organization. */
@Injectable()
export class AbsencesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(AbsenceEntity);
  }

  /**
   * Stores the absence unless a requested or approved absence of the same employee shares a day
   * with it; then nothing is stored and that absence is returned. Two overlapping filings at the
   * same moment cannot both pass: SQLite runs check and insert as one synchronous transaction,
   * MySQL locks the employee's absences (and the gaps between them) until the insert commits.
   */
  async insertUnlessOverlapping(absence: AbsenceEntity): Promise<AbsenceEntity | null> {
    if (dialectOf(this.dataSource) === 'sqlite') {
      const [insertSql, insertParams] = this.repo
        .createQueryBuilder()
        .insert()
        .into(AbsenceEntity)
        .values(absence)
        .getQueryAndParameters();
      const [clashSql, clashParams] = this.overlapQuery(
        this.repo.createQueryBuilder('a'),
        absence,
      ).getQueryAndParameters();
      const clashId = await inSqliteTransaction(this.dataSource, (db) => {
        const row = db.prepare(clashSql).get(...(clashParams as unknown[])) as
          { a_id: string } | undefined;
        if (row) return row.a_id;
        db.prepare(insertSql).run(...(insertParams as unknown[]));
        return null;
      });
      return clashId ? this.repo.findOneBy({ id: clashId }) : null;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
          const clash = await this.overlapQuery(
            manager.getRepository(AbsenceEntity).createQueryBuilder('a'),
            absence,
          )
            .setLock('pessimistic_write')
            .getOne();
          if (clash) return clash;
          await manager.insert(AbsenceEntity, absence);
          return null;
        });
      } catch (error) {
        // Two overlapping filings for one employee at once: one loses the lock race, reruns.
        if (!isTransientLockError(error) || attempt >= MAX_LOCK_RETRIES) throw error;
        await sleep(Math.random() * 20 * attempt);
      }
    }
  }

  private overlapQuery(
    qb: SelectQueryBuilder<AbsenceEntity>,
    absence: AbsenceEntity,
  ): SelectQueryBuilder<AbsenceEntity> {
    return qb
      .select('a.id')
      .addSelect(['a.fromDay', 'a.toDay', 'a.kind', 'a.status', 'a.employeeId'])
      .where('a.organizationId = :organizationId', { organizationId: absence.organizationId })
      .andWhere('a.employeeId = :employeeId', { employeeId: absence.employeeId })
      .andWhere('a.fromDay <= :toDay', { toDay: absence.toDay })
      .andWhere('a.toDay >= :fromDay', { fromDay: absence.fromDay })
      .andWhere('a.status IN (:...live)', { live: LIVE_STATUSES })
      .orderBy('a.fromDay', 'ASC')
      .limit(1);
  }

  countRequested(organizationId: string, employeeId: string): Promise<number> {
    return this.repo.countBy({ organizationId, employeeId, status: 'requested' });
  }

  findById(organizationId: string, id: string): Promise<AbsenceEntity | null> {
    return this.repo.findOneBy({ organizationId, id });
  }

  private filtered(
    organizationId: string,
    filter: AbsenceFilter,
    chunk: string[] | null,
  ): SelectQueryBuilder<AbsenceEntity> {
    const qb = this.repo
      .createQueryBuilder('a')
      .where('a.organizationId = :organizationId', { organizationId });
    if (chunk) qb.andWhere('a.employeeId IN (:...ids)', { ids: chunk });
    if (filter.from) qb.andWhere('a.toDay >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.fromDay <= :to', { to: filter.to });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.kind) qb.andWhere('a.kind = :kind', { kind: filter.kind });
    return qb;
  }

  /** Every match, in list order. */
  async list(organizationId: string, filter: AbsenceFilter): Promise<AbsenceEntity[]> {
    if (filter.employeeIds !== 'all' && filter.employeeIds.length === 0) return [];
    const out: AbsenceEntity[] = [];
    for (const chunk of chunksOf(filter.employeeIds)) {
      out.push(...(await this.filtered(organizationId, filter, chunk).getMany()));
    }
    return out.sort(byListOrder);
  }

  /** Up to limit matches after the key, in list order, and whether more follow. */
  async page(
    organizationId: string,
    filter: AbsenceFilter,
    after: AbsenceListKey | null,
    limit: number,
  ): Promise<{ items: AbsenceEntity[]; more: boolean }> {
    if (filter.employeeIds !== 'all' && filter.employeeIds.length === 0) {
      return { items: [], more: false };
    }
    const out: AbsenceEntity[] = [];
    for (const chunk of chunksOf(filter.employeeIds)) {
      const qb = this.filtered(organizationId, filter, chunk);
      if (after) {
        qb.andWhere(
          '(a.fromDay > :afterDay OR (a.fromDay = :afterDay AND (a.employeeId > :afterEmployee OR (a.employeeId = :afterEmployee AND a.id > :afterId))))',
          { afterDay: after.fromDay, afterEmployee: after.employeeId, afterId: after.id },
        );
      }
      out.push(
        ...(await qb
          .orderBy('a.fromDay', 'ASC')
          .addOrderBy('a.employeeId', 'ASC')
          .addOrderBy('a.id', 'ASC')
          .take(limit + 1)
          .getMany()),
      );
    }
    out.sort(byListOrder);
    return { items: out.slice(0, limit), more: out.length > limit };
  }

  /** Cancels an absence that is still in one of the given states; false when it no longer was. */
  async cancel(organizationId: string, id: string, from: AbsenceStatus[]): Promise<boolean> {
    const result = await this.repo.update(
      { organizationId, id, status: In(from) },
      { status: 'cancelled' },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Moves a requested absence to a decision; false when it was no longer requested. */
  async decide(
    organizationId: string,
    id: string,
    status: AbsenceStatus,
    userId: string,
  ): Promise<boolean> {
    const result = await this.repo.update(
      { organizationId, id, status: 'requested' },
      { status, decidedByUserId: userId },
    );
    return (result.affected ?? 0) > 0;
  }
}
