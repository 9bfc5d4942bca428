import { offsetMs, parseDay } from '../activity/counting/time-zone.js';
import type {
  AttendanceRowDto,
  AttendanceStatus,
  AttendanceTotalsFields,
} from './dto/attendance.dto.js';
import type { WorkScheduleDay } from './entities/work-schedule.entity.js';

const DAY_MS = 86_400_000;

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const p = parseDay(day);
  if (!p) throw new Error(`bad day ${day}`);
  const w = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/**
 * The instant a local wall time HH:MM occurs on a day in a zone. A time that occurs twice (clocks
 * set back) is its first occurrence; a time the clocks skip is moved forward by the gap (02:30 on a
 * spring-forward day at 02:00 is 03:30), as Temporal's "compatible" disambiguation does.
 */
export function wallTimeToMs(timeZone: string, day: string, hhmm: string): number {
  const key = `${timeZone}|${day}|${hhmm}`;
  const cached = wallTimes.get(key);
  if (cached !== undefined) return cached;
  const ms = computeWallTime(timeZone, day, hhmm);
  // Employees share zones and schedules: a report of thousands of rows reads a few dozen instants.
  if (wallTimes.size > 100_000) wallTimes.clear();
  wallTimes.set(key, ms);
  return ms;
}

const wallTimes = new Map<string, number>();

function computeWallTime(timeZone: string, day: string, hhmm: string): number {
  const p = parseDay(day);
  if (!p) throw new Error(`bad day ${day}`);
  const [h, m] = hhmm.split(':').map(Number);
  const wall = Date.UTC(p.y, p.m - 1, p.d, h, m);
  const before = offsetMs(timeZone, wall - DAY_MS);
  const after = offsetMs(timeZone, wall + DAY_MS);
  const fits = (off: number) => offsetMs(timeZone, wall - off) === off;
  const candidates = [...new Set([before, after])].filter(fits).map((off) => wall - off);
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: read the wall time with the offset in force before it.
  return wall - before;
}

export interface DayFacts {
  date: string;
  timeZone: string;
  /**
   * The schedule's entry for this weekday, with its grace; null when none applies. `startMs` and
   * `endMs`, when given, are its start and end on this date in this zone (a caller that reads
   * many rows computes them once per zone and date).
   */
  scheduled: {
    day: WorkScheduleDay;
    lateAfterMinutes: number;
    startMs?: number;
    endMs?: number;
  } | null;
  holiday: boolean;
  absence: boolean;
  activeMs: number;
  firstActiveMs: number | null;
  lastActiveMs: number | null;
}

const isoDays = new Map<number, string>();
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * The instant as Date#toISOString writes it (UTC, milliseconds, Z), about ten times faster: the
 * day's prefix is cached, and a report writes two instants per row.
 */
export function isoUtc(instant: number): string {
  const ms = Math.trunc(instant);
  const day = Math.floor(ms / DAY_MS);
  let prefix = isoDays.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (isoDays.size > 100_000) isoDays.clear();
    isoDays.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  const milli = rest - sec * 1000;
  const millis = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
  return `${prefix}${two(h)}:${two(m)}:${two(sec)}.${millis}Z`;
}

const iso = (ms: number | null) => (ms === null ? null : isoUtc(ms));
const seconds = (ms: number) => Math.round(ms / 1000);

/** One attendance row, as API.md defines it. */
export function attendanceRow(employeeId: string, f: DayFacts): AttendanceRowDto {
  const workedSeconds = seconds(f.activeMs);
  const worked = workedSeconds > 0;
  const entry = f.holiday || f.absence ? null : f.scheduled;
  let scheduledSeconds = 0;
  let lateSeconds = 0;
  let earlyLeaveSeconds = 0;
  if (entry) {
    const startMs = entry.startMs ?? wallTimeToMs(f.timeZone, f.date, entry.day.start);
    const endMs = entry.endMs ?? wallTimeToMs(f.timeZone, f.date, entry.day.end);
    scheduledSeconds = seconds(endMs - startMs);
    if (worked && f.firstActiveMs !== null && f.lastActiveMs !== null) {
      if (f.firstActiveMs > startMs + entry.lateAfterMinutes * 60_000) {
        lateSeconds = seconds(f.firstActiveMs - startMs);
      }
      if (f.lastActiveMs < endMs) earlyLeaveSeconds = seconds(endMs - f.lastActiveMs);
    }
  }
  let status: AttendanceStatus;
  if (f.holiday) status = 'holiday';
  else if (f.absence) status = 'absence';
  else if (entry && !worked) status = 'absent';
  else if (entry && lateSeconds > 0) status = 'late';
  else if (entry) status = 'present';
  else if (worked) status = 'extra';
  else status = 'day-off';
  return {
    employeeId,
    date: f.date,
    status,
    scheduledSeconds,
    workedSeconds,
    arrivedAt: f.activeMs > 0 ? iso(f.firstActiveMs) : null,
    leftAt: f.activeMs > 0 ? iso(f.lastActiveMs) : null,
    lateSeconds,
    earlyLeaveSeconds,
    overtimeSeconds: Math.max(0, workedSeconds - scheduledSeconds),
  };
}

/** An employee's attendance rows folded into totals; balance = worked − scheduled over the rows. */
export function attendanceTotals(rows: readonly AttendanceRowDto[]): AttendanceTotalsFields {
  const t: AttendanceTotalsFields = {
    scheduledSeconds: 0,
    workedSeconds: 0,
    overtimeSeconds: 0,
    balanceSeconds: 0,
    daysScheduled: 0,
    daysPresent: 0,
    daysLate: 0,
    daysAbsent: 0,
    daysOnLeave: 0,
    daysHoliday: 0,
    lateSeconds: 0,
    earlyLeaveSeconds: 0,
  };
  for (const r of rows) {
    t.scheduledSeconds += r.scheduledSeconds;
    t.workedSeconds += r.workedSeconds;
    t.overtimeSeconds += r.overtimeSeconds;
    t.lateSeconds += r.lateSeconds;
    t.earlyLeaveSeconds += r.earlyLeaveSeconds;
    switch (r.status) {
      case 'present':
        t.daysScheduled++;
        t.daysPresent++;
        break;
      case 'late':
        t.daysScheduled++;
        t.daysPresent++;
        t.daysLate++;
        break;
      case 'absent':
        t.daysScheduled++;
        t.daysAbsent++;
        break;
      case 'absence':
        t.daysOnLeave++;
        break;
      case 'holiday':
        t.daysHoliday++;
        break;
      case 'extra':
      case 'day-off':
        break;
    }
  }
  t.balanceSeconds = t.workedSeconds - t.scheduledSeconds;
  return t;
}
