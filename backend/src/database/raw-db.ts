import { setTimeout as sleep } from 'node:timers/promises';
import type BetterSqlite3 from 'better-sqlite3';
import type { Pool, PoolConnection } from 'mysql2';
import type { DataSource } from 'typeorm';

// ER_LOCK_DEADLOCK, ER_LOCK_WAIT_TIMEOUT: InnoDB gives these to one of two transactions racing for
// the same rows (a recompute and ingestion's INSERT IGNOREs of dirty days); rerunning it succeeds.
const TRANSIENT_LOCK_ERRORS = new Set([1213, 1205]);
/** How often a transaction that lost a lock race is run again before its error is let through. */
export const MAX_LOCK_RETRIES = 6;

/** True for a MySQL/MariaDB deadlock or lock wait timeout: the whole transaction may be rerun. */
export function isTransientLockError(error: unknown): boolean {
  // mysql2 errors carry errno; TypeORM's QueryFailedError wraps them as driverError.
  const e = error as { errno?: number; driverError?: { errno?: number } } | null;
  return TRANSIENT_LOCK_ERRORS.has(e?.errno ?? e?.driverError?.errno ?? 0);
}

/** The mysql2 pool under a MySQL/MariaDB DataSource, for statements the ORM cannot batch. */
export function mysqlPool(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { pool: Pool }).pool;
}

export function sqliteHandle(dataSource: DataSource): BetterSqlite3.Database {
  return (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database })
    .databaseConnection;
}

/**
 * SQLite has one connection shared through the ORM: a transaction must run synchronously, and only
 * when no other (awaiting) transaction is open, or it would be swallowed by it.
 */
export async function inSqliteTransaction<T>(
  dataSource: DataSource,
  work: (db: BetterSqlite3.Database) => T,
): Promise<T> {
  const db = sqliteHandle(dataSource);
  for (let waited = 0; db.inTransaction; waited++) {
    if (waited > 5_000) throw new Error('SQLite stayed inside a transaction for too long');
    await sleep(1);
  }
  return db.transaction(() => work(db)).immediate();
}

export interface MysqlTx {
  query<R = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<R[]>;
  execute(sql: string, values?: unknown[]): Promise<number>;
}

/** A READ COMMITTED transaction held open on a connection of its own until commit or rollback. */
export interface OpenMysqlTx extends MysqlTx {
  commit(): Promise<void>;
  /** Never throws; the connection goes back to the pool either way. */
  rollback(): Promise<void>;
}

/**
 * Starts a READ COMMITTED transaction for work that awaits other things between its statements
 * (not retried: a caller reruns the whole unit on isTransientLockError).
 */
