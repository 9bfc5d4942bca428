import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A customer the organization bills; projects may belong to one. Archived, never deleted once booked. */
@Entity('project_clients')
@Index('ix_project_clients_org', ['organizationId', 'name'])
export class ProjectClientEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Lower-case host name of the client's site (allocation rules may use it); null if none. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  domain!: string | null;

  @Column({ type: 'boolean', default: false })
  archived!: boolean;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;
}

/** Something time is booked to. Money is kept in integer cents, budgets in seconds. */
@Entity('projects')
@Index('ix_projects_org', ['organizationId', 'name'])
export class ProjectEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  clientId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Short code shown in timesheets (e.g. the Jira key "PROJ"); null if none. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  code!: string | null;

  @Column({ type: 'boolean', default: true })
  billable!: boolean;

  /** Hourly rate in cents of the organization's currency; null: the next level's rate. */
  @Column({ type: 'int', nullable: true })
  hourlyRateCents!: number | null;

  @Column({ type: 'int', nullable: true })
  budgetSeconds!: number | null;

  /** Last day (YYYY-MM-DD) of the budget period; null: open-ended. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  budgetEndsOn!: string | null;

  @Column({ type: 'boolean', default: false })
  archived!: boolean;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;
}

/** An optional subdivision of a project. */
@Entity('project_tasks')
@Index('ix_project_tasks_project', ['organizationId', 'projectId'])
export class ProjectTaskEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  projectId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'boolean', default: false })
  archived!: boolean;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;
}

/**
 * Who may book to a project: a team (all its employees) or one employee. A project without
 * members is open to every employee of the organization.
 */
@Entity('project_members')
@Index('ux_project_members_member', ['projectId', 'memberKind', 'memberId'], { unique: true })
@Index('ix_project_members_org', ['organizationId', 'memberId'])
export class ProjectMemberEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  projectId!: string;

  @Column({ type: 'varchar', length: 8 })
  memberKind!: 'team' | 'employee';

  @Column({ type: 'varchar', length: 36 })
  memberId!: string;

  /** For an employee member: their rate on this project (cents/hour); null: the project's. */
  @Column({ type: 'int', nullable: true })
  hourlyRateCents!: number | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;
}

/** An employee's own hourly rate (cents), used where the project names none. */
@Entity('project_employee_rates')
export class ProjectEmployeeRateEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  employeeId!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'int' })
  hourlyRateCents!: number;
}

/**
 * Per organization: the default hourly rate and currency, and the allocation revision bumped by
 * every rule or override change (cached allocations know they are stale).
 */
@Entity('project_settings')
export class ProjectSettingsEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'int', default: 0 })
  defaultHourlyRateCents!: number;

  @Column({ type: 'varchar', length: 3, default: 'EUR' })
  currency!: string;

  @Column({ type: 'int', default: 1 })
  revision!: number;
}

export const ALLOCATION_RULE_KINDS = ['app', 'site', 'title'] as const;
export type AllocationRuleKind = (typeof ALLOCATION_RULE_KINDS)[number];

/** Maps tracked activity to a project (and task): organization-level (teamId null) or a team's. */
@Entity('project_allocation_rules')
@Index('ix_project_allocation_rules_org', ['organizationId'])
export class AllocationRuleEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  teamId!: string | null;

  @Column({ type: 'varchar', length: 8 })
  kind!: AllocationRuleKind;

  /** As entered (sites reduced to a host name). */
  @Column({ type: 'varchar', length: 255 })
  pattern!: string;

  /** Lower case: what matching uses. */
  @Column({ type: 'varchar', length: 255 })
  normalized!: string;

  @Column({ type: 'varchar', length: 36 })
  projectId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  taskId!: string | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;
}

/**
 * An employee's own allocation of a stretch of their tracked time to a project: beats every rule
 * for the active time inside [startMs, endMs). A later override wins where two overlap.
 */
@Entity('project_allocation_overrides')
@Index('ix_project_allocation_overrides_employee', ['employeeId', 'startMs'])
export class AllocationOverrideEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  employeeId!: string;

  @Column({ type: 'bigint' })
  startMs!: number;

  @Column({ type: 'bigint' })
  endMs!: number;

  @Column({ type: 'varchar', length: 36 })
  projectId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  taskId!: string | null;

  @Column({ type: 'varchar', length: 36 })
  createdBy!: string;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;
}
