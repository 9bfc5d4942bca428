import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const TIMESHEET_STATUSES = ['submitted', 'approved', 'returned'] as const;
export type TimesheetStatus = (typeof TIMESHEET_STATUSES)[number];

/**
 * An employee's timesheet for one period (a week or a month) once submitted: before that the
 * period is an open draft and has no row. Approved by their manager or HR, or sent back with a
 * comment (then the employee corrects and submits again).
 */
@Entity('timesheets')
@Index('ux_timesheets_org_employee_period', ['organizationId', 'employeeId', 'periodStart'], {
  unique: true,
})
@Index('ix_timesheets_org_status', ['organizationId', 'status'])
export class TimesheetEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  employeeId!: string;

  /** YYYY-MM-DD, inclusive. */
  @Column({ type: 'varchar', length: 10 })
  periodStart!: string;

  /** YYYY-MM-DD, inclusive. */
  @Column({ type: 'varchar', length: 10 })
  periodEnd!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: TimesheetStatus;

  /** Seconds as submitted: tracked (by project) and manual. */
  @Column({ type: 'int', default: 0 })
  trackedSeconds!: number;

  @Column({ type: 'int', default: 0 })
  manualSeconds!: number;

  @Column({ type: 'varchar', length: 36 })
  submittedByUserId!: string;

  @Column({ type: 'bigint' })
  submittedAtMs!: number;

  @Column({ type: 'varchar', length: 36, nullable: true })
  decidedByUserId!: string | null;

  @Column({ type: 'bigint', nullable: true })
  decidedAtMs!: number | null;

  /** The decider's comment (why it was sent back, or a note with the approval). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment!: string | null;
}
