// Local days in IANA zones with Intl only: DST days are 23 h or 25 h long, and a few zones skip
// midnight itself, so a day starts at the first instant whose local date is that day.

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const dayStarts = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface Wall {
  y: number;
  m: number;
  d: number;
  h: number;
  min: number;
  s: number;
}

function wallClock(timeZone: string, ms: number): Wall {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    y: parts.year,
    m: parts.month,
    d: parts.day,
    h: parts.hour,
    min: parts.minute,
    s: parts.second,
  };
}

/** Local time minus UTC at an instant, in milliseconds (whole seconds), as Intl tells. */
export function offsetFromIntl(timeZone: string, ms: number): number {
  const w = wallClock(timeZone, ms);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

// Intl's formatToParts costs microseconds, and a report formats tens of thousands of instants in
// a few zones. Offsets change a few times a year and never twice within an hour, so an hour of
// UTC whose first and last second share an offset has it throughout; an hour holding a change
// (NaN here) is asked of Intl instant by instant.
const hourOffsets = new Map<string, Map<number, number>>();

/** Local time minus UTC at an instant, in milliseconds (whole seconds). */
export function offsetMs(timeZone: string, ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let hours = hourOffsets.get(timeZone);
  if (!hours) {
    hours = new Map();
    hourOffsets.set(timeZone, hours);
  }
  let offset = hours.get(hour);
  if (offset === undefined) {
    const first = offsetFromIntl(timeZone, hour * HOUR);
    offset = first === offsetFromIntl(timeZone, hour * HOUR + HOUR - 1000) ? first : NaN;
    if (hours.size > 100_000) hours.clear();
    hours.set(hour, offset);
  }
  return Number.isNaN(offset) ? offsetFromIntl(timeZone, ms) : offset;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function formatDay(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDayOf(timeZone: string, ms: number): string {
  // Offsets are whole seconds, so the instant moved by it lies in the same second as the wall
  // clock Intl would show: its UTC date is the local date.
  return new Date(ms + offsetMs(timeZone, ms)).toISOString().slice(0, 10);
}

export function parseDay(day: string): { y: number; m: number; d: number } | null {
  const match = DAY_RE.exec(day);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  if (y < 1970 || y > 9999) return null;
  return { y, m, d };
}

export function isValidDay(day: string): boolean {
  return parseDay(day) !== null;
}

/** Calendar arithmetic on YYYY-MM-DD, independent of any zone. */
export function addDays(day: string, n: number): string {
  const p = parseDay(day);
  if (!p) throw new Error(`bad day ${day}`);
  const t = new Date(Date.UTC(p.y, p.m - 1, p.d + n));
  return formatDay(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  const pa = parseDay(a)!;
  const pb = parseDay(b)!;
  return Math.round(
    (Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / (24 * HOUR),
  );
}

export function utcDayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The first instant whose local date is `day` (or later). */
export function startOfLocalDay(timeZone: string, day: string): number {
  const cacheKey = `${timeZone}|${day}`;
  const cached = dayStarts.get(cacheKey);
  if (cached !== undefined) return cached;
  const p = parseDay(day);
  if (!p) throw new Error(`bad day ${day}`);
  const wallMidnight = Date.UTC(p.y, p.m - 1, p.d);
  // Usual case: the wall clock shows 00:00:00 at wallMidnight − offset.
  let guess = wallMidnight - offsetMs(timeZone, wallMidnight);
  guess = wallMidnight - offsetMs(timeZone, guess);
  let result: number;
  if (localDayOf(timeZone, guess) === day && localDayOf(timeZone, guess - 1) < day) {
    result = guess;
  } else {
    // Midnight skipped or ambiguous: search for the first instant of the day (offsets ≤ ±26 h).
    let lo = wallMidnight - 27 * HOUR;
    let hi = wallMidnight + 27 * HOUR;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (localDayOf(timeZone, mid) >= day) hi = mid;
      else lo = mid;
    }
    result = hi;
  }
  if (dayStarts.size > 100_000) dayStarts.clear();
  dayStarts.set(cacheKey, result);
  return result;
}

/** [start, end) of a local day in epoch ms. */
export function localDayBounds(timeZone: string, day: string): { startMs: number; endMs: number } {
  return {
    startMs: startOfLocalDay(timeZone, day),
    endMs: startOfLocalDay(timeZone, addDays(day, 1)),
  };
}

/** The local days that [startMs, endMs) touches, in order. */
export function localDaysOverlapping(timeZone: string, startMs: number, endMs: number): string[] {
  if (endMs <= startMs) return [];
  const days: string[] = [];
  let day = localDayOf(timeZone, startMs);
  while (startOfLocalDay(timeZone, day) < endMs) {
    days.push(day);
    day = addDays(day, 1);
  }
  return days;
}

/** The local days that a UTC day can touch (up to three when a 23 h day falls inside it). */
export function localDaysOfUtcDay(timeZone: string, utcDay: string): string[] {
  const start = Date.parse(`${utcDay}T00:00:00Z`);
  return localDaysOverlapping(timeZone, start, start + 24 * HOUR);
}

/** ISO 8601 with the zone's offset at that instant, e.g. 2026-03-29T08:15:00.000+03:00. */
export function formatInZone(timeZone: string, ms: number): string {
  const off = offsetMs(timeZone, ms);
  const offMinutes = Math.trunc(off / 60_000);
  const local = new Date(ms + offMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offMinutes);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
