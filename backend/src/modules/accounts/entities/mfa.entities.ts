import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The organization's MFA policy: users of these roles must have a second factor. */
@Entity('mfa_policies')
export class MfaPolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** JSON array of roles that must use a second factor. */
  @Column({ type: 'varchar', length: 255 })
  requiredRoles!: string;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}

/** One-time recovery codes: SHA-256 of a 128-bit random code, each usable once. */
@Entity('mfa_recovery_codes')
@Index('ix_mfa_recovery_codes_user', ['organizationId', 'userId'])
export class RecoveryCodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Index('ux_mfa_recovery_codes_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ type: 'datetime', nullable: true })
  usedAt!: Date | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}

/** A WebAuthn credential (passkey or security key) registered as a second factor. */
@Entity('webauthn_credentials')
@Index('ix_webauthn_credentials_user', ['organizationId', 'userId'])
export class WebauthnCredentialEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  /** base64url credential id as the authenticator gave it. */
  @Index('ux_webauthn_credentials_credential', { unique: true })
  @Column({ type: 'varchar', length: 255 })
  credentialId!: string;

  /** base64url COSE public key. */
  @Column({ type: 'text' })
  publicKey!: string;

  @Column({ type: 'bigint' })
  counter!: string;

  /** JSON array of transports, as the browser reported them. */
  @Column({ type: 'varchar', length: 255, default: '[]' })
  transports!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime', nullable: true })
  lastUsedAt!: Date | null;
}

/** A WebAuthn challenge handed out for one ceremony; consumed when answered. */
@Entity('webauthn_challenges')
@Index('ix_webauthn_challenges_expiry', ['expiresAt'])
export class WebauthnChallengeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  /** registration or authentication */
  @Column({ type: 'varchar', length: 16 })
  purpose!: string;

  @Column({ type: 'varchar', length: 128 })
  challenge!: string;

  @Column({ type: 'datetime' })
  expiresAt!: Date;
}

/** How a session proved a second factor (totp, webauthn, recovery, idp); no row: password only. */
@Entity('session_factors')
export class SessionFactorEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  sessionId!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 16 })
  method!: string;

  @Column({ type: 'datetime' })
  verifiedAt!: Date;
}
