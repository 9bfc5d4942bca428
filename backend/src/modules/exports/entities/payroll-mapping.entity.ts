import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organization's payroll export layout (columns, headers, formats), as JSON. */
@Entity('payroll_mappings')
export class PayrollMappingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** A PayrollMapping (payroll/payroll-mapping.ts) as JSON. */
  @Column({ type: 'text' })
  mapping!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  updatedByUserId!: string | null;

  /** Epoch milliseconds. */
  @Column({ type: 'bigint' })
  updatedAt!: number;
}
