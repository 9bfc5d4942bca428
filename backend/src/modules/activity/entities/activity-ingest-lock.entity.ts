import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * MySQL/MariaDB only. One row per device that sent spans: ingestion locks it (an upsert) for the
 * length of a batch's transaction, so two batches of one device (a retry racing the original) are
 * stored one after the other, and one event never gets two rows in two partitions.
 */
@Entity('activity_ingest_locks')
export class ActivityIngestLockEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  deviceId!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** Some event of the device was stored at another start (activity_span_moves has rows of it). */
  @Column({ type: 'boolean', default: false })
  movesNoted!: boolean;
}
