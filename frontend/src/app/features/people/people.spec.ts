import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { MatTabGroupHarness } from '@angular/material/tabs/testing';
import { provideTestApp, settle, signInAs, start } from '../../../testing/providers';
import { People } from './people';

const ADA = {
  id: 'e1',
  fullName: 'Ada Lovelace',
  email: 'ada@acme.test',
  teamId: 't1',
  timeZone: 'Europe/Kyiv',
  status: 'active',
  createdAt: '',
  updatedAt: '',
};

describe('People', () => {
  beforeEach(() => {
    localStorage.clear();
    signInAs('hr');
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  async function render(total = 1, users: unknown[] = []) {
    const fixture = TestBed.createComponent(People);
    const http = TestBed.inject(HttpTestingController);
    await start(fixture);
    const list = http.expectOne((r) => r.url === '/api/v1/employees');
    expect(list.request.params.get('page')).toBe('1');
    expect(list.request.params.get('pageSize')).toBe('25');
    list.flush({ items: [ADA], page: 1, pageSize: 25, total });
    http
      .expectOne((r) => r.url === '/api/v1/teams')
      .flush({
        items: [{ id: 't1', name: 'Support', managerUserIds: ['u9'] }],
        page: 1,
        pageSize: 200,
        total: 1,
      });
    http
      .expectOne((r) => r.url === '/api/v1/invitations')
      .flush({ items: [], page: 1, pageSize: 200, total: 0 });
    // Owners and admins also get the console users; HR does not ask for them.
    for (const req of http.match((r) => r.url === '/api/v1/users')) {
      req.flush({ items: users, page: 1, pageSize: 25, total: users.length });
    }
    await settle(fixture);
    return {
      fixture,
      http,
      loader: TestbedHarnessEnvironment.loader(fixture),
      root: TestbedHarnessEnvironment.documentRootLoader(fixture),
    };
  }

  it('lists employees with their team names and zones', async () => {
    const { loader } = await render();
    const cells = await (await loader.getHarness(MatTableHarness)).getCellTextByColumnName();
    expect(cells['fullName']?.text).toEqual(['Ada Lovelace']);
    expect(cells['team']?.text).toEqual(['Support']);
    expect(cells['timeZone']?.text).toEqual(['Europe/Kyiv']);
  });

  it('adds an employee through the dialog and sends exactly the form', async () => {
    const { fixture, http, loader, root } = await render();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Add employee/ }))).click();
    const dialog = await root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Add employee');
    const inputs = await dialog.getAllHarnesses(MatInputHarness);
    await inputs[0]?.setValue('Bob Builder');
    await inputs[1]?.setValue('bob@acme.test');
    await inputs[2]?.setValue('Europe/Warsaw');
    const team = await dialog.getHarness(MatSelectHarness);
    await team.open();
    await team.clickOptions({ text: 'Support' });

    // The harness click would wait for the pending request; click the element itself.
    document.querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!.click();
    await start(fixture);
    const req = http.expectOne('/api/v1/employees');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      fullName: 'Bob Builder',
      email: 'bob@acme.test',
      teamId: 't1',
      timeZone: 'Europe/Warsaw',
    });
    req.flush(
      { ...ADA, id: 'e2', fullName: 'Bob Builder' },
      { status: 201, statusText: 'Created' },
    );
    // The dialog closes (with its exit transition), then the list reloads.
    for (let i = 0; i < 40 && document.querySelector('mat-dialog-container'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      await start(fixture);
    }
    expect(document.querySelector('mat-dialog-container')).toBeNull();
    await start(fixture);
    http
      .expectOne((r) => r.url === '/api/v1/employees')
      .flush({ items: [ADA], page: 1, pageSize: 25, total: 2 });
  });

  it('keeps the dialog open and explains a conflict', async () => {
    const { fixture, http, loader, root } = await render();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Add employee/ }))).click();
    const dialog = await root.getHarness(MatDialogHarness);
    const inputs = await dialog.getAllHarnesses(MatInputHarness);
    await inputs[0]?.setValue('Ada Again');
    await inputs[1]?.setValue('ada@acme.test');
    document.querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!.click();
    await start(fixture);
    http
      .expectOne('/api/v1/employees')
      .flush(
        { status: 409, title: 'Conflict', detail: 'An employee with this email exists.' },
        { status: 409, statusText: 'Conflict' },
      );
    await settle(fixture);
    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain(
      'An employee with this email exists.',
    );
    expect(await root.getAllHarnesses(MatDialogHarness)).toHaveLength(1);
  });

  it('pages through long lists on the server', async () => {
    const { fixture, http, loader } = await render(60);
    const paginator = await loader.getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('1 – 25 of 60');
    const next = document.querySelector<HTMLButtonElement>('.mat-mdc-paginator-navigation-next')!;
    next.click();
    await start(fixture);
    const req = http.expectOne((r) => r.url === '/api/v1/employees');
    expect(req.request.params.get('page')).toBe('2');
    req.flush({ items: [ADA], page: 2, pageSize: 25, total: 60 });
  });

  async function closeDialog(fixture: Awaited<ReturnType<typeof render>>['fixture']) {
    for (let i = 0; i < 40 && document.querySelector('mat-dialog-container'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      await start(fixture);
    }
    expect(document.querySelector('mat-dialog-container')).toBeNull();
  }

  it('gives an employee a work schedule of their own in the edit dialog', async () => {
    const { fixture, http, loader, root } = await render();
    const menu = await loader.getHarness(MatMenuHarness.with({ triggerText: /more_vert/ }));
    await menu.open();
    (await menu.getItems({ text: /Edit/ }))[0].click().catch(() => undefined);
    await start(fixture);
    http.expectOne('/api/v1/work-schedules').flush({
      items: [{ id: 's1', name: 'Night desk', days: [], lateAfterMinutes: 0, default: false }],
    });
    await settle(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    const selects = await dialog.getAllHarnesses(MatSelectHarness);
    const schedule = selects[1];
    expect(await schedule.getValueText()).toBe('Their team’s, else the default');
    await schedule.open();
    await schedule.clickOptions({ text: 'Night desk' });
    document.querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!.click();
    await start(fixture);
    const req = http.expectOne('/api/v1/employees/e1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({
      fullName: 'Ada Lovelace',
      email: 'ada@acme.test',
      teamId: 't1',
      timeZone: 'Europe/Kyiv',
      workScheduleId: 's1',
    });
    req.flush({ ...ADA, workScheduleId: 's1' });
    await closeDialog(fixture);
  });

  it('links an invited login to its employee record', async () => {
    const { fixture, http, loader, root } = await render();
    await (await loader.getHarness(MatTabGroupHarness)).selectTab({ label: 'Console users' });
    (fixture.nativeElement as HTMLElement)
      .querySelector<HTMLButtonElement>('[data-testid="invite"]')!
      .click();
    await start(fixture);
    http
      .expectOne((r) => r.url === '/api/v1/employees' && r.params.get('pageSize') === '200')
      .flush({ items: [ADA], page: 1, pageSize: 200, total: 1 });
    await settle(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    const inputs = await dialog.getAllHarnesses(MatInputHarness);
    await inputs[0]?.setValue('ada@acme.test');
    const [role, employee] = await dialog.getAllHarnesses(MatSelectHarness);
    await role.open();
    await role.clickOptions({ text: 'Employee' });
    await employee.open();
    await employee.clickOptions({ text: 'Ada Lovelace · ada@acme.test' });
    document.querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!.click();
    await start(fixture);
    const req = http.expectOne('/api/v1/invitations');
    expect(req.request.body).toEqual({
      email: 'ada@acme.test',
      role: 'employee',
      employeeId: 'e1',
    });
    req.flush({ id: 'i1', email: 'ada@acme.test', role: 'employee', acceptUrl: 'x', token: 't' });
    await closeDialog(fixture);
  });

  it('leaves teams to the owner and admins: HR sees no team buttons', async () => {
    const { fixture } = await render();
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[data-testid="add-team"]'),
    ).toBeNull();
  });

  it('sets a team’s managers from the users with the manager role (owner)', async () => {
    TestBed.resetTestingModule();
    signInAs('owner');
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const { fixture, http, loader, root } = await render();
    await (await loader.getHarness(MatTabGroupHarness)).selectTab({ label: 'Teams' });
    (fixture.nativeElement as HTMLElement)
      .querySelector<HTMLButtonElement>('button[aria-label="Managers of Support"]')!
      .click();
    await start(fixture);
    const users = http.expectOne((r) => r.url === '/api/v1/users');
    expect(users.request.params.get('role')).toBe('manager');
    users.flush({
      items: [
        { id: 'u9', email: 'max@acme.test', fullName: 'Max Manager', status: 'active' },
        { id: 'u8', email: 'mia@acme.test', fullName: '', status: 'invited' },
        { id: 'u7', email: 'old@acme.test', fullName: 'Old Boss', status: 'deactivated' },
      ],
      page: 1,
      pageSize: 200,
      total: 3,
    });
    await settle(fixture);
    const dialog = await root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Managers of Support');
    const select = await dialog.getHarness(MatSelectHarness);
    expect(await select.getValueText()).toBe('Max Manager');
    await select.open();
    // Active and invited managers by name (or email), never a deactivated one.
    expect(await Promise.all((await select.getOptions()).map((o) => o.getText()))).toEqual([
      'Max Manager',
      'mia@acme.test',
    ]);
    await select.clickOptions({ text: 'mia@acme.test' });
    await select.close();
    document.querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!.click();
    await start(fixture);
    const req = http.expectOne('/api/v1/teams/t1/managers');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ userIds: ['u9', 'u8'] });
    req.flush({ id: 't1', name: 'Support', managerUserIds: ['u9', 'u8'] });
    await closeDialog(fixture);
  });
  describe('console users (owner)', () => {
    const USERS = [
      {
        id: 'u1',
        email: 'olive@acme.test',
        fullName: 'Olive Owner',
        role: 'owner',
        status: 'active',
        employeeId: null,
        employeeFullName: null,
        lastSignInAt: '2026-03-02T09:00:00Z',
      },
      {
        id: 'u2',
        email: 'hank@acme.test',
        fullName: 'Hank Hr',
        role: 'hr',
        status: 'active',
        employeeId: 'e1',
        employeeFullName: 'Ada Lovelace',
        lastSignInAt: null,
      },
    ];

    beforeEach(() => {
      TestBed.resetTestingModule();
      signInAs('owner');
      TestBed.configureTestingModule({ providers: provideTestApp() });
    });

    async function usersTab() {
      const rendered = await render(1, USERS);
      await (
        await rendered.loader.getHarness(MatTabGroupHarness)
      ).selectTab({
        label: 'Console users',
      });
      await settle(rendered.fixture);
      return rendered;
    }

    it('lists every console user with role, linked employee, status and last sign-in', async () => {
      const { loader } = await usersTab();
      const table = await loader.getHarness(
        MatTableHarness.with({ selector: '[data-testid="users-table"] table' }),
      );
      const cells = await table.getCellTextByColumnName();
      expect(cells['email']?.text).toEqual(['olive@acme.test', 'hank@acme.test']);
      expect(cells['role']?.text).toEqual(['Owner', 'HR']);
      expect(cells['employee']?.text).toEqual(['—', 'Ada Lovelace']);
      expect(cells['status']?.text).toEqual(['Active', 'Active']);
      expect(cells['lastSignIn']?.text[1]).toBe('Never');
    });

    it('deactivates a user after confirmation', async () => {
      const confirm = jest.spyOn(window, 'confirm').mockReturnValue(true);
      const { fixture, http, loader } = await usersTab();
      const menu = await loader.getHarness(
        MatMenuHarness.with({
          triggerText: /more_vert/,
          selector: '[data-testid="users-table"] *',
        }),
      );
      await menu.open();
      (await menu.getItems({ text: /Deactivate/ }))[0].click().catch(() => undefined);
      await start(fixture);
      expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Deactivate Hank Hr?'));
      const req = http.expectOne('/api/v1/users/u2/deactivate');
      expect(req.request.method).toBe('POST');
      req.flush({ ...USERS[1], status: 'deactivated' });
      await start(fixture);
      http
        .expectOne((r) => r.url === '/api/v1/users')
        .flush({ items: USERS, page: 1, pageSize: 25, total: 2 });
      confirm.mockRestore();
    });

    it('changes a role and shows the server’s refusal in the dialog', async () => {
      const { fixture, http, loader, root } = await usersTab();
      const menu = await loader.getHarness(
        MatMenuHarness.with({
          triggerText: /more_vert/,
          selector: '[data-testid="users-table"] *',
        }),
      );
      await menu.open();
      (await menu.getItems({ text: /Change role/ }))[0].click().catch(() => undefined);
      await settle(fixture);
      const dialog = await root.getHarness(MatDialogHarness);
      const role = await dialog.getHarness(MatSelectHarness);
      await role.open();
      await role.clickOptions({ text: 'Administrator' });
      document
        .querySelector<HTMLButtonElement>('mat-dialog-actions button[type="submit"]')!
        .click();
      await start(fixture);
      const req = http.expectOne('/api/v1/users/u2');
      expect(req.request.method).toBe('PATCH');
      expect(req.request.body).toEqual({ role: 'admin' });
      req.flush(
        { status: 403, title: 'Forbidden', detail: 'You cannot change your own role.' },
        { status: 403, statusText: 'Forbidden' },
      );
      await settle(fixture);
      expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain(
        'You cannot change your own role.',
      );
    });

    it('shows an employee’s login on the employee row', async () => {
      TestBed.resetTestingModule();
      signInAs('hr');
      TestBed.configureTestingModule({ providers: provideTestApp() });
      const fixture = TestBed.createComponent(People);
      const http = TestBed.inject(HttpTestingController);
      await start(fixture);
      http
        .expectOne((r) => r.url === '/api/v1/employees')
        .flush({
          items: [
            {
              ...ADA,
              login: { userId: 'u2', email: 'hank@acme.test', role: 'hr', status: 'active' },
            },
          ],
          page: 1,
          pageSize: 25,
          total: 1,
        });
      http
        .expectOne((r) => r.url === '/api/v1/teams')
        .flush({ items: [], page: 1, pageSize: 200, total: 0 });
      http
        .expectOne((r) => r.url === '/api/v1/invitations')
        .flush({ items: [], page: 1, pageSize: 200, total: 0 });
      // HR manages employees, not logins: no user list is asked for.
      expect(http.match((r) => r.url === '/api/v1/users')).toHaveLength(0);
      await settle(fixture);
      const loader = TestbedHarnessEnvironment.loader(fixture);
      const cells = await (await loader.getHarness(MatTableHarness)).getCellTextByColumnName();
      expect(cells['login']?.text).toEqual(['hank@acme.test · HR']);
    });
  });
});
