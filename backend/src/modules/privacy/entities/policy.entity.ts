import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Language, LocalizedTexts } from './notice.entity.js';

/**
 * A published privacy-policy version (privacy policy 8.1, 8.2, 8.4): in force from effectiveAt,
 * which is at least 30 days after publication. Versions are never edited.
 */
@Entity('privacy_policy_versions')
@Index('ux_privacy_policy_org_version', ['organizationId', 'version'], { unique: true })
@Index('ix_privacy_policy_org_effective', ['organizationId', 'effectiveAt'])
export class PolicyVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'simple-json' })
  texts!: LocalizedTexts;

  /** The language that prevails when versions differ (8.4). */
  @Column({ type: 'varchar', length: 8 })
  authoritativeLanguage!: Language;

  @Column({ type: 'varchar', length: 500, nullable: true })
  summary!: string | null;

  @Column({ type: 'datetime' })
  publishedAt!: Date;

  @Column({ type: 'datetime' })
  effectiveAt!: Date;

  @Column({ type: 'varchar', length: 36, nullable: true })
  publishedByUserId!: string | null;
}

/** A user accepted a policy version. */
@Entity('privacy_policy_acceptances')
@Index('ux_privacy_policy_acceptance', ['userId', 'policyVersionId'], { unique: true })
@Index('ix_privacy_policy_acceptance_org', ['organizationId'])
export class PolicyAcceptanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  /** The tracked person of that login, if any: lets access and erasure find it. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  employeeId!: string | null;

  @Column({ type: 'varchar', length: 36 })
  policyVersionId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'datetime' })
  acceptedAt!: Date;
}
