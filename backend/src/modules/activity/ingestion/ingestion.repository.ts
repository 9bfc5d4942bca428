import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type BetterSqlite3 from 'better-sqlite3';
import type { ExecuteValues, Pool, PoolConnection, ResultSetHeader } from 'mysql2';
import { DataSource } from 'typeorm';
import { dialectOf } from '#src/database/dialect.js';
import { inList, isTransientLockError, MAX_LOCK_RETRIES, mysqlPool } from '#src/database/raw-db.js';
import type { ActivityKeyKind } from '../entities/activity-key.entity.js';
import type { SpanKind } from '../entities/activity-span.entity.js';
import { DAY_MS } from '#src/common/time.js';

/** A span ready to store; the device, organization and employee are the batch's. */
export interface SpanRow {
  eventId: string;
  kind: SpanKind;
  startMs: number;
  endMs: number;
  keyId: string | null;
  app: string | null;
  title: string | null;
  url: string | null;
  /** 0 as first sent; a higher revision of the same event replaces the stored row. */
  rev: number;
}

export interface SpanOwner {
  deviceId: string;
  organizationId: string;
  employeeId: string;
}

export interface KeyRequest {
  kind: ActivityKeyKind;
  normalized: string;
  name: string;
}

// Keeps one statement well under MySQL's 65,535 placeholders and a 16 MB max_allowed_packet
// even when every title and URL is at its full length.
const SPAN_CHUNK = 500;
const KEY_CHUNK = 200;

const SPAN_COLUMNS =
  '(deviceId, eventId, organizationId, employeeId, kind, startMs, endMs, keyId, app, title, url, rev)';
const SPAN_VALUES = 12;
const SPAN_CURRENT =
  'SELECT startMs, endMs, rev FROM activity_spans WHERE deviceId = ? AND eventId = ?';
const SPAN_REVISE =
  'UPDATE activity_spans SET kind = ?, startMs = ?, endMs = ?, keyId = ?, app = ?, title = ?, url = ?, rev = ? ' +
  'WHERE deviceId = ? AND eventId = ? AND rev < ?';

// MySQL/MariaDB: the span table is partitioned by month of startMs, and its primary key is
// (deviceId, eventId, startMs). See insertSpansMysql for how an event keeps one row.
const DEVICE_LOCK = 'SELECT movesNoted FROM activity_ingest_locks WHERE deviceId = ? FOR UPDATE';
const DEVICE_LOCK_CREATE =
  'INSERT INTO activity_ingest_locks (deviceId, organizationId) VALUES (?, ?) ' +
  'ON DUPLICATE KEY UPDATE organizationId = VALUES(organizationId)';
const DEVICE_MOVES_NOTED = 'UPDATE activity_ingest_locks SET movesNoted = 1 WHERE deviceId = ?';
const SPAN_AT = `${SPAN_CURRENT} AND startMs = ?`;
const SPAN_REVISE_AT =
  'UPDATE activity_spans SET kind = ?, startMs = ?, endMs = ?, keyId = ?, app = ?, title = ?, url = ?, rev = ? ' +
  'WHERE deviceId = ? AND eventId = ? AND startMs = ?';
const MOVE_UPSERT =
  'INSERT INTO activity_span_moves (deviceId, eventId, organizationId, employeeId, startMs) VALUES (?, ?, ?, ?, ?) ' +
  'ON DUPLICATE KEY UPDATE startMs = VALUES(startMs)';
const SPAN_TAKE_BACK =
  'DELETE FROM activity_spans WHERE deviceId = ? AND eventId = ? AND startMs = ? AND rev = 0';

/** What a batch changed: new events, and events replaced by a later revision of theirs. */
export interface InsertResult {
  inserted: number;
  revised: number;
}

interface StoredRevision {
  startMs: number | string;
  endMs: number | string;
  rev: number | string;
}

function reviseValues(owner: SpanOwner, r: SpanRow): ExecuteValues[] {
  return [
    r.kind,
    r.startMs,
    r.endMs,
    r.keyId,
    r.app,
    r.title,
    r.url,
    r.rev,
    owner.deviceId,
    r.eventId,
    r.rev,
  ];
}

