import type { PeriodLocksService } from '../period-locks/period-locks.service.js';
import { fakeClock, PrincipalFactory, strictFake } from '#test/factories/accounts.builders.js';
import type { AccessScopeService, ResolvedScope } from '../accounts/access-scope.service.js';
import type {
  EmployeeWithSchedules,
  WorkScheduleAssignmentsService,
} from '../accounts/work-schedule-assignments.service.js';
import type { ActiveDay, ActivityReadModel } from '../activity/read-model/activity-read-model.js';
import type { AbsencesService } from './absences.service.js';
import { AttendanceService } from './attendance.service.js';
import type { HolidaysService } from './holidays.service.js';
import type { WorkSchedule } from './work-schedules.repository.js';
import type { WorkSchedulesService } from './work-schedules.service.js';

const H = 3_600_000;
const p = PrincipalFactory.build();
const schedule: WorkSchedule = {
  id: 's1',
  organizationId: p.organizationId,
  name: 'Office',
  days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
  lateAfterMinutes: 0,
  isDefault: true,
};
const employee = (id: string, fullName: string, timeZone: string): EmployeeWithSchedules => ({
  id,
  fullName,
  timeZone,
  teamId: null,
  workScheduleId: null,
  teamWorkScheduleId: null,
});
// Ids sort as the report does: a (New York), b (Tokyo).
const newYork = employee('a', 'Ned York', 'America/New_York');
const tokyo = employee('b', 'Toshi Tokyo', 'Asia/Tokyo');

/** Mon 2 – Fri 6 March 2026: both worked 10 h on Monday (in their own 09–19). */
function service(clock = fakeClock(new Date('2026-03-04T03:00:00Z'))) {
  const days: ActiveDay[] = [
    {
      employeeId: 'a',
      day: '2026-03-02',
      activeMs: 10 * H,
      firstActiveMs: Date.parse('2026-03-02T14:00:00Z'),
      lastActiveMs: Date.parse('2026-03-03T00:00:00Z'),
    },
    {
      employeeId: 'b',
      day: '2026-03-02',
      activeMs: 10 * H,
      firstActiveMs: Date.parse('2026-03-02T00:00:00Z'),
      lastActiveMs: Date.parse('2026-03-02T10:00:00Z'),
    },
  ];
  const attendance = new AttendanceService(
    strictFake<AccessScopeService>('scope', {
      resolveScope: () => Promise.resolve({} as ResolvedScope),
      employeeIdsOf: () => Promise.resolve('all'),
    }),
    strictFake<WorkScheduleAssignmentsService>('assignments', {
      activeEmployees: () => Promise.resolve([newYork, tokyo]),
    }),
    strictFake<ActivityReadModel>('activity', {
      activeDays: (_org, ids, from, to) =>
        Promise.resolve(
          days.filter((d) => ids.includes(d.employeeId) && d.day >= from && d.day <= to),
        ),
    }),
    strictFake<WorkSchedulesService>('schedules', { all: () => Promise.resolve([schedule]) }),
    strictFake<HolidaysService>('holidays', { datesBetween: () => Promise.resolve(new Set()) }),
    strictFake<AbsencesService>('absences', { approvedBetween: () => Promise.resolve([]) }),
    clock,
    strictFake<PeriodLocksService>('locks', { lockedRanges: () => Promise.resolve([]) }),
  );
  return { attendance, clock };
}

const range = { from: '2026-03-02', to: '2026-03-06' };

describe('AttendanceService', () => {
  it('ends each employee’s rows at their local today, as the clock says', async () => {
    // 03:00 UTC on Wednesday 4 March: Tuesday evening in New York, Wednesday noon in Tokyo.
    const { attendance, clock } = service();
    const rows = (await attendance.attendance(p, range)).rows;
    expect(rows.map((r) => `${r.employeeId} ${r.date}`)).toEqual([
      'a 2026-03-02',
      'a 2026-03-03',
      'b 2026-03-02',
      'b 2026-03-03',
      'b 2026-03-04',
    ]);
    clock.advance(24 * H);
    const later = (await attendance.attendance(p, range)).rows;
    expect(later.filter((r) => r.employeeId === 'a').map((r) => r.date)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
    ]);
  });

  it('folds the same rows into totals, balance = worked − scheduled', async () => {
    const { attendance } = service();
    const { rows } = await attendance.attendance(p, range);
    const { items } = await attendance.totals(p, range);
    expect(items.map((i) => i.fullName)).toEqual(['Ned York', 'Toshi Tokyo']);
    for (const item of items) {
      const own = rows.filter((r) => r.employeeId === item.employeeId);
      expect(item.scheduledSeconds).toBe(own.reduce((a, r) => a + r.scheduledSeconds, 0));
      expect(item.workedSeconds).toBe(own.reduce((a, r) => a + r.workedSeconds, 0));
      expect(item.balanceSeconds).toBe(item.workedSeconds - item.scheduledSeconds);
    }
    // New York: Monday and Tuesday scheduled (16 h), 10 h worked on Monday.
    expect(items[0]).toMatchObject({
      scheduledSeconds: 16 * 3600,
      workedSeconds: 10 * 3600,
      overtimeSeconds: 2 * 3600,
      balanceSeconds: -6 * 3600,
      daysScheduled: 2,
      daysPresent: 1,
      daysAbsent: 1,
      lateSeconds: 0,
    });
    // Tokyo: three scheduled days by its Wednesday; 10 h against 24 h.
    expect(items[1]).toMatchObject({ daysScheduled: 3, balanceSeconds: -14 * 3600 });
  });

  it('reads today once for a whole export, so a run across midnight stays consistent', async () => {
    const { attendance, clock } = service();
    const pages = [];
    for await (const page of attendance.attendanceBatches(p, range, 2, 'replica')) {
      pages.push(page);
      clock.advance(24 * H);
    }
    const rows = pages.flatMap((pg) => pg.days.flatMap((d) => d.rows));
    expect(rows).toHaveLength(5);
    expect(pages.map((pg) => pg.done)).toEqual([0.5, 0.5, 1]);
    const fresh = service();
    const totals = [];
    for await (const page of fresh.attendance.totalsBatches(p, range, 1, 'replica')) {
      totals.push(...page.items);
      fresh.clock.advance(24 * H);
    }
    expect(totals.map((t) => t.daysScheduled)).toEqual([2, 3]);
  });
});
