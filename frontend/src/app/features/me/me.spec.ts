import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { isoDay } from '@app/shared/data/dates';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { Me } from './me';

const today = isoDay(new Date());
const month = today.slice(0, 7);

function balance(requestedDays: number) {
  return {
    employeeId: 'e1',
    year: Number(today.slice(0, 4)),
    allowanceDays: 25,
    approvedDays: 5,
    requestedDays,
    remainingDays: 20 - requestedDays,
  };
}

const WEEK_ROW = {
  fullName: 'Eve',
  idleSeconds: 600,
  productiveSeconds: 3600,
  neutralSeconds: 0,
  unproductiveSeconds: 0,
  firstActivityAt: null,
  lastActivityAt: null,
};

describe('My data', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('employee', { employeeId: 'e1' });
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  async function render(extra: object[] = []) {
    const fixture = TestBed.createComponent(Me);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http.expectOne('/api/v1/me').flush({
      id: 'u1',
      email: 'eve@acme.test',
      fullName: '',
      role: 'employee',
      employeeId: 'e1',
    });
    http.expectOne('/api/v1/me/data-views').flush({ items: [], page: 1, pageSize: 50, total: 0 });
    http.expectOne('/api/v1/notifications/preferences').flush({ items: [] });
    http.expectOne('/api/v1/auth/sessions').flush({ items: [] });
    http
      .expectOne((r) => r.url === '/api/v1/holidays')
      .flush({ items: [{ id: 'h1', date: `${month}-01`, name: 'Founders’ Day' }] });
    await start(fixture);
    await start(fixture);
    // Asked for once the profile names the employee: only their own.
    const privacy = http.expectOne((r) => r.url === '/api/v1/privacy/requests');
    expect(privacy.request.params.get('employeeId')).toBe('e1');
    privacy.flush({ items: [], page: 1, pageSize: 50, total: 0 });
    http.expectOne((r) => r.url === '/api/v1/reports/timeline').flush({ spans: [] });
    // My screenshots: none, and no notice covering them.
    http
      .expectOne((r) => r.url === '/api/v1/me/screenshots')
      .flush({ items: [], nextCursor: null });
    // My week: my own row of the summary (a tracked manager's report holds their team too), and
    // my applications and sites.
    const week = http.expectOne((r) => r.url === '/api/v1/reports/summary');
    expect(week.request.params.get('to')).toBe(today);
    week.flush({
      from: '',
      to: '',
      rows: [
        { ...WEEK_ROW, employeeId: 'e1', activeSeconds: 7 * 3600 + 5 * 60 },
        { ...WEEK_ROW, employeeId: 'e9', activeSeconds: 40 * 3600 },
      ],
    });
    const usage = http.expectOne((r) => r.url === '/api/v1/reports/usage');
    expect(usage.request.params.get('employeeId')).toBe('e1');
    usage.flush({
      rows: [
        { kind: 'app', name: 'Code', seconds: 5400, productivity: 'productive' },
        { kind: 'site', name: 'github.com', seconds: 1800, productivity: 'productive' },
      ],
    });
    const attendance = http.expectOne((r) => r.url === '/api/v1/reports/attendance');
    expect(attendance.request.params.get('employeeId')).toBe('e1');
    expect(attendance.request.params.get('from')).toBe(`${month}-01`);
    attendance.flush({
      from: `${month}-01`,
      to: today,
      rows: [
        {
          employeeId: 'e1',
          date: `${month}-01`,
          status: 'holiday',
          scheduledSeconds: 0,
          workedSeconds: 0,
          arrivedAt: null,
          leftAt: null,
          lateSeconds: 0,
          earlyLeaveSeconds: 0,
          overtimeSeconds: 0,
        },
      ],
    });
    const totals = http.expectOne((r) => r.url === '/api/v1/reports/attendance/totals');
    expect(totals.request.params.get('employeeId')).toBe('e1');
    totals.flush({
      from: `${month}-01`,
      to: today,
      items: [
        {
          employeeId: 'e1',
          fullName: 'Eve Employee',
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
          daysHoliday: 1,
        },
      ],
    });
    const absences = http.expectOne((r) => r.url === '/api/v1/absences');
    expect(absences.request.params.get('employeeId')).toBe('e1');
    absences.flush({
      items: [
        ...extra,
        {
          id: 'a1',
          employeeId: 'e1',
          employeeName: 'Eve Employee',
          from: '2026-01-05',
          to: '2026-01-09',
          kind: 'vacation',
          status: 'approved',
          note: null,
          createdAt: '',
        },
        {
          id: 'a2',
          employeeId: 'e1',
          employeeName: 'Eve Employee',
          from: '2026-02-02',
          to: '2026-02-02',
          kind: 'sick',
          status: 'rejected',
          note: null,
          createdAt: '',
        },
      ],
    });
    const first = http.expectOne((r) => r.url === '/api/v1/absences/balance');
    expect(first.request.params.get('employeeId')).toBe('e1');
    first.flush(balance(0));
    await settle(fixture);
    return { fixture, http, el: fixture.nativeElement as HTMLElement };
  }

  it('shows my month of attendance, my absences with their status, and my vacation days', async () => {
    const { el } = await render();
    const grid = el.querySelector('[data-testid="my-attendance"] [data-testid="attendance-grid"]')!;
    expect(grid.querySelector('tbody th')?.textContent?.trim()).toBe('Eve Employee');
    const day = grid.querySelector(`td[data-date="${month}-01"]`)!;
    expect(day.getAttribute('data-status')).toBe('holiday');
    // My own page links nowhere: the day timeline is a manager's view.
    expect(day.querySelector('a')).toBeNull();
    expect(day.querySelector('[role="img"]')?.getAttribute('aria-label')).toContain(
      'Holiday. Founders’ Day',
    );
    const statuses = Array.from(el.querySelectorAll('[data-testid="absence-status"]')).map((s) =>
      s.textContent?.trim(),
    );
    expect(statuses).toEqual(['Rejected', 'Approved']);
    expect(el.querySelector('[data-testid="balance-remaining"]')?.textContent?.trim()).toBe(
      '20 days',
    );
  });

  it('shows my week from my own row and the applications and sites I used', async () => {
    const { el } = await render();
    const week = el.querySelector('[data-testid="my-week"]')!;
    expect(week.querySelector('[data-testid="my-week-active"]')?.textContent?.trim()).toBe(
      '7h 05m',
    );
    const bars = Array.from(week.querySelectorAll('ctx-bar-list li .name')).map((n) =>
      n.textContent?.trim(),
    );
    expect(bars).toEqual(['Code', 'github.com']);
  });

  it('withdraws a request still waiting, after asking, and nothing already decided', async () => {
    const waiting = {
      id: 'a3',
      employeeId: 'e1',
      employeeName: 'Eve Employee',
      from: '2026-07-06',
      to: '2026-07-10',
      kind: 'vacation',
      status: 'requested',
      note: null,
      createdAt: '',
    };
    const { fixture, http, el } = await render([waiting]);
    const buttons = el.querySelectorAll<HTMLButtonElement>('[data-testid="my-absences"] li button');
    expect(buttons).toHaveLength(1);
    expect(buttons[0].closest('li')?.getAttribute('data-absence')).toBe('a3');
    const confirm = jest.spyOn(globalThis, 'confirm').mockReturnValue(true);
    buttons[0].click();
    expect(confirm).toHaveBeenCalledWith('Withdraw your request for Jul 6, 2026 – Jul 10, 2026?');
    await start(fixture);
    const req = http.expectOne('/api/v1/absences/a3/cancel');
    expect(req.request.method).toBe('POST');
    req.flush({ ...waiting, status: 'cancelled' });
    await start(fixture);
    await start(fixture);
    http.expectOne((r) => r.url === '/api/v1/absences').flush({ items: [] });
    http.expectOne((r) => r.url === '/api/v1/absences/balance').flush(balance(0));
    await settle(fixture);
  });

  it('requests leave for me and shows the balance again', async () => {
    const { fixture, http, el } = await render();
    el.querySelector<HTMLButtonElement>('[data-testid="request-leave"]')!.click();
    await settle(fixture);
    document.querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!.click();
    await start(fixture);
    const req = http.expectOne((r) => r.url === '/api/v1/absences' && r.method === 'POST');
    expect(req.request.body).toEqual({
      employeeId: 'e1',
      kind: 'vacation',
      from: today,
      to: today,
    });
    req.flush({}, { status: 201, statusText: 'Created' });
    await closed(fixture);
    await start(fixture);
    http.expectOne((r) => r.url === '/api/v1/absences').flush({ items: [] });
    http.expectOne((r) => r.url === '/api/v1/absences/balance').flush(balance(1));
    await settle(fixture);
    expect(el.querySelector('[data-testid="balance-remaining"]')?.textContent?.trim()).toBe(
      '19 days',
    );
  });
});

async function closed(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 40 && document.querySelector('mat-dialog-container'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    await start(fixture);
  }
  expect(document.querySelector('mat-dialog-container')).toBeNull();
}
