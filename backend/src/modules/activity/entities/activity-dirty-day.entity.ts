import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A UTC day of an employee that received spans since its rollups were last computed. Ingestion
 * marks it in the same transaction as the spans; the rollup job recomputes and deletes it.
 */
@Entity('activity_dirty_days')
export class ActivityDirtyDayEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  employeeId!: string;

  /** YYYY-MM-DD, UTC. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  utcDay!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;
}
