import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One attendance row (an employee's local day) as it was when its month was locked. */
@Entity('period_frozen_attendance')
@Index('ix_period_frozen_attendance_org_month', ['organizationId', 'month'])
export class FrozenAttendanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  employeeId!: string;

  /** YYYY-MM-DD, a local day of the employee. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** YYYY-MM of the lock this row belongs to. */
  @Column({ type: 'varchar', length: 7 })
  month!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'int' })
  scheduledSeconds!: number;

  @Column({ type: 'int' })
  workedSeconds!: number;

  @Column({ type: 'varchar', length: 30, nullable: true })
  arrivedAt!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  leftAt!: string | null;

  @Column({ type: 'int' })
  lateSeconds!: number;

  @Column({ type: 'int' })
  earlyLeaveSeconds!: number;

  @Column({ type: 'int' })
  overtimeSeconds!: number;

  /** vacation | sick | other on an approved absence's day, else null. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  absenceKind!: string | null;

  /** On an approved absence's day: the scheduled time it replaced, in seconds (else 0). */
  @Column({ type: 'int', default: 0 })
  absenceSeconds!: number;
}
