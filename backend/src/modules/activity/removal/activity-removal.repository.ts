import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { dialectOf } from '#src/database/dialect.js';

const IN_CHUNK = 500;
const TEXT_CHUNK = 200;
const EMPLOYEE_CHUNK = 100;
/** Rows per retention DELETE on MySQL/MariaDB: each is a short transaction of its own. */
const DELETE_BATCH = 5_000;

/** What erasure and retention remove from the activity tables, and what erasure searches there. */
@Injectable()
export class ActivityRemovalRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Distinct non-null values of a span text column (title, url) of one employee. */
  async spanTexts(employeeId: string, column: 'title' | 'url'): Promise<string[]> {
    const rows = await this.dataSource.query<{ v: string }[]>(
      `SELECT DISTINCT ${column} AS v FROM activity_spans WHERE employeeId = ? AND ${column} IS NOT NULL`,
      [employeeId],
    );
    return rows.map((r) => r.v);
  }

  /** The texts that some span still has as its title or URL. */
  async recordedTexts(texts: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < texts.length; i += TEXT_CHUNK) {
      const part = texts.slice(i, i + TEXT_CHUNK);
      const marks = part.map(() => '?').join(', ');
      for (const column of ['title', 'url']) {
        const rows = await this.dataSource.query<{ v: string }[]>(
          `SELECT DISTINCT ${column} AS v FROM activity_spans WHERE ${column} IN (${marks})`,
          part,
        );
        for (const r of rows) found.add(r.v);
      }
    }
    return found;
  }

  /** Ids of the keys (apps, sites) of an employee's spans. */
  async keyIdsOf(employeeId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ v: string }[]>(
      'SELECT DISTINCT keyId AS v FROM activity_spans WHERE employeeId = ? AND keyId IS NOT NULL',
      [employeeId],
    );
    return rows.map((r) => r.v);
  }

  /** Renames, within the transaction, those of the keys that no span uses any more. */
  async renameUnusedKeys(
    tx: EntityManager,
    organizationId: string,
    keyIds: string[],
  ): Promise<number> {
    const erased = concat(this.dataSource, "'erased-'", 'id');
    let renamed = 0;
    for (let i = 0; i < keyIds.length; i += IN_CHUNK) {
      const part = keyIds.slice(i, i + IN_CHUNK);
      renamed += await this.run(
        tx,
        `UPDATE activity_keys SET name = ${erased}, normalized = ${erased} ` +
          `WHERE organizationId = ? AND id IN (${part.map(() => '?').join(', ')}) ` +
          'AND NOT EXISTS (SELECT 1 FROM activity_spans s WHERE s.keyId = activity_keys.id)',
        [organizationId, ...part],
      );
    }
    return renamed;
  }

  /**
   * SQLite: one DELETE. MySQL/MariaDB: whole months went already (retention drops partitions
   * before it deletes rows), so what is left is the month that straddles the cutoff (and the
   * months other organizations still keep): it is deleted by (employeeId, startMs) index ranges,
   * in short transactions, never by reading the month's rows.
   */
  async deleteSpansBefore(organizationId: string, cutoffMs: number): Promise<number> {
    const sql = 'DELETE FROM activity_spans WHERE organizationId = ? AND startMs < ?';
    if (dialectOf(this.dataSource) === 'sqlite') {
      return this.affected(sql, [organizationId, cutoffMs]);
    }
    // Who has spans before the cutoff: one dive per employee (a loose scan of the index), in the
    // partitions before the cutoff only. Other organizations' employees find nothing to delete.
    const employees = await this.dataSource.query<{ employeeId: string }[]>(
      'SELECT employeeId, MIN(startMs) AS firstMs FROM activity_spans WHERE startMs < ? GROUP BY employeeId',
      [cutoffMs],
    );
    let total = 0;
    for (let i = 0; i < employees.length; i += EMPLOYEE_CHUNK) {
      const part = employees.slice(i, i + EMPLOYEE_CHUNK).map((e) => e.employeeId);
      for (;;) {
        const deleted = await this.affected(
          `${sql} AND employeeId IN (${part.map(() => '?').join(', ')}) LIMIT ${DELETE_BATCH}`,
          [organizationId, cutoffMs, ...part],
        );
        total += deleted;
        if (deleted < DELETE_BATCH) break;
      }
    }
    await this.affected(
      'DELETE FROM activity_span_moves WHERE organizationId = ? AND startMs < ?',
      [organizationId, cutoffMs],
    );
    return total;
  }

  async deleteDaysBefore(organizationId: string, day: string): Promise<number> {
    let total = 0;
    for (const table of ['activity_day_totals', 'activity_day_keysets']) {
      total += await this.affected(`DELETE FROM ${table} WHERE organizationId = ? AND day < ?`, [
        organizationId,
        day,
      ]);
    }
    return total;
  }

  private async run(tx: EntityManager, sql: string, params: unknown[]): Promise<number> {
    const runner = tx.queryRunner ?? this.dataSource.createQueryRunner();
    const result = await runner.query(sql, params, true);
    return result.affected ?? 0;
  }

  private async affected(sql: string, params: unknown[]): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return (await runner.query(sql, params, true)).affected ?? 0;
    } finally {
      await runner.release();
    }
  }
}

function concat(dataSource: DataSource, a: string, b: string): string {
  return dialectOf(dataSource) === 'mysql' ? `CONCAT(${a}, ${b})` : `${a} || ${b}`;
}
