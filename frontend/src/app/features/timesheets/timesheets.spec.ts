import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import type { Type } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { TimesheetApprovalsPage } from './approvals';
import { entryInstants, shiftDay, type TimeEntry, type Timesheet } from './timesheet.models';
import { TimesheetWeekPage } from './timesheet-week';

const DAYS = [
  '2026-11-23',
  '2026-11-24',
  '2026-11-25',
  '2026-11-26',
  '2026-11-27',
  '2026-11-28',
  '2026-11-29',
];
const cells = (tracked: Record<number, number>, manual: Record<number, number> = {}) =>
  DAYS.map((day, i) => ({
    day,
    trackedSeconds: tracked[i] ?? 0,
    manualSeconds: manual[i] ?? 0,
    pendingSeconds: 0,
  }));

function entry(over: Partial<TimeEntry> = {}): TimeEntry {
  return {
    id: 'x1',
    employeeId: 'e1',
    employeeName: 'Eve Employee',
    start: '2026-11-24T10:00:00.000Z',
    end: '2026-11-24T11:00:00.000Z',
    day: '2026-11-24',
    seconds: 3600,
    kind: 'meeting',
    projectId: null,
    taskId: null,
    note: 'Sprint review',
    status: 'pending',
    decisionComment: null,
    createdByUserId: 'u1',
    updatedByUserId: null,
    decidedByUserId: null,
    createdAt: '',
    updatedAt: '',
    ...over,
  };
}

function sheet(over: Partial<Timesheet> = {}): Timesheet {
  return {
    id: null,
    employeeId: 'e1',
    employeeName: 'Eve Employee',
    period: 'weekly',
    periodStart: DAYS[0],
    periodEnd: DAYS[6],
    status: 'open',
    comment: null,
    submittedAt: null,
    decidedAt: null,
    days: DAYS,
    rows: [
      {
        projectId: 'p1',
        taskId: null,
        cells: cells({ 0: 7200 }),
        trackedSeconds: 7200,
        manualSeconds: 0,
        pendingSeconds: 0,
      },
      {
        projectId: null,
        taskId: null,
        cells: cells({ 1: 3600 }, { 1: 1800 }),
        trackedSeconds: 3600,
        manualSeconds: 1800,
        pendingSeconds: 0,
      },
    ],
    entries: [entry()],
    trackedSeconds: 10800,
    manualSeconds: 1800,
    pendingSeconds: 0,
    trustManualTime: false,
    canSubmit: true,
    canDecide: false,
    ...over,
  };
}

async function reloaded(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 40 && document.querySelector('mat-dialog-container'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    await start(fixture);
  }
  expect(document.querySelector('mat-dialog-container')).toBeNull();
  await start(fixture);
  await start(fixture);
}

const submitDialog = () =>
  document.querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!.click();

async function render<T>(
  component: Type<T>,
  role: 'employee' | 'manager',
): Promise<{ fixture: ComponentFixture<T>; http: HttpTestingController; el: HTMLElement }> {
  signInAs(role, { employeeId: role === 'employee' ? 'e1' : 'e7' });
  TestBed.configureTestingModule({ providers: provideTestApp() });
  const fixture = TestBed.createComponent(component);
  const http = TestBed.inject(HttpTestingController);
  await start(fixture);
  return { fixture, http, el: fixture.nativeElement as HTMLElement };
}

describe('timesheet helpers', () => {
  it('turns a day and wall times into instants, refusing bad or reversed times', () => {
    const at = entryInstants('2026-11-24', '9:30', '10:45')!;
    expect(new Date(at.end).getTime() - new Date(at.start).getTime()).toBe(75 * 60_000);
    expect(new Date(at.start).getHours()).toBe(9);
    expect(entryInstants('2026-11-24', '10:00', '10:00')).toBeNull();
    expect(entryInstants('2026-11-24', '25:00', '26:00')).toBeNull();
    expect(entryInstants('2026-11-24', 'nine', '10:00')).toBeNull();
    expect(shiftDay('2026-11-30', -1)).toBe('2026-11-29');
  });
});

