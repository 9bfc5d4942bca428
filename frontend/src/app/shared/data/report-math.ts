import type { SummaryRow, UsageRow } from '@app/api/models';
import type { BarRow } from '@app/shared/ui/bar-list';

export interface Totals {
  activeSeconds: number;
  idleSeconds: number;
  productiveSeconds: number;
  neutralSeconds: number;
  unproductiveSeconds: number;
  people: number;
}

export function totalsOf(rows: readonly SummaryRow[]): Totals {
  const totals: Totals = {
    activeSeconds: 0,
    idleSeconds: 0,
    productiveSeconds: 0,
    neutralSeconds: 0,
    unproductiveSeconds: 0,
    people: rows.length,
  };
  for (const row of rows) {
    totals.activeSeconds += row.activeSeconds;
    totals.idleSeconds += row.idleSeconds;
    totals.productiveSeconds += row.productiveSeconds;
    totals.neutralSeconds += row.neutralSeconds;
    totals.unproductiveSeconds += row.unproductiveSeconds;
  }
  return totals;
}

/** Someone whose last activity is this recent counts as working now (agents upload every minute or so). */
export const WORKING_NOW_MS = 10 * 60 * 1000;

export function isWorkingNow(row: SummaryRow, now: number): boolean {
  return (
    row.lastActivityAt !== null && now - new Date(row.lastActivityAt).getTime() <= WORKING_NOW_MS
  );
}

/** The busiest applications or sites of a usage report, as bars (the report is sorted by time). */
export function topUsage(
  rows: readonly UsageRow[],
  kind: 'app' | 'site',
  duration: (seconds: number) => string,
  count = 8,
): BarRow[] {
  return rows
    .filter((row) => row.kind === kind)
    .slice(0, count)
    .map((row) => ({
      label: row.name,
      value: row.seconds,
      display: duration(row.seconds),
      tone: row.productivity,
    }));
}
