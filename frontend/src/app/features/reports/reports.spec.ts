import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSortHarness } from '@angular/material/sort/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { MatTabGroupHarness } from '@angular/material/tabs/testing';
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
    http
      .expectOne((r) => r.url === '/api/v1/reports/usage')
      .flush({
        from: '2026-11-02',
        to: '2026-11-08',
        rows: [
          { kind: 'app', name: 'Code', seconds: 3600, productivity: 'productive' },
          { kind: 'site', name: 'youtube.com', seconds: 1800, productivity: 'unproductive' },
        ],
      });
    http
      .expectOne((r) => r.url === '/api/v1/teams')
      .flush({
        items: [{ id: 't1', name: 'Support', managerUserIds: [] }],
        page: 1,
        pageSize: 200,
        total: 1,
      });
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

  it('puts the range in the address so a report can be shared', async () => {
    const { loader } = await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const tabs = await loader.getHarness(MatTabGroupHarness);
    await tabs.selectTab({ label: 'Applications & sites' });
    expect(navigate).toHaveBeenCalledWith([], {
      queryParams: { tab: 'usage' },
      queryParamsHandling: 'merge',
    });
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
});
