import { addDays } from '../activity/counting/time-zone.js';
import { isoWeekday } from './attendance.js';

/** The working weekdays of an employee with no schedule in force. */
export const MONDAY_TO_FRIDAY: ReadonlySet<number> = new Set([1, 2, 3, 4, 5]);

/** An employee's working days: weekdays their schedule lists, holidays excepted. */
export interface WorkingCalendar {
  weekdays: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
}

/** The days [from, to] share with the calendar year, or null when none. */
export function clipToYear(
  from: string,
  to: string,
  year: number,
): { from: string; to: string } | null {
  const y = String(year).padStart(4, '0');
  const first = from > `${y}-01-01` ? from : `${y}-01-01`;
  const last = to < `${y}-12-31` ? to : `${y}-12-31`;
  return first <= last ? { from: first, to: last } : null;
}

/** Working days in [from, to] (inclusive): on a weekday of the calendar and not a holiday. */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  let count = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (calendar.weekdays.has(isoWeekday(day)) && !calendar.holidays.has(day)) count++;
  }
  return count;
}
