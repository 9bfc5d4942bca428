import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event for one subscription. The row is the durable state: written with the business change
 * where the publisher has a transaction; the queue only executes attempts, and the sweeper
 * re-queues pending rows that are due.
 */
@Entity('webhook_deliveries')
@Index('ux_webhook_deliveries_event', ['subscriptionId', 'eventId'], { unique: true })
@Index('ix_webhook_deliveries_due', ['status', 'nextAttemptAt'])
@Index('ix_webhook_deliveries_log', ['organizationId', 'subscriptionId', 'createdAt'])
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  subscriptionId!: string;

  @Column({ type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ type: 'varchar', length: 64 })
  eventName!: string;

  /** The exact body sent on every attempt (the signature covers it with a fresh timestamp). */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** When the next attempt is due; while one runs, the end of its lease. */
  @Column({ type: 'datetime' })
  nextAttemptAt!: Date;

  /** Retries stop after this; a manual retry opens a new window. */
  @Column({ type: 'datetime' })
  giveUpAt!: Date;

  @Column({ type: 'int', nullable: true })
  lastStatusCode!: number | null;

  @Column({ type: 'int', nullable: true })
  lastDurationMs!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime', nullable: true })
  completedAt!: Date | null;
}

/** What one attempt got back. */
@Entity('webhook_delivery_attempts')
@Index('ix_webhook_delivery_attempts_delivery', ['deliveryId', 'attempt'])
export class WebhookDeliveryAttemptEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  deliveryId!: string;

  @Column({ type: 'int' })
  attempt!: number;

  @Column({ type: 'datetime' })
  attemptedAt!: Date;

  /** null: no HTTP answer (refused address, connection error, timeout). */
  @Column({ type: 'int', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'int' })
  durationMs!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;
}
