import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Where an organization wants to hear about which events. */
@Entity('webhook_subscriptions')
@Index('ix_webhook_subscriptions_org', ['organizationId', 'createdAt'])
export class WebhookSubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  description!: string;

  /** Event names (DOMAIN_EVENT_NAMES). */
  @Column({ type: 'simple-json' })
  events!: string[];

  /** The signing secret, AES-256-GCM sealed (the HMAC needs it back); shown to the user once. */
  @Column({ type: 'text' })
  secretSealed!: string;

  /** Last four characters, so a user can tell which secret a receiver has. */
  @Column({ type: 'varchar', length: 8 })
  secretHint!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'varchar', length: 36, nullable: true })
  createdByUserId!: string | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
