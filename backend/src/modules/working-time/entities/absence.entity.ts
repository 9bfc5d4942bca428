import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const ABSENCE_KINDS = ['vacation', 'sick', 'other'] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];
export const ABSENCE_STATUSES = ['requested', 'approved', 'rejected', 'cancelled'] as const;
export type AbsenceStatus = (typeof ABSENCE_STATUSES)[number];

/**
 * Local days [fromDay, toDay] an employee is away; only approved absences count. Requested and
 * approved ones hold their days; rejected and cancelled ones free them.
 */
@Entity('absences')
@Index('ix_absences_org_employee', ['organizationId', 'employeeId', 'fromDay'])
export class AbsenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  employeeId!: string;

  /** YYYY-MM-DD, inclusive. */
  @Column({ type: 'varchar', length: 10 })
  fromDay!: string;

  /** YYYY-MM-DD, inclusive. */
  @Column({ type: 'varchar', length: 10 })
  toDay!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: AbsenceKind;

  @Column({ type: 'varchar', length: 16 })
  status!: AbsenceStatus;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  /** The user who filed it. */
  @Column({ type: 'varchar', length: 36 })
  createdByUserId!: string;

  /** The user who approved or rejected it (null while requested, or when filed approved). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  decidedByUserId!: string | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;
}
