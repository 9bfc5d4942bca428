import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { Payroll, mappingProblem, previousMonth, type PayrollMapping } from './payroll';

const MAPPING: PayrollMapping = {
  columns: [
    { field: 'employeeName', header: 'Name' },
    { field: 'regularHours', header: 'Regular' },
    { field: 'overtimeHours', header: 'Overtime' },
  ],
  dateFormat: 'YYYY-MM-DD',
  durationFormat: 'decimal-hours',
  decimalSeparator: '.',
  decimals: 2,
  csvDelimiter: ',',
};

async function until(fixture: ComponentFixture<unknown>, check: () => boolean): Promise<void> {
  let ok = check();
  for (let i = 0; i < 40 && !ok; i++) {
    await new Promise((r) => setTimeout(r, 25));
    await start(fixture);
    ok = check();
  }
  expect(ok).toBe(true);
}

describe('Payroll', () => {
  async function render(role: 'hr' | 'admin', jobs: object[] = []) {
    localStorage.clear();
    signInAs(role);
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(Payroll);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http.expectOne('/api/v1/payroll/mapping').flush(MAPPING);
    http
      .expectOne((r) => r.url === '/api/v1/exports')
      .flush({ items: jobs, page: 1, pageSize: 50, total: jobs.length });
    await settle(fixture);
    return { fixture, http, el: fixture.nativeElement as HTMLElement };
  }

  it('knows the previous month and refuses blank or duplicate headers', () => {
    expect(previousMonth(new Date('2026-01-15T12:00:00Z'))).toBe('2025-12');
    expect(mappingProblem(MAPPING)).toBeNull();
    const twice = {
      ...MAPPING,
      columns: [...MAPPING.columns, { field: 'sickDays' as const, header: ' name ' }],
    };
    expect(mappingProblem(twice)).toEqual({ key: 'periods.duplicateHeader', header: 'name' });
    const blank = { ...MAPPING, columns: [{ field: 'sickDays' as const, header: ' ' }] };
    expect(mappingProblem(blank)).toEqual({ key: 'periods.blankHeader' });
  });

  it('shows the mapping read-only to HR, says what to do without files, and starts an export', async () => {
    const { fixture, http, el } = await render('hr');
    expect(el.querySelectorAll('[data-testid="mapping-column"]')).toHaveLength(3);
    expect(el.querySelector('[data-testid="save-mapping"]')).toBeNull();
    expect(el.querySelector('[data-testid="empty"]')?.textContent).toContain(
      'Pick a month and start an export',
    );
    const month = el.querySelector<HTMLInputElement>('[data-testid="payroll-month"]')!;
    month.value = '2026-10';
    month.dispatchEvent(new Event('input'));
    await start(fixture);
    el.querySelector<HTMLButtonElement>('[data-testid="start-payroll"]')!.click();
    await start(fixture);
    const req = http.expectOne('/api/v1/payroll/exports');
    expect(req.request.body).toEqual({ month: '2026-10', format: 'csv' });
    req.flush({
      id: 'e1',
      report: 'payroll',
      format: 'csv',
      from: '2026-10-01',
      to: '2026-10-31',
      status: 'queued',
      progress: 0,
    });
    await until(fixture, () => http.match((r) => r.url === '/api/v1/exports').length > 0 || false);
  });

  it('lets an admin edit the columns, preview them and save the mapping', async () => {
    const { fixture, http, el } = await render('admin', [
      {
        id: 'e0',
        report: 'payroll',
        format: 'xlsx',
        from: '2026-09-01',
        to: '2026-09-30',
        status: 'completed',
        progress: 100,
        createdAt: '2026-10-02T08:00:00Z',
        downloadUrl: '/api/v1/exports/e0/file',
      },
      {
        id: 'x',
        report: 'summary',
        format: 'csv',
        from: '2026-09-01',
        to: '2026-09-30',
        status: 'completed',
        progress: 100,
        createdAt: '2026-10-02T08:00:00Z',
      },
    ]);
    // Only payroll files are listed here.
    expect(el.querySelectorAll('[data-testid="download-payroll"]')).toHaveLength(1);
    // A duplicate header blocks preview and save with a message.
    const headers = el.querySelectorAll<HTMLInputElement>('[data-testid="mapping-column"] input');
    headers[2].value = 'regular';
    headers[2].dispatchEvent(new Event('input'));
    await start(fixture);
    expect(el.querySelector('[data-testid="mapping-problem"]')?.textContent).toContain(
      '"regular" is used twice',
    );
    expect(el.querySelector<HTMLButtonElement>('[data-testid="save-mapping"]')!.disabled).toBe(
      true,
    );
    headers[2].value = 'Extra';
    headers[2].dispatchEvent(new Event('input'));
    await start(fixture);
    // Move "Extra" up, add a column.
    el.querySelectorAll<HTMLButtonElement>('button[aria-label="Move up"]')[2].click();
    el.querySelector<HTMLButtonElement>('[data-testid="add-column"]')!.click();
    await start(fixture);
    const month = el.querySelector<HTMLInputElement>('[data-testid="payroll-month"]')!;
    month.value = '2026-10';
    month.dispatchEvent(new Event('input'));
    await start(fixture);
    el.querySelector<HTMLButtonElement>('[data-testid="preview-payroll"]')!.click();
    await start(fixture);
    const preview = http.expectOne('/api/v1/payroll/preview');
    const expected = [
      { field: 'employeeName', header: 'Name' },
      { field: 'overtimeHours', header: 'Extra' },
      { field: 'regularHours', header: 'Regular' },
      { field: 'employeeId', header: 'Employee ID' },
    ];
    expect(preview.request.body).toEqual({
      month: '2026-10',
      mapping: { ...MAPPING, columns: expected },
    });
    preview.flush({
      headers: ['Name', 'Extra', 'Regular', 'Employee ID'],
      rows: [['Ada', '1.50', '160.00', 'id-1']],
      locked: true,
    });
    await until(fixture, () => !!el.querySelector('[data-testid="payroll-preview"] td'));
    expect(el.querySelector('[data-testid="payroll-preview"]')!.textContent).toContain(
      'frozen figures',
    );
    expect(
      [...el.querySelectorAll('[data-testid="payroll-preview"] td')].map((td) =>
        td.textContent?.trim(),
      ),
    ).toEqual(['Ada', '1.50', '160.00', 'id-1']);
    el.querySelector<HTMLButtonElement>('[data-testid="save-mapping"]')!.click();
    await start(fixture);
    const save = http.expectOne('/api/v1/payroll/mapping');
    expect(save.request.method).toBe('PUT');
    expect(save.request.body.columns).toEqual(expected);
    save.flush({ ...MAPPING, columns: expected });
  });
});
