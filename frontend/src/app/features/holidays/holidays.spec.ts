import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { Holidays } from './holidays';

async function closed(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 40 && document.querySelector('mat-dialog-container'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    await start(fixture);
  }
  expect(document.querySelector('mat-dialog-container')).toBeNull();
}

const submit = () =>
  document.querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!.click();

describe('Holidays', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('hr');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  async function render(items: object[]) {
    const fixture = TestBed.createComponent(Holidays);
    fixture.componentRef.setInput('year', '2026');
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    const list = http.expectOne((r) => r.url === '/api/v1/holidays');
    expect(list.request.params.get('year')).toBe('2026');
    list.flush({ items });
    await settle(fixture);
    return {
      fixture,
      http,
      el: fixture.nativeElement as HTMLElement,
      loader: TestbedHarnessEnvironment.loader(fixture),
      root: TestbedHarnessEnvironment.documentRootLoader(fixture),
    };
  }

  it('lists the year’s holidays by date', async () => {
    const { loader } = await render([
      { id: 'h2', date: '2026-12-25', name: 'Christmas Day' },
      { id: 'h1', date: '2026-01-01', name: 'New Year’s Day' },
    ]);
    const cells = await (await loader.getHarness(MatTableHarness)).getCellTextByColumnName();
    expect(cells['date']?.text).toEqual(['Jan 1, 2026', 'Dec 25, 2026']);
    expect(cells['weekday']?.text).toEqual(['Thu', 'Fri']);
    expect(cells['name']?.text).toEqual(['New Year’s Day', 'Christmas Day']);
  });

  it('tells HR to import the country’s holidays when the year has none', async () => {
    const { el } = await render([]);
    const empty = el.querySelector('[data-testid="empty"]');
    expect(empty?.textContent).toContain(
      'No holidays in 2026. Import your country’s public holidays',
    );
    expect(empty?.querySelector('button')?.textContent?.trim()).toBe(
      'Import your country’s holidays',
    );
  });

  it('imports a country’s (and a region’s) public holidays and says how many were added', async () => {
    const { fixture, http, el, root } = await render([]);
    el.querySelector<HTMLButtonElement>('[data-testid="import-holidays"]')!.click();
    await start(fixture);
    const countries = http.expectOne((r) => r.url === '/api/v1/holidays/countries');
    expect(countries.request.params.get('language')).toBe('en');
    countries.flush({
      items: [
        { code: 'UA', name: 'Ukraine', regions: [] },
        { code: 'DE', name: 'Germany', regions: ['BW', 'BY'] },
      ],
    });
    await settle(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    const [country] = await dialog.getAllHarnesses(MatSelectHarness);
    await country.open();
    const names = await Promise.all((await country.getOptions()).map((o) => o.getText()));
    expect(names).toEqual(['Germany', 'Ukraine']);
    await country.clickOptions({ text: 'Germany' });
    const selects = await dialog.getAllHarnesses(MatSelectHarness);
    expect(selects).toHaveLength(2);
    await selects[1].open();
    await selects[1].clickOptions({ text: 'BY' });
    const year = await dialog.getHarness(MatInputHarness);
    expect(await year.getValue()).toBe('2026');

    submit();
    await start(fixture);
    const req = http.expectOne('/api/v1/holidays/import');
    expect(req.request.body).toEqual({ country: 'DE', year: 2026, region: 'BY', language: 'en' });
    req.flush(
      {
        created: [
          { id: 'h1', date: '2026-01-01', name: 'New Year’s Day' },
          { id: 'h2', date: '2026-01-06', name: 'Epiphany' },
        ],
        skipped: [{ date: '2026-12-25', name: 'Christmas Day' }],
      },
      { status: 201, statusText: 'Created' },
    );
    await closed(fixture);
    http.expectOne((r) => r.url === '/api/v1/holidays').flush({ items: [] });
    await settle(fixture);
    expect(
      el.querySelector('[data-testid="import-result"]')?.textContent?.replace(/\s+/g, ' ').trim(),
    ).toBe(
      'Public holidays of Germany (BY) for 2026 imported: 2. Already in the calendar and kept as they were: 1.',
    );
  });

  it('keeps the add dialog open and says so when the date already has a holiday', async () => {
    const { fixture, http, el, root } = await render([]);
    el.querySelector<HTMLButtonElement>('[data-testid="add-holiday"]')!.click();
    await settle(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    const [date, name] = await dialog.getAllHarnesses(MatInputHarness);
    await date.setValue('2026-10-03');
    await name.setValue('Unity Day');
    submit();
    await start(fixture);
    const req = http.expectOne('/api/v1/holidays');
    expect(req.request.body).toEqual({ date: '2026-10-03', name: 'Unity Day' });
    req.flush(
      {
        type: 'https://calltimex.dev/problems/holiday-date-taken',
        status: 409,
        title: 'Conflict',
        detail: 'A holiday on 2026-10-03 already exists.',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain(
      'There is already a holiday on this date.',
    );
  });
});
