import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { DeferBlockBehavior, DeferBlockState, TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSortHarness } from '@angular/material/sort/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { Router } from '@angular/router';
import { addDays, isoDay, startOfWeek } from '@app/shared/data/dates';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { Reports } from './reports';

const SUMMARY = {
  from: '2026-11-02',
  to: '2026-11-08',
  rows: [
    {
      employeeId: 'e1',
      fullName: 'Ada Lovelace',
      activeSeconds: 7261,
      idleSeconds: 900,
      productiveSeconds: 3600,
      neutralSeconds: 1861,
      unproductiveSeconds: 1800,
      firstActivityAt: '2026-11-02T09:00:00Z',
      lastActivityAt: '2026-11-02T11:15:00Z',
    },
    {
      employeeId: 'e2',
      fullName: 'Bob Builder',
      activeSeconds: 45 * 60,
      idleSeconds: 0,
      productiveSeconds: 0,
      neutralSeconds: 2700,
      unproductiveSeconds: 0,
      firstActivityAt: '2026-11-02T09:00:00Z',
      lastActivityAt: '2026-11-02T09:45:00Z',
    },
  ],
};

const TEAMS = {
  items: [{ id: 't1', name: 'Support', managerUserIds: [] }],
  page: 1,
  pageSize: 200,
  total: 1,
};

