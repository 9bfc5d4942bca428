import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An employee's activity totals of a local day (what the summary sums) as they were at lock time. */
@Entity('period_frozen_day_totals')
@Index('ix_period_frozen_day_totals_org_month', ['organizationId', 'month'])
export class FrozenDayTotalEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  employeeId!: string;

  /** YYYY-MM-DD, a local day of the employee. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 7 })
  month!: string;

  @Column({ type: 'bigint' })
  activeMs!: number;

  @Column({ type: 'bigint' })
  idleMs!: number;

  @Column({ type: 'bigint', nullable: true })
  firstActiveMs!: number | null;

  @Column({ type: 'bigint', nullable: true })
  lastActiveMs!: number | null;

  @Column({ type: 'bigint' })
  productiveMs!: number;

  @Column({ type: 'bigint' })
  neutralMs!: number;

  @Column({ type: 'bigint' })
  unproductiveMs!: number;
}
