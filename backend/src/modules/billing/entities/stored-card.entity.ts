import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A card on file at a payment provider. Only the provider's token, brand, last four and expiry
 * exist, and only sealed (AES-256-GCM) in `sealed`; keyId names the key that sealed it.
 */
@Entity('billing_stored_cards')
@Index('ix_billing_stored_cards_org', ['organizationId'])
export class StoredCardEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 32 })
  provider!: string;

  @Column({ type: 'varchar', length: 16 })
  keyId!: string;

  @Column({ type: 'text' })
  sealed!: string;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
