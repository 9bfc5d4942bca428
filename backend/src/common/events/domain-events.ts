import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { logger } from '../logging/logger.js';
import type {
  AnyDomainEvent,
  DomainEvent,
  DomainEventMap,
  DomainEventName,
} from './domain-event-map.js';

/**
 * Runs inside the publisher's transaction (when it gave one): what it writes commits or rolls back
 * with the business change. Work outside the database goes through `afterCommit`.
 */
export type DomainEventHandler = (event: AnyDomainEvent, tx: EntityManager) => Promise<void>;

export interface PublishOptions {
  /** The publisher's transaction; subscribers write their rows in it. Unset: autocommit. */
  tx?: EntityManager;
  /** Makes the event id deterministic: publishing the same key twice is one event. */
  dedupeKey?: string;
  occurredAt?: Date;
}

/**
 * In-process publish/subscribe between modules. Feature modules publish; consumers (webhooks)
 * subscribe at start-up, so no feature module imports its consumers.
 */
@Injectable()
export class DomainEvents implements OnModuleInit {
  private readonly handlers: DomainEventHandler[] = [];
  private readonly pending = new WeakMap<QueryRunner, (() => Promise<void>)[]>();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    // TypeORM tells subscribers when a transaction commits; that is when queue work may start.
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: (event: TransactionCommitEvent) => this.committed(event.queryRunner),
      afterTransactionRollback: (event: TransactionRollbackEvent) => {
        if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
      },
    };
    this.dataSource.subscribers.push(subscriber);
  }

  subscribe(handler: DomainEventHandler): void {
    this.handlers.push(handler);
  }

  async publish<N extends DomainEventName>(
    name: N,
    organizationId: string,
    data: DomainEventMap[N],
    options: PublishOptions = {},
  ): Promise<DomainEvent<N>> {
    const event: DomainEvent<N> = {
      id: options.dedupeKey ? uuidFromKey(`${name}:${options.dedupeKey}`) : randomUUID(),
      name,
      organizationId,
      occurredAt: options.occurredAt ?? new Date(),
      data,
    };
    const tx = options.tx ?? this.dataSource.manager;
    for (const handler of this.handlers) await handler(event as AnyDomainEvent, tx);
    return event;
  }

  /** Runs `work` once the transaction of `tx` commits (at once when there is none); dropped on rollback. */
  afterCommit(tx: EntityManager, work: () => Promise<void>): void {
    const runner = tx.queryRunner;
    if (!runner || !runner.isTransactionActive) {
      void run(work);
      return;
    }
    const list = this.pending.get(runner) ?? [];
    list.push(work);
    this.pending.set(runner, list);
  }

  private committed(runner: QueryRunner): void {
    // A released savepoint broadcasts a commit too; only the outermost one counts.
    if (runner.isTransactionActive) return;
    const list = this.pending.get(runner);
    if (!list) return;
    this.pending.delete(runner);
    for (const work of list) void run(work);
  }
}

async function run(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    // The rows are durable; the sweeper picks up what could not be started now.
    logger.warn({ err: error }, 'after-commit work of a domain event failed');
  }
}

/** A UUID (version 8 layout) derived from a key, so a re-published event keeps its id. */
export function uuidFromKey(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
