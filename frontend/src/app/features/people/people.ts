import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatSelect, MatOption } from '@angular/material/select';
import { MatTabGroup, MatTab } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type {
  CreatedInvitation,
  Employee,
  Invitation,
  Page,
  Team,
  User,
  WorkSchedule,
} from '@app/api/models';
import { Auth } from '@app/core/auth/auth.service';
import { Api, api, query } from '@app/core/http/api';
import { describeError } from '@app/core/http/problem';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { loadAllEmployees } from '@app/shared/data/working-time';
import { Ui } from '@app/shared/ui/confirm';
import { DataTable, RowActions } from '@app/shared/ui/data-table';
import type { FormField } from '@app/shared/ui/form-dialog';
import { Pager } from '@app/shared/ui/pager';
import { EmployeeImportDialog } from './employee-import-dialog';
import { TeamManagersDialog, type TeamManagersData } from './team-managers-dialog';
import { DIALOG_DEFAULTS } from '@app/shared/ui/dialog-defaults';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

const ROLES = ['admin', 'hr', 'manager', 'employee'] as const;

@Component({
  selector: 'ctx-people',
  imports: [
    MatTabGroup,
    MatTab,
    TABLE_PARTS,
    MatButton,
    MatIconButton,
    MatIcon,
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
    FIELD_PARTS,
    MatSelect,
    MatOption,
    RouterLink,
    TranslatePipe,
    DataTable,
    RowActions,
  ],
  templateUrl: './people.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class People {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly dialog = inject(MatDialog);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  private readonly auth = inject(Auth);
  protected readonly canManage = this.auth.can('managePeople');
  // Teams are owner and admin business (the API's teams:manage); HR manages employees.
  protected readonly canManageTeams = this.auth.can('manageTeams');
  // Console logins: owner and admin (the API's users:manage).
  protected readonly canManageUsers = this.auth.can('manageUsers');
  protected readonly isOwner = this.auth.user()?.role === 'owner';
  protected readonly myUserId = this.auth.user()?.id;

  protected readonly search = signal('');
  protected readonly teamFilter = signal('');
  protected readonly pager = new Pager(25);
  protected readonly lastInvite = signal<CreatedInvitation | null>(null);

  private readonly employeesRef = httpResource<Page<Employee>>(() => ({
    url: api('/employees'),
    params: query({
      ...this.pager.params(),
      search: this.search().trim(),
      teamId: this.teamFilter(),
    }),
  }));
  private readonly teamsRef = httpResource<Page<Team>>(() => ({
    url: api('/teams'),
    params: { pageSize: 200 },
  }));
  private readonly invitationsRef = httpResource<Page<Invitation>>(() => ({
    url: api('/invitations'),
    params: { pageSize: 200 },
  }));

  protected readonly usersPager = new Pager(25);
  private readonly usersRef = httpResource<Page<User>>(() =>
    this.canManageUsers
      ? { url: api('/users'), params: query(this.usersPager.params()) }
      : undefined,
  );

  protected readonly employees = viewOf(this.employeesRef, this.i18n);
  protected readonly teams = viewOf(this.teamsRef, this.i18n);
  protected readonly invitations = viewOf(this.invitationsRef, this.i18n);
  protected readonly users = viewOf(this.usersRef, this.i18n);

  protected readonly teamNames = computed(
    () => new Map((this.teams.data()?.items ?? []).map((t) => [t.id, t.name])),
  );
  protected readonly employeeColumns = ['fullName', 'email', 'team', 'timeZone', 'login', 'status'];
  protected readonly userColumns = ['name', 'email', 'role', 'employee', 'status', 'lastSignIn'];
  protected readonly teamColumns = ['name', 'managers'];
  protected readonly invitationColumns = ['email', 'role', 'expiresAt'];

  protected onSearch(value: string): void {
    this.search.set(value);
    this.pager.reset();
  }

  protected onTeamFilter(value: string): void {
    this.teamFilter.set(value);
    this.pager.reset();
  }

  private teamOptions() {
    return [
      { value: '', label: this.i18n.t('people.noTeam') },
      ...(this.teams.data()?.items ?? []).map((t) => ({ value: t.id, label: t.name })),
    ];
  }

  /**
   * The employee's own schedule, asked for when the dialog opens; null when the list cannot be
   * had (the dialog then leaves the assignment as it is).
   */
  private async scheduleField(employee: Employee): Promise<FormField | null> {
    let schedules: WorkSchedule[];
    try {
      schedules = (await this.api.get<{ items: WorkSchedule[] }>('/work-schedules')).items;
    } catch {
      return null;
    }
    return {
      name: 'workScheduleId',
      label: this.i18n.t('schedules.ownSchedule'),
      type: 'select',
      options: [
        { value: '', label: this.i18n.t('schedules.inherit') },
        ...schedules.map((s) => ({ value: s.id, label: s.name })),
      ],
      value: employee.workScheduleId ?? '',
      hint: this.i18n.t('schedules.ownScheduleHint'),
    };
  }

  private employeeFields(employee?: Employee): FormField[] {
    return [
      {
        name: 'fullName',
        label: this.i18n.t('people.fullName'),
        required: true,
        maxLength: 200,
        value: employee?.fullName,
      },
      {
        name: 'email',
        label: this.i18n.t('people.email'),
        type: 'email',
        required: true,
        value: employee?.email,
      },
      {
        name: 'teamId',
        label: this.i18n.t('people.team'),
        type: 'select',
        options: this.teamOptions(),
        value: employee?.teamId ?? '',
      },
      {
        name: 'timeZone',
        label: this.i18n.t('people.timeZone'),
        type: 'timezone',
        value: employee?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        hint: this.i18n.t('people.timeZoneHint'),
      },
    ];
  }

  protected async addEmployee(): Promise<void> {
    const saved = await this.ui.form({
      title: this.i18n.t('people.addEmployee'),
      submitLabel: this.i18n.t('common.create'),
      fields: this.employeeFields(),
      submit: (v) =>
        this.api.post('/employees', {
          fullName: v['fullName'],
          email: v['email'],
          ...(v['teamId'] ? { teamId: v['teamId'] } : {}),
          ...(v['timeZone'] ? { timeZone: v['timeZone'] } : {}),
        }),
    });
    if (saved) this.employees.reload();
  }

  protected async editEmployee(employee: Employee): Promise<void> {
    const schedule = await this.scheduleField(employee);
    const saved = await this.ui.form({
      title: this.i18n.t('people.editEmployee'),
      submitLabel: this.i18n.t('common.save'),
      fields: [...this.employeeFields(employee), ...(schedule ? [schedule] : [])],
      submit: (v) =>
        this.api.patch(`/employees/${employee.id}`, {
          fullName: v['fullName'],
          email: v['email'],
          teamId: v['teamId'] || null,
          timeZone: v['timeZone'],
          ...(schedule ? { workScheduleId: v['workScheduleId'] || null } : {}),
        }),
    });
    if (saved) this.employees.reload();
  }

  protected async setActive(employee: Employee, active: boolean): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.post(`/employees/${employee.id}/${active ? 'activate' : 'deactivate'}`),
      this.i18n.t('common.saved'),
    );
    if (ok) this.employees.reload();
  }

  protected async deleteEmployee(employee: Employee): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('people.confirmDelete', { name: employee.fullName }))) return;
    const ok = await this.ui.run(
      () => this.api.delete(`/employees/${employee.id}`),
      this.i18n.t('common.deleted'),
    );
    if (ok) this.employees.reload();
  }

  protected async addTeam(): Promise<void> {
    const saved = await this.ui.form({
      title: this.i18n.t('people.addTeam'),
      submitLabel: this.i18n.t('common.create'),
      fields: [
        { name: 'name', label: this.i18n.t('people.teamName'), required: true, maxLength: 200 },
      ],
      submit: (v) => this.api.post('/teams', { name: v['name'] }),
    });
    if (saved) this.teams.reload();
  }

  protected async renameTeam(team: Team): Promise<void> {
    const saved = await this.ui.form({
      title: this.i18n.t('people.renameTeam'),
      submitLabel: this.i18n.t('common.save'),
      fields: [
        { name: 'name', label: this.i18n.t('people.teamName'), required: true, value: team.name },
      ],
      submit: (v) => this.api.patch(`/teams/${team.id}`, { name: v['name'] }),
    });
    if (saved) this.teams.reload();
  }

  protected async editManagers(team: Team): Promise<void> {
    let managers: User[];
    try {
      const page = await this.api.get<Page<User>>('/users', { role: 'manager', pageSize: 200 });
      managers = page.items.filter((u) => u.status !== 'deactivated');
    } catch (error) {
      this.ui.notify(describeError(error, this.i18n));
      return;
    }
    const ref = this.dialog.open<TeamManagersDialog, TeamManagersData, boolean>(
      TeamManagersDialog,
      { ...DIALOG_DEFAULTS, data: { team, managers } },
    );
    if (await firstValueFrom(ref.afterClosed())) {
      this.ui.notify(this.i18n.t('common.saved'));
      this.teams.reload();
    }
  }

  protected async deleteTeam(team: Team): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('people.confirmDelete', { name: team.name }))) return;
    const ok = await this.ui.run(
      () => this.api.delete(`/teams/${team.id}`),
      this.i18n.t('common.deleted'),
    );
    if (ok) this.teams.reload();
  }

  protected async invite(): Promise<void> {
    // Any employee may be linked: the list is loaded whole, not the table's page.
    let employees: Employee[] = [];
    try {
      employees = await loadAllEmployees(this.api);
    } catch {
      // Inviting works without the link; the field just offers nobody.
    }
    const saved = await this.ui.form({
      title: this.i18n.t('people.invite'),
      submitLabel: this.i18n.t('people.sendInvite'),
      fields: [
        { name: 'email', label: this.i18n.t('people.email'), type: 'email', required: true },
        {
          name: 'role',
          label: this.i18n.t('people.role'),
          type: 'select',
          required: true,
          value: 'manager',
          options: ROLES.map((r) => ({ value: r, label: this.i18n.t(`roles.${r}`) })),
        },
        { name: 'firstName', label: this.i18n.t('people.firstName'), maxLength: 100 },
        { name: 'lastName', label: this.i18n.t('people.lastName'), maxLength: 100 },
        {
          name: 'employeeId',
          label: this.i18n.t('people.linkEmployee'),
          type: 'select',
          value: '',
          hint: this.i18n.t('people.linkEmployeeHint'),
          options: [
            { value: '', label: this.i18n.t('people.noEmployeeLink') },
            ...employees
              .filter((e) => e.status !== 'deactivated')
              .sort((a, b) => a.fullName.localeCompare(b.fullName))
              .map((e) => ({ value: e.id, label: `${e.fullName} · ${e.email}` })),
          ],
        },
      ],
      submit: async (v) => {
        const created = await this.api.post<CreatedInvitation>('/invitations', {
          email: v['email'],
          role: v['role'],
          ...(v['firstName'] ? { firstName: v['firstName'] } : {}),
          ...(v['lastName'] ? { lastName: v['lastName'] } : {}),
          ...(v['employeeId'] ? { employeeId: v['employeeId'] } : {}),
        });
        this.lastInvite.set(created);
      },
    });
    if (saved) {
      this.invitations.reload();
      this.users.reload();
    }
  }

  protected async importCsv(): Promise<void> {
    const ref = this.dialog.open<EmployeeImportDialog, void, boolean>(EmployeeImportDialog, {
      ...DIALOG_DEFAULTS,
      maxWidth: '95vw',
    });
    if (await firstValueFrom(ref.afterClosed())) {
      this.employees.reload();
      this.teams.reload();
    }
  }

  protected userName(user: User): string {
    return user.fullName || user.email;
  }

  /** Roles this caller may give: only an owner makes owners. */
  private roleOptions() {
    const roles = this.isOwner ? (['owner', ...ROLES] as const) : ROLES;
    return roles.map((r) => ({ value: r, label: this.i18n.t(`roles.${r}`) }));
  }

  protected async changeRole(user: User): Promise<void> {
    const saved = await this.ui.form({
      title: this.i18n.t('people.changeRoleOf', { name: this.userName(user) }),
      submitLabel: this.i18n.t('common.save'),
      fields: [
        {
          name: 'role',
          label: this.i18n.t('people.role'),
          type: 'select',
          required: true,
          value: user.role,
          options: this.roleOptions(),
        },
      ],
      submit: (v) => this.api.patch(`/users/${user.id}`, { role: v['role'] }),
    });
    if (saved) this.users.reload();
  }

  protected async linkEmployee(user: User): Promise<void> {
    let employees: Employee[];
    try {
      employees = await loadAllEmployees(this.api);
    } catch (error) {
      this.ui.notify(describeError(error, this.i18n));
      return;
    }
    const saved = await this.ui.form({
      title: this.i18n.t('people.linkToEmployee'),
      submitLabel: this.i18n.t('common.save'),
      fields: [
        {
          name: 'employeeId',
          label: this.i18n.t('people.linkEmployee'),
          type: 'select',
          required: true,
          value: user.employeeId ?? '',
          hint: this.i18n.t('people.linkEmployeeHint'),
          // Employees linked to another login are left out; the server answers 409 for them.
          options: employees
            .filter((e) => !e.login || e.login.userId === user.id)
            .sort((a, b) => a.fullName.localeCompare(b.fullName))
            .map((e) => ({ value: e.id, label: `${e.fullName} · ${e.email}` })),
        },
      ],
      submit: (v) => this.api.patch(`/users/${user.id}`, { employeeId: v['employeeId'] }),
    });
    if (saved) {
      this.users.reload();
      this.employees.reload();
    }
  }

  protected async unlinkEmployee(user: User): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('people.confirmUnlink', { name: this.userName(user) }))) {
      return;
    }
    const ok = await this.ui.run(
      () => this.api.patch(`/users/${user.id}`, { employeeId: null }),
      this.i18n.t('common.saved'),
    );
    if (ok) {
      this.users.reload();
      this.employees.reload();
    }
  }

  protected async setUserActive(user: User, active: boolean): Promise<void> {
    const key = active ? 'people.confirmActivateUser' : 'people.confirmDeactivateUser';
    if (!this.ui.confirm(this.i18n.t(key, { name: this.userName(user) }))) return;
    const ok = await this.ui.run(
      () => this.api.post(`/users/${user.id}/${active ? 'activate' : 'deactivate'}`),
      this.i18n.t('common.saved'),
    );
    if (ok) this.users.reload();
  }

  protected async revokeInvitation(invitation: Invitation): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.delete(`/invitations/${invitation.id}`),
      this.i18n.t('common.deleted'),
    );
    if (ok) {
      this.invitations.reload();
      this.users.reload();
    }
  }
}
