import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonToggleGroupHarness } from '@angular/material/button-toggle/testing';
import { MatListHarness } from '@angular/material/list/testing';
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

describe('Dashboard', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('manager');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  it('sums today, ranks apps and sites, and tells who is working now', async () => {
    const fixture = TestBed.createComponent(Dashboard);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    const summaries: TestRequest[] = http.match((r) => r.url === '/api/v1/reports/summary');
    // Today's figures and the selected period (today) are both asked for.
    expect(summaries).toHaveLength(2);
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
    await settle(fixture);

    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="dashboard-active"]')?.textContent?.trim()).toBe('3h 0m');
    expect(el.textContent).toContain('of 2 active today');

    const loader = TestbedHarnessEnvironment.loader(fixture);
    const people = await loader.getHarness(MatListHarness);
    const items = await people.getItems();
    expect(await items[0].getFullText()).toContain('Ada Lovelace');
    expect(await items[0].getFullText()).toContain('Active now');
    expect(await items[1].getFullText()).toContain('Last active at');

    const bars = Array.from(el.querySelectorAll('ctx-bar-list li .name')).map((n) =>
      n.textContent?.trim(),
    );
    expect(bars).toEqual(['Code', 'Slack', 'github.com']);
  });

  it('asks for the week when the period changes', async () => {
    const fixture = TestBed.createComponent(Dashboard);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    for (const req of http.match(() => true)) req.flush({ rows: [] });
    await settle(fixture);
    const toggle = await TestbedHarnessEnvironment.loader(fixture).getHarness(
      MatButtonToggleGroupHarness,
    );
    expect(await (await toggle.getToggles())[1].getText()).toBe('This week');
    // A harness click would wait for the request it triggers; click the element itself.
    (fixture.nativeElement as HTMLElement)
      .querySelectorAll<HTMLButtonElement>('mat-button-toggle button')[1]
      .click();
    await start(fixture);
    const usage = http.match((r) => r.url === '/api/v1/reports/usage');
    expect(usage.length).toBeGreaterThan(0);
    const from = usage.at(-1)!.request.params.get('from')!;
    const to = usage.at(-1)!.request.params.get('to')!;
    expect(from <= to).toBe(true);
    expect(new Date(`${from}T00:00:00`).getDay()).toBe(1);
  });
});
