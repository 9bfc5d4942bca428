import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { AbsencesPage } from './absences';

function absence(
  id: string,
  employeeId: string,
  employeeName: string,
  from: string,
  to: string,
  kind: string,
  status: string,
  note: string | null = null,
) {
  return { id, employeeId, employeeName, from, to, kind, status, note, createdAt: '' };
}

const MONTH = [
  absence('a1', 'e1', 'Ada Lovelace', '2026-02-27', '2026-03-03', 'vacation', 'approved'),
  absence('a2', 'e2', 'Bob Builder', '2026-03-03', '2026-03-03', 'sick', 'requested'),
  absence('a3', 'e3', 'Cy Clone', '2026-03-05', '2026-03-06', 'other', 'rejected'),
];
const REQUESTS = [
  absence('a4', 'e1', 'Ada Lovelace', '2026-04-06', '2026-04-08', 'vacation', 'requested', 'Trip'),
  absence('a2', 'e2', 'Bob Builder', '2026-03-03', '2026-03-03', 'sick', 'requested'),
];
const EMPLOYEES = [
  { id: 'e2', fullName: 'Bob Builder', status: 'active' },
  { id: 'e1', fullName: 'Ada Lovelace', status: 'active' },
  { id: 'e9', fullName: 'Zed Gone', status: 'deactivated' },
];

const submit = () =>
  document.querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!.click();

async function closed(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 40 && document.querySelector('mat-dialog-container'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    await start(fixture);
  }
  expect(document.querySelector('mat-dialog-container')).toBeNull();
}

