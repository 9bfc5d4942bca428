import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialogRef } from '@angular/material/dialog';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { EmployeeImportDialog } from './employee-import-dialog';

const CSV = 'name,email,timezone\nAda,ada@acme.test,Europe/London\nBad,bad@acme.test,Mars/Base\n';

const row = (n: number, status: string, extra: object = {}) => ({
  row: n,
  line: n + 1,
  status,
  fullName: n === 1 ? 'Ada' : 'Bad',
  email: n === 1 ? 'ada@acme.test' : 'bad@acme.test',
  team: null,
  timeZone: null,
  managerEmail: null,
  employeeId: null,
  changes: [],
  errors: [],
  ...extra,
});

const PREVIEW = {
  dryRun: true,
  total: 2,
  created: 1,
  updated: 0,
  unchanged: 0,
  failed: 1,
  teamsCreated: ['Analytics'],
  rows: [
    row(1, 'created'),
    row(2, 'error', { errors: [{ field: 'timezone', message: 'unknown time zone' }] }),
  ],
};

describe('EmployeeImportDialog', () => {
  let closed: unknown[];

  beforeEach(() => {
    localStorage.clear();
    signInAs('hr');
    closed = [];
    TestBed.configureTestingModule({
      providers: [
        ...provideTestApp(),
        { provide: MatDialogRef, useValue: { close: (v: unknown) => closed.push(v) } },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(EmployeeImportDialog);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    const el = fixture.nativeElement as HTMLElement;
    const button = (id: string) => el.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!;
    return { fixture, http, el, button };
  }

  it('previews with a dry run, lists row errors first, then imports what was previewed', async () => {
    const { fixture, http, el, button } = await render();
    expect(button('import-preview').disabled).toBe(true);
    const text = el.querySelector<HTMLTextAreaElement>('[data-testid="import-text"]')!;
    text.value = CSV;
    text.dispatchEvent(new Event('input'));
    await start(fixture);
    expect(button('import-run').disabled).toBe(true);

    button('import-preview').click();
    await start(fixture);
    const preview = http.expectOne('/api/v1/employees/import');
    expect(preview.request.body).toEqual({ csv: CSV, dryRun: true });
    preview.flush(PREVIEW);
    await settle(fixture);
    expect(el.querySelector('[data-testid="import-summary"]')?.textContent).toContain(
      '2 rows: 1 new, 0 to update, 0 unchanged, 1 with errors.',
    );
    expect(el.textContent).toContain('New teams: Analytics');
    const lines = [...el.querySelectorAll('[data-testid="import-rows"] tr.mat-mdc-row')].map(
      (tr) => tr.textContent ?? '',
    );
    expect(lines[0]).toContain('timezone: unknown time zone');
    expect(lines[1]).toContain('ada@acme.test');

    expect(button('import-run').disabled).toBe(false);
    button('import-run').click();
    await start(fixture);
    const run = http.expectOne('/api/v1/employees/import');
    expect(run.request.body).toEqual({ csv: CSV, dryRun: false });
    run.flush({ ...PREVIEW, dryRun: false });
    await settle(fixture);
    expect(el.querySelector('[data-testid="import-summary"]')?.textContent).toContain(
      'Imported 2 rows: 1 new, 0 updated, 0 unchanged, 1 skipped with errors.',
    );
    (el.querySelector('mat-dialog-actions button') as HTMLButtonElement).click();
    expect(closed).toEqual([true]);
  });

  it('shows why the server refused the file, and needs a new preview after an edit', async () => {
    const { fixture, http, el, button } = await render();
    const text = el.querySelector<HTMLTextAreaElement>('[data-testid="import-text"]')!;
    text.value = 'name,email\n"broken';
    text.dispatchEvent(new Event('input'));
    await start(fixture);
    button('import-preview').click();
    await start(fixture);
    http.expectOne('/api/v1/employees/import').flush(
      {
        status: 400,
        title: 'Bad request',
        detail: 'The CSV file is malformed: Quote Not Closed',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Quote Not Closed');
    expect(button('import-run').disabled).toBe(true);

    text.value = CSV;
    text.dispatchEvent(new Event('input'));
    await start(fixture);
    button('import-preview').click();
    await start(fixture);
    http.expectOne('/api/v1/employees/import').flush(PREVIEW);
    await settle(fixture);
    expect(button('import-run').disabled).toBe(false);
    text.value = `${CSV}Eve,eve@acme.test,UTC\n`;
    text.dispatchEvent(new Event('input'));
    await start(fixture);
    expect(button('import-run').disabled).toBe(true);
  });
});
