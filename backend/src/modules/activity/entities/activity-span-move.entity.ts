import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * MySQL/MariaDB only. An event whose stored span may not sit at the start it was first sent with:
 * a revision moved its start, or a revision arrived before the first sending (which may name
 * another start). The partitioned span table cannot make (deviceId, eventId) unique by itself, so
 * a first sending whose row went in is checked against this table (a few rows, not one per span),
 * and a late first sending of an event listed here is taken back. `startMs` is where the event's
 * span is now.
 */
@Entity('activity_span_moves')
@Index('ix_activity_span_moves_org_start', ['organizationId', 'startMs'])
export class ActivitySpanMoveEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  deviceId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  employeeId!: string;

  /** Epoch milliseconds, UTC: the start of the event's span as stored now. */
  @Column({ type: 'bigint' })
  startMs!: number;
}
