import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type EntityMetadata } from 'typeorm';
import { logger } from '#src/common/logging/logger.js';
import { dialectOf } from '#src/database/dialect.js';
import type { ErasureVerification } from '../entities/privacy-request.entity.js';
import { escapeLike } from '#src/database/sql.js';

/** Tables that keep what must be kept (that a request was fulfilled, the audit chain): ids only. */
const KEPT_TABLES = new Set(['privacy_requests', 'audit_entries', 'audit_heads', 'migrations']);
const STRING_TYPES = new Set(['varchar', 'text', 'simple-json', 'char', 'nvarchar', 'longtext']);
const IN_CHUNK = 500;

export interface Person {
  organizationId: string;
  employeeId: string;
  userIds: string[];
  deviceIds: string[];
  sessionIds: string[];
  emails: string[];
}

export interface StringColumn {
  table: string;
  column: string;
}

/**
 * Erasure speaks to every table, including other modules' ones, by column name: rows owned by the
 * person's employee id, logins, devices, sessions or email go. New tables are covered as long as
 * they follow the naming (employeeId, userId, deviceId, sessionId, email/toEmail).
 */
@Injectable()
export class ErasureRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private q(name: string): string {
    return this.dataSource.driver.escape(name);
  }

  private get tables(): EntityMetadata[] {
    return this.dataSource.entityMetadatas.filter((m) => !KEPT_TABLES.has(m.tableName));
  }

  private has(m: EntityMetadata, column: string): boolean {
    return m.columns.some((c) => c.databaseName === column);
  }

  async collect(organizationId: string, employeeId: string): Promise<Person> {
    const ids = async (sql: string, params: unknown[]) =>
      (await this.dataSource.query<{ v: string }[]>(sql, params)).map((r) => r.v);
    const userIds = await ids(
      'SELECT id AS v FROM users WHERE organizationId = ? AND employeeId = ?',
      [organizationId, employeeId],
    );
    const deviceIds = await ids(
      'SELECT id AS v FROM devices WHERE organizationId = ? AND employeeId = ?',
      [organizationId, employeeId],
    );
    const sessionIds = userIds.length
      ? await ids(`SELECT id AS v FROM sessions WHERE userId IN (${marks(userIds)})`, userIds)
      : [];
    const emails = [
      ...(await ids('SELECT email AS v FROM employees WHERE organizationId = ? AND id = ?', [
        organizationId,
        employeeId,
      ])),
      ...(userIds.length
        ? await ids(`SELECT email AS v FROM users WHERE id IN (${marks(userIds)})`, userIds)
        : []),
    ];
    return {
      organizationId,
      employeeId,
      userIds,
      deviceIds,
      sessionIds,
      emails: [...new Set(emails)],
    };
  }

  /**
   * Report exports that may hold the person: theirs, about them, or team and organization wide (a
   * row of theirs may be inside; the files are compressed, so they cannot be searched). Returns
   * their file paths and deletes the rows: exports are re-runnable copies.
   */
  private async takeExports(tx: EntityManager, p: Person): Promise<string[]> {
    const table = this.dataSource.entityMetadatas.find((m) => m.tableName === 'report_exports');
    if (!table || !this.has(table, 'filters') || !this.has(table, 'filePath')) return [];
    const byUser = p.userIds.length ? ` OR requestedByUserId IN (${marks(p.userIds)})` : '';
    const where = `organizationId = ? AND (filters LIKE ? OR filters IS NULL OR filters NOT LIKE ?${byUser})`;
    const params = [p.organizationId, `%${p.employeeId}%`, '%"employeeId"%', ...p.userIds];
    const rows = await tx.query<{ filePath: string | null }[]>(
      `SELECT filePath FROM report_exports WHERE ${where}`,
      params,
    );
    await this.run(tx, `DELETE FROM report_exports WHERE ${where}`, params);
    return rows.map((r) => r.filePath).filter((f): f is string => !!f);
  }

  /**
   * Deletes every row of the person in one transaction; returns rows deleted per table. `andThen`
   * runs last in that transaction (the owner of a table cleans up what the deletes left) and
   * returns its counts by name.
   */
  async deletePerson(
    p: Person,
    mentions: string[],
    andThen: (tx: EntityManager) => Promise<Record<string, number>> = () => Promise.resolve({}),
  ): Promise<{ deleted: Record<string, number>; files: string[] }> {
    const deleted: Record<string, number> = {};
    let files: string[] = [];
    const count = (table: string, n: number) => {
      if (n > 0) deleted[table] = (deleted[table] ?? 0) + n;
    };
    await this.dataSource.transaction(async (tx) => {
      files = await this.takeExports(tx, p);
      count('report_exports', files.length);
      const by: [string, string[]][] = [
        ['sessionId', p.sessionIds],
        ['deviceId', p.deviceIds],
        ['userId', p.userIds],
        ['employeeId', [p.employeeId]],
        ['email', p.emails],
        ['toEmail', p.emails],
      ];
      for (const [column, values] of by) {
        if (values.length === 0) continue;
        for (const m of this.tables) {
          if (!this.has(m, column)) continue;
          count(m.tableName, await this.deleteIn(tx, m.tableName, column, values));
        }
      }
      for (const table of ['sessions', 'users']) {
        if (p.userIds.length === 0) continue;
        const column = table === 'sessions' ? 'userId' : 'id';
        count(table, await this.deleteIn(tx, table, column, p.userIds));
      }
      count('devices', await this.deleteIn(tx, 'devices', 'id', p.deviceIds));
      count(
        'employees',
        await this.run(tx, 'DELETE FROM employees WHERE organizationId = ? AND id = ?', [
          p.organizationId,
          p.employeeId,
        ]),
      );
      // Queued or sent mails that name the person (privacy notices to HR, for instance).
      const mail = this.tables.find((m) => m.tableName === 'mail_messages');
      if (mail && this.has(mail, 'params')) {
        for (const text of mentions) {
          count(
            'mail_messages',
            await this.run(
              tx,
              `DELETE FROM ${this.q('mail_messages')} WHERE ${this.q('params')} LIKE ? ESCAPE '!'`,
              [`%${escapeLike(text)}%`],
            ),
          );
        }
      }
      // The requests about the person stay (the fact), without the filer's free text.
      await this.run(tx, 'UPDATE privacy_requests SET note = NULL WHERE employeeId = ?', [
        p.employeeId,
      ]);
      for (const [name, n] of Object.entries(await andThen(tx))) count(name, n);
    });
    return { deleted, files };
  }

  private async deleteIn(
    tx: EntityManager,
    table: string,
    column: string,
    values: string[],
  ): Promise<number> {
    let total = 0;
    for (const part of chunks(values)) {
      total += await this.run(
        tx,
        `DELETE FROM ${this.q(table)} WHERE ${this.q(column)} IN (${marks(part)})`,
        part,
      );
    }
    return total;
  }

  private async run(tx: EntityManager, sql: string, params: unknown[]): Promise<number> {
    const runner = tx.queryRunner ?? this.dataSource.createQueryRunner();
    const result = await runner.query(sql, params, true);
    return result.affected ?? 0;
  }

  /**
   * SQLite keeps deleted pages in the WAL and in free pages: checkpoint, rebuild, checkpoint, at
   * once. False on MySQL/MariaDB, where the touched tables are rebuilt later, in batches
   * (rebuildTables, run by the `privacy.compact` job).
   */
  async compact(): Promise<boolean> {
    if (dialectOf(this.dataSource) !== 'sqlite') return false;
    await this.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    await this.dataSource.query('VACUUM');
    await this.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    return true;
  }

  /** Completed erasures whose tables are not rebuilt yet (MySQL/MariaDB), oldest first. */
  async pendingCompaction(
    limit: number,
  ): Promise<{ id: string; verification: ErasureVerification }[]> {
    // Erasures completed before compaction was recorded have no compactedAt at all: on MySQL/MariaDB
    // nothing rebuilt their tables either (SQLite has always vacuumed at once).
    const older =
      this.dataSource.options.type === 'better-sqlite3' ? '' : ' OR verification NOT LIKE ?';
    const rows = await this.dataSource.query<{ id: string; verification: string }[]>(
      `SELECT id, verification FROM privacy_requests WHERE type = 'erasure' AND status = 'completed' ` +
        `AND (verification LIKE ?${older}) ORDER BY completedAt LIMIT ${Number(limit)}`,
      older ? ['%"compactedAt":null%', '%"compactedAt"%'] : ['%"compactedAt":null%'],
    );
    return rows.map((r) => ({
      id: r.id,
      verification: JSON.parse(r.verification) as ErasureVerification,
    }));
  }

  async markCompacted(
    requests: { id: string; verification: ErasureVerification }[],
    at: Date,
  ): Promise<void> {
    for (const r of requests) {
      await this.dataSource.query('UPDATE privacy_requests SET verification = ? WHERE id = ?', [
        JSON.stringify({ ...r.verification, compactedAt: at.toISOString() }),
        r.id,
      ]);
    }
  }

  /** The known tables among names such as `deleted`'s keys (`<table> (renamed)` included). */
  tablesOf(names: string[]): string[] {
    const known = new Set(this.dataSource.entityMetadatas.map((m) => m.tableName));
    return [...new Set(names.map((n) => n.replace(/ \(.*\)$/, '')))].filter((t) => known.has(t));
  }

  /**
   * InnoDB leaves deleted and overwritten rows' bytes in free space of the table's pages (its .ibd
   * file) until the page is reused. Rebuilding the table writes a new file of the live rows only
   * and drops the old one. Online on MariaDB 10.11 and MySQL 8: concurrent reads and writes go on,
   * locks are taken only briefly at start and end.
   */
  async rebuildTables(tables: string[]): Promise<string[]> {
    if (dialectOf(this.dataSource) !== 'mysql') return [];
    const runner = this.dataSource.createQueryRunner();
    const rebuilt: string[] = [];
    try {
      await runner.connect();
      // A long transaction on the table must not make the rebuild wait for ever (the default is a year).
      await runner.query('SET SESSION lock_wait_timeout = 120');
      for (const table of this.tablesOf(tables)) {
        try {
          await runner.query(`ALTER TABLE ${this.q(table)} FORCE, ALGORITHM=INPLACE, LOCK=NONE`);
        } catch (error) {
          // A table that cannot be rebuilt online (a FULLTEXT index, for one) is copied instead.
          logger.warn({ table, err: error }, 'online rebuild refused; rebuilding by copy');
          await runner.query(`ALTER TABLE ${this.q(table)} FORCE`);
        }
        rebuilt.push(table);
      }
    } finally {
      await runner.query('SET SESSION lock_wait_timeout = DEFAULT').catch(() => undefined);
      await runner.release();
    }
    return rebuilt;
  }

  stringColumns(): StringColumn[] {
    return this.dataSource.entityMetadatas.flatMap((m) =>
      m.columns
        .filter((c) => STRING_TYPES.has(String(c.type)))
        .map((c) => ({ table: m.tableName, column: c.databaseName })),
    );
  }

  /** True when some row of the column holds one of the texts. */
  async contains(
    col: StringColumn,
    texts: string[],
    mode: 'substring' | 'exact',
  ): Promise<boolean> {
    for (const part of chunks(texts, 100)) {
      const where =
        mode === 'exact'
          ? `${this.q(col.column)} IN (${marks(part)})`
          : part.map(() => `${this.q(col.column)} LIKE ? ESCAPE '!'`).join(' OR ');
      const params = mode === 'exact' ? part : part.map((t) => `%${escapeLike(t)}%`);
      const rows = await this.dataSource.query<unknown[]>(
        `SELECT 1 AS hit FROM ${this.q(col.table)} WHERE ${where} LIMIT 1`,
        params,
      );
      if (rows.length > 0) return true;
    }
    return false;
  }
}

function marks(values: unknown[]): string {
  return values.map(() => '?').join(', ');
}

function chunks<T>(values: T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