export async function openMysqlTransaction(dataSource: DataSource): Promise<OpenMysqlTx> {
  const pool = mysqlPool(dataSource);
  const conn = await new Promise<PoolConnection>((resolve, reject) =>
    pool.getConnection((err, c) => (err ? reject(err) : resolve(c))),
  );
  const raw = (sql: string, values?: unknown[]) =>
    new Promise<unknown>((resolve, reject) =>
      conn.query(sql, values, (err, result) => (err ? reject(err) : resolve(result))),
    );
  let open = true;
  const end = async (sql: 'COMMIT' | 'ROLLBACK') => {
    if (!open) return;
    open = false;
    try {
      await raw(sql);
    } catch (error) {
      if (sql === 'COMMIT') await raw('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      conn.release();
    }
  };
  try {
    await raw('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
    await raw('START TRANSACTION');
  } catch (error) {
    open = false;
    conn.release();
    throw error;
  }
  return {
    query: async <R>(sql: string, values?: unknown[]) => (await raw(sql, values)) as R[],
    execute: async (sql, values) =>
      ((await raw(sql, values)) as { affectedRows: number }).affectedRows,
    commit: () => end('COMMIT'),
    rollback: () => end('ROLLBACK').catch(() => undefined),
  };
}

/** A READ COMMITTED transaction on a connection of its own, retried on deadlock. */
export async function inMysqlTransaction<T>(
  dataSource: DataSource,
  work: (tx: MysqlTx) => Promise<T>,
): Promise<T> {
  const pool = mysqlPool(dataSource);
  const conn = await new Promise<PoolConnection>((resolve, reject) =>
    pool.getConnection((err, c) => (err ? reject(err) : resolve(c))),
  );
  const raw = (sql: string, values?: unknown[]) =>
    new Promise<unknown>((resolve, reject) =>
      conn.query(sql, values, (err, result) => (err ? reject(err) : resolve(result))),
    );
  const tx: MysqlTx = {
    query: async <R>(sql: string, values?: unknown[]) => (await raw(sql, values)) as R[],
    execute: async (sql, values) =>
      ((await raw(sql, values)) as { affectedRows: number }).affectedRows,
  };
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await raw('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
        await raw('START TRANSACTION');
        const result = await work(tx);
        await raw('COMMIT');
        return result;
      } catch (error) {
        await raw('ROLLBACK').catch(() => undefined);
        if (!isTransientLockError(error) || attempt >= MAX_LOCK_RETRIES) throw error;
        await sleep(Math.random() * 20 * attempt);
      }
    }
  } finally {
    conn.release();
  }
}

export function placeholders(rows: number, columns: number): string {
  const row = `(${new Array<string>(columns).fill('?').join(', ')})`;
  return new Array<string>(rows).fill(row).join(', ');
}

export function inList(n: number): string {
  return new Array<string>(n).fill('?').join(', ');
}

/**
 * The most values one `IN (…)` list carries: well below MariaDB's in_predicate_conversion_threshold
 * (1,000), past which it may rewrite the list into a join with a temporary table, and a size at
 * which two lists can run at once. (Measured on the day totals of 10,000 people: 500 × 2 lanes and
 * 1,000 × 1 take the same time today; the point is one rule instead of a size per repository.)
 */
export const IN_LIST_MAX = 500;

/** `values` in consecutive slices of at most IN_LIST_MAX, for one `IN (…)` list each. */
export function inListSlices<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += IN_LIST_MAX) out.push(values.slice(i, i + IN_LIST_MAX));
  return out;
}

/**
 * Runs the reads two at a time (a small server's two cores: one query runs while the other's rows
 * are decoded) and returns their results in the order of `reads`, whichever finishes first.
 */
export async function twoAtATime<R>(reads: readonly (() => Promise<R>)[]): Promise<R[]> {
  const results: R[] = new Array<R>(reads.length);
  let next = 0;
  const lane = async () => {
    while (next < reads.length) {
      const i = next++;
      results[i] = await reads[i]();
    }
  };
  await Promise.all([lane(), lane()]);
  return results;
}

/** Reads `values` an IN list at a time, two lists at once; the rows in slice order. */
export async function readInSlices<T, R>(
  values: readonly T[],
  read: (slice: T[]) => Promise<R[]>,
): Promise<R[]> {
  return (await twoAtATime(inListSlices(values).map((slice) => () => read(slice)))).flat();
}

/**
 * A read whose rows come back as arrays in the SELECT's column order: for reads of many thousand
 * rows, building no object per row (in mysql2 or better-sqlite3) and skipping the ORM's query
 * runner is most of their cost.
 */
export async function selectRowsAsArrays(
  dataSource: DataSource,
  sql: string,
  values: unknown[],
): Promise<unknown[][]> {
  if (dataSource.options.type === 'better-sqlite3') {
    return sqliteHandle(dataSource)
      .prepare(sql)
      .raw(true)
      .all(...values) as unknown[][];
  }
  return new Promise<unknown[][]>((resolve, reject) =>
    mysqlPool(dataSource).query({ sql, values, rowsAsArray: true }, (err, rows) =>
      err ? reject(err) : resolve(rows as unknown[][]),
    ),
  );
}
