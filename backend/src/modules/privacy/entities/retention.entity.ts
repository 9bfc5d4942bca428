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

/** A closed organization: everything it holds is purged once purgeAt has passed. */
@Entity('privacy_organization_closures')
export class OrganizationClosureEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'datetime' })
  closedAt!: Date;

  @Column({ type: 'datetime' })
  purgeAt!: Date;

  @Column({ type: 'varchar', length: 36, nullable: true })
  closedByUserId!: string | null;
}
