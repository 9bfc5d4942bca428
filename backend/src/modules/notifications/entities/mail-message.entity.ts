import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const MAIL_STATUSES = ['queued', 'sent', 'suppressed', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export interface MailAttachmentRef {
  filename: string;
  /** Relative to DATA_DIR/files. */
  path: string;
  contentType: string;
}

/**
 * One mail to send. The row is the durable state (the queue only executes it); its parameters,
 * which may hold one-time links, are cleared once it is sent.
 */
@Entity('mail_messages')
@Index('ix_mail_messages_status_created', ['status', 'createdAt'])
@Index('ix_mail_messages_org_user', ['organizationId', 'userId'])
export class MailMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** The console user it goes to, when it goes to one (preferences and locale are theirs). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 254 })
  toEmail!: string;

  @Column({ type: 'varchar', length: 64 })
  template!: string;

  @Column({ type: 'varchar', length: 16 })
  category!: string;

  /** Forces a language; null: the user's, else the organization's. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  locale!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  params!: Record<string, unknown> | null;

  @Column({ type: 'simple-json', nullable: true })
  attachments!: MailAttachmentRef[] | null;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status!: MailStatus;

  /** Makes "send this once" idempotent, e.g. export-ready:<exportId>. */
  @Index('ux_mail_messages_dedupe', { unique: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  dedupeKey!: string | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime', nullable: true })
  sentAt!: Date | null;
}
