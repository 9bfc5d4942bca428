import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type PaymentMethodKind = 'bank-transfer' | 'manual' | 'card';

/** Money received against an invoice. */
@Entity('billing_payments')
@Index('ix_billing_payments_invoice', ['organizationId', 'invoiceId'])
export class PaymentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  invoiceId!: string;

  @Column({
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  amountMinor!: number;

  @Column({ type: 'varchar', length: 16 })
  method!: PaymentMethodKind;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reference!: string | null;

  @Column({ type: 'datetime' })
  receivedAt!: Date;

  @Column({ type: 'varchar', length: 36 })
  recordedByUserId!: string;
}
