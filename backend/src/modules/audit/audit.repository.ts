import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  And,
  DataSource,
  LessThan,
  Like,
  MoreThan,
  MoreThanOrEqual,
  type EntityManager,
  type FindOperator,
  type FindOptionsWhere,
} from 'typeorm';
import { dialectOf } from '#src/database/dialect.js';
import { entryHash, GENESIS_HASH, type ChainedFields } from './audit-chain.js';
import { AuditEntryEntity, AuditHeadEntity } from './audit-entry.entity.js';

export type NewAuditEntry = Omit<ChainedFields, 'seq'>;

export interface AuditFilter {
  /** One action, or every action under a prefix ending in a dot (`team.`). */
  action?: string;
  subjectEmployeeId?: string;
  actorUserId?: string;
  /** Epoch milliseconds: entries at or after `from` and before `to`. */
  from?: number;
  to?: number;
}

function whereOf(organizationId: string, f: AuditFilter): FindOptionsWhere<AuditEntryEntity> {
  const at: FindOperator<number>[] = [];
  if (f.from !== undefined) at.push(MoreThanOrEqual(f.from));
  if (f.to !== undefined) at.push(LessThan(f.to));
  return {
    organizationId,
    // Actions hold only [a-z0-9.-] (validated), so nothing in a prefix is a LIKE wildcard.
    ...(f.action ? { action: f.action.endsWith('.') ? Like(`${f.action}%`) : f.action } : {}),
    ...(f.subjectEmployeeId ? { subjectEmployeeId: f.subjectEmployeeId } : {}),
    ...(f.actorUserId ? { actorUserId: f.actorUserId } : {}),
    ...(at.length > 0 ? { at: at.length === 1 ? at[0] : And(...at) } : {}),
  };
}

@Injectable()
export class AuditRepository {
  /** Appends of one process run one after another per organization (SQLite has one connection). */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  append(entry: NewAuditEntry): Promise<AuditEntryEntity> {
    const previous = this.tails.get(entry.organizationId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.appendNow(entry));
    this.tails.set(entry.organizationId, next);
    void next.finally(() => {
      if (this.tails.get(entry.organizationId) === next) this.tails.delete(entry.organizationId);
    });
    return next;
  }

  private appendNow(entry: NewAuditEntry): Promise<AuditEntryEntity> {
    return this.dataSource.transaction(async (manager) => {
      const head = await this.lockHead(manager, entry.organizationId);
      const seq = (head?.seq ?? 0) + 1;
      const prevHash = head?.hash ?? GENESIS_HASH;
      const hash = entryHash(prevHash, { ...entry, seq });
      const row = manager.create(AuditEntryEntity, {
        id: randomUUID(),
        ...entry,
        seq,
        prevHash,
        hash,
      });
      await manager.insert(AuditEntryEntity, row);
      if (head) {
        await manager.update(
          AuditHeadEntity,
          { organizationId: entry.organizationId },
          { seq, hash },
        );
      } else {
        await manager.insert(AuditHeadEntity, { organizationId: entry.organizationId, seq, hash });
      }
      return row;
    });
  }

  private async lockHead(manager: EntityManager, organizationId: string) {
    if (dialectOf(this.dataSource) === 'sqlite') {
      return manager.findOneBy(AuditHeadEntity, { organizationId });
    }
    // Two api replicas appending at once wait here instead of forking the chain.
    return manager.findOne(AuditHeadEntity, {
      where: { organizationId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  head(organizationId: string): Promise<AuditHeadEntity | null> {
    return this.dataSource.getRepository(AuditHeadEntity).findOneBy({ organizationId });
  }

  async list(
    organizationId: string,
    filter: AuditFilter,
    page: { page: number; pageSize: number },
  ): Promise<{ items: AuditEntryEntity[]; total: number }> {
    const [items, total] = await this.dataSource.getRepository(AuditEntryEntity).findAndCount({
      where: whereOf(organizationId, filter),
      order: { seq: 'DESC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    return { items, total };
  }

  count(organizationId: string, filter: AuditFilter): Promise<number> {
    return this.dataSource.getRepository(AuditEntryEntity).countBy(whereOf(organizationId, filter));
  }

  /** Up to `limit` entries matching the filter, newest first, read a page at a time. */
  async *newestFirst(
    organizationId: string,
    filter: AuditFilter,
    limit: number,
    pageSize = 1000,
  ): AsyncGenerator<AuditEntryEntity[]> {
    let before: number | null = null;
    let left = limit;
    while (left > 0) {
      const where = whereOf(organizationId, filter);
      const rows: AuditEntryEntity[] = await this.dataSource.getRepository(AuditEntryEntity).find({
        where: before === null ? where : { ...where, seq: LessThan(before) },
        order: { seq: 'DESC' },
        take: Math.min(pageSize, left),
      });
      if (rows.length > 0) yield rows;
      if (rows.length < Math.min(pageSize, left)) return;
      left -= rows.length;
      before = rows[rows.length - 1].seq;
    }
  }

  /** The chain in seq order, a page at a time. */
  async *chain(organizationId: string, pageSize = 1000): AsyncGenerator<AuditEntryEntity> {
    let after = 0;
    for (;;) {
      const rows = await this.dataSource.getRepository(AuditEntryEntity).find({
        where: { organizationId, seq: MoreThan(after) },
        order: { seq: 'ASC' },
        take: pageSize,
      });
      yield* rows;
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].seq;
    }
  }

  /** Entries about one person (for their access request), oldest first. */
  findAbout(organizationId: string, employeeId: string): Promise<AuditEntryEntity[]> {
    return this.dataSource.getRepository(AuditEntryEntity).find({
      where: { organizationId, subjectEmployeeId: employeeId },
      order: { seq: 'ASC' },
    });
  }

  async deleteOlderThan(organizationId: string, cutoffMs: number): Promise<number> {
    const result = await this.dataSource
      .getRepository(AuditEntryEntity)
      .delete({ organizationId, at: LessThan(cutoffMs) });
    return result.affected ?? 0;
  }
}
