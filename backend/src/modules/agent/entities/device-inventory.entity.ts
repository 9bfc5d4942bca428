import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Non-personal telemetry of a device (hostname, OS, agent version, last contact), kept in its own
 * table apart from the personal data it could otherwise be joined with.
 */
@Entity('device_inventory')
@Index('ix_device_inventory_org', ['organizationId'])
export class DeviceInventoryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  deviceId!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 255 })
  hostname!: string;

  @Column({ type: 'varchar', length: 255 })
  os!: string;

  @Column({ type: 'varchar', length: 64 })
  agentVersion!: string;

  @Column({ type: 'datetime', nullable: true })
  lastSeenAt!: Date | null;

  /** Client IP address of the last request (IPv6 fits). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  lastAddress!: string | null;
}
