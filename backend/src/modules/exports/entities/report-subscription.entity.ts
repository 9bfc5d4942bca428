import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ExportFormat, SubscriptionReport } from './report-export.entity.js';

export const DELIVERIES = ['attachment', 'link'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** A user's standing order for a weekly or monthly report of the teams they may see. */
@Entity('report_subscriptions')
@Index('ix_report_subscriptions_org_user', ['organizationId', 'userId'])
export class ReportSubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 8 })
  frequency!: 'weekly' | 'monthly';

  @Column({ type: 'varchar', length: 8 })
  format!: ExportFormat;

  /** Which report the mail carries; subscriptions from before the choice carry the summary. */
  @Column({ type: 'varchar', length: 32, default: 'summary' })
  report!: SubscriptionReport;

  /** One team; null: every team the user may see when it runs. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  teamId!: string | null;

  @Column({ type: 'varchar', length: 12 })
  delivery!: Delivery;

  /** First day of the last period sent (YYYY-MM-DD): each period goes out once. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  lastPeriodFrom!: string | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;
}
