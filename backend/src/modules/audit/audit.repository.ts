import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, LessThan, MoreThan, type EntityManager } from 'typeorm';
import { dialectOf } from '../../database/dialect.js';
import { entryHash, GENESIS_HASH, type ChainedFields } from './audit-chain.js';
import { AuditEntryEntity, AuditHeadEntity } from './audit-entry.entity.js';

export type NewAuditEntry = Omit<ChainedFields, 'seq'>;

export interface AuditFilter {
  action?: string;
  subjectEmployeeId?: string;
  actorUserId?: string;
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
      where: { organizationId, ...filter },
      order: { seq: 'DESC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    return { items, total };
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
