import { Column, Entity, PrimaryColumn } from 'typeorm';

export const TIMESHEET_PERIODS = ['weekly', 'monthly'] as const;
export type TimesheetPeriod = (typeof TIMESHEET_PERIODS)[number];

/** An organization's timesheet settings; no row means the defaults (weekly, manual time approved). */
@Entity('timesheet_settings')
export class TimesheetSettingsEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** Manual entries count at once, without approval. */
  @Column({ type: 'boolean', default: false })
  trustManualTime!: boolean;

  @Column({ type: 'varchar', length: 16, default: 'weekly' })
  period!: TimesheetPeriod;

  @Column({ type: 'varchar', length: 36, nullable: true })
  updatedByUserId!: string | null;
}
