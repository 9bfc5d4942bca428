import {
  Column,
  Entity,
  EntitySchema,
  type EntitySchemaColumnOptions,
  getMetadataArgsStorage,
  Index,
  PrimaryColumn,
} from 'typeorm';

export const SPAN_KINDS = ['active', 'idle'] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];

const EMPLOYEE_START_INDEX = 'ix_activity_spans_employee_start';

/**
 * One recorded span as the agent sent it (raw data). (deviceId, eventId) is the idempotency key:
 * a re-sent event is a duplicate, never new time. A later revision (`rev`) of the same event
 * replaces it: the agent sends a span early and corrects it (idle decided later). A retracted span
 * stays as a tombstone (`endMs = startMs`, nothing named) so that an older revision arriving late
 * is still a duplicate. Written only by ingestion; read by rollups.
 *
 * On SQLite the primary key is the idempotency key itself. On MySQL/MariaDB the table is
 * partitioned by month of `startMs`, and a partitioned table's primary key must hold the
 * partitioning column: there it is (deviceId, eventId, startMs) (PARTITIONED_SPAN_SCHEMA), and
 * ingestion keeps one row per event itself (IngestionRepository.insertSpansMysql).
 */
@Entity('activity_spans')
@Index(EMPLOYEE_START_INDEX, ['employeeId', 'startMs'])
export class ActivitySpanEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  deviceId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  employeeId!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: SpanKind;

  /** Epoch milliseconds, UTC. */
  @Column({ type: 'bigint' })
  startMs!: number;

  /** Epoch milliseconds, UTC; always > startMs and at most 24 h after it. */
  @Column({ type: 'bigint' })
  endMs!: number;

  /** The site key (span with a URL) or the app key; null for idle spans. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  keyId!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  app!: string | null;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  title!: string | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  url!: string | null;

  /** The event's revision: 0 as first sent; a higher one replaced what was stored. */
  @Column({ type: 'int', default: 0 })
  rev!: number;
}

/**
 * The span table as MySQL/MariaDB has it: the same class and columns (read off the decorators
 * above, so the two cannot drift apart), with startMs in the primary key. Registered instead of
 * the decorated class on MySQL/MariaDB, so `getRepository(ActivitySpanEntity)` works on both.
 */
export const PARTITIONED_SPAN_SCHEMA = new EntitySchema<ActivitySpanEntity>({
  name: 'ActivitySpanEntity',
  target: ActivitySpanEntity,
  tableName: 'activity_spans',
  columns: Object.fromEntries(
    getMetadataArgsStorage()
      .filterColumns(ActivitySpanEntity)
      .map((c) => [
        c.propertyName,
        {
          ...(c.options as EntitySchemaColumnOptions),
          primary: c.options.primary === true || c.propertyName === 'startMs',
        } satisfies EntitySchemaColumnOptions,
      ]),
  ),
  indices: [{ name: EMPLOYEE_START_INDEX, columns: ['employeeId', 'startMs'] }],
});
