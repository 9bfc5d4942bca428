import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An enrolled workstation bound to one employee. The device token is kept only as a SHA-256 hash;
 * the unique index on it is what authenticates every agent request in one lookup.
 */
@Entity('devices')
@Index('ux_devices_token_hash', ['tokenHash'], { unique: true })
@Index('ix_devices_org', ['organizationId'])
@Index('ix_devices_employee', ['employeeId'])
export class DeviceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  employeeId!: string;

  /** Hex SHA-256 of the device token. */
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  enrollmentTokenId!: string | null;

  @Column({ type: 'datetime', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'datetime' })
  createdAt!: Date;
}
