import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const TIME_ENTRY_KINDS = ['work', 'meeting', 'call', 'other'] as const;
export type TimeEntryKind = (typeof TIME_ENTRY_KINDS)[number];
export const TIME_ENTRY_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type TimeEntryStatus = (typeof TIME_ENTRY_STATUSES)[number];

/**
 * Time an employee worked that the agent did not see (a meeting room, a call, a site visit), or an
 * idle/offline stretch turned into work. [startMs, endMs) never overlaps the employee's tracked
 * active time nor their other pending or approved entries. Counts once approved (or at once when
 * the organization trusts manual time).
 */
@Entity('time_entries')
@Index('ix_time_entries_org_employee_start', ['organizationId', 'employeeId', 'startMs'])
@Index('ix_time_entries_org_status', ['organizationId', 'status'])
export class TimeEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  employeeId!: string;

  /** Epoch milliseconds, UTC. */
  @Column({ type: 'bigint' })
  startMs!: number;

  /** Epoch milliseconds, UTC; > startMs, at most 24 h after it. */
  @Column({ type: 'bigint' })
  endMs!: number;

  /** The employee's local day the entry starts on (YYYY-MM-DD): the timesheet day it lands on. */
  @Column({ type: 'varchar', length: 10 })
  day!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: TimeEntryKind;

  @Column({ type: 'varchar', length: 36, nullable: true })
  projectId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  taskId!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: TimeEntryStatus;

  @Column({ type: 'varchar', length: 36 })
  createdByUserId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  updatedByUserId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  decidedByUserId!: string | null;

  /** Why it was rejected (the decider's words). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  decisionComment!: string | null;

  /** Epoch milliseconds. */
  @Column({ type: 'bigint' })
  createdAtMs!: number;

  /** Epoch milliseconds. */
  @Column({ type: 'bigint' })
  updatedAtMs!: number;
}
