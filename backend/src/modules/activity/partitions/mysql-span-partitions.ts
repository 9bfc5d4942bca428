import type { DataSource, QueryRunner } from 'typeorm';
import { JobBusyError } from '#src/jobs/job-processor.decorator.js';
import { logger } from '#src/common/logging/logger.js';
import {
  type DroppedPartitions,
  monthIndex,
  PARTITION_MONTHS_AHEAD,
  plannedSplits,
  type SpanPartition,
  SpanPartitions,
  splitDefinition,
} from './span-partitions.js';

/** How long a partition change waits for its lock (the named one, then the table's). */
const NAMED_LOCK_SECONDS = 60;
/**
 * A DDL statement waiting for the table's metadata lock holds up every query queued behind it
 * (ingestion included): it gives up soon and is retried on the job's next run.
 */
const DDL_LOCK_WAIT_SECONDS = 10;
// ER_LOCK_WAIT_TIMEOUT, also given for a metadata lock.
const LOCK_WAIT_TIMEOUT = 1205;

/**
 * The span table's monthly RANGE partitions on MySQL/MariaDB. Every change runs under a named
 * lock (server-wide, so it names the database) and re-reads the layout inside it: two workers
 * running the job at once change it once, and retention never drops while a split runs.
 */
export class MysqlSpanPartitions extends SpanPartitions {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async list(runner?: QueryRunner): Promise<SpanPartition[]> {
    const rows = (await (runner ?? this.dataSource).query(
      `SELECT PARTITION_NAME AS name, PARTITION_DESCRIPTION AS bound, TABLE_ROWS AS estimatedRows
         FROM information_schema.PARTITIONS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'activity_spans' AND PARTITION_NAME IS NOT NULL
        ORDER BY PARTITION_ORDINAL_POSITION`,
    )) as { name: string; bound: string; estimatedRows: string | number | null }[];
    return rows.map((r) => ({
      name: r.name,
      endMs: r.bound === 'MAXVALUE' ? null : Number(r.bound),
      estimatedRows: Number(r.estimatedRows ?? 0),
    }));
  }

  ensureAhead(nowMs: number, monthsAhead = PARTITION_MONTHS_AHEAD): Promise<string[]> {
    return this.locked(async (runner) => {
      const partitions = await this.list(runner);
      if (partitions.length === 0) {
        logger.warn('activity_spans is not partitioned: no partitions created');
        return [];
      }
      const now = monthIndex(nowMs);
      const created: string[] = [];
      for (const split of plannedSplits(partitions, now, now + monthsAhead)) {
        await this.ddl(
          runner,
          `ALTER TABLE activity_spans REORGANIZE PARTITION ${split.partition.name} INTO (${splitDefinition(split)})`,
        );
        const after = new Set((await this.list(runner)).map((p) => p.name));
        created.push(...[...after].filter((n) => !partitions.some((p) => p.name === n)));
      }
      if (created.length > 0) logger.info({ created }, 'span partitions created');
      return [...new Set(created)];
    });
  }

  dropBefore(cutoffMs: number): Promise<DroppedPartitions> {
    return this.locked(async (runner) => {
      const old = (await this.list(runner)).filter((p) => p.endMs !== null && p.endMs <= cutoffMs);
      if (old.length === 0) return { partitions: [], estimatedRows: 0 };
      const names = old.map((p) => p.name);
      await this.ddl(runner, `ALTER TABLE activity_spans DROP PARTITION ${names.join(', ')}`);
      const dropped = {
        partitions: names,
        estimatedRows: old.reduce((sum, p) => sum + p.estimatedRows, 0),
      };
      logger.info(dropped, 'span partitions dropped (retention)');
      return dropped;
    });
  }

  private async locked<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const name = `calltimex_span_partitions:${(await runner.getCurrentDatabase()) ?? ''}`;
      const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS locked', [
        name,
        NAMED_LOCK_SECONDS,
      ])) as { locked: number | null }[];
      if (row?.locked !== 1) throw new JobBusyError('another process is changing span partitions');
      try {
        return await work(runner);
      } finally {
        await runner.query('SELECT RELEASE_LOCK(?)', [name]);
      }
    } finally {
      await runner.release();
    }
  }

  private async ddl(runner: QueryRunner, sql: string): Promise<void> {
    await runner.query(`SET SESSION lock_wait_timeout = ${DDL_LOCK_WAIT_SECONDS}`);
    try {
      await runner.query(sql);
    } catch (error) {
      const e = error as { errno?: number; driverError?: { errno?: number } };
      if ((e.errno ?? e.driverError?.errno) === LOCK_WAIT_TIMEOUT) {
        throw new JobBusyError(
          'activity_spans is busy (long transactions): partition change retried later',
        );
      }
      throw error;
    } finally {
      await runner.query('SET SESSION lock_wait_timeout = DEFAULT');
    }
  }
}
