import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { ValidationFailedError } from '#src/common/errors/domain-error.js';
import { AccessScopeService } from '../accounts/access-scope.service.js';
import { CLOCK, type Clock } from '../accounts/clock.js';
import {
  type EmployeeWithSchedules,
  WorkScheduleAssignmentsService,
} from '../accounts/work-schedule-assignments.service.js';
import { addDays, daysBetween, isValidDay, localDayOf } from '../activity/counting/time-zone.js';
import {
  type ActiveDay,
  ActivityReadModel,
  type ReadMode,
} from '../activity/read-model/activity-read-model.js';
import {
  PeriodLocksService,
  type FrozenAttendanceRow,
  type LockedRange,
} from '../period-locks/period-locks.service.js';
import { AbsencesService, checkDayRange } from './absences.service.js';
import {
  attendanceRow,
  attendanceTotals,
  type DayFacts,
  isoWeekday,
  wallTimeToMs,
} from './attendance.js';
import {
  type AttendanceDto,
  type AttendanceQueryDto,
  type AttendanceRowDto,
  type AttendanceTotalsDto,
  type AttendanceTotalsItemDto,
  type AttendanceTotalsQueryDto,
  DEFAULT_ATTENDANCE_LIMIT,
  DEFAULT_TOTALS_LIMIT,
} from './dto/attendance.dto.js';
import { HolidaysService } from './holidays.service.js';
import type { WorkScheduleDay } from './entities/work-schedule.entity.js';
import type { WorkSchedule } from './work-schedules.repository.js';
import { WorkSchedulesService } from './work-schedules.service.js';

export const MAX_ATTENDANCE_DAYS = 366;

/** Days and whom: the query both attendance reports share. */
export interface AttendanceRange {
  from: string;
  to: string;
  teamId?: string;
  employeeId?: string;
}

/** A day of approved absence: its kind and the scheduled time it replaced (0 with no schedule). */
export interface AbsenceDay {
  date: string;
  kind: string;
  seconds: number;
}

/** One employee's rows of a page, in date order. */
export interface EmployeeAttendance {
  employee: { id: string; fullName: string; timeZone: string };
  rows: AttendanceRowDto[];
  /** The rows' days of approved absence (status `absence`), in date order. */
  absences: AbsenceDay[];
}

/** A page of the attendance report, grouped by employee, for callers that need names too. */
export interface AttendancePage {
  days: EmployeeAttendance[];
  nextCursor?: string;
  /** Share of the employees in scope whose rows are all on this page or before it, 0-1. */
  done: number;
}

export interface AttendanceTotalsPage {
  items: AttendanceTotalsItemDto[];
  nextCursor?: string;
  done: number;
}

interface Cursor {
  employeeId: string;
  date: string;
}

const badCursor = () =>
  new ValidationFailedError([
    { path: 'cursor', message: 'cursor is not a nextCursor of this report' },
  ]);

