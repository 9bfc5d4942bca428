import { addDays, parseDay } from '../activity/counting/time-zone.js';
import type { TimesheetPeriod } from './entities/timesheet-settings.entity.js';

/** The period (ISO week Monday–Sunday, or calendar month) that contains the day, inclusive. */
export function periodOf(period: TimesheetPeriod, day: string): { start: string; end: string } {
  const p = parseDay(day);
  if (!p) throw new Error(`bad day ${day}`);
  if (period === 'monthly') {
    const start = `${String(p.y).padStart(4, '0')}-${String(p.m).padStart(2, '0')}-01`;
    const next = p.m === 12 ? `${p.y + 1}-01-01` : `${p.y}-${String(p.m + 1).padStart(2, '0')}-01`;
    return { start, end: addDays(next, -1) };
  }
  const weekday = (new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay() + 6) % 7; // Monday = 0
  const start = addDays(day, -weekday);
  return { start, end: addDays(start, 6) };
}

/** Every day of [from, to], inclusive. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
