import type { DataSource } from 'typeorm';
import { DAY_MS } from '#src/common/time.js';
import { inList, readInSlices, selectRowsAsArrays } from '#src/database/raw-db.js';
import type { ReadMode, ReadReplicas } from '#src/database/replicas/read-replicas.js';
import type { CountedSpan } from '../counting/segments.js';
import { addDays, localDaysOfUtcDay, utcDayOf } from '../counting/time-zone.js';
import { consecutiveRuns, type DayRows, type EmployeeForRollup } from './day-rows.js';

// Spans are at most 24 h long (ingestion rejects longer ones), so one that ends inside a window
// started at most a day before it: that bound keeps the (employeeId, startMs) index usable.
export const MAX_SPAN_MS = DAY_MS;
/** Rows per multi-row statement. */
export const CHUNK = 500;

export const TOTAL_COLUMNS = [
  'employeeId',
  'day',
  'organizationId',
  'activeMs',
  'idleMs',
  'firstActiveMs',
  'lastActiveMs',
  'productiveMs',
  'neutralMs',
  'unproductiveMs',
  'classRevision',
  'classTeamId',
  'generation',
] as const;
export const KEYSET_COLUMNS = ['employeeId', 'day', 'keysetId', 'organizationId', 'ms'] as const;

/** The statements both dialects share. */
export const SQL = {
  employee: 'SELECT id, organizationId, timeZone, teamId FROM employees WHERE id = ?',
  state: 'SELECT timeZone FROM activity_rollup_states WHERE employeeId = ?',
  stateInsert:
    'INSERT INTO activity_rollup_states (employeeId, organizationId, timeZone) VALUES (?, ?, ?)',
  stateUpdate: 'UPDATE activity_rollup_states SET timeZone = ? WHERE employeeId = ?',
  dirty: 'SELECT utcDay FROM activity_dirty_days WHERE employeeId = ?',
  spanBounds:
    'SELECT MIN(startMs) AS lo, MAX(endMs) AS hi FROM activity_spans WHERE employeeId = ?',
  spans:
    // endMs > startMs: a retracted span's tombstone counts for nothing.
    'SELECT kind, startMs, endMs, keyId FROM activity_spans WHERE employeeId = ? AND startMs >= ? AND startMs < ? AND endMs > ? AND endMs > startMs',
  deleteAllTotals: 'DELETE FROM activity_day_totals WHERE employeeId = ?',
  deleteAllKeysets: 'DELETE FROM activity_day_keysets WHERE employeeId = ?',
  deleteAllDirty: 'DELETE FROM activity_dirty_days WHERE employeeId = ?',
  deleteState: 'DELETE FROM activity_rollup_states WHERE employeeId = ?',
  splitUpdate:
    'UPDATE activity_day_totals SET productiveMs = ?, neutralMs = ?, unproductiveMs = ?, classRevision = ?, classTeamId = ? WHERE employeeId = ? AND day = ? AND generation = ?',
};

/** Every rollup row of an employee, in the order an erasure deletes them. */
export const PURGE = [
  SQL.deleteAllDirty,
  SQL.deleteAllTotals,
  SQL.deleteAllKeysets,
  SQL.deleteState,
] as const;

/** One employee's local day: active milliseconds and the first and last active instants. */
export interface ActiveDay {
  employeeId: string;
  day: string;
  activeMs: number;
  firstActiveMs: number | null;
  lastActiveMs: number | null;
}

/** A day's cached productivity split and the rules revision and team it was computed under. */
export interface CachedSplit {
  employeeId: string;
  day: string;
  classRevision: number;
  classTeamId: string;
  generation: number;
  productiveMs: number;
  neutralMs: number;
  unproductiveMs: number;
}

/**
 * One employee's recompute, begun: their dirty days are taken (a span stored from now on marks its
 * day dirty again), and until commit or rollback no other recompute of theirs runs.
 */
