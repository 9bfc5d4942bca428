import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A password reset link, stored as the SHA-256 of its token; works once, for an hour. */
@Entity('password_reset_tokens')
@Index('ix_password_reset_tokens_user', ['userId'])
export class PasswordResetTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Index('ux_password_reset_tokens_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  expiresAt!: Date;

  /** Set when used, or when a newer link replaced it. */
  @Column({ type: 'datetime', nullable: true })
  usedAt!: Date | null;
}
