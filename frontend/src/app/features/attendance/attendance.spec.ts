import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { Router } from '@angular/router';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { AttendancePage } from './attendance';

function row(employeeId: string, date: string, status: string, extra: object = {}) {
  return {
    employeeId,
    date,
    status,
    scheduledSeconds: 28_800,
    workedSeconds: 0,
    arrivedAt: null,
    leftAt: null,
    lateSeconds: 0,
    earlyLeaveSeconds: 0,
    overtimeSeconds: 0,
    ...extra,
  };
}

function totals(employeeId: string, fullName: string, extra: object) {
  return {
    employeeId,
    fullName,
    scheduledSeconds: 0,
    workedSeconds: 0,
    overtimeSeconds: 0,
    balanceSeconds: 0,
    lateSeconds: 0,
    earlyLeaveSeconds: 0,
    daysScheduled: 0,
    daysPresent: 0,
    daysLate: 0,
    daysAbsent: 0,
    daysOnLeave: 0,
    daysHoliday: 0,
    ...extra,
  };
}

const LATE = row('e1', '2026-03-03', 'late', {
  workedSeconds: 27_000,
  arrivedAt: '2026-03-03T08:12:00Z',
  leftAt: '2026-03-03T15:42:00Z',
  lateSeconds: 720,
});

