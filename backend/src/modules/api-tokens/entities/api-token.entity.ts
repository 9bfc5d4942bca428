import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const API_TOKEN_KINDS = ['personal', 'service'] as const;
export type ApiTokenKind = (typeof API_TOKEN_KINDS)[number];

/**
 * A bearer token for scripts and other systems: a user's personal token, or the organization's
 * service token. Only the SHA-256 hash of the secret is kept; the secret is shown once.
 */
@Entity('api_tokens')
@Index('ux_api_tokens_hash', ['tokenHash'], { unique: true })
@Index('ix_api_tokens_org', ['organizationId', 'kind'])
@Index('ix_api_tokens_user', ['organizationId', 'userId'])
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ApiTokenKind;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** A personal token's user; null for a service token. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 36 })
  createdByUserId!: string;

  /** Hex SHA-256 of the token. */
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  /** The first characters of the token, so people can tell tokens apart in lists. */
  @Column({ type: 'varchar', length: 16 })
  tokenPrefix!: string;

  /** Space-separated scopes. */
  @Column({ type: 'varchar', length: 255 })
  scopes!: string;

  /** null: never (service tokens only). */
  @Column({ type: 'datetime', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'datetime', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  lastUsedAddress!: string | null;

  @Column({ type: 'datetime', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;
}
