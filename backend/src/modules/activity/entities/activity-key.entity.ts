import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const ACTIVITY_KEY_KINDS = ['app', 'site'] as const;
export type ActivityKeyKind = (typeof ACTIVITY_KEY_KINDS)[number];

/**
 * A normalized application or site name of one organization. Apps are matched case-insensitively
 * (trimmed); sites are host names, lower case, without port. Never deleted except by erasure.
 */
@Entity('activity_keys')
@Index('ux_activity_keys_org_kind_normalized', ['organizationId', 'kind', 'normalized'], {
  unique: true,
})
export class ActivityKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: ActivityKeyKind;

  /** As first seen (apps trimmed; sites already lower case). */
  @Column({ type: 'varchar', length: 255 })
  name!: string;

  /** Lower case: what uniqueness and rule matching use. */
  @Column({ type: 'varchar', length: 255 })
  normalized!: string;
}
