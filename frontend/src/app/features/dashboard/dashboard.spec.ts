import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import {
  type ComponentFixture,
  DeferBlockBehavior,
  DeferBlockState,
  TestBed,
} from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatListHarness } from '@angular/material/list/testing';
import { isoDay, startOfWeek } from '@app/shared/data/dates';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { Dashboard } from './dashboard';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function row(id: string, name: string, active: number, last: string) {
  return {
    employeeId: id,
    fullName: name,
    activeSeconds: active,
    idleSeconds: 600,
    productiveSeconds: active / 2,
    neutralSeconds: active / 2,
    unproductiveSeconds: 0,
    firstActivityAt: minutesAgo(300),
    lastActivityAt: last,
  };
}

const ATTENDANCE_ROW = {
  scheduledSeconds: 28_800,
  workedSeconds: 0,
  arrivedAt: null,
  leftAt: null,
  lateSeconds: 0,
  earlyLeaveSeconds: 0,
  overtimeSeconds: 0,
};

/** Answers today's attendance (in two pages), the employees and the setup checks. */
function flushAttendance(
  http: HttpTestingController,
  statuses: Record<string, string>,
  names: Record<string, string>,
  managedTeams = 1,
  zones: Record<string, string> = {},
) {
  const today = new Date();
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(
    today.getDate(),
  ).padStart(2, '0')}`;
  const rows = Object.entries(statuses).map(([employeeId, status]) => ({
    ...ATTENDANCE_ROW,
    employeeId,
    date: day,
    status,
  }));
  // The manager's teams (one): the dashboard explains itself only to a manager of none.
  http
    .expectOne((r) => r.url === '/api/v1/teams')
    .flush({ items: [{ id: 't1' }], page: 1, pageSize: 1, total: managedTeams });
  const first = http.expectOne((r) => r.url === '/api/v1/reports/attendance');
  expect(first.request.params.get('from')).toBe(day);
  expect(first.request.params.get('to')).toBe(day);
  first.flush({ from: day, to: day, rows: rows.slice(0, 2), nextCursor: 'c2' });
  return async (fixture: ComponentFixture<unknown>) => {
    // Not settle: the report is still loading (its next page), so the fixture is not stable.
    await start(fixture);
    await renderDeferred(fixture);
    const second = http.expectOne((r) => r.url === '/api/v1/reports/attendance');
    expect(second.request.params.get('cursor')).toBe('c2');
    second.flush({ from: day, to: day, rows: rows.slice(2) });
    http
      .expectOne((r) => r.url === '/api/v1/employees')
      .flush({
        items: Object.entries(names).map(([id, fullName]) => ({
          id,
          fullName,
          timeZone: zones[id] ?? 'UTC',
        })),
        page: 1,
        pageSize: 200,
        total: Object.keys(names).length,
      });
    http.expectOne('/api/v1/work-schedules').flush({
      items: [{ id: 's1', name: 'Office', days: [], lateAfterMinutes: 0, default: true }],
    });
    http
      .expectOne((r) => r.url === '/api/v1/holidays')
      .flush({ items: [{ id: 'h1', date: `${day.slice(0, 4)}-01-01`, name: 'New Year' }] });
    await settle(fixture);
  };
}

/**
 * Renders the @defer blocks, as a browser does once idle (the date range's presets) and once the
 * lower half is in view (jsdom has no layout, so no IntersectionObserver to say so).
 */
async function renderDeferred(fixture: ComponentFixture<unknown>): Promise<void> {
  for (const block of await fixture.getDeferBlocks()) await block.render(DeferBlockState.Complete);
}

describe('Dashboard', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('manager');
    TestBed.configureTestingModule({
      providers: provideTestApp(),
      deferBlockBehavior: DeferBlockBehavior.Manual,
    });
  });

  it('sums today, ranks apps and sites, and tells who is working now', async () => {
    const fixture = TestBed.createComponent(Dashboard);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    await renderDeferred(fixture);
    // While the figures load, the four cards already stand where they will be (no layout shift).
    const loading = fixture.nativeElement as HTMLElement;
    expect(loading.querySelectorAll('ctx-stat-card')).toHaveLength(4);
    expect(loading.querySelector('[data-testid="dashboard-active"]')?.textContent?.trim()).toBe(
      '—',
    );
    expect(loading.querySelector('.card-grid')?.getAttribute('aria-busy')).toBe('true');
    const summaries: TestRequest[] = http.match((r) => r.url === '/api/v1/reports/summary');
    // The selected period is today: one request serves the cards and "who is working".
    expect(summaries).toHaveLength(1);
    const body = {
      from: '',
      to: '',
      rows: [
        row('e1', 'Ada Lovelace', 7200, minutesAgo(2)),
        row('e2', 'Bob Builder', 3600, minutesAgo(90)),
      ],
    };
    for (const req of summaries) req.flush(body);
    http
      .expectOne((r) => r.url === '/api/v1/reports/usage')
      .flush({
        from: '',
        to: '',
        rows: [
          { kind: 'app', name: 'Code', seconds: 5400, productivity: 'productive' },
          { kind: 'site', name: 'github.com', seconds: 1800, productivity: 'productive' },
          { kind: 'app', name: 'Slack', seconds: 1200, productivity: 'neutral' },
        ],
      });
    await flushAttendance(http, { e1: 'present' }, { e1: 'Ada Lovelace', e2: 'Bob Builder' }, 1, {
      e1: 'Asia/Tokyo',
    })(fixture);

    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="dashboard-active"]')?.textContent?.trim()).toBe(
      '3h 00m',
    );
    expect(el.textContent).toContain('of 2 active today');

    const loader = TestbedHarnessEnvironment.loader(fixture);
    const people = await loader.getHarness(MatListHarness);
    const items = await people.getItems();
    expect(await items[0].getFullText()).toContain('Ada Lovelace');
    expect(await items[0].getFullText()).toContain('Active now');
    expect(await items[1].getFullText()).toContain('Last active at');
    // Who is working shows when each person started today, on their own clock: Ada's is in
    // Tokyo, not the viewer's zone (UTC), so it is named; Bob's is the viewer's.
    expect(await items[0].getFullText()).toMatch(/first at \d{1,2}:\d{2}\s[AP]M \(Asia\/Tokyo\)/);
    expect(await items[1].getFullText()).toMatch(/Last active at \d{1,2}:\d{2}\s[AP]M ·/);
    expect(await items[1].getFullText()).not.toContain('(');

    const bars = Array.from(el.querySelectorAll('ctx-bar-list li .name')).map((n) =>
      n.textContent?.trim(),
    );
    expect(bars).toEqual(['Code', 'Slack', 'github.com']);
  });

  it('asks for the range picked, a quick one or two dates', async () => {
    const fixture = TestBed.createComponent(Dashboard);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    await renderDeferred(fixture);
    const answer = flushAttendance(http, {}, {});
    for (const req of http.match((r) => r.url.startsWith('/api/v1/reports/'))) {
      req.flush({ rows: [] });
    }
    await answer(fixture);
    const preset = await TestbedHarnessEnvironment.loader(fixture).getHarness(
      MatSelectHarness.with({ selector: '[data-testid="range-preset"]' }),
    );
    expect(await preset.getValueText()).toBe('Today');
    await preset.open();
    // A harness click would wait for the request it triggers; click the option itself.
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((o) => o.textContent?.trim() === 'This week')!
      .click();
    await start(fixture);
    await renderDeferred(fixture);
    const usage = http.match((r) => r.url === '/api/v1/reports/usage');
    expect(usage.length).toBeGreaterThan(0);
    // Another period than today is a summary request of its own.
    const weekSummary = http
      .match((r) => r.url === '/api/v1/reports/summary')
      .filter((r) => r.request.params.get('from') === isoDay(startOfWeek(new Date())));
    expect(weekSummary).toHaveLength(1);
    const from = usage.at(-1)!.request.params.get('from')!;
    const to = usage.at(-1)!.request.params.get('to')!;
    expect(to).toBe(isoDay(new Date()));
    expect(from).toBe(isoDay(startOfWeek(new Date())));
  });

  it('counts today’s attendance with names, from every page of the report', async () => {
    const fixture = TestBed.createComponent(Dashboard);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    await renderDeferred(fixture);
    for (const req of http.match((r) => r.url === '/api/v1/reports/summary')) {
      req.flush({ from: '', to: '', rows: [] });
    }
    http.expectOne((r) => r.url === '/api/v1/reports/usage').flush({ rows: [] });
    await flushAttendance(
      http,
      { e1: 'present', e2: 'late', e3: 'absent', e4: 'absence', e5: 'extra', e6: 'day-off' },
      {
        e1: 'Ada Lovelace',
        e2: 'Bob Builder',
        e3: 'Cy Clone',
        e4: 'Di Vacation',
        e5: 'Ed Weekend',
        e6: 'Fay Free',
      },
    )(fixture);
    const el = fixture.nativeElement as HTMLElement;
    const group = (key: string) => {
      const box = el.querySelector(`[data-testid="today-${key}"]`);
      return [
        box?.querySelector('.today-head span:not(.dot)')?.textContent?.trim(),
        box?.querySelector('.today-count')?.textContent?.trim(),
        box?.querySelector('.today-names')?.textContent?.trim(),
      ];
    };
    // Working on a day off counts as present; a day off counts nowhere.
    expect(group('present')).toEqual(['Present', '2', 'Ada Lovelace, Ed Weekend']);
    expect(group('late')).toEqual(['Late', '1', 'Bob Builder']);
    expect(group('absent')).toEqual(['Absent', '1', 'Cy Clone']);
    expect(group('absence')).toEqual(['On leave', '1', 'Di Vacation']);
    expect(el.textContent).not.toContain('Fay Free');
    expect(el.querySelector('[data-testid="hint-no-schedule"]')).toBeNull();
  });

  it('tells a manager of no team why the page is empty and whom to ask', async () => {
    const fixture = TestBed.createComponent(Dashboard);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    await renderDeferred(fixture);
    const answer = flushAttendance(http, {}, {}, 0);
    for (const req of http.match((r) => r.url.startsWith('/api/v1/reports/'))) {
      req.flush({ rows: [] });
    }
    await answer(fixture);
    const note = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="no-team"]');
    expect(note?.textContent).toContain('You do not manage a team yet');
    expect(note?.textContent).toContain('People & teams → Teams → Managers');
  });

  it('says nothing of teams to a manager who has one', async () => {
    const fixture = TestBed.createComponent(Dashboard);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    await renderDeferred(fixture);
    const answer = flushAttendance(http, {}, {});
    for (const req of http.match((r) => r.url.startsWith('/api/v1/reports/'))) {
      req.flush({ rows: [] });
    }
    await answer(fixture);
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[data-testid="no-team"]'),
    ).toBeNull();
  });
});
