import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Seats in use on one UTC day (the highest count seen that day); a period bills its maximum. */
@Entity('billing_seat_usage')
export class SeatUsageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** YYYY-MM-DD, UTC. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day!: string;

  @Column({ type: 'int' })
  seats!: number;
}