/** SPAN_REVISE_AT's values: the row is found where it is stored, and may move. */
function reviseAtValues(owner: SpanOwner, r: SpanRow, storedStartMs: number): ExecuteValues[] {
  return [
    r.kind,
    r.startMs,
    r.endMs,
    r.keyId,
    r.app,
    r.title,
    r.url,
    r.rev,
    owner.deviceId,
    r.eventId,
    storedStartMs,
  ];
}

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Every UTC day [startMs, endMs) touches, in order. */
export function utcDaysOf(startMs: number, endMs: number, into: Set<number>): void {
  const last = Math.floor((endMs - 1) / DAY_MS);
  for (let day = Math.floor(startMs / DAY_MS); day <= last; day++) into.add(day);
}

function dayList(days: Set<number>): string[] {
  return [...days].sort((a, b) => a - b).map((d) => utcDay(d * DAY_MS));
}

/**
 * The write path of ingestion. It bypasses the ORM on purpose: spans arrive by the hundred
 * thousand per minute, so rows go out as multi-row INSERT IGNORE (MySQL) or one cached prepared
 * statement per row in a single transaction (SQLite), and the days they touch are marked dirty in
 * the same transaction.
 */
@Injectable()
export class IngestionRepository {
  private readonly sqliteStatements = new WeakMap<
    BetterSqlite3.Database,
    Record<
      'span' | 'spanCurrent' | 'spanRevise' | 'dirty' | 'keyInsert' | 'keySelect',
      BetterSqlite3.Statement
    >
  >();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Inserts what is new and applies later revisions; returns how many rows were new and how many
   * replaced an older revision (the rest were duplicates). The days a revision moved away from are
   * marked dirty too.
   */
  insertSpans(owner: SpanOwner, rows: SpanRow[]): Promise<InsertResult> {
    if (rows.length === 0) return Promise.resolve({ inserted: 0, revised: 0 });
    return dialectOf(this.dataSource) === 'sqlite'
      ? this.insertSpansSqlite(owner, rows)
      : this.withMysqlRetry((conn) => this.insertSpansMysql(conn, owner, rows));
  }

  /** Creates missing keys and returns the id of every requested one, by kind and normalized name. */
  ensureKeys(organizationId: string, keys: KeyRequest[]): Promise<string[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return dialectOf(this.dataSource) === 'sqlite'
      ? this.ensureKeysSqlite(organizationId, keys)
      : this.withMysqlRetry((conn) => this.ensureKeysMysql(conn, organizationId, keys));
  }

  // ---- MySQL / MariaDB

  private get pool(): Pool {
    return mysqlPool(this.dataSource);
  }

