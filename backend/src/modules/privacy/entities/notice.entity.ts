import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const LANGUAGES = ['en', 'ru', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];
export type LocalizedTexts = Partial<Record<Language, string>>;

/**
 * The monitoring notice shown on tracked workstations (privacy policy 1.8), one row per version.
 * A draft has no publishedAt; the current notice is the published one with the highest version.
 */
@Entity('privacy_notices')
@Index('ux_privacy_notices_org_version', ['organizationId', 'version'], { unique: true })
export class MonitoringNoticeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'simple-json' })
  texts!: LocalizedTexts;

  @Column({ type: 'datetime', nullable: true })
  publishedAt!: Date | null;

  /** The text tells employees that screenshots are taken: screenshots may be turned on under it. */
  @Column({ type: 'boolean', default: false })
  coversScreenshots!: boolean;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;
}

/** A person acknowledged one notice version on one device. */
@Entity('privacy_notice_acknowledgements')
@Index('ux_privacy_notice_ack', ['employeeId', 'version', 'deviceId'], { unique: true })
@Index('ix_privacy_notice_ack_org_version', ['organizationId', 'version'])
export class NoticeAcknowledgementEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  employeeId!: string;

  @Column({ type: 'varchar', length: 36 })
  deviceId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 8 })
  language!: string;

  @Column({ type: 'datetime' })
  acknowledgedAt!: Date;
}
