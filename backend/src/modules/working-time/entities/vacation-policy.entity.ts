import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Vacation days a year for everyone in an organization, unless an employee has their own. */
@Entity('vacation_policies')
export class VacationPolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** Working days of vacation a year. */
  @Column({ type: 'integer' })
  daysPerYear!: number;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;
}

/** One employee's own yearly vacation days, in place of the organization's. */
@Entity('vacation_allowances')
@Index('ix_vacation_allowances_org', ['organizationId'])
export class VacationAllowanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  employeeId!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'integer' })
  daysPerYear!: number;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;
}
