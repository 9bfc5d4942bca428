import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One employee's local day (in the zone of activity_rollup_states): exact totals in ms, and the
 * productivity split as of rule revision classRevision for team classTeamId (a cache, checked at read).
 */
@Entity('activity_day_totals')
@Index('ix_activity_day_totals_org_day', ['organizationId', 'day'])
export class ActivityDayTotalEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  employeeId!: string;

  /** YYYY-MM-DD in the employee's zone. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'int' })
  activeMs!: number;

  @Column({ type: 'int' })
  idleMs!: number;

  @Column({ type: 'bigint', nullable: true })
  firstActiveMs!: number | null;

  @Column({ type: 'bigint', nullable: true })
  lastActiveMs!: number | null;

  @Column({ type: 'int' })
  productiveMs!: number;

  @Column({ type: 'int' })
  neutralMs!: number;

  @Column({ type: 'int' })
  unproductiveMs!: number;

  @Column({ type: 'int' })
  classRevision!: number;

  /** The employee's team when the split was computed ('' for none). */
  @Column({ type: 'varchar', length: 36 })
  classTeamId!: string;

  /** Random per recompute: a split refreshed from older keyset rows never overwrites a newer day. */
  @Column({ type: 'int' })
  generation!: number;
}

/** Milliseconds of one local day during which exactly this keyset was active. */
@Entity('activity_day_keysets')
@Index('ix_activity_day_keysets_org_day', ['organizationId', 'day'])
// Correcting cached splits after a rule change reads only the keysets whose class changed.
@Index('ix_activity_day_keysets_employee_keyset', ['employeeId', 'keysetId', 'day', 'ms'])
export class ActivityDayKeysetEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  employeeId!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  day!: string;

  /** A key id for a single key; 'm' + hash for a set (see activity_keysets); '' for keyless. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  keysetId!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'int' })
  ms!: number;
}

/** Sets of keys active at once (two devices); ids are content hashes, so rows are immutable. */
@Entity('activity_keysets')
export class ActivityKeysetEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  /** Sorted key ids joined by commas. */
  @Column({ type: 'text' })
  keyIds!: string;
}

/** Per employee: the zone the rollups were computed in, and the row locked while recomputing. */
@Entity('activity_rollup_states')
export class ActivityRollupStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  employeeId!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 64 })
  timeZone!: string;
}