export interface RollupClaim {
  readonly employee: EmployeeForRollup;
  /** The local days to recount, in runs of consecutive days (every day after a zone change). */
  readonly runs: readonly string[][];
  /** The employee's spans (every device) that can touch [fromMs, toMs). */
  spans(fromMs: number, toMs: number): Promise<CountedSpan[]>;
  /** Replaces the rows of these local days with the given ones. */
  write(days: readonly string[], rows: DayRows): Promise<void>;
  /**
   * Makes everything written visible at once, in the zone the days were counted in. False when
   * another process took the employee meanwhile (SQLite): nothing was written, the days are dirty
   * again, and the recompute should run again.
   */
  commit(): Promise<boolean>;
  /** Puts the taken days back as dirty, and keeps nothing written. Never throws. */
  rollback(): Promise<void>;
}

/** What a claim learned from the employee, their rollup state and their dirty days. */
export interface ClaimPlan {
  employee: EmployeeForRollup;
  /** The zone the stored rollups were computed in. */
  storedTimeZone: string;
  dirtyDays: string[];
  /** The zone changed: every day is recounted, every stored row replaced. */
  rebuild: boolean;
  runs: string[][];
}

export function toSpan(r: Record<string, unknown>): CountedSpan {
  return {
    kind: r.kind === 'idle' ? 'idle' : 'active',
    startMs: Number(r.startMs),
    endMs: Number(r.endMs),
    keyId: typeof r.keyId === 'string' ? r.keyId : null,
  };
}

export function toEmployee(r: Record<string, unknown>): EmployeeForRollup {
  return {
    id: String(r.id),
    organizationId: String(r.organizationId),
    timeZone: String(r.timeZone),
    teamId: typeof r.teamId === 'string' && r.teamId !== '' ? r.teamId : null,
  };
}

/** The UTC days to recount → the local days they touch, as runs of consecutive days. */
export function planRuns(timeZone: string, utcDays: string[]): string[][] {
  const local = new Set<string>();
  for (const d of utcDays) for (const l of localDaysOfUtcDay(timeZone, d)) local.add(l);
  return consecutiveRuns([...local].sort(), (d) => addDays(d, 1));
}

/** Every UTC day from the one of `lo` to the one before `hi`. */
export function allUtcDays(lo: number, hi: number): string[] {
  const days: string[] = [];
  for (let t = Math.floor(lo / DAY_MS) * DAY_MS; t < hi; t += DAY_MS) days.push(utcDayOf(t));
  return days;
}

/**
 * The rollup tables (activity_day_totals, activity_day_keysets, activity_keysets, the dirty days
 * and the per-employee state): reads spans and state, writes the rows it is given. No rules, no
 * counting: the service computes the rows. One implementation per dialect, chosen once at
 * start-up; the reads below are the same SQL on both.
 */
export abstract class RollupStore {
  constructor(
    protected readonly dataSource: DataSource,
    protected readonly replicas: ReadReplicas,
  ) {}

  /**
   * Begins recomputing one employee: null when nothing is dirty, and when the employee is gone
   * (erased: every rollup row of theirs is deleted then).
   */
  abstract claim(employeeId: string): Promise<RollupClaim | null>;

  /** Stores refreshed splits; a day recomputed meanwhile (another generation) keeps its own. */
  abstract storeSplits(splits: CachedSplit[]): Promise<void>;

  /** The index hint that reads only the given keysets of the given employees. */
  protected abstract readonly keysetIndexHint: string;

  /** Removes every rollup row of an employee (erasure). */
  async purge(employeeId: string): Promise<void> {
    for (const sql of PURGE) await this.dataSource.query(sql, [employeeId]);
  }

  // ---- what needs recomputing

  /** Employees with dirty days (any organization), for the background pass. */
  async dirtyEmployees(limit: number): Promise<string[]> {
    const rows: { employeeId: string }[] = await this.dataSource.query(
      `SELECT DISTINCT employeeId FROM activity_dirty_days LIMIT ${Math.floor(limit)}`,
    );
    return rows.map((r) => r.employeeId);
  }

