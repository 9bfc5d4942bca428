import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A closed organization: only its owner may still sign in (to reopen it), its agents are refused,
 * and everything it holds is purged once purgeAt has passed (privacy policy 6.3).
 */
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
