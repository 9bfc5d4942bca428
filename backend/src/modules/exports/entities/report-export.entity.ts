import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const EXPORT_REPORTS = [
  'summary',
  'usage',
  'timeline',
  'attendance',
  'attendance-totals',
  'payroll',
] as const;
export type ExportReport = (typeof EXPORT_REPORTS)[number];

/** The reports a scheduled mail can carry (a timeline of every span is no mail attachment). */
export const SUBSCRIPTION_REPORTS = [
  'summary',
  'usage',
  'attendance',
  'attendance-totals',
] as const satisfies readonly ExportReport[];
export type SubscriptionReport = (typeof SUBSCRIPTION_REPORTS)[number];

/** What POST /exports may ask for; a payroll file is asked for under /payroll (HR, a whole month). */
export const GENERIC_EXPORT_REPORTS = [
  'summary',
  'usage',
  'timeline',
  'attendance',
  'attendance-totals',
] as const satisfies readonly ExportReport[];

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_STATUSES = ['queued', 'running', 'completed', 'failed', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export interface ExportTotals {
  employees: number;
  activeSeconds: number;
  productiveSeconds: number;
}

export interface ExportFilters {
  teamId?: string;
  employeeId?: string;
}

/**
 * A report export: the durable state of the job (the queue only runs it). A run holds a lease it
 * renews while alive; a run whose worker died loses it, and the next run takes over.
 */
@Entity('report_exports')
@Index('ix_report_exports_org_user_created', ['organizationId', 'requestedByUserId', 'createdAt'])
@Index('ix_report_exports_status_updated', ['status', 'updatedAt'])
@Index('ix_report_exports_expires', ['expiresAt'])
export class ReportExportEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  requestedByUserId!: string;

  /** The scheduled report subscription that asked for it, if any. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  subscriptionId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  report!: ExportReport;

  @Column({ type: 'varchar', length: 8 })
  format!: ExportFormat;

  /** YYYY-MM-DD, inclusive. */
  @Column({ type: 'varchar', length: 10 })
  fromDay!: string;

  @Column({ type: 'varchar', length: 10 })
  toDay!: string;

  @Column({ type: 'simple-json' })
  filters!: ExportFilters;

  /** Headers and number formats: en, ru or uk. */
  @Column({ type: 'varchar', length: 8 })
  locale!: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status!: ExportStatus;

  /** 0-100. */
  @Column({ type: 'int', default: 0 })
  progress!: number;

  @Column({ type: 'int', default: 0 })
  rowCount!: number;

  /** Relative to DATA_DIR/files. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  filePath!: string | null;

  @Column({ type: 'bigint', nullable: true })
  fileSize!: number | null;

  /** For summaries: what a scheduled report mail quotes. */
  @Column({ type: 'simple-json', nullable: true })
  totals!: ExportTotals | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Identifies the run that holds the lease; only it may report progress or finish. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  runToken!: string | null;

  @Column({ type: 'datetime', nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'int', default: 0 })
  runs!: number;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;

  @Column({ type: 'datetime', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'datetime', nullable: true })
  expiresAt!: Date | null;
}
