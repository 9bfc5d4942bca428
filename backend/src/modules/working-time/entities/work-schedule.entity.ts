import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** One working day of a schedule: ISO weekday (1 = Monday) and local wall times HH:MM. */
export interface WorkScheduleDay {
  weekday: number;
  start: string;
  end: string;
}

/** When an organization's employees are expected to work; weekdays not listed are days off. */
@Entity('work_schedules')
@Index('ix_work_schedules_org', ['organizationId'])
export class WorkScheduleEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** JSON array of WorkScheduleDay, sorted by weekday. */
  @Column({ type: 'text' })
  days!: string;

  @Column({ type: 'int' })
  lateAfterMinutes!: number;

  /** The organization's default schedule (at most one per organization). */
  @Column({ type: 'boolean', default: false })
  isDefault!: boolean;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;
}