  private async withMysqlRetry<T>(work: (conn: PoolConnection) => Promise<T>): Promise<T> {
    const conn = await new Promise<PoolConnection>((resolve, reject) =>
      this.pool.getConnection((err, c) => (err ? reject(err) : resolve(c))),
    );
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await work(conn);
        } catch (error) {
          await run(conn, 'ROLLBACK').catch(() => undefined);
          // Concurrent INSERT IGNOREs over overlapping duplicates can deadlock on InnoDB.
          if (!isTransientLockError(error) || attempt >= MAX_LOCK_RETRIES) throw error;
          await sleep(Math.random() * 10 * attempt);
        }
      }
    } finally {
      conn.release();
    }
  }

  /**
   * A partitioned table cannot hold a unique key without the partitioning column, so (deviceId,
   * eventId) is kept to one row here:
   * - the device's row in activity_ingest_locks is locked first, so two batches of one device
   *   (a retry racing its original) run one after the other;
   * - first sendings go in as multi-row INSERT IGNORE: a re-sent one has the same start, hence the
   *   same primary key, and is skipped;
   * - a revision looks for its event at its own start (one partition), and only when it is not
   *   there in every partition; when it moves the start, it moves the row (MariaDB moves it across
   *   partitions) and lists the event in activity_span_moves, as does a revision stored before
   *   its first sending;
   * - a first sending whose row went in is looked up there (a small table, not every partition),
   *   and taken back when its event is stored at another start: it arrived late.
   */
  private async insertSpansMysql(
    conn: PoolConnection,
    owner: SpanOwner,
    all: SpanRow[],
  ): Promise<InsertResult> {
    await run(conn, 'START TRANSACTION');
    const movesNoted = await this.lockDevice(conn, owner);
    let movedNow = false;
    let inserted = 0;
    let revised = 0;
    const days = new Set<number>();
    // First sendings go in bulk; revisions (a few per batch) one by one, after them, in order.
    const firsts = new Map<string, SpanRow>();
    for (const r of all) if (r.rev === 0 && !firsts.has(r.eventId)) firsts.set(r.eventId, r);
    const rows = [...firsts.values()];
    const fresh: SpanRow[] = [];
    for (let from = 0; from < rows.length; from += SPAN_CHUNK) {
      const chunk = rows.slice(from, from + SPAN_CHUNK);
      const size = bucketOf(chunk.length);
      const values: ExecuteValues[] = [];
      for (let i = 0; i < size; i++) {
        // Padding repeats the last row: INSERT IGNORE skips the copies, so they count for nothing.
        values.push(...spanValues(owner, chunk[Math.min(i, chunk.length - 1)]));
      }
      const result = await execute(conn, spanInsertSql(size), values);
      inserted += result.affectedRows;
      // Days are marked only where something new arrived: a re-sent batch leaves rollups alone.
      if (result.affectedRows > 0) {
        fresh.push(...chunk);
        for (const r of chunk) utcDaysOf(r.startMs, r.endMs, days);
      }
    }
    // Most devices never had an event stored at another start: no lookup of their 500 events.
    if (movesNoted) inserted -= await this.takeBackLateFirsts(conn, owner, fresh);
    for (const r of all) {
      if (r.rev === 0) continue;
      let [stored] = (await run(conn, SPAN_AT, [
        owner.deviceId,
        r.eventId,
        r.startMs,
      ])) as unknown as StoredRevision[];
      if (!stored) {
        // Moved (now, or by an earlier revision), or not stored yet: every partition is asked.
        const found = (await run(conn, SPAN_CURRENT, [
          owner.deviceId,
          r.eventId,
        ])) as unknown as StoredRevision[];
        stored = found.sort((a, b) => Number(b.rev) - Number(a.rev))[0];
      }
      if (!stored) {
        await execute(conn, spanInsertSql(1), spanValues(owner, r));
        await this.noteMove(conn, owner, r);
        movedNow = true;
        inserted++;
        utcDaysOf(r.startMs, r.endMs, days);
      } else if (Number(stored.rev) < r.rev) {
        await execute(conn, SPAN_REVISE_AT, reviseAtValues(owner, r, Number(stored.startMs)));
        if (Number(stored.startMs) !== r.startMs) {
          await this.noteMove(conn, owner, r);
          movedNow = true;
        }
        revised++;
        markRevisedDays(stored, r, days);
      }
    }
    if (days.size > 0) {
      const list = dayList(days);
      const values = list.flatMap((day) => [owner.employeeId, day, owner.organizationId]);
      await run(
        conn,
        'INSERT IGNORE INTO activity_dirty_days (employeeId, utcDay, organizationId) VALUES ' +
          placeholders(list.length, 3),
        values,
      );
    }
    if (movedNow && !movesNoted) await execute(conn, DEVICE_MOVES_NOTED, [owner.deviceId]);
    await run(conn, 'COMMIT');
    return { inserted, revised };
  }

  /**
   * Locks the device's row for the transaction (created with its first batch) and answers whether
   * any of its events was ever stored at another start.
   */
  private async lockDevice(conn: PoolConnection, owner: SpanOwner): Promise<boolean> {
    const lock = async () =>
      (await execute(conn, DEVICE_LOCK, [owner.deviceId])) as unknown as {
        movesNoted: number;
      }[];
    let [row] = await lock();
    if (!row) {
      await execute(conn, DEVICE_LOCK_CREATE, [owner.deviceId, owner.organizationId]);
      [row] = await lock();
    }
    return Number(row?.movesNoted ?? 0) !== 0;
  }

  /** The event is stored at another start than it may first have been sent with. */
  private async noteMove(conn: PoolConnection, owner: SpanOwner, r: SpanRow): Promise<void> {
    await execute(conn, MOVE_UPSERT, [
      owner.deviceId,
      r.eventId,
      owner.organizationId,
      owner.employeeId,
      r.startMs,
    ]);
  }

  /**
   * Deletes the rows just inserted for first sendings whose event is stored at another start (a
   * revision moved it, or came first); returns how many.
   */
  private async takeBackLateFirsts(
    conn: PoolConnection,
    owner: SpanOwner,
    fresh: SpanRow[],
  ): Promise<number> {
    let taken = 0;
    for (let from = 0; from < fresh.length; from += SPAN_CHUNK) {
      const chunk = fresh.slice(from, from + SPAN_CHUNK);
      const moves = (await run(
        conn,
        `SELECT eventId, startMs FROM activity_span_moves WHERE deviceId = ? AND eventId IN (${inList(chunk.length)})`,
        [owner.deviceId, ...chunk.map((r) => r.eventId)],
      )) as unknown as { eventId: string; startMs: number | string }[];
      if (moves.length === 0) continue;
      const byId = new Map(chunk.map((r) => [r.eventId, r]));
      for (const move of moves) {
        const r = byId.get(move.eventId);
        if (!r || Number(move.startMs) === r.startMs) continue;
        const result = await execute(conn, SPAN_TAKE_BACK, [owner.deviceId, r.eventId, r.startMs]);
        taken += result.affectedRows;
      }
    }
    return taken;
  }

  private async ensureKeysMysql(
    conn: PoolConnection,
    organizationId: string,
    keys: KeyRequest[],
  ): Promise<string[]> {
    const ids: string[] = [];
    for (let from = 0; from < keys.length; from += KEY_CHUNK) {
      const chunk = keys.slice(from, from + KEY_CHUNK);
      await run(
        conn,
        'INSERT IGNORE INTO activity_keys (id, organizationId, kind, name, normalized) VALUES ' +
          placeholders(chunk.length, 5),
        chunk.flatMap((k) => [randomUUID(), organizationId, k.kind, k.name, k.normalized]),
      );
      // One lookup per key, tagged by position, because the column's collation decides equality.
      const sql = chunk
        .map(
          (_, i) =>
            `SELECT ${i} AS i, id FROM activity_keys WHERE organizationId = ? AND kind = ? AND normalized = ?`,
        )
        .join(' UNION ALL ');
      const found = (await run(
        conn,
        sql,
        chunk.flatMap((k) => [organizationId, k.kind, k.normalized]),
      )) as unknown as { i: number; id: string }[];
      const byIndex = new Map(found.map((r) => [Number(r.i), r.id]));
      chunk.forEach((k, i) => {
        const id = byIndex.get(i);
        if (!id) throw new Error(`activity key ${k.kind}:${k.normalized} vanished`);
        ids.push(id);
      });
    }
    return ids;
  }

  // ---- SQLite

  private get sqlite(): BetterSqlite3.Database {
    return (this.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database })
      .databaseConnection;
  }

  private statements(db: BetterSqlite3.Database) {
    let s = this.sqliteStatements.get(db);
    if (!s) {
      s = {
        span: db.prepare(
          `INSERT OR IGNORE INTO activity_spans ${SPAN_COLUMNS} VALUES ${placeholders(1, SPAN_VALUES)}`,
        ),
        spanCurrent: db.prepare(SPAN_CURRENT),
        spanRevise: db.prepare(SPAN_REVISE),
        dirty: db.prepare(
          'INSERT OR IGNORE INTO activity_dirty_days (employeeId, utcDay, organizationId) VALUES (?, ?, ?)',
        ),
        keyInsert: db.prepare(
          'INSERT OR IGNORE INTO activity_keys (id, organizationId, kind, name, normalized) VALUES (?, ?, ?, ?, ?)',
        ),
        keySelect: db.prepare(
          'SELECT id FROM activity_keys WHERE organizationId = ? AND kind = ? AND normalized = ?',
        ),
      };
      this.sqliteStatements.set(db, s);
    }
    return s;
  }

  /**
   * The ORM shares SQLite's one connection across requests: a transaction of its own that is
   * awaiting something would swallow ours as a savepoint, so ours waits until none is open.
   */
  private async idleSqlite(): Promise<BetterSqlite3.Database> {
    const db = this.sqlite;
    for (let waited = 0; db.inTransaction; waited++) {
      if (waited > 5_000) throw new Error('SQLite stayed inside a transaction for too long');
      await sleep(1);
    }
    return db;
  }

  private async insertSpansSqlite(owner: SpanOwner, rows: SpanRow[]): Promise<InsertResult> {
    const db = await this.idleSqlite();
    const s = this.statements(db);
    return db.transaction(() => {
      let inserted = 0;
      let revised = 0;
      const days = new Set<number>();
      for (const r of rows) {
        const { changes } = s.span.run(...spanValues(owner, r));
        if (changes > 0) {
          inserted++;
          utcDaysOf(r.startMs, r.endMs, days);
        } else if (r.rev > 0) {
          const stored = s.spanCurrent.get(owner.deviceId, r.eventId) as StoredRevision;
          if (Number(stored.rev) < r.rev) {
            s.spanRevise.run(...reviseValues(owner, r));
            revised++;
            markRevisedDays(stored, r, days);
          }
        }
      }
      for (const day of dayList(days)) s.dirty.run(owner.employeeId, day, owner.organizationId);
      return { inserted, revised };
    })();
  }

  private async ensureKeysSqlite(organizationId: string, keys: KeyRequest[]): Promise<string[]> {
    const db = await this.idleSqlite();
    const s = this.statements(db);
    return db.transaction(() =>
      keys.map((k) => {
        s.keyInsert.run(randomUUID(), organizationId, k.kind, k.name, k.normalized);
        const row = s.keySelect.get(organizationId, k.kind, k.normalized) as { id: string };
        return row.id;
      }),
    )();
  }
}

