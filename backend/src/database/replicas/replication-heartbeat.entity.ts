import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row the processes stamp on the primary every second (the primary's clock, never going
 * back); a replica's copy of it tells how far behind that replica is. Unused without replicas.
 */
@Entity('replication_heartbeat')
export class ReplicationHeartbeatEntity {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  /** Milliseconds since the epoch on the primary's clock when it was last stamped. */
  @Column({ type: 'bigint' })
  beatMs!: number;
}
