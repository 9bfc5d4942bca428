import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonToggleGroupHarness } from '@angular/material/button-toggle/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { TimelinePage } from './timeline';

const DAY = '2026-11-24';

const USAGE = {
  from: DAY,
  to: DAY,
  rows: [
    { kind: 'app', name: 'Code', seconds: 3 * 3600 + 5 * 60, productivity: 'productive' },
    { kind: 'app', name: 'Slack', seconds: 3600, productivity: 'neutral' },
    { kind: 'site', name: 'youtube.com', seconds: 900, productivity: 'unproductive' },
  ],
};

describe('TimelinePage', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('owner');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  /** Renders Ada's day; her zone is Berlin while the viewer (jest) reads times in UTC. */
  async function render(usage: object = USAGE) {
    const fixture = TestBed.createComponent(TimelinePage);
    fixture.componentRef.setInput('employeeId', 'e1');
    fixture.componentRef.setInput('day', DAY);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http
      .expectOne('/api/v1/employees/e1')
      .flush({ id: 'e1', fullName: 'Ada Lovelace', timeZone: 'Europe/Berlin' });
    http
      .expectOne((r) => r.url === '/api/v1/reports/summary')
      .flush({
        from: DAY,
        to: DAY,
        rows: [
          {
            employeeId: 'e1',
            fullName: 'Ada Lovelace',
            activeSeconds: 4 * 3600 + 5 * 60,
            idleSeconds: 600,
            productiveSeconds: 3 * 3600 + 5 * 60,
            neutralSeconds: 3600,
            unproductiveSeconds: 0,
            firstActivityAt: `${DAY}T09:03:00+01:00`,
            lastActivityAt: `${DAY}T17:30:00+01:00`,
          },
        ],
      });
    http
      .expectOne((r) => r.url === '/api/v1/reports/timeline')
      .flush({
        employeeId: 'e1',
        day: DAY,
        timeZone: 'Europe/Berlin',
        spans: [
          {
            start: `${DAY}T09:03:00+01:00`,
            end: `${DAY}T10:00:15+01:00`,
            kind: 'active',
            app: 'Code',
            site: null,
            title: 'timeline.ts',
            productivity: 'productive',
          },
        ],
      });
    const usageReq = http.expectOne((r) => r.url === '/api/v1/reports/usage');
    expect(usageReq.request.params.get('employeeId')).toBe('e1');
    expect(usageReq.request.params.get('from')).toBe(DAY);
    expect(usageReq.request.params.get('to')).toBe(DAY);
    expect(usageReq.request.params.has('teamId')).toBe(false);
    usageReq.flush(usage);
    // The day's screenshots strip is built with the timeline (one round) and then asks (another).
    await start(fixture);
    await start(fixture);
    http
      .expectOne((r) => r.url === '/api/v1/screenshots')
      .flush({ items: [], total: 0, page: 1, pageSize: 200 });
    await settle(fixture);
    http.verify();
    return { fixture, loader: TestbedHarnessEnvironment.loader(fixture), http };
  }

  it('shows the person’s top apps of the day, and their sites on the toggle', async () => {
    const { fixture, loader } = await render();
    const card = fixture.nativeElement.querySelector('[data-testid="day-usage"]') as HTMLElement;
    expect(card.textContent).toContain('Top apps and sites');
    const bars = [...card.querySelectorAll('ol li')].map((li) => li.textContent ?? '');
    expect(bars).toHaveLength(2);
    expect(bars[0]).toContain('Code');
    expect(bars[0]).toContain('3h 05m');
    expect(bars[0]).toContain('Productive');
    expect(bars[1]).toContain('Slack');
    expect(card.querySelector('ol')?.getAttribute('aria-label')).toBe(
      'Top apps and sites: Applications',
    );

    const kind = await loader.getHarness(
      MatButtonToggleGroupHarness.with({ selector: '[data-testid="day-usage-kind"]' }),
    );
    await (await kind.getToggles({ text: 'Sites' }))[0].check();
    await settle(fixture);
    const sites = [...card.querySelectorAll('ol li')].map((li) => li.textContent ?? '');
    expect(sites).toHaveLength(1);
    expect(sites[0]).toContain('youtube.com');
    expect(sites[0]).toContain('15m');
  });

  it('shows the same rows as a table, for reading and for screen readers', async () => {
    const { fixture, loader } = await render();
    const view = await loader.getHarness(
      MatButtonToggleGroupHarness.with({ selector: '[data-testid="day-usage-view"]' }),
    );
    await (await view.getToggles({ text: 'Table' }))[0].check();
    await settle(fixture);
    const table = await loader.getHarness(
      MatTableHarness.with({ selector: '[data-testid="day-usage-table"]' }),
    );
    expect(await table.getCellTextByIndex()).toEqual([
      ['Code', 'Productive', '3h 05m', '76%'],
      ['Slack', 'Neutral', '1h 00m', '24%'],
    ]);
    expect(fixture.nativeElement.querySelector('[data-testid="day-usage"] ol')).toBeNull();
  });

  it('says why the list is empty: no active time, or no sites', async () => {
    const none = await render({ from: DAY, to: DAY, rows: [] });
    const card = () =>
      none.fixture.nativeElement.querySelector('[data-testid="day-usage"]') as HTMLElement;
    expect(card().querySelector('[data-testid="empty"]')?.textContent).toContain(
      'No active time on this day',
    );

    TestBed.resetTestingModule();
    signInAs('owner');
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const appsOnly = await render({ from: DAY, to: DAY, rows: [USAGE.rows[0]] });
    const kind = await appsOnly.loader.getHarness(
      MatButtonToggleGroupHarness.with({ selector: '[data-testid="day-usage-kind"]' }),
    );
    await (await kind.getToggles({ text: 'Sites' }))[0].check();
    await settle(appsOnly.fixture);
    const empty = (
      appsOnly.fixture.nativeElement.querySelector('[data-testid="day-usage"]') as HTMLElement
    ).querySelector('[data-testid="empty"]');
    expect(empty?.textContent).toContain('No sites on this day');
  });

  it('gives the person’s times in their zone, and names it when it is not the viewer’s', async () => {
    const { fixture, loader } = await render();
    const el = fixture.nativeElement as HTMLElement;
    const totals = el.querySelector('[data-testid="day-totals"]')?.textContent ?? '';
    expect(totals).toMatch(/9:03\sAM \(Europe\/Berlin\)/);
    expect(totals).toMatch(/Last activity: 5:30\sPM \(Europe\/Berlin\)/);
    const spans = await loader.getHarness(
      MatTableHarness.with({ selector: '[data-testid="span-table"]' }),
    );
    // In the table, the column header names the zone once for every row.
    const [header] = await spans.getHeaderRows();
    expect((await header.getCellTextByIndex())[0]).toBe('Time (Europe/Berlin)');
    const [first] = await spans.getCellTextByIndex();
    expect(first[0]).toMatch(/^9:03:00\sAM–10:00:15\sAM$/);
  });
});