describe('Absences', () => {
  beforeEach(() => localStorage.clear());

  async function render(role: 'hr' | 'manager', employeeId: string | null = null) {
    signInAs(role, { employeeId });
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(AbsencesPage);
    fixture.componentRef.setInput('month', '2026-03');
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    const lists = http.match((r) => r.url === '/api/v1/absences');
    const month = lists.find((r) => r.request.params.get('from') === '2026-03-01')!;
    expect(month.request.params.get('to')).toBe('2026-03-31');
    month.flush({ items: MONTH.slice(0, 1), nextCursor: 'more' });
    const requested = lists.find((r) => r.request.params.get('status') === 'requested')!;
    requested.flush({ items: REQUESTS });
    if (role === 'hr') {
      http
        .expectOne((r) => r.url === '/api/v1/employees')
        .flush({ items: EMPLOYEES, page: 1, pageSize: 200, total: 3 });
      http.expectOne('/api/v1/vacation-policy').flush({ daysPerYear: 20 });
    }
    http
      .expectOne((r) => r.url === '/api/v1/teams')
      .flush({ items: [{ id: 't1', name: 'Support' }], page: 1, pageSize: 200, total: 1 });
    http
      .expectOne((r) => r.url === '/api/v1/holidays')
      .flush({ items: [{ id: 'h1', date: '2026-03-02', name: 'Founders’ Day' }] });
    await start(fixture);
    const rest = http.expectOne((r) => r.url === '/api/v1/absences');
    expect(rest.request.params.get('cursor')).toBe('more');
    rest.flush({ items: MONTH.slice(1) });
    await start(fixture);
    const balance = http.expectOne((r) => r.url === '/api/v1/absences/balance');
    expect(balance.request.params.get('employeeId')).toBe('e1');
    expect(balance.request.params.get('year')).toBe('2026');
    balance.flush({
      employeeId: 'e1',
      year: 2026,
      allowanceDays: 20,
      approvedDays: 9,
      requestedDays: 3,
      remainingDays: 8,
    });
    await settle(fixture);
    return {
      fixture,
      http,
      el: fixture.nativeElement as HTMLElement,
      root: TestbedHarnessEnvironment.documentRootLoader(fixture),
    };
  }

  it('draws who is away: by kind, requests hatched, rejected ones left out', async () => {
    const { el } = await render('hr');
    const calendar = el.querySelector('[data-testid="absence-calendar"]')!;
    const rows = Array.from(calendar.querySelectorAll('tbody tr'));
    expect(rows.map((r) => r.querySelector('th')?.textContent?.trim())).toEqual([
      'Ada Lovelace',
      'Bob Builder',
    ]);
    const mark = (employee: string, day: string) =>
      calendar.querySelector(`tr[data-employee="${employee}"] td[data-date="${day}"] .mark`);
    expect(mark('e1', '2026-03-01')?.className).toBe('mark k-vacation');
    expect(mark('e1', '2026-03-03')?.getAttribute('aria-label')).toBe(
      'Ada Lovelace, Mar 3, 2026: Vacation (Approved)',
    );
    expect(mark('e1', '2026-03-04')).toBeNull();
    expect(mark('e2', '2026-03-03')?.className).toBe('mark k-sick requested');
    // Weekends and holidays are shaded, the holiday named.
    const holiday = calendar.querySelector('th[data-date="2026-03-02"]');
    expect(holiday?.classList).toContain('off');
    expect(holiday?.getAttribute('title')).toBe('Mar 2, 2026: Founders’ Day');
    expect(calendar.querySelector('th[data-date="2026-03-07"]')?.classList).toContain('off');
    expect(calendar.querySelector('th[data-date="2026-03-04"]')?.classList).not.toContain('off');
  });

  it('lists requests with the vacation balance beside them, and approves one', async () => {
    const { fixture, http, el } = await render('hr');
    const items = Array.from(el.querySelectorAll('[data-testid="requests"] li.request'));
    expect(items.map((li) => li.getAttribute('data-absence'))).toEqual(['a2', 'a4']);
    const ada = items[1];
    const text = ada.textContent?.replace(/\s+/g, ' ');
    expect(text).toContain('Ada Lovelace');
    expect(text).toContain('Apr 6, 2026 – Apr 8, 2026 · 3 days');
    expect(text).toContain('8 days left of 20');
    expect(text).toContain('Trip');
    // Sick leave does not use vacation days: no balance beside it.
    expect(items[0].querySelector('ctx-vacation-balance')).toBeNull();

    Array.from(ada.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Approve')!
      .click();
    await start(fixture);
    const req = http.expectOne('/api/v1/absences/a4/approve');
    expect(req.request.method).toBe('POST');
    req.flush({ ...REQUESTS[0], status: 'approved' });
    await start(fixture);
    await start(fixture);
    // The calendar, the requests and the balances are asked for again.
    expect(http.match((r) => r.url === '/api/v1/absences')).toHaveLength(2);
    expect(http.match((r) => r.url === '/api/v1/absences/balance')).toHaveLength(1);
  });

  it('files an absence for an employee, checking the days and explaining an overlap', async () => {
    const { fixture, http, el, root } = await render('hr');
    el.querySelector<HTMLButtonElement>('[data-testid="file-absence"]')!.click();
    await settle(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('File an absence');
    const [employee, kind] = await dialog.getAllHarnesses(MatSelectHarness);
    await employee.open();
    const names = await Promise.all((await employee.getOptions()).map((o) => o.getText()));
    expect(names).toEqual(['Ada Lovelace', 'Bob Builder']);
    await employee.clickOptions({ text: 'Bob Builder' });
    await kind.open();
    await kind.clickOptions({ text: 'Sick leave' });
    const [from, to, note] = await dialog.getAllHarnesses(MatInputHarness);
    await from.setValue('2026-03-10');
    await to.setValue('2026-03-09');
    submit();
    await settle(fixture);
    http.expectNone('/api/v1/absences');
    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain(
      'The last day cannot be before the first day.',
    );

    await to.setValue('2026-03-11');
    await note.setValue('  Flu  ');
    submit();
    await start(fixture);
    const req = http.expectOne((r) => r.url === '/api/v1/absences' && r.method === 'POST');
    expect(req.request.body).toEqual({
      employeeId: 'e2',
      kind: 'sick',
      from: '2026-03-10',
      to: '2026-03-11',
      note: 'Flu',
    });
    req.flush(
      {
        type: 'https://calltimex.dev/problems/absence-overlaps',
        status: 409,
        title: 'Conflict',
        detail: 'It overlaps another absence.',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain(
      'This overlaps another absence of the same person',
    );
  });

  it('lets a manager request leave for themself, but not decide their own request', async () => {
    const { fixture, http, el } = await render('manager', 'e1');
    expect(el.querySelector('[data-testid="file-absence"]')).toBeNull();
    expect(el.querySelector('[data-testid="balances"]')).toBeNull();
    const own = el.querySelector('li.request[data-absence="a4"]')!;
    // Their own request: no Approve or Reject, only taking it back.
    expect(Array.from(own.querySelectorAll('button')).map((b) => b.textContent?.trim())).toEqual([
      'Withdraw',
    ]);
    expect(own.textContent).toContain('Your own request: a manager or HR decides it.');
    expect(el.querySelectorAll('li.request[data-absence="a2"] button')).toHaveLength(2);

    el.querySelector<HTMLButtonElement>('[data-testid="request-leave"]')!.click();
    await settle(fixture);
    expect(document.querySelector('mat-dialog-container h2')?.textContent?.trim()).toBe(
      'Request leave',
    );
    // No employee to choose: it is for themself.
    expect(document.querySelectorAll('mat-dialog-container mat-select')).toHaveLength(1);
    submit();
    await start(fixture);
    const req = http.expectOne((r) => r.url === '/api/v1/absences' && r.method === 'POST');
    expect(req.request.body).toMatchObject({ employeeId: 'e1', kind: 'vacation' });
    req.flush({}, { status: 201, statusText: 'Created' });
    await closed(fixture);
  });

  it('lists the month’s absences and lets HR cancel an approved one, after asking', async () => {
    const { fixture, http, el } = await render('hr');
    const items = Array.from(el.querySelectorAll('[data-testid="month-absences"] li'));
    const parts = (li: Element) =>
      Array.from(li.children)
        .map((c) => c.textContent?.replace(/\s+/g, ' ').trim())
        .join(' | ');
    expect(items.map(parts)).toEqual([
      'Ada Lovelace Vacation | Feb 27, 2026 – Mar 3, 2026 · 5 days | Approved | Cancel',
      'Bob Builder Sick leave | Mar 3, 2026 · 1 day | Waiting for approval | Cancel',
      'Cy Clone Other absence | Mar 5, 2026 – Mar 6, 2026 · 2 days | Rejected',
    ]);
    const confirm = jest.spyOn(globalThis, 'confirm').mockReturnValue(true);
    items[0].querySelector('button')!.click();
    expect(confirm).toHaveBeenCalledWith(
      'Cancel this absence of Ada Lovelace (Feb 27, 2026 – Mar 3, 2026)? Its days become free again.',
    );
    await start(fixture);
    const req = http.expectOne('/api/v1/absences/a1/cancel');
    expect(req.request.method).toBe('POST');
    req.flush({ ...MONTH[0], status: 'cancelled' });
    await start(fixture);
    await start(fixture);
    expect(http.match((r) => r.url === '/api/v1/absences')).toHaveLength(2);
  });
});
