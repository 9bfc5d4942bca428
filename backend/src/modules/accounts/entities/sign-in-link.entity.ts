import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A sign-in link sent by mail, stored as the SHA-256 of its token; works once, for minutes. The way
 * in for an owner whose email is throttled by password guessers elsewhere.
 */
@Entity('sign_in_links')
@Index('ix_sign_in_links_user', ['userId', 'createdAt'])
export class SignInLinkEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Index('ux_sign_in_links_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  expiresAt!: Date;

  /** Set when used, or burnt by a wrong MFA code. */
  @Column({ type: 'datetime', nullable: true })
  usedAt!: Date | null;

  /** The client address that asked for it: links are budgeted per (user, address). */
  @Column({ type: 'varchar', length: 64 })
  requestedFrom!: string;
}
