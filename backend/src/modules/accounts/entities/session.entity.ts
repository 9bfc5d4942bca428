import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One sign-in on one device: the family of its rotating refresh tokens. Revoking it ends the
 * refresh chain and, because the auth guard reads it on every request, its access tokens too.
 */
@Entity('sessions')
@Index('ix_sessions_org_user', ['organizationId', 'userId'])
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  clientAddress!: string | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  lastUsedAt!: Date;

  @Column({ type: 'datetime' })
  expiresAt!: Date;

  @Column({ type: 'datetime', nullable: true })
  revokedAt!: Date | null;

  /** logout, revoked, token-reuse, deactivated, password-changed, organization-closed */
  @Column({ type: 'varchar', length: 32, nullable: true })
  revokedReason!: string | null;
}

/** A refresh token, stored as its SHA-256. Used once: rotation marks it and issues the next one. */
@Entity('refresh_tokens')
@Index('ix_refresh_tokens_session', ['sessionId'])
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  sessionId!: string;

  @Index('ux_refresh_tokens_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  /** Set when it was exchanged for the next token; presenting it again is reuse. */
  @Column({ type: 'datetime', nullable: true })
  rotatedAt!: Date | null;
}
