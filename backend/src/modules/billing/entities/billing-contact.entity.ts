import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who receives an organization's invoices by mail. */
@Entity('billing_contacts')
@Index('ux_billing_contacts_email', ['organizationId', 'email'], { unique: true })
export class BillingContactEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  /** en, ru or uk; null: the organization's language. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  locale!: string | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
