import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An organization's OpenID Connect provider, as configured in the console or the API. */
@Entity('oidc_providers')
export class OidcProviderEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 100 })
  displayName!: string;

  @Column({ type: 'varchar', length: 500 })
  issuer!: string;

  @Column({ type: 'varchar', length: 255 })
  clientId!: string;

  /** AES-256-GCM sealed (see sso/secret-box.ts); never returned by the API. */
  @Column({ type: 'text', nullable: true, select: false })
  clientSecret!: string | null;

  @Column({ type: 'varchar', length: 255 })
  scopes!: string;

  /** JSON of the rest of the settings (claim mappings, domains, MFA values); see OidcSettings. */
  @Column({ type: 'text' })
  settings!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}

/** The link from an identity at a provider (issuer, subject) to a CallTimeX user. */
@Entity('oidc_identities')
@Index('ux_oidc_identities_subject', ['issuer', 'subject'], { unique: true })
@Index('ix_oidc_identities_user', ['organizationId', 'userId'])
export class OidcIdentityEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 500 })
  issuer!: string;

  @Column({ type: 'varchar', length: 255 })
  subject!: string;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  lastSignInAt!: Date;
}

/** One authorization request in flight: state (hashed), nonce and PKCE verifier stay server-side. */
@Entity('oidc_login_states')
@Index('ix_oidc_login_states_expiry', ['expiresAt'])
export class OidcLoginStateEntity {
  /** SHA-256 of the state parameter. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  stateHash!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 128 })
  nonce!: string;

  @Column({ type: 'varchar', length: 128 })
  codeVerifier!: string;

  /** SHA-256 of the browser-binding cookie set at start. */
  @Column({ type: 'varchar', length: 64 })
  browserHash!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  returnTo!: string | null;

  @Column({ type: 'datetime' })
  expiresAt!: Date;
}

/** A console session that came from the provider: what RP-initiated logout needs. */
@Entity('oidc_sessions')
@Index('ix_oidc_sessions_org', ['organizationId'])
export class OidcSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  sessionId!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'text' })
  idToken!: string;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
