import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Productivity } from '../counting/productivity.js';
import type { ActivityKeyKind } from '../entities/activity-key.entity.js';

/** An organization's (teamId null) or a team's classification of an app or a site. */
@Entity('productivity_rules')
@Index('ux_productivity_rules_scope', ['organizationId', 'scope', 'kind', 'normalized'], {
  unique: true,
})
export class ProductivityRuleEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  teamId!: string | null;

  /** teamId, or '' for the organization: unique indexes treat NULLs as distinct. */
  @Column({ type: 'varchar', length: 36 })
  scope!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: ActivityKeyKind;

  /** As entered (sites already reduced to a host name). */
  @Column({ type: 'varchar', length: 255 })
  pattern!: string;

  /** Lower case: what matching and uniqueness use. */
  @Column({ type: 'varchar', length: 255 })
  normalized!: string;

  @Column({ type: 'varchar', length: 16 })
  productivity!: Productivity;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;
}

/**
 * Per organization: whether the default rules were seeded, and a revision bumped by every rule
 * change so cached productivity figures know they are stale.
 */
@Entity('productivity_rule_sets')
export class ProductivityRuleSetEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'int', default: 1 })
  revision!: number;

  @Column({ type: 'boolean', default: false })
  seeded!: boolean;
}

/** The rules of an organization as of one revision (what cached figures stamped with it used). */
@Entity('productivity_rule_revisions')
export class ProductivityRuleRevisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  @PrimaryColumn({ type: 'int' })
  revision!: number;

  /** JSON: [{ kind, normalized, productivity, teamId }]. */
  @Column({ type: 'text' })
  rules!: string;
}
