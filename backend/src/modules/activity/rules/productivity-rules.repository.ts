import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { dialectOf } from '#src/database/dialect.js';
import type { Productivity } from '../counting/productivity.js';
import type { ActivityKeyKind } from '../entities/activity-key.entity.js';
import { inMysqlTransaction, inSqliteTransaction, type MysqlTx } from '#src/database/raw-db.js';
import { DEFAULT_RULES } from './default-rules.js';
import { normalizeAppPattern, normalizeSitePattern } from './rule-matcher.js';

export interface RuleRow {
  id: string;
  organizationId: string;
  teamId: string | null;
  kind: ActivityKeyKind;
  pattern: string;
  normalized: string;
  productivity: Productivity;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewRule {
  organizationId: string;
  teamId: string | null;
  kind: ActivityKeyKind;
  pattern: string;
  normalized: string;
  productivity: Productivity;
}

const COLUMNS =
  'id, organizationId, teamId, kind, pattern, normalized, productivity, createdAt, updatedAt';

function toRow(r: Record<string, unknown>): RuleRow {
  const date = (v: unknown) =>
    v instanceof Date ? v : new Date(`${String(v).replace(' ', 'T')}Z`);
  return {
    id: String(r.id),
    organizationId: String(r.organizationId),
    teamId: typeof r.teamId === 'string' ? r.teamId : null,
    kind: r.kind as ActivityKeyKind,
    pattern: String(r.pattern),
    normalized: String(r.normalized),
    productivity: r.productivity as Productivity,
    createdAt: date(r.createdAt),
    updatedAt: date(r.updatedAt),
  };
}

function sqlNow(): string {
  return new Date().toISOString().slice(0, 23).replace('T', ' ');
}

const BUMP = 'UPDATE productivity_rule_sets SET revision = revision + 1 WHERE organizationId = ?';
const REVISION = 'SELECT revision FROM productivity_rule_sets WHERE organizationId = ?';
const SNAPSHOT_RULES =
  'SELECT kind, normalized, productivity, teamId FROM productivity_rules WHERE organizationId = ?';
const SNAPSHOT_INSERT =
  'INSERT INTO productivity_rule_revisions (organizationId, revision, rules) VALUES (?, ?, ?)';

/** Bumps the revision and keeps the rules as of it, so figures cached under it can be corrected later. */
function bumpSqlite(db: BetterSqlite3.Database, organizationId: string): void {
  db.prepare(BUMP).run(organizationId);
  const { revision } = db.prepare(REVISION).get(organizationId) as { revision: number };
  const rules = db.prepare(SNAPSHOT_RULES).all(organizationId);
  db.prepare(SNAPSHOT_INSERT).run(organizationId, revision, JSON.stringify(rules));
}

async function bumpMysql(tx: MysqlTx, organizationId: string): Promise<void> {
  await tx.execute(BUMP, [organizationId]);
  const [{ revision }] = await tx.query<{ revision: number }>(`${REVISION} FOR UPDATE`, [
    organizationId,
  ]);
  const rules = await tx.query(SNAPSHOT_RULES, [organizationId]);
  await tx.execute(SNAPSHOT_INSERT, [organizationId, revision, JSON.stringify(rules)]);
}

/** Rules and the per-organization rule revision. Every write bumps the revision in the same transaction. */
@Injectable()
export class ProductivityRulesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get sqlite(): boolean {
    return dialectOf(this.dataSource) === 'sqlite';
  }

  async revision(organizationId: string): Promise<number> {
    const rows: { revision: number }[] = await this.dataSource.query(
      'SELECT revision FROM productivity_rule_sets WHERE organizationId = ?',
      [organizationId],
    );
    return rows.length > 0 ? Number(rows[0].revision) : 0;
  }

  /** The rules as they were at a revision; null when that revision was never kept. */
  async rulesAt(
    organizationId: string,
    revision: number,
  ): Promise<
    | {
        kind: ActivityKeyKind;
        normalized: string;
        productivity: Productivity;
        teamId: string | null;
      }[]
    | null
  > {
    if (revision === 0) return [];
    const rows: { rules: string }[] = await this.dataSource.query(
      'SELECT rules FROM productivity_rule_revisions WHERE organizationId = ? AND revision = ?',
      [organizationId, revision],
    );
    if (rows.length === 0) return null;
    return JSON.parse(rows[0].rules) as {
      kind: ActivityKeyKind;
      normalized: string;
      productivity: Productivity;
      teamId: string | null;
    }[];
  }

