import type { TimelineSpan } from '@app/api/models';
import { addDays, isoDay, parseDay } from '@app/shared/data/dates';

export interface WallClock {
  day: string;
  /** Seconds since that day's midnight. */
  seconds: number;
  /** hh:mm */
  time: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** An instant as the wall clock in `timeZone` (the employee's zone, in which reports count days). */
export function wallClock(iso: string, timeZone?: string): WallClock {
  const zone = timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
  let format = formats.get(zone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      format = new Intl.DateTimeFormat('en-CA', { hourCycle: 'h23', dateStyle: 'short' });
    }
    formats.set(zone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const hours = Number(parts['hour'] ?? 0);
  const minutes = Number(parts['minute'] ?? 0);
  return {
    day: `${parts['year']}-${parts['month']}-${parts['day']}`,
    seconds: hours * 3600 + minutes * 60 + Number(parts['second'] ?? 0),
    time: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`,
  };
}

/**
 * The list query for one day of the employee: bare days are UTC days, so a day either side covers
 * any zone; the page keeps what falls on `day` in the employee's zone.
 */
export function dayQuery(day: string): { from: string; to: string } {
  const date = parseDay(day);
  return { from: isoDay(addDays(date, -1)), to: isoDay(addDays(date, 1)) };
}

/** The span that was under way at `iso`, if any. */
export function spanAt(spans: readonly TimelineSpan[], iso: string): TimelineSpan | null {
  const at = Date.parse(iso);
  return (
    spans.find((s) => Date.parse(s.start) <= at && at < Date.parse(s.end)) ??
    // A capture in the last second of a span is still that span.
    spans.find((s) => Date.parse(s.end) === at) ??
    null
  );
}
