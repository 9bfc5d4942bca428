import { Column, Entity, PrimaryColumn } from 'typeorm';

export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/**
 * An organization's own mail server, set in the console. Without one, its mail goes through the
 * installation's SMTP_URL (or the outbox). The password is sealed (SecretBox, bound to the
 * organization) and never returned.
 */
@Entity('organization_mail_settings')
export class OrganizationMailSettingsEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 255 })
  host!: string;

  @Column({ type: 'int' })
  port!: number;

  @Column({ type: 'varchar', length: 16 })
  security!: SmtpSecurity;

  @Column({ type: 'varchar', length: 255, nullable: true })
  username!: string | null;

  @Column({ type: 'text', nullable: true })
  passwordSealed!: string | null;

  @Column({ type: 'varchar', length: 320 })
  fromAddress!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  updatedByUserId!: string | null;

  /** Epoch milliseconds; also tells a cached transport that it is stale. */
  @Column({ type: 'bigint' })
  updatedAt!: number;
}
