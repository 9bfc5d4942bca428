import { randomBytes } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { inSqliteTransaction, placeholders } from '#src/database/raw-db.js';
import type { CountedSpan } from '../counting/segments.js';
import type { DayRows, EmployeeForRollup } from './day-rows.js';
import {
  allUtcDays,
  type CachedSplit,
  type ClaimPlan,
  CHUNK,
  KEYSET_COLUMNS,
  MAX_SPAN_MS,
  planRuns,
  PURGE,
  type RollupClaim,
  RollupStore,
  SQL,
  toEmployee,
  toSpan,
  TOTAL_COLUMNS,
} from './rollup-store.js';

// Written to the state row while a claim is open ('~' and a token: no zone looks like it). A
// process that dies before its commit leaves it there, and the next recompute, seeing a zone that
// is not the employee's, rebuilds every day: the taken days are not lost.
const CLAIM_MARK = '~';

/**
 * SQLite: one connection shared through the ORM, so a transaction must run synchronously and may
 * not await. A claim is therefore two short transactions around the service's work: the first
 * takes the dirty days and marks the state row with a token of its own, the second writes every
 * row at once and restores the zone, only if the token is still there. The service runs one
 * recompute per employee at a time; another process on the same file (the CLI's demo load beside
 * the api) that claims the employee meanwhile sees the mark, rebuilds, and wins.
 */
export class SqliteRollupStore extends RollupStore {
  protected readonly keysetIndexHint = 'INDEXED BY ix_activity_day_keysets_employee_keyset';

  async claim(employeeId: string): Promise<RollupClaim | null> {
    const taken = await inSqliteTransaction(this.dataSource, (db) => takeDirtyDays(db, employeeId));
    return taken ? new SqliteClaim(this.dataSource, taken.plan, taken.mark) : null;
  }

  async storeSplits(splits: CachedSplit[]): Promise<void> {
    for (let i = 0; i < splits.length; i += CHUNK) {
      const chunk = splits.slice(i, i + CHUNK);
      await inSqliteTransaction(this.dataSource, (db) => {
        const stmt = db.prepare(SQL.splitUpdate);
        for (const s of chunk) {
          stmt.run(
            s.productiveMs,
            s.neutralMs,
            s.unproductiveMs,
            s.classRevision,
            s.classTeamId,
            s.employeeId,
            s.day,
            s.generation,
          );
        }
      });
    }
  }
}

function takeDirtyDays(
  db: BetterSqlite3.Database,
  employeeId: string,
): { plan: ClaimPlan; mark: string } | null {
  const row = db.prepare(SQL.employee).get(employeeId) as Record<string, unknown> | undefined;
  if (!row) {
    // Erased: nothing of theirs may stay behind.
    for (const sql of PURGE) db.prepare(sql).run(employeeId);
    return null;
  }
  const employee = toEmployee(row);
  let state = db.prepare(SQL.state).get(employeeId) as { timeZone: string } | undefined;
  if (!state) {
    db.prepare(SQL.stateInsert).run(employeeId, employee.organizationId, employee.timeZone);
    state = { timeZone: employee.timeZone };
  }
  const dirtyDays = (db.prepare(SQL.dirty).all(employeeId) as { utcDay: string }[]).map(
    (r) => r.utcDay,
  );
  const rebuild = state.timeZone !== employee.timeZone;
  if (!rebuild && dirtyDays.length === 0) return null;
  let utcDays = dirtyDays;
  if (rebuild) {
    const b = db.prepare(SQL.spanBounds).get(employeeId) as {
      lo: number | null;
      hi: number | null;
    };
    utcDays = b.lo === null || b.hi === null ? [] : allUtcDays(Number(b.lo), Number(b.hi));
  }
  const del = db.prepare('DELETE FROM activity_dirty_days WHERE employeeId = ? AND utcDay = ?');
  for (const d of dirtyDays) del.run(employeeId, d);
  const mark = CLAIM_MARK + randomBytes(12).toString('hex');
  db.prepare(SQL.stateUpdate).run(mark, employeeId);
  return {
    plan: {
      employee,
      storedTimeZone: state.timeZone,
      dirtyDays,
      rebuild,
      runs: planRuns(employee.timeZone, utcDays),
    },
    mark,
  };
}

