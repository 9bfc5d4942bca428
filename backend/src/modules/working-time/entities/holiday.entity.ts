import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A non-working day for everyone in the organization, on that date of each one's calendar. */
@Entity('holidays')
@Index('ux_holidays_org_date', ['organizationId', 'date'], { unique: true })
export class HolidayEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;
}