  async list(organizationId: string): Promise<RuleRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM productivity_rules WHERE organizationId = ? ORDER BY kind, normalized, scope`,
      [organizationId],
    );
    return rows.map(toRow);
  }

  async find(organizationId: string, id: string): Promise<RuleRow | null> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM productivity_rules WHERE organizationId = ? AND id = ?`,
      [organizationId, id],
    );
    return rows.length > 0 ? toRow(rows[0]) : null;
  }

  /** Inserts the default rules once per organization (a no-op when already done, even if emptied since). */
  async seedDefaults(organizationId: string): Promise<void> {
    const now = sqlNow();
    const defaults = DEFAULT_RULES.map((r) => ({
      ...r,
      normalized:
        (r.kind === 'site' ? normalizeSitePattern(r.pattern) : normalizeAppPattern(r.pattern)) ??
        '',
    }));
    const insertRule =
      "INSERT INTO productivity_rules (id, organizationId, teamId, scope, kind, pattern, normalized, productivity, createdAt, updatedAt) VALUES (?, ?, NULL, '', ?, ?, ?, ?, ?, ?)";
    if (this.sqlite) {
      await inSqliteTransaction(this.dataSource, (db) => {
        db.prepare(
          'INSERT OR IGNORE INTO productivity_rule_sets (organizationId, revision, seeded) VALUES (?, 1, 0)',
        ).run(organizationId);
        const { changes } = db
          .prepare(
            'UPDATE productivity_rule_sets SET seeded = 1 WHERE organizationId = ? AND seeded = 0',
          )
          .run(organizationId);
        if (changes === 0) return;
        const stmt = db.prepare(insertRule.replace('INSERT INTO', 'INSERT OR IGNORE INTO'));
        for (const r of defaults)
          stmt.run(
            randomUUID(),
            organizationId,
            r.kind,
            r.pattern,
            r.normalized,
            r.productivity,
            now,
            now,
          );
        bumpSqlite(db, organizationId);
      });
      return;
    }
    await inMysqlTransaction(this.dataSource, async (tx) => {
      await tx.execute(
        'INSERT IGNORE INTO productivity_rule_sets (organizationId, revision, seeded) VALUES (?, 1, 0)',
        [organizationId],
      );
      const changed = await tx.execute(
        'UPDATE productivity_rule_sets SET seeded = 1 WHERE organizationId = ? AND seeded = 0',
        [organizationId],
      );
      if (changed === 0) return;
      for (const r of defaults) {
        await tx.execute(insertRule.replace('INSERT INTO', 'INSERT IGNORE INTO'), [
          randomUUID(),
          organizationId,
          r.kind,
          r.pattern,
          r.normalized,
          r.productivity,
          now,
          now,
        ]);
      }
      await bumpMysql(tx, organizationId);
    });
  }

  /** Creates the rule, or replaces the class of the one with the same scope, kind and pattern. */
  async upsert(rule: NewRule): Promise<string> {
    const now = sqlNow();
    const scope = rule.teamId ?? '';
    const id = randomUUID();
    const select =
      'SELECT id FROM productivity_rules WHERE organizationId = ? AND scope = ? AND kind = ? AND normalized = ?';
    const keyValues = [rule.organizationId, scope, rule.kind, rule.normalized];
    const insert =
      'INSERT INTO productivity_rules (id, organizationId, teamId, scope, kind, pattern, normalized, productivity, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
    const insertValues = [
      id,
      rule.organizationId,
      rule.teamId,
      scope,
      rule.kind,
      rule.pattern,
      rule.normalized,
      rule.productivity,
      now,
      now,
    ];
    const update =
      'UPDATE productivity_rules SET pattern = ?, productivity = ?, updatedAt = ? WHERE id = ?';
    if (this.sqlite) {
      return inSqliteTransaction(this.dataSource, (db) => {
        const existing = db.prepare(select).get(...keyValues) as { id: string } | undefined;
        if (existing) db.prepare(update).run(rule.pattern, rule.productivity, now, existing.id);
        else db.prepare(insert).run(...insertValues);
        bumpSqlite(db, rule.organizationId);
        return existing?.id ?? id;
      });
    }
    return inMysqlTransaction(this.dataSource, async (tx) => {
      const existing = await tx.query<{ id: string }>(`${select} FOR UPDATE`, keyValues);
      if (existing.length > 0)
        await tx.execute(update, [rule.pattern, rule.productivity, now, existing[0].id]);
      else await tx.execute(insert, insertValues);
      await bumpMysql(tx, rule.organizationId);
      return existing[0]?.id ?? id;
    });
  }

  /** Returns false when another rule of the same scope already has that pattern. */
  async update(
    organizationId: string,
    id: string,
    patch: { pattern: string; normalized: string; productivity: Productivity },
  ): Promise<boolean> {
    const now = sqlNow();
    const sql =
      'UPDATE productivity_rules SET pattern = ?, normalized = ?, productivity = ?, updatedAt = ? WHERE organizationId = ? AND id = ?';
    const values = [patch.pattern, patch.normalized, patch.productivity, now, organizationId, id];
    try {
      if (this.sqlite) {
        await inSqliteTransaction(this.dataSource, (db) => {
          db.prepare(sql).run(...values);
          bumpSqlite(db, organizationId);
        });
      } else {
        await inMysqlTransaction(this.dataSource, async (tx) => {
          await tx.execute(sql, values);
          await bumpMysql(tx, organizationId);
        });
      }
      return true;
    } catch (error) {
      const e = error as { code?: string; errno?: number };
      if (e.errno === 1062 || String(e.code).startsWith('SQLITE_CONSTRAINT')) return false;
      throw error;
    }
  }

  async delete(organizationId: string, id: string): Promise<boolean> {
    const del = 'DELETE FROM productivity_rules WHERE organizationId = ? AND id = ?';
    if (this.sqlite) {
      return inSqliteTransaction(this.dataSource, (db) => {
        const { changes } = db.prepare(del).run(organizationId, id);
        bumpSqlite(db, organizationId);
        return changes > 0;
      });
    }
    return inMysqlTransaction(this.dataSource, async (tx) => {
      const changed = await tx.execute(del, [organizationId, id]);
      await bumpMysql(tx, organizationId);
      return changed > 0;
    });
  }
}
