import {
  inList,
  type OpenMysqlTx,
  openMysqlTransaction,
  placeholders,
} from '#src/database/raw-db.js';
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

/**
 * MySQL/MariaDB: a claim is one READ COMMITTED transaction that first locks the employee's state
 * row, so two recomputes of one employee (in any processes) run one after the other; the dirty days
 * are deleted before the spans are read, so spans committed later always leave a dirty day behind.
 * A deadlock surfaces as isTransientLockError: the service reruns the whole recompute.
 */
export class MysqlRollupStore extends RollupStore {
  protected readonly keysetIndexHint = 'FORCE INDEX (ix_activity_day_keysets_employee_keyset)';

  async claim(employeeId: string): Promise<RollupClaim | null> {
    const tx = await openMysqlTransaction(this.dataSource);
    try {
      const plan = await takeDirtyDays(tx, employeeId);
      if (!plan) {
        await tx.commit();
        return null;
      }
      return new MysqlClaim(tx, plan);
    } catch (error) {
      await tx.rollback();
      throw error;
    }
  }

  async storeSplits(splits: CachedSplit[]): Promise<void> {
    for (let i = 0; i < splits.length; i += CHUNK) {
      const chunk = splits.slice(i, i + CHUNK);
      // One statement per chunk: a join against the new values, matched on the generation.
      const derived = chunk
        .map(() => 'SELECT ? AS p, ? AS ne, ? AS u, ? AS r, ? AS t, ? AS e, ? AS d, ? AS g')
        .join(' UNION ALL ');
      await this.dataSource.query(
        `UPDATE activity_day_totals x JOIN (${derived}) v
           ON x.employeeId = v.e AND x.day = v.d AND x.generation = v.g
         SET x.productiveMs = v.p, x.neutralMs = v.ne, x.unproductiveMs = v.u,
             x.classRevision = v.r, x.classTeamId = v.t`,
        chunk.flatMap((s) => [
          s.productiveMs,
          s.neutralMs,
          s.unproductiveMs,
          s.classRevision,
          s.classTeamId,
          s.employeeId,
          s.day,
          s.generation,
        ]),
      );
    }
  }
}

async function takeDirtyDays(tx: OpenMysqlTx, employeeId: string): Promise<ClaimPlan | null> {
  const [row] = await tx.query(SQL.employee, [employeeId]);
  if (!row) {
    // Erased: nothing of theirs may stay behind.
    for (const sql of PURGE) await tx.execute(sql, [employeeId]);
    return null;
  }
  const employee = toEmployee(row);
  let [state] = await tx.query<{ timeZone: string }>(`${SQL.state} FOR UPDATE`, [employeeId]);
  if (!state) {
    await tx.execute(SQL.stateInsert.replace('INSERT INTO', 'INSERT IGNORE INTO'), [
      employeeId,
      employee.organizationId,
      employee.timeZone,
    ]);
    [state] = await tx.query<{ timeZone: string }>(`${SQL.state} FOR UPDATE`, [employeeId]);
  }
  const dirtyDays = (await tx.query<{ utcDay: string }>(SQL.dirty, [employeeId])).map(
    (r) => r.utcDay,
  );
  const rebuild = state.timeZone !== employee.timeZone;
  if (!rebuild && dirtyDays.length === 0) return null;
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
  return {
    employee,
    storedTimeZone: state.timeZone,
    dirtyDays,
    rebuild,
    runs: planRuns(employee.timeZone, utcDays),
  };
}

class MysqlClaim implements RollupClaim {
  readonly employee: EmployeeForRollup;
  readonly runs: string[][];

  constructor(
    private readonly tx: OpenMysqlTx,
    plan: ClaimPlan,
  ) {
    this.employee = plan.employee;
    this.runs = plan.runs;
  }

  async spans(fromMs: number, toMs: number): Promise<CountedSpan[]> {
    const rows = await this.tx.query(SQL.spans, [
      this.employee.id,
      fromMs - MAX_SPAN_MS,
      toMs,
      fromMs,
    ]);
    return rows.map(toSpan);
  }

  async write(days: readonly string[], rows: DayRows): Promise<void> {
    const { tx } = this;
    const employeeId = this.employee.id;
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
      await tx.execute(
        `INSERT IGNORE INTO activity_keysets (id, organizationId, keyIds) VALUES ${placeholders(sets.length, 3)}`,
        sets.flatMap(([id, keys]) => [id, this.employee.organizationId, keys.join(',')]),
      );
    }
  }

  async commit(): Promise<boolean> {
    await this.tx.commit();
    return true;
  }

  rollback(): Promise<void> {
    return this.tx.rollback();
  }
}