describe('My timesheet', () => {
  beforeEach(() => localStorage.clear());

  async function week(over: Partial<Timesheet> = {}) {
    const r = await render(TimesheetWeekPage, 'employee');
    r.http.expectOne((q) => q.url === '/api/v1/timesheets').flush(sheet(over));
    r.http.expectOne('/api/v1/projects').flush({ items: [{ id: 'p1', name: 'Website' }] });
    await settle(r.fixture);
    return r;
  }

  it('shows tracked time by project with manual time beside it', async () => {
    const { el } = await week();
    const rows = Array.from(el.querySelectorAll('[data-testid="sheet-row"]'));
    expect(rows.map((r) => r.querySelector('th')?.textContent?.trim())).toEqual([
      'Website',
      'Unallocated',
    ]);
    const unallocated = rows[1].querySelectorAll('td')[1].textContent.replace(/\s+/g, ' ');
    expect(unallocated).toContain('1h');
    expect(unallocated).toContain('+30m');
    expect(el.querySelector('[data-testid="sheet-total"]')?.textContent?.trim()).toBe('3h 30m');
    expect(el.querySelector('[data-testid="sheet-status"]')?.textContent?.trim()).toBe('Open');
    const text = el.querySelector('[data-testid="entry"]')!.textContent.replace(/\s+/g, ' ');
    expect(text).toContain('Meeting · No project · Sprint review');
    expect(text).toContain('Waiting for approval');
  });

  it('says what to do when the period is empty', async () => {
    const { el } = await week({ rows: [], entries: [], trackedSeconds: 0, manualSeconds: 0 });
    expect(el.querySelector('[data-testid="empty"]')?.textContent).toContain(
      'Add manual time for meetings or calls',
    );
    expect(el.textContent).toContain('No manual time in this period.');
  });

  it('submits the week in one click after confirming', async () => {
    const { fixture, http, el } = await week();
    const confirm = jest.spyOn(globalThis, 'confirm').mockReturnValue(true);
    el.querySelector<HTMLButtonElement>('[data-testid="submit-sheet"]')!.click();
    await start(fixture);
    const req = http.expectOne('/api/v1/timesheets/submit');
    expect(req.request.body).toEqual({ day: '2026-11-23' });
    req.flush(sheet({ id: 's1', status: 'submitted', canSubmit: false }));
    await reloaded(fixture);
    http
      .expectOne((q) => q.url === '/api/v1/timesheets')
      .flush(sheet({ id: 's1', status: 'submitted', canSubmit: false }));
    await settle(fixture);
    expect(confirm).toHaveBeenCalled();
    expect(el.querySelector('[data-testid="submit-sheet"]')).toBeNull();
    expect(el.querySelector('[data-testid="add-manual"]')).toBeNull();
    expect(el.querySelector('[data-testid="sheet-status"]')?.textContent?.trim()).toBe('Submitted');
    confirm.mockRestore();
  });

  it('adds manual time on a project, refusing reversed times first', async () => {
    const { fixture, http, el } = await week();
    const root = TestbedHarnessEnvironment.documentRootLoader(fixture);
    el.querySelector<HTMLButtonElement>('[data-testid="add-manual"]')!.click();
    await settle(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Add manual time');
    const [day, kind, project] = await dialog.getAllHarnesses(MatSelectHarness);
    await day.open();
    await day.clickOptions({ text: /Nov 24, 2026/ });
    await kind.open();
    await kind.clickOptions({ text: 'Call' });
    await project.open();
    await project.clickOptions({ text: 'Website' });
    const [from, to, note] = await dialog.getAllHarnesses(MatInputHarness);
    await from.setValue('14:00');
    await to.setValue('13:00');
    submitDialog();
    await settle(fixture);
    http.expectNone('/api/v1/time-entries');
    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain(
      '“to” must be after “from”',
    );
    await to.setValue('15:30');
    await note.setValue('Client call');
    submitDialog();
    await start(fixture);
    const req = http.expectOne((q) => q.url === '/api/v1/time-entries' && q.method === 'POST');
    const at = entryInstants('2026-11-24', '14:00', '15:30')!;
    expect(req.request.body).toEqual({
      start: at.start,
      end: at.end,
      kind: 'call',
      projectId: 'p1',
      note: 'Client call',
    });
    req.flush(entry({ id: 'x2', kind: 'call', projectId: 'p1' }));
    await reloaded(fixture);
    http.expectOne((q) => q.url === '/api/v1/timesheets').flush(sheet());
    await settle(fixture);
    expect(document.body.textContent).toContain('Manual time added; it counts once approved.');
  });

  it('moves an entry to another project', async () => {
    const { fixture, http, el } = await week();
    const root = TestbedHarnessEnvironment.documentRootLoader(fixture);
    el.querySelector<HTMLButtonElement>('[data-testid="move-entry"]')!.click();
    await settle(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    const [project] = await dialog.getAllHarnesses(MatSelectHarness);
    await project.open();
    await project.clickOptions({ text: 'Website' });
    submitDialog();
    await start(fixture);
    const req = http.expectOne('/api/v1/time-entries/x1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ projectId: 'p1' });
    req.flush(entry({ projectId: 'p1' }));
    await reloaded(fixture);
    http.expectOne((q) => q.url === '/api/v1/timesheets').flush(sheet());
    await settle(fixture);
  });

  it('shows why a timesheet was sent back', async () => {
    const { el } = await week({ id: 's1', status: 'returned', comment: 'Add Thursday' });
    expect(el.querySelector('[data-testid="returned-comment"]')?.textContent).toContain(
      'Sent back: Add Thursday',
    );
    expect(el.querySelector('[data-testid="submit-sheet"]')).not.toBeNull();
  });
});

describe('Approvals inbox', () => {
  beforeEach(() => localStorage.clear());

  const INBOX = {
    timesheets: [
      {
        id: 's1',
        employeeId: 'e1',
        employeeName: 'Eve Employee',
        periodStart: DAYS[0],
        periodEnd: DAYS[6],
        status: 'submitted' as const,
        trackedSeconds: 36_000,
        manualSeconds: 3600,
        comment: null,
        submittedAt: '2026-11-30T08:00:00.000Z',
      },
    ],
    entries: [entry()],
  };

  it('approves a timesheet and sends one back with a comment', async () => {
    const { fixture, http, el } = await render(TimesheetApprovalsPage, 'manager');
    http.expectOne('/api/v1/timesheets/approvals').flush(INBOX);
    await settle(fixture);
    const item = el.querySelector('[data-testid="waiting-sheet"]')!;
    expect(item.textContent.replace(/\s+/g, ' ')).toContain('Eve Employee');
    expect(item.textContent.replace(/\s+/g, ' ')).toContain('Tracked 10h');
    item.querySelector<HTMLButtonElement>('[data-testid="approve-sheet"]')!.click();
    await start(fixture);
    http.expectOne('/api/v1/timesheets/s1/approve').flush({});
    await reloaded(fixture);
    http.expectOne('/api/v1/timesheets/approvals').flush(INBOX);
    await settle(fixture);

    const root = TestbedHarnessEnvironment.documentRootLoader(fixture);
    el.querySelector<HTMLButtonElement>('[data-testid="return-sheet"]')!.click();
    await settle(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Send the timesheet back');
    const [comment] = await dialog.getAllHarnesses(MatInputHarness);
    await comment.setValue('Add Thursday');
    submitDialog();
    await start(fixture);
    const req = http.expectOne('/api/v1/timesheets/s1/return');
    expect(req.request.body).toEqual({ comment: 'Add Thursday' });
    req.flush({});
    await reloaded(fixture);
    http.expectOne('/api/v1/timesheets/approvals').flush({ timesheets: [], entries: [] });
    await settle(fixture);
    expect(el.textContent).toContain('No timesheet waits for a decision.');
    expect(el.textContent).toContain('No manual time waits for a decision.');
  });

  it('rejects manual time with an optional comment', async () => {
    const { fixture, http, el } = await render(TimesheetApprovalsPage, 'manager');
    http.expectOne('/api/v1/timesheets/approvals').flush(INBOX);
    await settle(fixture);
    const root = TestbedHarnessEnvironment.documentRootLoader(fixture);
    el.querySelector<HTMLButtonElement>('[data-testid="reject-entry"]')!.click();
    await settle(fixture);
    await root.getHarness(MatDialogHarness);
    submitDialog();
    await start(fixture);
    const req = http.expectOne('/api/v1/time-entries/x1/reject');
    expect(req.request.body).toEqual({});
    req.flush(entry({ status: 'rejected' }));
    await reloaded(fixture);
    http.expectOne('/api/v1/timesheets/approvals').flush(INBOX);
    await settle(fixture);
  });
});
