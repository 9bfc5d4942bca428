import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { dialectOf } from '../../../database/dialect.js';
import { type ReadMode, ReadReplicas } from '../../../database/replicas/read-replicas.js';
import type { CountedSpan } from '../counting/segments.js';
import { addDays, localDaysOfUtcDay, utcDayOf } from '../counting/time-zone.js';
import type { RuleBookAt } from '../rules/productivity-rules.service.js';
import {
  buildDayRows,
  consecutiveRuns,
  type EmployeeForRollup,
  keyIdsOf,
  type KeysetRow,
  type TotalRow,
} from './day-rows.js';
import type { KeyMeta } from './key-catalog.js';
import {
  inList,
  inMysqlTransaction,
  inSqliteTransaction,
  type MysqlTx,
  placeholders,
  selectRowsAsArrays,
} from '../../../database/raw-db.js';
import { DAY_MS } from '../../../common/time.js';

// Spans are at most 24 h long (ingestion rejects longer ones), so one that ends inside a window
// started at most a day before it: that bound keeps the (employeeId, startMs) index usable.
const MAX_SPAN_MS = DAY_MS;
const CHUNK = 500;

const TOTAL_COLUMNS = [
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
const KEYSET_COLUMNS = ['employeeId', 'day', 'keysetId', 'organizationId', 'ms'] as const;

const SQL = {
  employee: 'SELECT id, organizationId, timeZone, teamId FROM employees WHERE id = ?',
  stateLocked: 'SELECT timeZone FROM activity_rollup_states WHERE employeeId = ?',
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
};

/** One employee's local day: active milliseconds and the first and last active instants. */
export interface ActiveDay {
  employeeId: string;
  day: string;
  activeMs: number;
  firstActiveMs: number | null;
  lastActiveMs: number | null;
}

export interface RecomputeDeps {
  rulesAsync(organizationId: string): Promise<RuleBookAt>;
  rulesSync(organizationId: string): RuleBookAt;
  metaAsync(ids: Iterable<string>): Promise<Map<string, KeyMeta>>;
  metaSync(db: BetterSqlite3.Database, ids: Iterable<string>): Map<string, KeyMeta>;
  rememberKeyset(id: string, keys: string[]): void;
}

interface Plan {
  employee: EmployeeForRollup;
  dirtyDays: string[];
  rebuild: boolean;
  runs: string[][];
}

function toSpan(r: Record<string, unknown>): CountedSpan {
  return {
    kind: r.kind === 'idle' ? 'idle' : 'active',
    startMs: Number(r.startMs),
    endMs: Number(r.endMs),
    keyId: typeof r.keyId === 'string' ? r.keyId : null,
  };
}

function toEmployee(r: Record<string, unknown>): EmployeeForRollup {
  return {
    id: String(r.id),
    organizationId: String(r.organizationId),
    timeZone: String(r.timeZone),
    teamId: typeof r.teamId === 'string' && r.teamId !== '' ? r.teamId : null,
  };
}

/** The UTC days to recount → the local days they touch, as runs of consecutive days. */
function planRuns(timeZone: string, utcDays: string[]): string[][] {
  const local = new Set<string>();
  for (const d of utcDays) for (const l of localDaysOfUtcDay(timeZone, d)) local.add(l);
  return consecutiveRuns([...local].sort(), (d) => addDays(d, 1));
}

function allUtcDays(lo: number, hi: number): string[] {
  const days: string[] = [];
  for (let t = Math.floor(lo / DAY_MS) * DAY_MS; t < hi; t += DAY_MS) days.push(utcDayOf(t));
  return days;
}

function windowOf(
  employee: EmployeeForRollup,
  run: string[],
  bounds: (tz: string, d: string) => { startMs: number; endMs: number },
) {
  return {
    from: bounds(employee.timeZone, run[0]).startMs,
    to: bounds(employee.timeZone, run[run.length - 1]).endMs,
  };
}

/**
 * Recomputes an employee's rollups from raw spans for the days marked dirty (or everything after a
 * zone change). One transaction per employee that first locks the employee's state row, so two
 * recomputes of one employee run one after the other; dirty days are deleted before the spans are
 * read (READ COMMITTED), so spans committed later always leave a dirty day behind.
 */
@Injectable()
export class RollupRepository {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ReadReplicas) private readonly replicas: ReadReplicas,
  ) {}

  get dialect() {
    return dialectOf(this.dataSource);
  }

  async recompute(
    employeeId: string,
    deps: RecomputeDeps,
    bounds: (tz: string, d: string) => { startMs: number; endMs: number },
  ): Promise<number> {
    const generation = randomInt(1, 2 ** 31 - 1);
    if (this.dialect === 'sqlite') {
      return inSqliteTransaction(this.dataSource, (db) => {
        const plan = this.planSqlite(db, employeeId);
        if (!plan) return 0;
        const rules = deps.rulesSync(plan.employee.organizationId);
        const spansStmt = db.prepare(SQL.spans);
        let written = 0;
        for (const run of plan.runs) {
          const { from, to } = windowOf(plan.employee, run, bounds);
          const spans = (
            spansStmt.all(employeeId, from - MAX_SPAN_MS, to, from) as Record<string, unknown>[]
          ).map(toSpan);
          const meta = deps.metaSync(db, keyIdsOf(spans));
          const rows = buildDayRows(plan.employee, run, spans, meta, rules, generation);
          this.writeSqlite(db, employeeId, run, rows);
          for (const [id, keys] of rows.keysets) deps.rememberKeyset(id, keys);
          written += rows.totals.length;
        }
        return written;
      });
    }
    return inMysqlTransaction(this.dataSource, async (tx) => {
      const plan = await this.planMysql(tx, employeeId);
      if (!plan) return 0;
      const rules = await deps.rulesAsync(plan.employee.organizationId);
      let written = 0;
      for (const run of plan.runs) {
        const { from, to } = windowOf(plan.employee, run, bounds);
        const spans = (await tx.query(SQL.spans, [employeeId, from - MAX_SPAN_MS, to, from])).map(
          toSpan,
        );
        const meta = await deps.metaAsync(keyIdsOf(spans));
        const rows = buildDayRows(plan.employee, run, spans, meta, rules, generation);
        await this.writeMysql(tx, employeeId, run, rows);
        for (const [id, keys] of rows.keysets) deps.rememberKeyset(id, keys);
        written += rows.totals.length;
      }
      return written;
    });
  }

  private planSqlite(db: BetterSqlite3.Database, employeeId: string): Plan | null {
    const row = db.prepare(SQL.employee).get(employeeId) as Record<string, unknown> | undefined;
    if (!row) {
      // Erased: nothing of theirs may stay behind.
      for (const sql of [
        SQL.deleteAllDirty,
        SQL.deleteAllTotals,
        SQL.deleteAllKeysets,
        SQL.deleteState,
      ])
        db.prepare(sql).run(employeeId);
      return null;
    }
    const employee = toEmployee(row);
    let state = db.prepare(SQL.stateLocked).get(employeeId) as { timeZone: string } | undefined;
    if (!state) {
      db.prepare(SQL.stateInsert).run(employeeId, employee.organizationId, employee.timeZone);
      state = { timeZone: employee.timeZone };
    }
    const dirtyDays = (db.prepare(SQL.dirty).all(employeeId) as { utcDay: string }[]).map(
      (r) => r.utcDay,
    );
    const rebuild = state.timeZone !== employee.timeZone;
    let utcDays = dirtyDays;
    if (rebuild) {
      const b = db.prepare(SQL.spanBounds).get(employeeId) as {
        lo: number | null;
        hi: number | null;
      };
      utcDays = b.lo === null || b.hi === null ? [] : allUtcDays(Number(b.lo), Number(b.hi));
      db.prepare(SQL.stateUpdate).run(employee.timeZone, employeeId);
      db.prepare(SQL.deleteAllTotals).run(employeeId);
      db.prepare(SQL.deleteAllKeysets).run(employeeId);
    }
    if (dirtyDays.length > 0) {
      const del = db.prepare('DELETE FROM activity_dirty_days WHERE employeeId = ? AND utcDay = ?');
      for (const d of dirtyDays) del.run(employeeId, d);
    }
    return { employee, dirtyDays, rebuild, runs: planRuns(employee.timeZone, utcDays) };
  }

  private async planMysql(tx: MysqlTx, employeeId: string): Promise<Plan | null> {
    const [row] = await tx.query(SQL.employee, [employeeId]);
    if (!row) {
      for (const sql of [
        SQL.deleteAllDirty,
        SQL.deleteAllTotals,
        SQL.deleteAllKeysets,
        SQL.deleteState,
      ])
        await tx.execute(sql, [employeeId]);
      return null;
    }
    const employee = toEmployee(row);
    let [state] = await tx.query<{ timeZone: string }>(`${SQL.stateLocked} FOR UPDATE`, [
      employeeId,
    ]);
    if (!state) {
      await tx.execute(SQL.stateInsert.replace('INSERT INTO', 'INSERT IGNORE INTO'), [
        employeeId,
        employee.organizationId,
        employee.timeZone,
      ]);
      [state] = await tx.query<{ timeZone: string }>(`${SQL.stateLocked} FOR UPDATE`, [employeeId]);
    }
    const dirtyDays = (await tx.query<{ utcDay: string }>(SQL.dirty, [employeeId])).map(
      (r) => r.utcDay,
    );
    const rebuild = state.timeZone !== employee.timeZone;
    let utcDays = dirtyDays;
    if (rebuild) {
      const [b] = await tx.query<{ lo: number | null; hi: number | null }>(SQL.spanBounds, [
        employeeId,
      ]);
      utcDays = b.lo === null || b.hi === null ? [] : allUtcDays(Number(b.lo), Number(b.hi));
      await tx.execute(SQL.stateUpdate, [employee.timeZone, employeeId]);
      await tx.execute(SQL.deleteAllTotals, [employeeId]);
      await tx.execute(SQL.deleteAllKeysets, [employeeId]);
    }
    if (dirtyDays.length > 0) {
      await tx.execute(
        `DELETE FROM activity_dirty_days WHERE employeeId = ? AND utcDay IN (${inList(dirtyDays.length)})`,
        [employeeId, ...dirtyDays],
      );
    }
    return { employee, dirtyDays, rebuild, runs: planRuns(employee.timeZone, utcDays) };
  }

  private writeSqlite(
    db: BetterSqlite3.Database,
    employeeId: string,
    days: string[],
    rows: { totals: TotalRow[]; keysetRows: KeysetRow[]; keysets: Map<string, string[]> },
  ): void {
    const delTotals = db.prepare(
      'DELETE FROM activity_day_totals WHERE employeeId = ? AND day = ?',
    );
    const delKeysets = db.prepare(
      'DELETE FROM activity_day_keysets WHERE employeeId = ? AND day = ?',
    );
    for (const d of days) {
      delTotals.run(employeeId, d);
      delKeysets.run(employeeId, d);
    }
    const insTotal = db.prepare(
      `INSERT INTO activity_day_totals (${TOTAL_COLUMNS.join(', ')}) VALUES ${placeholders(1, TOTAL_COLUMNS.length)}`,
    );
    for (const t of rows.totals) insTotal.run(...TOTAL_COLUMNS.map((c) => t[c]));
    const insKeyset = db.prepare(
      `INSERT INTO activity_day_keysets (${KEYSET_COLUMNS.join(', ')}) VALUES ${placeholders(1, KEYSET_COLUMNS.length)}`,
    );
    for (const k of rows.keysetRows) insKeyset.run(...KEYSET_COLUMNS.map((c) => k[c]));
    const insSet = db.prepare(
      'INSERT OR IGNORE INTO activity_keysets (id, organizationId, keyIds) VALUES (?, ?, ?)',
    );
    const org = rows.totals[0]?.organizationId;
    for (const [id, keys] of rows.keysets) insSet.run(id, org, keys.join(','));
  }

  private async writeMysql(
    tx: MysqlTx,
    employeeId: string,
    days: string[],
    rows: { totals: TotalRow[]; keysetRows: KeysetRow[]; keysets: Map<string, string[]> },
  ): Promise<void> {
    await tx.execute(
      `DELETE FROM activity_day_totals WHERE employeeId = ? AND day IN (${inList(days.length)})`,
      [employeeId, ...days],
    );
    await tx.execute(
      `DELETE FROM activity_day_keysets WHERE employeeId = ? AND day IN (${inList(days.length)})`,
      [employeeId, ...days],
    );
    for (let i = 0; i < rows.totals.length; i += CHUNK) {
      const chunk = rows.totals.slice(i, i + CHUNK);
      await tx.execute(
        `INSERT INTO activity_day_totals (${TOTAL_COLUMNS.join(', ')}) VALUES ${placeholders(chunk.length, TOTAL_COLUMNS.length)}`,
        chunk.flatMap((t) => TOTAL_COLUMNS.map((c) => t[c])),
      );
    }
    for (let i = 0; i < rows.keysetRows.length; i += CHUNK) {
      const chunk = rows.keysetRows.slice(i, i + CHUNK);
      await tx.execute(
        `INSERT INTO activity_day_keysets (${KEYSET_COLUMNS.join(', ')}) VALUES ${placeholders(chunk.length, KEYSET_COLUMNS.length)}`,
        chunk.flatMap((k) => KEYSET_COLUMNS.map((c) => k[c])),
      );
    }
    const sets = [...rows.keysets];
    if (sets.length > 0) {
      const org = rows.totals[0]?.organizationId;
      await tx.execute(
        `INSERT IGNORE INTO activity_keysets (id, organizationId, keyIds) VALUES ${placeholders(sets.length, 3)}`,
        sets.flatMap(([id, keys]) => [id, org, keys.join(',')]),
      );
    }
  }

  /** Removes every rollup row of an employee (erasure). */
  async purge(employeeId: string): Promise<void> {
    for (const sql of [
      SQL.deleteAllDirty,
      SQL.deleteAllTotals,
      SQL.deleteAllKeysets,
      SQL.deleteState,
    ]) {
      await this.dataSource.query(sql, [employeeId]);
    }
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
    const out: ActiveDay[] = [];
    for (let i = 0; i < employeeIds.length; i += 1000) {
      const chunk = employeeIds.slice(i, i + 1000);
      // A whole organization's month is tens of thousands of rows: read as arrays.
      const rows = await this.replicas.read(mode, (db) =>
        selectRowsAsArrays(
          db,
          `SELECT employeeId, day, activeMs, firstActiveMs, lastActiveMs FROM activity_day_totals
           WHERE employeeId IN (${inList(chunk.length)}) AND day >= ? AND day <= ?`,
          [...chunk, fromDay, toDay],
        ),
      );
      for (const [employeeId, day, activeMs, firstActiveMs, lastActiveMs] of rows) {
        out.push({
          employeeId: String(employeeId),
          day: String(day),
          activeMs: Number(activeMs ?? 0),
          firstActiveMs: firstActiveMs === null ? null : Number(firstActiveMs),
          lastActiveMs: lastActiveMs === null ? null : Number(lastActiveMs),
        });
      }
    }
    return out;
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

  /** The index that reads only the given keysets of the given employees. */
  private get byKeysetIndex(): string {
    return this.dialect === 'sqlite'
      ? 'INDEXED BY ix_activity_day_keysets_employee_keyset'
      : 'FORCE INDEX (ix_activity_day_keysets_employee_keyset)';
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
        `SELECT employeeId, keysetId, SUM(ms) AS ms FROM activity_day_keysets ${this.byKeysetIndex}
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
        `SELECT employeeId, day, keysetId, ms FROM activity_day_keysets ${this.byKeysetIndex}
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

  async staleTotals(employeeIds: string[]): Promise<
    {
      employeeId: string;
      day: string;
      classRevision: number;
      classTeamId: string;
      generation: number;
      productiveMs: number;
      neutralMs: number;
      unproductiveMs: number;
    }[]
  > {
    if (employeeIds.length === 0) return [];
    const rows: {
      employeeId: string;
      day: string;
      classRevision: number;
      classTeamId: string;
      generation: number;
      productiveMs: number;
      neutralMs: number;
      unproductiveMs: number;
    }[] = await this.dataSource.query(
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

  /** Stores refreshed splits; a day recomputed meanwhile (another generation) keeps its own. */
  async storeSplits(
    splits: {
      employeeId: string;
      day: string;
      generation: number;
      productiveMs: number;
      neutralMs: number;
      unproductiveMs: number;
      classRevision: number;
      classTeamId: string;
    }[],
  ): Promise<void> {
    const sql =
      'UPDATE activity_day_totals SET productiveMs = ?, neutralMs = ?, unproductiveMs = ?, classRevision = ?, classTeamId = ? WHERE employeeId = ? AND day = ? AND generation = ?';
    const values = (s: (typeof splits)[number]) => [
      s.productiveMs,
      s.neutralMs,
      s.unproductiveMs,
      s.classRevision,
      s.classTeamId,
      s.employeeId,
      s.day,
      s.generation,
    ];
    for (let i = 0; i < splits.length; i += CHUNK) {
      const chunk = splits.slice(i, i + CHUNK);
      if (this.dialect === 'sqlite') {
        await inSqliteTransaction(this.dataSource, (db) => {
          const stmt = db.prepare(sql);
          for (const s of chunk) stmt.run(...values(s));
        });
      } else {
        // One statement per chunk: a join against the new values, matched on the generation.
        const derived = chunk
          .map(() => 'SELECT ? AS p, ? AS ne, ? AS u, ? AS r, ? AS t, ? AS e, ? AS d, ? AS g')
          .join(' UNION ALL ');
        await this.dataSource.query(
          `UPDATE activity_day_totals x JOIN (${derived}) v
             ON x.employeeId = v.e AND x.day = v.d AND x.generation = v.g
           SET x.productiveMs = v.p, x.neutralMs = v.ne, x.unproductiveMs = v.u,
               x.classRevision = v.r, x.classTeamId = v.t`,
          chunk.flatMap(values),
        );
      }
    }
  }
}
