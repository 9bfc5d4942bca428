import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A closed calendar month of an organization: its figures are frozen until it is unlocked. */
@Entity('period_locks')
@Index('ux_period_locks_org_month', ['organizationId', 'month'], { unique: true })
export class PeriodLockEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** YYYY-MM. */
  @Column({ type: 'varchar', length: 7 })
  month!: string;

  /** Epoch milliseconds. */
  @Column({ type: 'bigint' })
  lockedAt!: number;

  @Column({ type: 'varchar', length: 36, nullable: true })
  lockedByUserId!: string | null;
}
