import type { MigrationInterface, QueryRunner } from 'typeorm';

const AHEAD_MONTHS = 3;
/** Rows older than this many months before now share the first partition (bogus agent clocks). */
const MAX_MONTHS_BACK = 120;
// ER_ALTER_OPERATION_NOT_SUPPORTED_REASON (_COPY, _PARTITION): the server copies only under a
// lock (MariaDB before 11.2, MySQL), or not online for this change.
const LOCK_NONE_REFUSED = new Set([1846, 1847, 1848]);

/** Months since 1970-01 (UTC) of an instant. */
function monthIndex(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth() - 1970 * 12;
}

function monthStartMs(index: number): number {
  return Date.UTC(1970 + Math.floor(index / 12), index % 12, 1);
}

function partitionName(index: number): string {
  const year = 1970 + Math.floor(index / 12);
  return `p${year}${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The partition list for a span table whose oldest row starts at `oldestMs`: one partition per
 * UTC month from that month to `AHEAD_MONTHS` after now's, then `pmax` for anything later.
 */
export function initialSpanPartitions(nowMs: number, oldestMs: number | null): string {
  const now = monthIndex(nowMs);
  const first = Math.min(now, Math.max(now - MAX_MONTHS_BACK, monthIndex(oldestMs ?? nowMs)));
  const parts: string[] = [];
  for (let m = first; m <= now + AHEAD_MONTHS; m++) {
    parts.push(`PARTITION ${partitionName(m)} VALUES LESS THAN (${monthStartMs(m + 1)})`);
  }
  parts.push('PARTITION pmax VALUES LESS THAN MAXVALUE');
  return `PARTITION BY RANGE (startMs) (${parts.join(', ')})`;
}

/**
 * Issue #18: on MySQL/MariaDB, raw spans are partitioned by UTC month of their start, so that
 * retention drops whole months (instant) instead of deleting rows (hours of locks at ten million
 * spans a day). A partitioned table needs the partitioning column in every unique key: the primary
 * key becomes (deviceId, eventId, startMs), and two small tables let ingestion keep one row per
 * event (ActivitySpanMoveEntity, ActivityIngestLockEntity). SQLite is not partitioned and keeps its
 * key: nothing changes there.
 *
 * The conversion is one ALTER TABLE that copies the table (partitioning cannot be changed in
 * place). It asks for LOCK=NONE, online where the server can (MariaDB 11.2 brought LOCK=NONE to
 * copying ALTERs: concurrent writes are replayed onto the copy); MariaDB 10.x and MySQL 8 refuse
 * it, and the copy runs with LOCK=SHARED: reports keep reading, and writes to the span table wait
 * until the copy ends (agents keep their events in their spool and send them again).
 * docs/scaling.md gives the time per million rows.
 */
export class PartitionedSpans1796470797669 implements MigrationInterface {
  name = 'PartitionedSpans1796470797669';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') return;
    await queryRunner.query(
      'CREATE TABLE IF NOT EXISTS `activity_ingest_locks` (`deviceId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, PRIMARY KEY (`deviceId`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE IF NOT EXISTS `activity_span_moves` (`deviceId` varchar(36) NOT NULL, `eventId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `employeeId` varchar(36) NOT NULL, `startMs` bigint NOT NULL, INDEX `ix_activity_span_moves_org_start` (`organizationId`, `startMs`), PRIMARY KEY (`deviceId`, `eventId`)) ENGINE=InnoDB',
    );
    // MySQL's DDL is not transactional: a run cut short (a Job past its deadline) is run again
    // from the start, and a table partitioned already is left as it is.
    const [partitioned] = (await queryRunner.query(
      "SELECT COUNT(*) AS n FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'activity_spans' AND PARTITION_NAME IS NOT NULL",
    )) as { n: string | number }[];
    if (Number(partitioned?.n ?? 0) > 0) return;
    // The oldest start, one index dive per employee (a loose scan of (employeeId, startMs)).
    const [oldest] = (await queryRunner.query(
      'SELECT MIN(firstMs) AS ms FROM (SELECT MIN(startMs) AS firstMs FROM `activity_spans` GROUP BY employeeId) t',
    )) as { ms: string | number | null }[];
    const partitions = initialSpanPartitions(
      Date.now(),
      oldest?.ms === null || oldest?.ms === undefined ? null : Number(oldest.ms),
    );
    const alter = (lock: string) =>
      queryRunner.query(
        'ALTER TABLE `activity_spans` DROP PRIMARY KEY, ADD PRIMARY KEY (`deviceId`, `eventId`, `startMs`), ' +
          `ALGORITHM=COPY, LOCK=${lock} ${partitions}`,
      );
    try {
      await alter('NONE');
    } catch (error) {
      if (!LOCK_NONE_REFUSED.has(errnoOf(error))) throw error;
      await alter('SHARED');
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') return;
    await queryRunner.query(
      'ALTER TABLE `activity_spans` DROP PRIMARY KEY, ADD PRIMARY KEY (`deviceId`, `eventId`) REMOVE PARTITIONING',
    );
    await queryRunner.query('DROP TABLE `activity_span_moves`');
    await queryRunner.query('DROP TABLE `activity_ingest_locks`');
  }
}

function errnoOf(error: unknown): number {
  const e = error as { errno?: number; driverError?: { errno?: number } } | null;
  return e?.errno ?? e?.driverError?.errno ?? 0;
}
