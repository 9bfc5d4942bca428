import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Billing settings of one organization and its invoice counter: issuing locks this row, so numbers
 * are handed out one at a time per organization (no gap, no duplicate).
 */
@Entity('billing_accounts')
export class BillingAccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** 1900 = 19 %. */
  @Column({ type: 'int', default: 0 })
  taxRateBasisPoints!: number;

  @Column({ type: 'int', default: 1 })
  nextInvoiceNumber!: number;
}