describe('Attendance', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('hr');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  async function render(schedules: object[] = [{ id: 's1', name: 'Office', days: [] }]) {
    const fixture = TestBed.createComponent(AttendancePage);
    fixture.componentRef.setInput('month', '2026-03');
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);

    const first = http.expectOne((r) => r.url === '/api/v1/reports/attendance');
    expect(first.request.params.get('from')).toBe('2026-03-01');
    expect(first.request.params.get('to')).toBe('2026-03-31');
    expect(first.request.params.has('cursor')).toBe(false);
    first.flush({
      from: '2026-03-01',
      to: '2026-03-31',
      rows: [row('e2', '2026-03-01', 'day-off'), row('e2', '2026-03-02', 'holiday')],
      nextCursor: 'next-1',
    });
    const firstTotals = http.expectOne((r) => r.url === '/api/v1/reports/attendance/totals');
    firstTotals.flush({
      from: '2026-03-01',
      to: '2026-03-31',
      items: [totals('e2', 'Bob Builder', { daysHoliday: 1 })],
      nextCursor: 'totals-2',
    });
    http
      .expectOne((r) => r.url === '/api/v1/employees')
      .flush({
        items: [
          { id: 'e1', fullName: 'Ada Lovelace', timeZone: 'Europe/Berlin' },
          { id: 'e2', fullName: 'Bob Builder', timeZone: 'UTC' },
        ],
        page: 1,
        pageSize: 200,
        total: 2,
      });
    http
      .expectOne((r) => r.url === '/api/v1/teams')
      .flush({ items: [{ id: 't1', name: 'Support' }], page: 1, pageSize: 200, total: 1 });
    for (const req of http.match((r) => r.url === '/api/v1/holidays')) {
      expect(req.request.params.get('year')).toBe('2026');
      req.flush({ items: [{ id: 'h1', date: '2026-03-02', name: 'Founders’ Day' }] });
    }
    http.expectOne('/api/v1/work-schedules').flush({ items: schedules });
    await start(fixture);

    // The rest of the month follows the cursors, until an answer has none.
    const second = http.expectOne((r) => r.url === '/api/v1/reports/attendance');
    expect(second.request.params.get('cursor')).toBe('next-1');
    expect(second.request.params.get('from')).toBe('2026-03-01');
    second.flush({
      from: '2026-03-01',
      to: '2026-03-31',
      rows: [LATE, row('e1', '2026-03-04', 'absence', { scheduledSeconds: 0 })],
    });
    const secondTotals = http.expectOne((r) => r.url === '/api/v1/reports/attendance/totals');
    expect(secondTotals.request.params.get('cursor')).toBe('totals-2');
    secondTotals.flush({
      from: '2026-03-01',
      to: '2026-03-31',
      items: [
        totals('e1', 'Ada Lovelace', {
          scheduledSeconds: 28_800,
          workedSeconds: 27_000,
          balanceSeconds: -1_800,
          daysLate: 1,
          daysOnLeave: 1,
        }),
      ],
    });
    await settle(fixture);
    return { fixture, http, el: fixture.nativeElement as HTMLElement };
  }

  it('shows every page of the month, each day coloured by status, with totals beside it', async () => {
    const { el } = await render();
    const lines = Array.from(el.querySelectorAll('[data-testid="attendance-grid"] tbody tr'));
    expect(lines.map((tr) => tr.querySelector('th')?.textContent?.trim())).toEqual([
      'Ada Lovelace',
      'Bob Builder',
    ]);
    const ada = lines[0];
    const status = (tr: Element, day: string) =>
      tr.querySelector(`td[data-date="${day}"]`)?.getAttribute('data-status');
    expect(status(ada, '2026-03-03')).toBe('late');
    expect(status(ada, '2026-03-04')).toBe('absence');
    expect(status(lines[1], '2026-03-02')).toBe('holiday');
    // A day the report leaves out (the future) is blank.
    expect(status(ada, '2026-03-20')).toBeNull();
    expect(ada.querySelectorAll('td.cell')).toHaveLength(31);

    const total = (tr: Element, col: string) =>
      tr.querySelector(`td[data-col="${col}"]`)?.textContent?.trim();
    expect(total(ada, 'worked')).toBe('7h 30m');
    expect(total(ada, 'scheduled')).toBe('8h 00m');
    expect(total(ada, 'balance')).toBe('−30m');
    expect(ada.querySelector('td[data-col="balance"]')?.classList).toContain('negative');
    expect(total(ada, 'daysLate')).toBe('1');
    expect(total(ada, 'daysOnLeave')).toBe('1');
    expect(total(lines[1], 'balance')).toBe('0m');
  });

  it('tells what a day was in its tooltip, in the employee’s zone, and drills into the day', async () => {
    const { el } = await render();
    const link = el.querySelector<HTMLAnchorElement>(
      'tr[data-employee="e1"] td[data-date="2026-03-03"] a',
    )!;
    const label = link.getAttribute('aria-label');
    expect(link.getAttribute('title')).toBe(label);
    expect(label).toBe(
      // Ada's times are on her clock (Berlin), named as the viewer reads times in UTC.
      'Ada Lovelace, Mar 3, 2026: Late. Arrived 9:12 AM (Europe/Berlin), left 4:42 PM (Europe/Berlin). Worked 7h 30m of 8h 00m scheduled. Late by 12m',
    );
    expect(link.getAttribute('href')).toBe('/reports/timeline/e1?day=2026-03-03');
    expect(
      el
        .querySelector('tr[data-employee="e2"] td[data-date="2026-03-02"] a')
        ?.getAttribute('aria-label'),
    ).toContain('Holiday. Founders’ Day');
    const legend = Array.from(el.querySelectorAll('.legend li')).map((li) =>
      li.textContent?.trim(),
    );
    expect(legend).toEqual([
      'Present',
      'Late',
      'Absent',
      'Worked on a day off',
      'On leave',
      'Holiday',
      'Day off',
    ]);
  });

  it('moves by month and filters by team through the address', async () => {
    const { fixture, el } = await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    expect(el.querySelector('[data-testid="month-label"]')?.textContent?.trim()).toBe('March 2026');
    el.querySelector<HTMLButtonElement>('[data-testid="prev-month"]')!.click();
    expect(navigate).toHaveBeenLastCalledWith([], {
      queryParams: { month: '2026-02' },
      queryParamsHandling: 'merge',
    });
    const team = await TestbedHarnessEnvironment.loader(fixture).getHarness(MatSelectHarness);
    await team.open();
    await team.clickOptions({ text: 'Support' });
    expect(navigate).toHaveBeenLastCalledWith([], {
      queryParams: { teamId: 't1' },
      queryParamsHandling: 'merge',
    });
  });

  it('tells HR to create a work schedule first when there is none', async () => {
    const { el } = await render([]);
    const hint = el.querySelector('[data-testid="hint-no-schedule"]');
    expect(hint?.textContent).toContain('There is no work schedule yet');
    expect(hint?.querySelector('a')?.getAttribute('href')).toBe('/schedules');
    expect(el.querySelector('[data-testid="hint-no-holidays"]')).toBeNull();
  });
});
