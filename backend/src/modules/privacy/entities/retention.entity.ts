import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** How long an organization keeps each kind of data (privacy policy 6.3); the daily purge applies it. */
@Entity('privacy_retention_settings')
export class RetentionSettingsEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'int' })
  rawActivityDays!: number;

  @Column({ type: 'int' })
  dailyTotalsDays!: number;

  @Column({ type: 'int' })
  exportFileDays!: number;

  @Column({ type: 'int' })
  auditDays!: number;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;
}
