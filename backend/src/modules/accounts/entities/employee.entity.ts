import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const EMPLOYEE_STATUSES = ['active', 'deactivated'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];

/** A tracked person. May have no console login. */
@Entity('employees')
@Index('ux_employees_org_email', ['organizationId', 'email'], { unique: true })
@Index('ix_employees_org_team', ['organizationId', 'teamId'])
export class EmployeeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 200 })
  fullName!: string;

  /** Stored lower-cased. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  teamId!: string | null;

  /** IANA zone in which this person's days are counted. */
  @Column({ type: 'varchar', length: 64 })
  timeZone!: string;

  /** The employee's own work schedule (working-time module); null: the team's or the default. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  workScheduleId?: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: EmployeeStatus;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;
}
