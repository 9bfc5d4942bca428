import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type InvoiceKind = 'invoice' | 'credit-note';

/**
 * An issued invoice or credit note: never updated after insert (corrections are credit notes).
 * Amounts in integer minor units; a credit note's amounts are negative.
 */
@Entity('billing_invoices')
@Index('ux_billing_invoices_number', ['organizationId', 'number'], { unique: true })
@Index('ux_billing_invoices_period', ['organizationId', 'periodKey'], { unique: true })
export class InvoiceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: InvoiceKind;

  /** YYYY-MM for a period's invoice (one per period); null for credit notes. */
  @Column({ type: 'varchar', length: 7, nullable: true })
  periodKey!: string | null;

  @Column({ type: 'varchar', length: 10 })
  periodStart!: string;

  @Column({ type: 'varchar', length: 10 })
  periodEnd!: string;

  @Column({ type: 'varchar', length: 16 })
  plan!: string;

  @Column({ type: 'int' })
  seats!: number;

  @Column({ type: 'int' })
  unitPriceMinor!: number;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  netMinor!: number;

  @Column({ type: 'int' })
  taxRateBasisPoints!: number;

  @Column({
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  taxMinor!: number;

  @Column({
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  totalMinor!: number;

  /** For a credit note: the invoice it corrects. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  creditsInvoiceId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 8 })
  locale!: string;

  @Column({ type: 'datetime' })
  issuedAt!: Date;
}
