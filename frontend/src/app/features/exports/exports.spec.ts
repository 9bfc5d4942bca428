import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { Exports } from './exports';

const WEEKLY = {
  id: 's1',
  frequency: 'weekly',
  format: 'xlsx',
  report: 'attendance',
  teamId: 't1',
  delivery: 'attachment',
  lastPeriodFrom: '2026-11-23',
  createdAt: '2026-11-01T08:00:00Z',
};

describe('Exports: report mails', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('manager');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });
  afterEach(() => jest.restoreAllMocks());

  async function render(subscriptions: unknown[]) {
    const fixture = TestBed.createComponent(Exports);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http
      .expectOne((r) => r.url === '/api/v1/exports')
      .flush({ items: [], page: 1, pageSize: 50, total: 0 });
    http
      .expectOne((r) => r.url === '/api/v1/teams')
      .flush({ items: [{ id: 't1', name: 'Support' }], page: 1, pageSize: 200, total: 1 });
    http.expectOne('/api/v1/report-subscriptions').flush({ items: subscriptions });
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    const rows = () =>
      Array.from(el.querySelectorAll('[data-testid="report-mails"] tbody tr')).map((tr) =>
        Array.from(tr.querySelectorAll('td'))
          .slice(0, 5)
          .map((td) => td.textContent?.trim()),
      );
    return { fixture, http, el, rows, root: TestbedHarnessEnvironment.documentRootLoader(fixture) };
  }

  it('lists the report mails in words and says how to set one up when there is none', async () => {
    const empty = await render([]);
    expect(empty.el.textContent).toContain('No report mails. Set one up here or from a report.');
    TestBed.resetTestingModule();
    signInAs('manager');
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const { rows } = await render([
      WEEKLY,
      {
        ...WEEKLY,
        id: 's2',
        frequency: 'monthly',
        format: 'pdf',
        report: 'summary',
        teamId: null,
        delivery: 'link',
        lastPeriodFrom: null,
      },
    ]);
    expect(rows()).toEqual([
      ['Attendance (each day)', 'Weekly', 'XLSX · File attached', 'Support', 'Nov 23, 2026'],
      ['Summary', 'Monthly', 'PDF · Download link', 'All teams', 'Not sent yet'],
    ]);
  });

  it('sets up a monthly mail through the dialog and sends exactly the form', async () => {
    const { fixture, http, el, root } = await render([]);
    el.querySelector<HTMLButtonElement>('[data-testid="new-report-mail"]')!.click();
    await start(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Mail me a report');
    const selects = await dialog.getAllHarnesses(MatSelectHarness);
    await selects[1].open();
    await selects[1].clickOptions({ text: 'Monthly' });
    await selects[3].open();
    await selects[3].clickOptions({ text: 'Support' });
    document.querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!.click();
    await start(fixture);
    const req = http.expectOne('/api/v1/report-subscriptions');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      report: 'summary',
      frequency: 'monthly',
      format: 'xlsx',
      delivery: 'attachment',
      teamId: 't1',
    });
    req.flush(
      { ...WEEKLY, frequency: 'monthly', report: 'summary' },
      { status: 201, statusText: 'Created' },
    );
    for (let i = 0; i < 40 && document.querySelector('mat-dialog-container'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      await start(fixture);
    }
    await start(fixture);
    http.expectOne('/api/v1/report-subscriptions').flush({ items: [WEEKLY] });
    await settle(fixture);
  });

  it('stops a mail only after confirmation', async () => {
    const { fixture, http, el } = await render([WEEKLY]);
    const confirm = jest.spyOn(globalThis, 'confirm').mockReturnValue(false);
    const remove = () =>
      el.querySelector<HTMLButtonElement>('[data-testid="delete-report-mail"]')!.click();
    remove();
    http.expectNone('/api/v1/report-subscriptions/s1');
    confirm.mockReturnValue(true);
    remove();
    expect(confirm).toHaveBeenLastCalledWith('Stop mailing the Attendance (each day) report?');
    const req = http.expectOne('/api/v1/report-subscriptions/s1');
    expect(req.request.method).toBe('DELETE');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await start(fixture);
    http.expectOne('/api/v1/report-subscriptions').flush({ items: [] });
    await settle(fixture);
    expect(el.textContent).toContain('No report mails.');
  });
});