function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.employeeId}|${c.date}`, 'utf8').toString('base64url');
}

function decodeCursor(text: string): Cursor {
  const [employeeId, date, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !employeeId || !date || !isValidDay(date)) throw badCursor();
  return { employeeId, date };
}

// The totals page by employee: the cursor is the first employee id of the next page.
const TOTALS_CURSOR = /^t:[0-9a-zA-Z-]{1,64}$/;

function encodeTotalsCursor(employeeId: string): string {
  return Buffer.from(`t:${employeeId}`, 'utf8').toString('base64url');
}

function decodeTotalsCursor(text: string): string {
  const plain = Buffer.from(text, 'base64url').toString('utf8');
  if (!TOTALS_CURSOR.test(plain)) throw badCursor();
  return plain.slice(2);
}

function frozenRow(f: FrozenAttendanceRow): AttendanceRowDto {
  return {
    employeeId: f.employeeId,
    date: f.date,
    status: f.status as AttendanceRowDto['status'],
    scheduledSeconds: f.scheduledSeconds,
    workedSeconds: f.workedSeconds,
    arrivedAt: f.arrivedAt,
    leftAt: f.leftAt,
    lateSeconds: f.lateSeconds,
    earlyLeaveSeconds: f.earlyLeaveSeconds,
    overtimeSeconds: f.overtimeSeconds,
  };
}

/** The schedule in force: the employee's own, else the team's, else the default, else none. */
function scheduleOf(
  e: EmployeeWithSchedules,
  byId: Map<string, WorkSchedule>,
  fallback: WorkSchedule | undefined,
): WorkSchedule | undefined {
  return (
    (e.workScheduleId ? byId.get(e.workScheduleId) : undefined) ??
    (e.teamWorkScheduleId ? byId.get(e.teamWorkScheduleId) : undefined) ??
    fallback
  );
}

// The local today of a zone at an instant, remembered for the last instant asked (a page asks
// it for every employee, in a handful of zones).
let todayAt = NaN;
const todays = new Map<string, string>();
function todayIn(timeZone: string, nowMs: number): string {
  if (nowMs !== todayAt) {
    todays.clear();
    todayAt = nowMs;
  }
  let today = todays.get(timeZone);
  if (today === undefined) todays.set(timeZone, (today = localDayOf(timeZone, nowMs)));
  return today;
}

/** An employee's days of a page: first..last, both inclusive. */
interface Planned {
  employee: EmployeeWithSchedules;
  first: string;
  last: string;
}

/**
 * Attendance: schedules against active time counted exactly as in the summary report. The rows
 * come from one place (`rowsOf`); the totals, the exports and the api all read them from there.
 */
@Injectable()
export class AttendanceService {
  constructor(
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(WorkScheduleAssignmentsService)
    private readonly assignments: WorkScheduleAssignmentsService,
    @Inject(ActivityReadModel) private readonly activity: ActivityReadModel,
    @Inject(WorkSchedulesService) private readonly schedules: WorkSchedulesService,
    @Inject(HolidaysService) private readonly holidays: HolidaysService,
    @Inject(AbsencesService) private readonly absences: AbsencesService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PeriodLocksService) private readonly locks: PeriodLocksService,
  ) {}

  /** GET /reports/attendance: one row per employee and local day, paged by rows. */
  async attendance(p: Principal, q: AttendanceQueryDto): Promise<AttendanceDto> {
    const page = await this.attendancePage(p, q, this.clock.now().getTime(), 'replica');
    return {
      from: q.from,
      to: q.to,
      rows: page.days.flatMap((d) => d.rows),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /**
   * The rows of one page, by employee; `nowMs` decides each employee's local today, `mode` where
   * active time is read (the report and exports: a replica; a period lock: the primary).
   */
  async attendancePage(
    p: Principal,
    q: AttendanceRange & { limit?: number; cursor?: string },
    nowMs: number,
    mode: ReadMode,
  ): Promise<AttendancePage> {
    checkDayRange(q.from, q.to, MAX_ATTENDANCE_DAYS);
    const cursor = q.cursor === undefined ? null : decodeCursor(q.cursor);
    const limit = q.limit ?? DEFAULT_ATTENDANCE_LIMIT;
    const employees = await this.employeesInScope(p, q);

    // Plan the page: each employee's days from..min(to, their local today), in order.
    const page: Planned[] = [];
    let taken = 0;
    let nextCursor: string | undefined;
    let index = 0;
    for (; index < employees.length; index++) {
      const employee = employees[index];
      if (cursor && employee.id < cursor.employeeId) continue;
      const last = this.lastDay(employee, q.to, nowMs);
      let first = q.from;
      if (cursor && employee.id === cursor.employeeId && cursor.date > first) first = cursor.date;
      if (first > last) continue;
      if (taken === limit) {
        nextCursor = encodeCursor({ employeeId: employee.id, date: first });
        break;
      }
      const count = Math.min(daysBetween(first, last) + 1, limit - taken);
      const end = addDays(first, count - 1);
      page.push({ employee, first, last: end });
      taken += count;
      if (end < last) {
        nextCursor = encodeCursor({ employeeId: employee.id, date: addDays(end, 1) });
        break;
      }
    }
    const days = await this.rowsOf(p.organizationId, page, q.from, q.to, mode);
    return {
      days,
      ...(nextCursor ? { nextCursor } : {}),
      done: nextCursor ? index / Math.max(1, employees.length) : 1,
    };
  }

  /** GET /reports/attendance/totals: each employee's rows of the range folded, paged by employee. */
  async totals(p: Principal, q: AttendanceTotalsQueryDto): Promise<AttendanceTotalsDto> {
    const page = await this.totalsPage(p, q, this.clock.now().getTime(), 'replica');
    return {
      from: q.from,
      to: q.to,
      items: page.items,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  async totalsPage(
    p: Principal,
    q: AttendanceRange & { limit?: number; cursor?: string },
    nowMs: number,
    mode: ReadMode,
  ): Promise<AttendanceTotalsPage> {
    checkDayRange(q.from, q.to, MAX_ATTENDANCE_DAYS);
    const after = q.cursor === undefined ? null : decodeTotalsCursor(q.cursor);
    const limit = q.limit ?? DEFAULT_TOTALS_LIMIT;
    const employees = await this.employeesInScope(p, q);
    const start = after === null ? 0 : employees.findIndex((e) => e.id >= after);
    const chosen = start < 0 ? [] : employees.slice(start, start + limit);
    const next = start < 0 ? undefined : employees[start + limit];
    // Every employee in scope gets an item, zeros when the whole range is after their today.
    const page: Planned[] = chosen.map((employee) => ({
      employee,
      first: q.from,
      last: this.lastDay(employee, q.to, nowMs),
    }));
    const days = await this.rowsOf(p.organizationId, page, q.from, q.to, mode);
    return {
      items: days.map((d) => ({
        employeeId: d.employee.id,
        fullName: d.employee.fullName,
        ...attendanceTotals(d.rows),
      })),
      ...(next ? { nextCursor: encodeTotalsCursor(next.id) } : {}),
      done: next ? (start + limit) / employees.length : 1,
    };
  }

  /**
   * The whole report as a stream of pages of about `rows` rows, for exports. Today is read once,
   * so a run that passes midnight still gives one consistent report.
   */
  async *attendanceBatches(
    p: Principal,
    range: AttendanceRange,
    rows: number,
    mode: ReadMode,
  ): AsyncGenerator<AttendancePage> {
    const nowMs = this.clock.now().getTime();
    let cursor: string | undefined;
    do {
      const page = await this.attendancePage(p, { ...range, limit: rows, cursor }, nowMs, mode);
      yield page;
      cursor = page.nextCursor;
    } while (cursor);
  }

  /** Every employee's totals as a stream of pages of `employees` items, for exports. */
  async *totalsBatches(
    p: Principal,
    range: AttendanceRange,
    employees: number,
    mode: ReadMode,
  ): AsyncGenerator<AttendanceTotalsPage> {
    const nowMs = this.clock.now().getTime();
    let cursor: string | undefined;
    do {
      const page = await this.totalsPage(p, { ...range, limit: employees, cursor }, nowMs, mode);
      yield page;
      cursor = page.nextCursor;
    } while (cursor);
  }

  private async employeesInScope(
    p: Principal,
    q: AttendanceRange,
  ): Promise<EmployeeWithSchedules[]> {
    const ids = await this.scope.employeeIdsOf(
      p,
      await this.scope.resolveScope(p, { teamId: q.teamId, employeeId: q.employeeId }),
    );
    if (ids !== 'all' && ids.length === 0) return [];
    return this.assignments.activeEmployees(p.organizationId, ids);
  }

  /** The last day of the range the employee has reached: days after their local today are left out. */
  private lastDay(employee: EmployeeWithSchedules, to: string, nowMs: number): string {
    const today = todayIn(employee.timeZone, nowMs);
    return today < to ? today : to;
  }

  /**
   * The rows of the planned days. Schedules, holidays, approved absences and the day totals of
   * every employee of the page are read in one query each.
   */
  private async rowsOf(
    organizationId: string,
    page: Planned[],
    from: string,
    to: string,
    mode: ReadMode,
  ): Promise<EmployeeAttendance[]> {
    if (page.length === 0) return [];
    const ids = page.filter((x) => x.first <= x.last).map((x) => x.employee.id);
    const [all, holidays, absences, active, locked] = await Promise.all([
      this.schedules.all(organizationId),
      this.holidays.datesBetween(organizationId, from, to),
      ids.length === 0 ? [] : this.absences.approvedBetween(organizationId, ids, from, to),
      ids.length === 0 ? [] : this.activity.activeDays(organizationId, ids, from, to, mode),
      this.locks.lockedRanges(organizationId, from, to),
    ]);
    const byId = new Map(all.map((s) => [s.id, s]));
    const fallback = all.find((s) => s.isDefault);
    // The calendar of the range once: each date and its weekday (rows only index into it).
    const dates: string[] = [];
    const weekdays: number[] = [];
    for (let date = from; date <= to; date = addDays(date, 1)) {
      dates.push(date);
      weekdays.push(isoWeekday(date));
    }
    const holiday = dates.map((d) => holidays.has(d));
    const activeOf = new Map<string, Map<string, ActiveDay>>();
    for (const a of active) {
      let days = activeOf.get(a.employeeId);
      if (!days) activeOf.set(a.employeeId, (days = new Map<string, ActiveDay>()));
      days.set(a.day, a);
    }
    const absencesOf = new Map<string, { from: string; to: string; kind: string }[]>();
    for (const a of absences) {
      const list = absencesOf.get(a.employeeId);
      if (list) list.push(a);
      else absencesOf.set(a.employeeId, [a]);
    }
    // A schedule's entry by weekday (index 1–7), built once per schedule.
    const entriesOf = new Map<WorkSchedule, (WorkScheduleDay | undefined)[]>();
    const entries = (schedule: WorkSchedule) => {
      let list = entriesOf.get(schedule);
      if (!list) {
        list = [];
        for (const d of schedule.days) list[d.weekday] = d;
        entriesOf.set(schedule, list);
      }
      return list;
    };
    // A day's scheduled entry with its instants, by zone and schedule, then by day: employees
    // share both, so a page of thousands of rows builds a few hundred of these.
    const scheduledOf = new Map<string, (DayFacts['scheduled'] | undefined)[]>();
    const live = page.map(({ employee, first, last }) => {
      const schedule = scheduleOf(employee, byId, fallback);
      const byWeekday = schedule ? entries(schedule) : [];
      const key = `${employee.timeZone}|${schedule?.id ?? ''}`;
      let scheduledDays = scheduledOf.get(key);
      if (!scheduledDays) scheduledOf.set(key, (scheduledDays = []));
      const own = absencesOf.get(employee.id) ?? [];
      const worked = activeOf.get(employee.id);
      const rows: AttendanceRowDto[] = [];
      const absenceDays: AbsenceDay[] = [];
      // One facts object per employee, refilled for each day: rows are the only garbage.
      const facts: DayFacts = {
        date: first,
        timeZone: employee.timeZone,
        scheduled: null,
        holiday: false,
        absence: false,
        activeMs: 0,
        firstActiveMs: null,
        lastActiveMs: null,
      };
      const end = first <= last ? daysBetween(from, last) : -1;
      for (let i = daysBetween(from, first); i <= end; i++) {
        const date = dates[i];
        let scheduled = scheduledDays[i];
        if (scheduled === undefined) {
          const entry = byWeekday[weekdays[i]];
          scheduled = scheduledDays[i] = entry
            ? {
                day: entry,
                lateAfterMinutes: schedule!.lateAfterMinutes,
                startMs: wallTimeToMs(employee.timeZone, date, entry.start),
                endMs: wallTimeToMs(employee.timeZone, date, entry.end),
              }
            : null;
        }
        const a = worked?.get(date);
        facts.date = date;
        facts.scheduled = scheduled;
        facts.holiday = holiday[i];
        const absence =
          own.length > 0 ? own.find((x) => x.from <= date && date <= x.to) : undefined;
        facts.absence = absence !== undefined;
        facts.activeMs = a?.activeMs ?? 0;
        facts.firstActiveMs = a?.firstActiveMs ?? null;
        facts.lastActiveMs = a?.lastActiveMs ?? null;
        const row = attendanceRow(employee.id, facts);
        rows.push(row);
        if (row.status === 'absence' && absence) {
          // The time the absence replaced: the scheduled day it fell on, if any.
          const seconds =
            scheduled && scheduled.startMs !== undefined && scheduled.endMs !== undefined
              ? Math.round((scheduled.endMs - scheduled.startMs) / 1000)
              : 0;
          absenceDays.push({ date, kind: absence.kind, seconds });
        }
      }
      return {
        employee: { id: employee.id, fullName: employee.fullName, timeZone: employee.timeZone },
        rows,
        absences: absenceDays,
      };
    });
    return this.withFrozen(organizationId, live, locked, from, to);
  }

  /**
   * Days of a locked period read as they were when it was locked (API: locked periods). An
   * employee with no frozen row of a locked month (added after the lock) keeps the live rows.
   */
  private async withFrozen(
    organizationId: string,
    live: EmployeeAttendance[],
    locked: LockedRange[],
    from: string,
    to: string,
  ): Promise<EmployeeAttendance[]> {
    if (locked.length === 0 || live.length === 0) return live;
    const lockedFrom = locked[0].from < from ? from : locked[0].from;
    const lastTo = locked[locked.length - 1].to;
    const lockedTo = lastTo > to ? to : lastTo;
    const frozen = await this.locks.frozenAttendance(
      organizationId,
      live.map((d) => d.employee.id),
      lockedFrom,
      lockedTo,
    );
    if (frozen.length === 0) return live;
    const byEmployee = new Map<string, Map<string, FrozenAttendanceRow>>();
    for (const r of frozen) {
      let days = byEmployee.get(r.employeeId);
      if (!days) byEmployee.set(r.employeeId, (days = new Map<string, FrozenAttendanceRow>()));
      days.set(r.date, r);
    }
    return live.map((d) => {
      const days = byEmployee.get(d.employee.id);
      if (!days) return d;
      const rows = d.rows.map((row) => {
        const f = days.get(row.date);
        return f ? frozenRow(f) : row;
      });
      const absences = d.absences.filter((x) => !days.has(x.date));
      for (const row of rows) {
        const f = days.get(row.date);
        if (f && f.status === 'absence' && f.absenceKind) {
          absences.push({ date: f.date, kind: f.absenceKind, seconds: f.absenceSeconds });
        }
      }
      absences.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      return { employee: d.employee, rows, absences };
    });
  }
}