describe('Reports', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('owner');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  async function render() {
    const fixture = TestBed.createComponent(Reports);
    fixture.componentRef.setInput('from', '2026-11-02');
    fixture.componentRef.setInput('to', '2026-11-08');
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    const summary = http.expectOne((r) => r.url === '/api/v1/reports/summary');
    expect(summary.request.params.get('from')).toBe('2026-11-02');
    expect(summary.request.params.get('to')).toBe('2026-11-08');
    expect(summary.request.params.has('teamId')).toBe(false);
    expect(summary.request.headers.get('Authorization')).toBe('Bearer test-access');
    summary.flush(SUMMARY);
    // Applications & sites are asked for on their own view only.
    http.expectNone((r) => r.url === '/api/v1/reports/usage');
    http.expectOne((r) => r.url === '/api/v1/teams').flush(TEAMS);
    await settle(fixture);
    return { fixture, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  it('shows the API’s seconds exactly, with totals', async () => {
    const { loader } = await render();
    const table = await loader.getHarness(MatTableHarness);
    const rows = await table.getCellTextByColumnName();
    expect(rows['fullName'].text).toEqual(['Ada Lovelace', 'Bob Builder']);
    expect(rows['activeSeconds'].text).toEqual(['2:01:01', '0:45:00']);
    expect(rows['neutralSeconds'].text).toEqual(['0:31:01', '0:45:00']);
    const footer = await (await table.getFooterRows())[0].getCellTextByColumnName();
    expect(footer['activeSeconds']).toBe('2:46:01');
  });

  it('shows the chosen team at once, in a field that gives way to the select once idle', async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: provideTestApp(),
      deferBlockBehavior: DeferBlockBehavior.Manual,
    });
    const fixture = TestBed.createComponent(Reports);
    fixture.componentRef.setInput('teamId', 't1');
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http.expectOne((r) => r.url === '/api/v1/reports/summary').flush(SUMMARY);
    http.expectOne((r) => r.url === '/api/v1/teams').flush(TEAMS);
    await settle(fixture);
    const field = () =>
      (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>(
        '[data-testid="team-filter"]',
      )!;
    expect(field().tagName).toBe('BUTTON');
    expect(field().getAttribute('aria-disabled')).toBe('true');
    expect(field().textContent).toContain('Team');
    expect(field().textContent).toContain('Support');

    for (const block of await fixture.getDeferBlocks())
      await block.render(DeferBlockState.Complete);
    const select = await TestbedHarnessEnvironment.loader(fixture).getHarness(
      MatSelectHarness.with({ selector: '[data-testid="team-filter"]' }),
    );
    expect(await select.getValueText()).toBe('Support');
  });

  it('sorts by a column', async () => {
    const { loader } = await render();
    const sort = await loader.getHarness(MatSortHarness);
    const [name] = await sort.getSortHeaders({ label: 'Employee' });
    await name.click();
    await name.click();
    const table = await loader.getHarness(MatTableHarness);
    expect((await table.getCellTextByColumnName())['fullName'].text).toEqual([
      'Bob Builder',
      'Ada Lovelace',
    ]);
  });

  it('puts the range and the view in the address so a report can be shared', async () => {
    const { fixture } = await render();
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/?from=2026-11-02&to=2026-11-08');
    await settle(fixture);
    const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    const el = fixture.nativeElement as HTMLElement;
    const views = [...el.querySelectorAll<HTMLAnchorElement>('[data-testid="report-views"] a')];
    expect(views.map((a) => a.textContent?.trim())).toEqual([
      'Summary',
      'Applications & sites',
      'Trend',
      'Teams',
    ]);
    // The view on screen is the current one, for screen readers too.
    expect(views.map((a) => a.getAttribute('aria-current'))).toEqual(['page', null, null, null]);
    expect(views[1].getAttribute('href')).toContain('tab=usage');
    views[1].click();
    const [target] = navigate.mock.calls[0];
    // The range stays: the view is merged into the address.
    expect(String(target)).toBe('/?from=2026-11-02&to=2026-11-08&tab=usage');
  });

  it('filters the people by name, and clears the filter', async () => {
    const { fixture, loader } = await render();
    const el = fixture.nativeElement as HTMLElement;
    const input = el
      .querySelector<HTMLInputElement>('[data-testid="summary-table"]')!
      .closest('ctx-summary-table')!
      .querySelector('input')!;
    input.value = 'ada';
    input.dispatchEvent(new Event('input'));
    await settle(fixture);
    const table = await loader.getHarness(MatTableHarness);
    expect((await table.getCellTextByColumnName())['fullName'].text).toEqual(['Ada Lovelace']);
    el.querySelector<HTMLButtonElement>('[data-testid="clear-filter"]')!.click();
    await settle(fixture);
    expect((await table.getCellTextByColumnName())['fullName'].text).toEqual([
      'Ada Lovelace',
      'Bob Builder',
    ]);
    expect(input.value).toBe('');
    expect(el.querySelector('[data-testid="clear-filter"]')).toBeNull();
  });

  it('offers quick ranges (last week, this month…), naming the range on screen', async () => {
    const { loader } = await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const preset = await loader.getHarness(
      MatSelectHarness.with({ selector: '[data-testid="range-preset"]' }),
    );
    // The default range (the last seven days) is no preset.
    expect(await preset.getValueText()).toBe('Custom');
    await preset.open();
    expect((await preset.getOptions()).length).toBe(7);
    await preset.clickOptions({ text: 'Last week' });
    const monday = startOfWeek(new Date());
    expect(navigate).toHaveBeenCalledWith([], {
      queryParams: { from: isoDay(addDays(monday, -7)), to: isoDay(addDays(monday, -1)) },
      queryParamsHandling: 'merge',
    });
  });

  it('asks for applications & sites only on their view, and shows them as bars', async () => {
    const { fixture } = await render();
    const http = TestBed.inject(HttpTestingController);
    fixture.componentRef.setInput('tab', 'usage');
    await start(fixture);
    const req = http.expectOne((r) => r.url === '/api/v1/reports/usage');
    expect(req.request.params.get('from')).toBe('2026-11-02');
    req.flush({
      from: '2026-11-02',
      to: '2026-11-08',
      rows: [
        { kind: 'app', name: 'Code', seconds: 3600, productivity: 'productive' },
        { kind: 'site', name: 'youtube.com', seconds: 1800, productivity: 'unproductive' },
      ],
    });
    // The summary is not asked again while it is off screen.
    http.expectNone((r) => r.url === '/api/v1/reports/summary');
    await settle(fixture);
    const chart = (fixture.nativeElement as HTMLElement).querySelector(
      '[data-testid="usage-chart"]',
    )!;
    expect(chart.textContent).toContain('Code');
    expect(chart.textContent).not.toContain('youtube.com');
  });

  it('asks for the trend only on its tab, draws it and shows the same figures as a table', async () => {
    const { fixture } = await render();
    const http = TestBed.inject(HttpTestingController);
    http.expectNone((r) => r.url === '/api/v1/reports/trend');
    fixture.componentRef.setInput('tab', 'trend');
    await start(fixture);
    const req = http.expectOne((r) => r.url === '/api/v1/reports/trend');
    expect(req.request.params.get('from')).toBe('2026-11-02');
    expect(req.request.params.get('to')).toBe('2026-11-08');
    const day = (d: string, active: number, idle: number) => ({
      day: d,
      employees: active > 0 ? 2 : 0,
      activeSeconds: active,
      idleSeconds: idle,
      productiveSeconds: Math.floor(active / 2),
      neutralSeconds: active - Math.floor(active / 2),
      unproductiveSeconds: 0,
    });
    req.flush({
      from: '2026-11-02',
      to: '2026-11-08',
      days: [day('2026-11-02', 25_500, 600), day('2026-11-03', 0, 0), day('2026-11-04', 3600, 0)],
    });
    await settle(fixture);
    const page = fixture.nativeElement as HTMLElement;
    const chart = page.querySelector('[data-testid="trend-chart"]')!;
    expect(chart.getAttribute('aria-label')).toContain('Active and idle time per day');
    expect(chart.querySelectorAll('.col')).toHaveLength(3);
    // The fullest day is the scale: its active and idle parts fill the column.
    const first = [
      ...chart.querySelectorAll<HTMLElement>('.col')[0].querySelectorAll<HTMLElement>('.seg'),
    ];
    const sum = first.reduce((s, e) => s + parseFloat(e.style.height), 0);
    expect(sum).toBeCloseTo(100, 5);
    expect(chart.querySelectorAll('.col')[1].querySelectorAll('.seg')).toHaveLength(0);

    page.querySelector<HTMLButtonElement>('[data-testid="trend-toggle"]')!.click();
    await settle(fixture);
    const rows = [...page.querySelectorAll('[data-testid="trend-table"] tbody tr')].map((r) =>
      [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim()),
    );
    // 12,750 s each: 212.5 minutes, shown rounded as the cards show durations.
    expect(rows[0]).toEqual(['Nov 2, 2026', '2', '7h 05m', '3h 33m', '3h 33m', '0m', '10m']);
    expect(rows[1]?.[2]).toBe('0m');
  });

  it('says a trend over more than 93 days is too long instead of asking for it', async () => {
    const { fixture } = await render();
    fixture.componentRef.setInput('tab', 'trend');
    fixture.componentRef.setInput('from', '2026-01-01');
    fixture.componentRef.setInput('to', '2026-12-31');
    await start(fixture);
    const http = TestBed.inject(HttpTestingController);
    for (const r of http.match((q) => q.url === '/api/v1/reports/summary')) {
      r.flush({ from: '2026-01-01', to: '2026-12-31', rows: [] });
    }
    for (const r of http.match((q) => q.url === '/api/v1/reports/usage')) {
      r.flush({ from: '2026-01-01', to: '2026-12-31', rows: [] });
    }
    http.expectNone((r) => r.url === '/api/v1/reports/trend');
    await settle(fixture);
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[data-testid="trend-too-long"]')
        ?.textContent,
    ).toContain('at most 93 days');
  });

  it('compares teams by name, with people in no team under their own label', async () => {
    const { fixture } = await render();
    const http = TestBed.inject(HttpTestingController);
    http.expectNone((r) => r.url === '/api/v1/reports/teams');
    fixture.componentRef.setInput('tab', 'teams');
    await start(fixture);
    const req = http.expectOne((r) => r.url === '/api/v1/reports/teams');
    expect(req.request.params.get('from')).toBe('2026-11-02');
    req.flush({
      from: '2026-11-02',
      to: '2026-11-08',
      rows: [
        {
          teamId: 't1',
          employees: 2,
          activeSeconds: 36_000,
          idleSeconds: 1200,
          productiveSeconds: 20_000,
          neutralSeconds: 16_000,
          unproductiveSeconds: 0,
        },
        {
          teamId: null,
          employees: 1,
          activeSeconds: 3600,
          idleSeconds: 0,
          productiveSeconds: 0,
          neutralSeconds: 3600,
          unproductiveSeconds: 0,
        },
      ],
    });
    await settle(fixture);
    const rows = [
      ...(fixture.nativeElement as HTMLElement).querySelectorAll(
        '[data-testid="team-comparison"] tbody tr',
      ),
    ].map((r) => [...r.querySelectorAll('th, td')].slice(0, 5).map((c) => c.textContent?.trim()));
    expect(rows).toEqual([
      ['Support', '2', '10h 00m', '5h 00m', '20m'],
      ['No team', '1', '1h 00m', '1h 00m', '0m'],
    ]);
  });
});
