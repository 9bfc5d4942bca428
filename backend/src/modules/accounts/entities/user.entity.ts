import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '#src/common/auth/roles.js';

export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** A console login. Unique by email across the installation. */
@Entity('users')
@Index('ix_users_org', ['organizationId'])
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** Stored lower-cased. */
  @Index('ux_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 100 })
  firstName!: string;

  @Column({ type: 'varchar', length: 100, default: '' })
  lastName!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  /** argon2id; null until an invited user accepts. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: UserStatus;

  /** en, ru or uk; null follows the organization. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  locale!: string | null;

  /** The tracked person this login belongs to, if any (an employee sees only this one). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  employeeId!: string | null;

  /** The TOTP seed, AES-GCM sealed (see mfa/totp.ts); set at setup, pending until enabled. */
  @Column({ type: 'varchar', length: 255, nullable: true, select: false })
  mfaSecret!: string | null;

  /** Non-null: sign-in requires a TOTP code. */
  @Column({ type: 'datetime', nullable: true })
  mfaEnabledAt!: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'datetime' })
  updatedAt!: Date;

  get fullName(): string {
    return [this.firstName, this.lastName].filter(Boolean).join(' ');
  }
}
