import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An invitation link for an invited user; the token is stored as its SHA-256. */
@Entity('invitations')
@Index('ix_invitations_org_user', ['organizationId', 'userId'])
export class InvitationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** The invited user (status "invited" until accepted). */
  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Index('ux_invitations_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 36 })
  invitedByUserId!: string;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  expiresAt!: Date;

  @Column({ type: 'datetime', nullable: true })
  acceptedAt!: Date | null;

  /** Set when a newer invitation replaced it or it was withdrawn. */
  @Column({ type: 'datetime', nullable: true })
  revokedAt!: Date | null;
}
