import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal.js';
import { ValidationFailedError } from '../../common/errors/domain-error.js';
import { AccessScopeService } from '../accounts/access-scope.service.js';
import {
  type EmployeeWithSchedules,
  WorkScheduleAssignmentsService,
} from '../accounts/work-schedule-assignments.service.js';
import { addDays, isValidDay, localDayOf } from '../activity/counting/time-zone.js';
import { RollupService } from '../activity/rollups/rollup.service.js';
import { AbsencesService, checkDayRange } from './absences.service.js';
import { attendanceRow, isoWeekday } from './attendance.js';
import {
  type AttendanceDto,
  type AttendanceQueryDto,
  type AttendanceRowDto,
  DEFAULT_ATTENDANCE_LIMIT,
} from './dto/attendance.dto.js';
import { HolidaysService } from './holidays.service.js';
import type { WorkSchedule } from './work-schedules.repository.js';
import { WorkSchedulesService } from './work-schedules.service.js';

export const MAX_ATTENDANCE_DAYS = 366;

interface Cursor {
  employeeId: string;
  date: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.employeeId}|${c.date}`, 'utf8').toString('base64url');
}

function decodeCursor(text: string): Cursor {
  const [employeeId, date, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !employeeId || !date || !isValidDay(date)) {
    throw new ValidationFailedError([
      { path: 'cursor', message: 'cursor is not a nextCursor of this report' },
    ]);
  }
  return { employeeId, date };
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

/** Attendance: schedules against active time counted exactly as in the summary report. */
@Injectable()
export class AttendanceService {
  constructor(
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(WorkScheduleAssignmentsService)
    private readonly assignments: WorkScheduleAssignmentsService,
    @Inject(RollupService) private readonly rollups: RollupService,
    @Inject(WorkSchedulesService) private readonly schedules: WorkSchedulesService,
    @Inject(HolidaysService) private readonly holidays: HolidaysService,
    @Inject(AbsencesService) private readonly absences: AbsencesService,
  ) {}

  async attendance(
    p: Principal,
    q: AttendanceQueryDto,
    nowMs = Date.now(),
  ): Promise<AttendanceDto> {
    checkDayRange(q.from, q.to, MAX_ATTENDANCE_DAYS);
    const cursor = q.cursor === undefined ? null : decodeCursor(q.cursor);
    const limit = q.limit ?? DEFAULT_ATTENDANCE_LIMIT;
    const org = p.organizationId;
    const ids = await this.scope.employeeIdsOf(
      p,
      await this.scope.resolveScope(p, { teamId: q.teamId, employeeId: q.employeeId }),
    );
    const employees =
      ids !== 'all' && ids.length === 0 ? [] : await this.assignments.activeEmployees(org, ids);

    // Plan the page: each employee's days from..min(to, their local today), in order.
    const page: { employee: EmployeeWithSchedules; first: string; last: string }[] = [];
    let taken = 0;
    let nextCursor: string | undefined;
    for (const employee of employees) {
      if (cursor && employee.id < cursor.employeeId) continue;
      const today = localDayOf(employee.timeZone, nowMs);
      const last = today < q.to ? today : q.to;
      let first = q.from;
      if (cursor && employee.id === cursor.employeeId && cursor.date > first) first = cursor.date;
      if (first > last) continue;
      if (taken === limit) {
        nextCursor = encodeCursor({ employeeId: employee.id, date: first });
        break;
      }
      const room = limit - taken;
      let end = last;
      let count = 0;
      for (let d = first; d <= last; d = addDays(d, 1)) {
        if (count === room) {
          end = addDays(d, -1);
          nextCursor = encodeCursor({ employeeId: employee.id, date: d });
          break;
        }
        count++;
      }
      page.push({ employee, first, last: end });
      taken += count;
      if (nextCursor) break;
    }

    const rows: AttendanceRowDto[] = [];
    if (page.length > 0) {
      const pageIds = page.map((x) => x.employee.id);
      const all = await this.schedules.all(org);
      const byId = new Map(all.map((s) => [s.id, s]));
      const fallback = all.find((s) => s.isDefault);
      const holidays = await this.holidays.datesBetween(org, q.from, q.to);
      const absences = await this.absences.approvedBetween(org, pageIds, q.from, q.to);
      const active = await this.rollups.activeDays(org, pageIds, q.from, q.to);
      const activeOf = new Map(active.map((a) => [`${a.employeeId}|${a.day}`, a]));
      for (const { employee, first, last } of page) {
        const schedule = scheduleOf(employee, byId, fallback);
        const own = absences.filter((a) => a.employeeId === employee.id);
        for (let date = first; date <= last; date = addDays(date, 1)) {
          const weekday = isoWeekday(date);
          const entry = schedule?.days.find((d) => d.weekday === weekday);
          const a = activeOf.get(`${employee.id}|${date}`);
          rows.push(
            attendanceRow(employee.id, {
              date,
              timeZone: employee.timeZone,
              scheduled: entry
                ? { day: entry, lateAfterMinutes: schedule!.lateAfterMinutes }
                : null,
              holiday: holidays.has(date),
              absence: own.some((x) => x.from <= date && date <= x.to),
              activeMs: a?.activeMs ?? 0,
              firstActiveMs: a?.firstActiveMs ?? null,
              lastActiveMs: a?.lastActiveMs ?? null,
            }),
          );
        }
      }
    }
    return { from: q.from, to: q.to, rows, ...(nextCursor ? { nextCursor } : {}) };
  }
}
