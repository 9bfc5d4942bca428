import { addDays, localDayOf, parseDay } from '../activity/counting/time-zone.js';

export const FREQUENCIES = ['weekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface Period {
  from: string;
  to: string;
}

/**
 * The last complete period before now in the organization's zone: last week (Monday to Sunday)
 * or last calendar month.
 */
export function lastCompletePeriod(frequency: Frequency, timeZone: string, nowMs: number): Period {
  const today = localDayOf(timeZone, nowMs);
  const p = parseDay(today);
  if (!p) throw new Error(`bad day ${today}`);
  if (frequency === 'weekly') {
    const weekday = (new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay() + 6) % 7; // Monday = 0
    const thisMonday = addDays(today, -weekday);
    return { from: addDays(thisMonday, -7), to: addDays(thisMonday, -1) };
  }
  const firstOfThisMonth = `${String(p.y).padStart(4, '0')}-${String(p.m).padStart(2, '0')}-01`;
  const to = addDays(firstOfThisMonth, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}
