import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A secret an admin hands to IT for rolling the agent out; only its SHA-256 hash is kept. */
@Entity('enrollment_tokens')
@Index('ux_enrollment_tokens_hash', ['tokenHash'], { unique: true })
@Index('ix_enrollment_tokens_org', ['organizationId'])
export class EnrollmentTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** Hex SHA-256 of the token. */
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  /** The first characters of the token, so admins can tell tokens apart in lists. */
  @Column({ type: 'varchar', length: 12 })
  tokenPrefix!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  createdByUserId!: string | null;

  @Column({ type: 'datetime' })
  expiresAt!: Date;

  /** null: unlimited until expiry. */
  @Column({ type: 'int', nullable: true })
  maxUses!: number | null;

  @Column({ type: 'int', default: 0 })
  uses!: number;

  @Column({ type: 'datetime', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;
}