/** Whether the state row still holds this claim's mark. */
function stillClaimed(db: BetterSqlite3.Database, employeeId: string, mark: string): boolean {
  const state = db.prepare(SQL.state).get(employeeId) as { timeZone: string } | undefined;
  return state?.timeZone === mark;
}

/** Gives the taken days back: a later recompute counts them again. */
function markDirty(db: BetterSqlite3.Database, plan: ClaimPlan): void {
  const mark = db.prepare(
    'INSERT OR IGNORE INTO activity_dirty_days (employeeId, utcDay, organizationId) VALUES (?, ?, ?)',
  );
  for (const d of plan.dirtyDays) mark.run(plan.employee.id, d, plan.employee.organizationId);
}

class SqliteClaim implements RollupClaim {
  readonly employee: EmployeeForRollup;
  readonly runs: string[][];
  private readonly written: { days: readonly string[]; rows: DayRows }[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly plan: ClaimPlan,
    private readonly mark: string,
  ) {
    this.employee = plan.employee;
    this.runs = plan.runs;
  }

  spans(fromMs: number, toMs: number): Promise<CountedSpan[]> {
    return inSqliteTransaction(this.dataSource, (db) =>
      (
        db.prepare(SQL.spans).all(this.employee.id, fromMs - MAX_SPAN_MS, toMs, fromMs) as Record<
          string,
          unknown
        >[]
      ).map(toSpan),
    );
  }

  write(days: readonly string[], rows: DayRows): Promise<void> {
    // Kept until commit: readers see the old rows or all the new ones, never a part.
    this.written.push({ days, rows });
    return Promise.resolve();
  }

  commit(): Promise<boolean> {
    const employeeId = this.employee.id;
    return inSqliteTransaction(this.dataSource, (db) => {
      if (!stillClaimed(db, employeeId, this.mark)) {
        markDirty(db, this.plan);
        return false;
      }
      if (this.plan.rebuild) {
        db.prepare(SQL.deleteAllTotals).run(employeeId);
        db.prepare(SQL.deleteAllKeysets).run(employeeId);
      }
      const delTotals = db.prepare(
        'DELETE FROM activity_day_totals WHERE employeeId = ? AND day = ?',
      );
      const delKeysets = db.prepare(
        'DELETE FROM activity_day_keysets WHERE employeeId = ? AND day = ?',
      );
      const insTotal = db.prepare(
        `INSERT INTO activity_day_totals (${TOTAL_COLUMNS.join(', ')}) VALUES ${placeholders(1, TOTAL_COLUMNS.length)}`,
      );
      const insKeyset = db.prepare(
        `INSERT INTO activity_day_keysets (${KEYSET_COLUMNS.join(', ')}) VALUES ${placeholders(1, KEYSET_COLUMNS.length)}`,
      );
      const insSet = db.prepare(
        'INSERT OR IGNORE INTO activity_keysets (id, organizationId, keyIds) VALUES (?, ?, ?)',
      );
      for (const { days, rows } of this.written) {
        for (const d of days) {
          delTotals.run(employeeId, d);
          delKeysets.run(employeeId, d);
        }
        for (const t of rows.totals) insTotal.run(...TOTAL_COLUMNS.map((c) => t[c]));
        for (const k of rows.keysetRows) insKeyset.run(...KEYSET_COLUMNS.map((c) => k[c]));
        for (const [id, keys] of rows.keysets) {
          insSet.run(id, this.employee.organizationId, keys.join(','));
        }
      }
      db.prepare(SQL.stateUpdate).run(this.employee.timeZone, employeeId);
      return true;
    });
  }

  async rollback(): Promise<void> {
    await inSqliteTransaction(this.dataSource, (db) => {
      markDirty(db, this.plan);
      // The zone as it was, unless another claim has the row now (its commit sets it).
      if (stillClaimed(db, this.employee.id, this.mark)) {
        db.prepare(SQL.stateUpdate).run(this.plan.storedTimeZone, this.employee.id);
      }
    }).catch(() => undefined);
  }
}