  /** Employees of an organization with dirty UTC days within [fromUtcDay, toUtcDay]. */
  async dirtyEmployeesIn(
    organizationId: string,
    fromUtcDay: string,
    toUtcDay: string,
    among?: string[],
  ): Promise<string[]> {
    const few = among !== undefined && among.length <= 50;
    const rows: { employeeId: string }[] = await this.dataSource.query(
      `SELECT DISTINCT employeeId FROM activity_dirty_days
       WHERE organizationId = ? AND utcDay >= ? AND utcDay <= ?${few ? ` AND employeeId IN (${inList(among.length)})` : ''}`,
      few
        ? [organizationId, fromUtcDay, toUtcDay, ...among]
        : [organizationId, fromUtcDay, toUtcDay],
    );
    return rows.map((r) => r.employeeId);
  }

  /** Employees whose zone changed since their rollups were computed. */
  async movedEmployees(organizationId: string, among?: string[]): Promise<string[]> {
    // A few employees (one person's report): look them up by key instead of joining everyone.
    const few = among !== undefined && among.length <= 50;
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT e.id AS id FROM employees e JOIN activity_rollup_states s ON s.employeeId = e.id
       WHERE e.organizationId = ? AND s.timeZone <> e.timeZone${few ? ` AND e.id IN (${inList(among.length)})` : ''}`,
      few ? [organizationId, ...among] : [organizationId],
    );
    return rows.map((r) => r.id);
  }

  async employeesOf(organizationId: string): Promise<{ id: string; teamId: string | null }[]> {
    const rows: { id: string; teamId: string | null }[] = await this.dataSource.query(
      'SELECT id, teamId FROM employees WHERE organizationId = ? ORDER BY id',
      [organizationId],
    );
    return rows.map((r) => ({ id: r.id, teamId: r.teamId ?? null }));
  }

  /** Active spans of one employee (every device) that can touch [fromMs, toMs). */
  async activeSpans(
    organizationId: string,
    employeeId: string,
    fromMs: number,
    toMs: number,
    mode: ReadMode,
  ): Promise<[number, number][]> {
    const rows = await this.replicas.read(mode, (db) =>
      db.query<{ startMs: unknown; endMs: unknown }[]>(
        `SELECT startMs, endMs FROM activity_spans WHERE organizationId = ? AND employeeId = ?
         AND kind = 'active' AND startMs >= ? AND startMs < ? AND endMs > ? AND endMs > startMs`,
        [organizationId, employeeId, fromMs - MAX_SPAN_MS, toMs, fromMs],
      ),
    );
    return rows.map((r) => [Number(r.startMs), Number(r.endMs)]);
  }

  /** Active time per (employee, local day) within [fromDay, toDay], from the day totals. */
  async activeDays(
    employeeIds: string[],
    fromDay: string,
    toDay: string,
    mode: ReadMode,
  ): Promise<ActiveDay[]> {
    // A whole organization's month is tens of thousands of rows: read as arrays.
    const rows = await readInSlices(employeeIds, (chunk) =>
      this.replicas.read(mode, (db) =>
        selectRowsAsArrays(
          db,
          `SELECT employeeId, day, activeMs, firstActiveMs, lastActiveMs FROM activity_day_totals
           WHERE employeeId IN (${inList(chunk.length)}) AND day >= ? AND day <= ?`,
          [...chunk, fromDay, toDay],
        ),
      ),
    );
    return rows.map(([employeeId, day, activeMs, firstActiveMs, lastActiveMs]) => ({
      employeeId: String(employeeId),
      day: String(day),
      activeMs: Number(activeMs ?? 0),
      firstActiveMs: firstActiveMs === null ? null : Number(firstActiveMs),
      lastActiveMs: lastActiveMs === null ? null : Number(lastActiveMs),
    }));
  }

  // ---- cached productivity split

  /** Milliseconds per (employee, keyset) over the days, summed in the database. */
  async keysetMsOfRange(
    employeeIds: string[],
    fromDay: string,
    toDay: string,
    mode: ReadMode,
  ): Promise<{ employeeId: string; keysetId: string; ms: number }[]> {
    if (employeeIds.length === 0) return [];
    const rows = await this.replicas.read(mode, (db) =>
      db.query<{ employeeId: string; keysetId: string; ms: number }[]>(
        `SELECT employeeId, keysetId, SUM(ms) AS ms FROM activity_day_keysets
         WHERE employeeId IN (${inList(employeeIds.length)}) AND day >= ? AND day <= ?
         GROUP BY employeeId, keysetId`,
        [...employeeIds, fromDay, toDay],
      ),
    );
    return rows.map((r) => ({ ...r, ms: Number(r.ms) }));
  }

  /** Like keysetMsOfRange, for the given keysets only. */
  async keysetMsOfRangeFor(
    employeeIds: string[],
    keysetIds: string[],
    fromDay: string,
    toDay: string,
    mode: ReadMode,
  ): Promise<{ employeeId: string; keysetId: string; ms: number }[]> {
    if (employeeIds.length === 0 || keysetIds.length === 0) return [];
    const rows = await this.replicas.read(mode, (db) =>
      db.query<{ employeeId: string; keysetId: string; ms: number }[]>(
        `SELECT employeeId, keysetId, SUM(ms) AS ms FROM activity_day_keysets ${this.keysetIndexHint}
         WHERE employeeId IN (${inList(employeeIds.length)}) AND keysetId IN (${inList(keysetIds.length)})
           AND day >= ? AND day <= ?
         GROUP BY employeeId, keysetId`,
        [...employeeIds, ...keysetIds, fromDay, toDay],
      ),
    );
    return rows.map((r) => ({ ...r, ms: Number(r.ms) }));
  }

  /** Per-day rows of the given keysets of the given employees. */
  async keysetMsOfDaysFor(
    employeeIds: string[],
    keysetIds: string[],
  ): Promise<{ employeeId: string; day: string; keysetId: string; ms: number }[]> {
    if (employeeIds.length === 0 || keysetIds.length === 0) return [];
    const rows: { employeeId: string; day: string; keysetId: string; ms: number }[] =
      await this.dataSource.query(
        `SELECT employeeId, day, keysetId, ms FROM activity_day_keysets ${this.keysetIndexHint}
         WHERE employeeId IN (${inList(employeeIds.length)}) AND keysetId IN (${inList(keysetIds.length)})`,
        [...employeeIds, ...keysetIds],
      );
    return rows.map((r) => ({ ...r, ms: Number(r.ms) }));
  }

  async keysetMsOfDays(
    employeeIds: string[],
    fromDay: string,
    toDay: string,
  ): Promise<{ employeeId: string; day: string; keysetId: string; ms: number }[]> {
    if (employeeIds.length === 0) return [];
    const rows: { employeeId: string; day: string; keysetId: string; ms: number }[] =
      await this.dataSource.query(
        `SELECT employeeId, day, keysetId, ms FROM activity_day_keysets
         WHERE employeeId IN (${inList(employeeIds.length)}) AND day >= ? AND day <= ?`,
        [...employeeIds, fromDay, toDay],
      );
    return rows.map((r) => ({ ...r, ms: Number(r.ms) }));
  }

  /** The cached split of every day of the employees, with what it was computed under. */
  async staleTotals(employeeIds: string[]): Promise<CachedSplit[]> {
    if (employeeIds.length === 0) return [];
    const rows: CachedSplit[] = await this.dataSource.query(
      `SELECT employeeId, day, classRevision, classTeamId, generation, productiveMs, neutralMs, unproductiveMs
         FROM activity_day_totals
         WHERE employeeId IN (${inList(employeeIds.length)})`,
      employeeIds,
    );
    return rows.map((r) => ({
      ...r,
      classRevision: Number(r.classRevision),
      generation: Number(r.generation),
      productiveMs: Number(r.productiveMs),
      neutralMs: Number(r.neutralMs),
      unproductiveMs: Number(r.unproductiveMs),
    }));
  }
}
