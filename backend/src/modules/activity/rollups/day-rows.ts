import { bestProductivity, type Productivity } from '../counting/productivity.js';
import { countDays, type CountedSpan } from '../counting/segments.js';
import { localDayBounds } from '../counting/time-zone.js';
import type { KeyMeta } from './key-catalog.js';
import { keysetIdOf } from './key-catalog.js';
import type { RuleBook } from '../rules/rule-matcher.js';

export interface TotalRow {
  employeeId: string;
  day: string;
  organizationId: string;
  activeMs: number;
  idleMs: number;
  firstActiveMs: number | null;
  lastActiveMs: number | null;
  productiveMs: number;
  neutralMs: number;
  unproductiveMs: number;
  classRevision: number;
  classTeamId: string;
  generation: number;
}

export interface KeysetRow {
  employeeId: string;
  day: string;
  keysetId: string;
  organizationId: string;
  ms: number;
}

/** The rows of some local days of one employee, and the keysets (of several keys) they name. */
export interface DayRows {
  totals: TotalRow[];
  keysetRows: KeysetRow[];
  keysets: Map<string, string[]>;
}

export interface EmployeeForRollup {
  id: string;
  organizationId: string;
  timeZone: string;
  teamId: string | null;
}

/** Classes a keyset for one employee: the best class among its keys; keyless time is neutral. */
export function keysetClass(
  keys: readonly string[],
  meta: ReadonlyMap<string, KeyMeta>,
  book: RuleBook,
  teamId: string | null,
): Productivity {
  const classes: Productivity[] = [];
  for (const k of keys) {
    const m = meta.get(k);
    classes.push(m ? book.classify(m, teamId) : 'neutral');
  }
  return bestProductivity(classes);
}

/** Every key id appearing in spans (to resolve before building rows). */
export function keyIdsOf(spans: readonly CountedSpan[]): Set<string> {
  const ids = new Set<string>();
  for (const s of spans) if (s.keyId) ids.add(s.keyId);
  return ids;
}

/** Rows for the given local days of one employee, counted from every span that can touch them. */
export function buildDayRows(
  employee: EmployeeForRollup,
  days: readonly string[],
  spans: readonly CountedSpan[],
  meta: ReadonlyMap<string, KeyMeta>,
  rules: { revision: number; book: RuleBook },
  generation: number,
): DayRows {
  const counted = countDays(
    days.map((day) => ({ day, ...localDayBounds(employee.timeZone, day) })),
    spans,
  );
  const totals: TotalRow[] = [];
  const keysetRows: KeysetRow[] = [];
  const keysets = new Map<string, string[]>();
  for (const c of counted) {
    if (c.activeMs === 0 && c.idleMs === 0) continue;
    const split = { productive: 0, neutral: 0, unproductive: 0 };
    for (const [text, ms] of c.keysets) {
      const keys = text === '' ? [] : text.split(',');
      const id = keysetIdOf(keys);
      if (keys.length > 1) keysets.set(id, keys);
      keysetRows.push({
        employeeId: employee.id,
        day: c.day,
        keysetId: id,
        organizationId: employee.organizationId,
        ms,
      });
      split[keysetClass(keys, meta, rules.book, employee.teamId)] += ms;
    }
    totals.push({
      employeeId: employee.id,
      day: c.day,
      organizationId: employee.organizationId,
      activeMs: c.activeMs,
      idleMs: c.idleMs,
      firstActiveMs: c.firstActiveMs,
      lastActiveMs: c.lastActiveMs,
      productiveMs: split.productive,
      neutralMs: split.neutral,
      unproductiveMs: split.unproductive,
      classRevision: rules.revision,
      classTeamId: employee.teamId ?? '',
      generation,
    });
  }
  return { totals, keysetRows, keysets };
}

/** Sorted days split into runs of consecutive days, at most maxRun long. */
export function consecutiveRuns(
  sortedDays: readonly string[],
  nextDay: (d: string) => string,
  maxRun = 14,
): string[][] {
  const runs: string[][] = [];
  for (const d of sortedDays) {
    const run = runs[runs.length - 1];
    if (run && run.length < maxRun && nextDay(run[run.length - 1]) === d) run.push(d);
    else runs.push([d]);
  }
  return runs;
}
