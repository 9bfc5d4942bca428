import { type DataSource } from 'typeorm';
import { addDays } from '#src/modules/activity/counting/time-zone.js';
import { demoEvents, demoRoster, type DemoOptions } from '#src/modules/demo/demo-generator.js';

export interface ExpectedRow {
  email: string;
  activeSeconds: number;
  idleSeconds: number;
  productiveSeconds: number;
  neutralSeconds: number;
  unproductiveSeconds: number;
  firstActivityAt: string;
}

/** What the seeded generator sent, summed per person: its spans never overlap. */
export function expectedSummary(options: DemoOptions): ExpectedRow[] {
  return demoRoster(options.employees).flatMap((person) => {
    const events = demoEvents(person, options);
    const active = events.filter((e) => e.kind === 'active');
    if (active.length === 0) return [];
    const seconds = (list: typeof events) =>
      list.reduce((s, e) => s + (Date.parse(e.end) - Date.parse(e.start)) / 1000, 0);
    return [
      {
        email: person.email,
        activeSeconds: seconds(active),
        idleSeconds: seconds(events.filter((e) => e.kind === 'idle')),
        productiveSeconds: seconds(active.filter((e) => e.productivity === 'productive')),
        neutralSeconds: seconds(active.filter((e) => e.productivity === 'neutral')),
        unproductiveSeconds: seconds(active.filter((e) => e.productivity === 'unproductive')),
        firstActivityAt: active[0].start,
      },
    ];
  });
}

/** The report range that holds every demo day in every zone. */
export function reportRange(options: DemoOptions): { from: string; to: string } {
  return { from: addDays(options.lastDay, -options.days), to: addDays(options.lastDay, 1) };
}

const KEPT = new Set(['migrations', 'privacy_requests', 'audit_entries', 'audit_heads']);
const TEXT = new Set([
  'varchar',
  'text',
  'simple-json',
  'char',
  'longtext',
  'simple-array',
  'json',
]);

/**
 * Every place (table.column) where one of `needles` is still found. Tables erasure keeps by design
 * (the audit chain, privacy requests, migrations) are searched for personal texts only.
 */
export async function remains(
  dataSource: DataSource,
  ids: string[],
  personal: string[],
): Promise<string[]> {
  const found: string[] = [];
  const q = (n: string) => dataSource.driver.escape(n);
  for (const m of dataSource.entityMetadatas) {
    const needles = KEPT.has(m.tableName) ? personal : [...ids, ...personal];
    if (needles.length === 0) continue;
    for (const c of m.columns) {
      if (!TEXT.has(String(c.type)) && !(typeof c.type === 'function')) continue;
      for (let i = 0; i < needles.length; i += 200) {
        const part = needles.slice(i, i + 200);
        const where = part.map(() => `${q(c.databaseName)} LIKE ?`).join(' OR ');
        const rows = await dataSource.query<{ n: number | string }[]>(
          `SELECT COUNT(*) AS n FROM ${q(m.tableName)} WHERE ${where}`,
          part.map((t) => `%${t}%`),
        );
        if (Number(rows[0].n) > 0) {
          found.push(`${m.tableName}.${c.databaseName}`);
          break;
        }
      }
    }
  }
  return found;
}
