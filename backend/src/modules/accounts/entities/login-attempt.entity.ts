import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A login attempt that has not (yet) succeeded. Kept in the database, not in process memory, so the
 * limit holds across api replicas. The email is kept only as a SHA-256 of its lower-cased form.
 */
@Entity('login_attempts')
@Index('ix_login_attempts_email', ['emailHash', 'attemptedAt'])
@Index('ix_login_attempts_address', ['clientAddress', 'attemptedAt'])
@Index('ix_login_attempts_time', ['attemptedAt'])
export class LoginAttemptEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  emailHash!: string;

  @Column({ type: 'varchar', length: 64 })
  clientAddress!: string;

  @Column({ type: 'datetime' })
  attemptedAt!: Date;
}