/**
 * Prepared statements (binary protocol: no escaping here, no parsing of a 100 KB statement there)
 * are cached per connection and per row count; padding a chunk up to one of these sizes keeps the
 * number of distinct statements small on every connection and under the server's
 * max_prepared_stmt_count however many api replicas run.
 */
const SPAN_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, SPAN_CHUNK];
const spanInsertSqlBySize = new Map<number, string>();

export function bucketOf(rows: number): number {
  return SPAN_BUCKETS.find((b) => b >= rows) ?? SPAN_CHUNK;
}

function spanValues(owner: SpanOwner, r: SpanRow): ExecuteValues[] {
  return [
    owner.deviceId,
    r.eventId,
    owner.organizationId,
    owner.employeeId,
    r.kind,
    r.startMs,
    r.endMs,
    r.keyId,
    r.app,
    r.title,
    r.url,
    r.rev,
  ];
}

/** A revision changes the days it left as well as the days it covers now. */
function markRevisedDays(stored: StoredRevision, r: SpanRow, days: Set<number>): void {
  const oldStart = Number(stored.startMs);
  const oldEnd = Number(stored.endMs);
  if (oldEnd > oldStart) utcDaysOf(oldStart, oldEnd, days);
  if (r.endMs > r.startMs) utcDaysOf(r.startMs, r.endMs, days);
}

function spanInsertSql(rows: number): string {
  let sql = spanInsertSqlBySize.get(rows);
  if (!sql) {
    sql = `INSERT IGNORE INTO activity_spans ${SPAN_COLUMNS} VALUES ${placeholders(rows, SPAN_VALUES)}`;
    spanInsertSqlBySize.set(rows, sql);
  }
  return sql;
}

function placeholders(rows: number, columns: number): string {
  const row = `(${new Array<string>(columns).fill('?').join(', ')})`;
  return new Array<string>(rows).fill(row).join(', ');
}

function execute(
  conn: PoolConnection,
  sql: string,
  values: ExecuteValues[],
): Promise<ResultSetHeader> {
  return new Promise((resolve, reject) =>
    conn.execute<ResultSetHeader>(sql, values, (err, result) =>
      err ? reject(err) : resolve(result),
    ),
  );
}

function run(conn: PoolConnection, sql: string, values?: unknown[]): Promise<ResultSetHeader> {
  return new Promise((resolve, reject) =>
    conn.query<ResultSetHeader>(sql, values, (err, result) =>
      err ? reject(err) : resolve(result),
    ),
  );
}
