import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('teams')
@Index('ux_teams_org_name', ['organizationId', 'name'], { unique: true })
export class TeamEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The team's work schedule (working-time module); null: the organization's default. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  workScheduleId!: string | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;
}

/** A manager sees the teams they manage, and nothing else. */
@Entity('team_managers')
@Index('ix_team_managers_user', ['userId'])
export class TeamManagerEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  teamId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;
}
