import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { Schedules } from './schedules';

const OFFICE = {
  id: 's1',
  name: 'Office',
  days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00' })),
  lateAfterMinutes: 5,
  default: true,
};
const WEEKEND = {
  id: 's2',
  name: 'Weekend',
  days: [{ weekday: 6, start: '10:00', end: '14:00' }],
  lateAfterMinutes: 0,
  default: false,
};

/** Types into a plain input the way a person does (value, then the input event forms listen to). */
function type(selector: string, value: string): void {
  const input = document.querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

async function closed(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 40 && document.querySelector('mat-dialog-container'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    await start(fixture);
  }
  expect(document.querySelector('mat-dialog-container')).toBeNull();
}

describe('Work schedules', () => {
  beforeEach(() => {
    localStorage.clear();
  });

  async function render(role: 'hr' | 'owner' = 'hr') {
    signInAs(role);
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(Schedules);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    http.expectOne('/api/v1/work-schedules').flush({ items: [OFFICE, WEEKEND] });
    http
      .expectOne((r) => r.url === '/api/v1/employees')
      .flush({
        items: [
          { id: 'e1', fullName: 'Ada Lovelace', workScheduleId: 's2', status: 'active' },
          { id: 'e2', fullName: 'Bob Builder', workScheduleId: null, status: 'active' },
        ],
        page: 1,
        pageSize: 200,
        total: 2,
      });
    http
      .expectOne((r) => r.url === '/api/v1/teams')
      .flush({
        items: [{ id: 't1', name: 'Support', workScheduleId: 's2', managerUserIds: [] }],
        page: 1,
        pageSize: 200,
        total: 1,
      });
    await settle(fixture);
    return {
      fixture,
      http,
      loader: TestbedHarnessEnvironment.loader(fixture),
      root: TestbedHarnessEnvironment.documentRootLoader(fixture),
    };
  }

  it('lists schedules with their week, grace and who has them', async () => {
    const { loader } = await render();
    const cells = await (await loader.getHarness(MatTableHarness)).getCellTextByColumnName();
    expect(cells['name']?.text).toEqual(['Office Default', 'Weekend']);
    expect(cells['hours']?.text).toEqual(['Mon–Fri 09:00–18:00', 'Sat 10:00–14:00']);
    expect(cells['grace']?.text).toEqual(['5m', '0m']);
    expect(cells['assigned']?.text).toEqual([
      'Everyone without another schedule',
      'Teams: Support · Employees: Ada Lovelace',
    ]);
  });

  it('creates a schedule in the weekly grid, refusing an end before the start in words', async () => {
    const { fixture, http, root } = await render();
    (fixture.nativeElement as HTMLElement)
      .querySelector<HTMLButtonElement>('[data-testid="add-schedule"]')!
      .click();
    await settle(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Create a schedule');
    type('mat-dialog-container input[formcontrolname="name"]', 'Shop');
    // A new schedule starts as Monday to Friday, 09:00–18:00.
    const saturday = await dialog.getHarness(MatCheckboxHarness.with({ label: 'Saturday' }));
    expect(await saturday.isChecked()).toBe(false);
    await saturday.check();
    type('tr[data-weekday="1"] input[formcontrolname="end"]', '08:00');
    const submit = () =>
      document
        .querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!
        .click();
    submit();
    await settle(fixture);
    http.expectNone('/api/v1/work-schedules');
    expect(document.querySelector('[data-testid="day-error-1"]')?.textContent).toContain(
      'Monday: the end must be later than the start. Night shifts that end after midnight are not supported yet.',
    );

    type('tr[data-weekday="1"] input[formcontrolname="end"]', '17:30');
    document.querySelector<HTMLButtonElement>('mat-dialog-container button.copy')!.click();
    type('mat-dialog-container input[formcontrolname="lateAfterMinutes"]', '10');
    await (await dialog.getHarness(MatSlideToggleHarness)).check();
    await settle(fixture);
    expect(document.querySelector('[data-testid="day-error-1"]')).toBeNull();
    submit();
    await start(fixture);
    const req = http.expectOne('/api/v1/work-schedules');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      name: 'Shop',
      days: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '09:00', end: '17:30' })),
      lateAfterMinutes: 10,
      default: true,
    });
    req.flush({ ...req.request.body, id: 's3' }, { status: 201, statusText: 'Created' });
    await closed(fixture);
    http.expectOne('/api/v1/work-schedules').flush({ items: [OFFICE, WEEKEND] });
  });

  it('says in words why a schedule in use cannot be deleted', async () => {
    const { fixture, http } = await render();
    jest.spyOn(globalThis, 'confirm').mockReturnValue(true);
    const el = fixture.nativeElement as HTMLElement;
    el.querySelector<HTMLButtonElement>('button[aria-label="Delete Weekend"]')!.click();
    await start(fixture);
    const req = http.expectOne('/api/v1/work-schedules/s2');
    expect(req.request.method).toBe('DELETE');
    req.flush(
      {
        type: 'https://calltimex.dev/problems/work-schedule-in-use',
        status: 409,
        title: 'Conflict',
        detail: 'This work schedule is assigned to 1 employee(s) and 1 team(s).',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await start(fixture);
    await start(fixture);
    // Who has it is asked for again, to be shown beside it.
    http
      .expectOne((r) => r.url === '/api/v1/employees')
      .flush({ items: [], page: 1, pageSize: 200, total: 0 });
    http
      .expectOne((r) => r.url === '/api/v1/teams')
      .flush({ items: [], page: 1, pageSize: 200, total: 0 });
    await start(fixture);
    expect(el.querySelector('[data-testid="schedule-in-use"]')?.textContent).toContain(
      '“Weekend” cannot be deleted: it is still assigned to employees or teams.',
    );
  });

  it('assigns a schedule to employees and (for the owner) teams, changing only what changed', async () => {
    const { fixture, http, root } = await render('owner');
    (fixture.nativeElement as HTMLElement)
      .querySelector<HTMLButtonElement>('button[aria-label="Assign Office"]')!
      .click();
    await settle(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Assign “Office”');
    const [teams, employees] = await dialog.getAllHarnesses(MatSelectHarness);
    await employees.open();
    const options = await employees.getOptions();
    expect(await Promise.all(options.map((o) => o.getText()))).toEqual([
      'Ada Lovelace · Weekend',
      'Bob Builder',
    ]);
    await employees.clickOptions({ text: 'Ada Lovelace · Weekend' });
    await employees.close();
    await teams.open();
    await teams.clickOptions({ text: 'Support · Weekend' });
    await teams.close();
    document.querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!.click();
    await start(fixture);
    const team = http.expectOne('/api/v1/teams/t1');
    expect(team.request.method).toBe('PATCH');
    expect(team.request.body).toEqual({ workScheduleId: 's1' });
    team.flush({});
    await start(fixture);
    const employee = http.expectOne('/api/v1/employees/e1');
    expect(employee.request.body).toEqual({ workScheduleId: 's1' });
    employee.flush({});
    await closed(fixture);
  });

  it('offers HR no team assignment (teams are the owner’s and admins’)', async () => {
    const { fixture, root } = await render('hr');
    (fixture.nativeElement as HTMLElement)
      .querySelector<HTMLButtonElement>('button[aria-label="Assign Office"]')!
      .click();
    await settle(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    const selects = await dialog.getAllHarnesses(MatSelectHarness);
    expect(selects).toHaveLength(1);
  });
});
