import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const SCIM_RESOURCE_TYPES = ['User', 'Group'] as const;
export type ScimResourceType = (typeof SCIM_RESOURCE_TYPES)[number];

/**
 * What SCIM adds to a console user or a team without changing their tables: the identity
 * provider's externalId, and whether the provider deleted it (deleted users stay deactivated, with
 * their history, but SCIM no longer shows them).
 */
@Entity('scim_resources')
@Index('ux_scim_resources_resource', ['organizationId', 'resourceType', 'resourceId'], {
  unique: true,
})
export class ScimResourceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 8 })
  resourceType!: ScimResourceType;

  /** The user's or team's id. */
  @Column({ type: 'varchar', length: 36 })
  resourceId!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  externalId!: string | null;

  @Column({ type: 'datetime', nullable: true })
  deletedAt!: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;
}
