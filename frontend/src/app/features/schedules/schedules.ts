import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  resource,
  signal,
} from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { firstValueFrom } from 'rxjs';
import type { Page, Team, WorkSchedule } from '@app/api/models';
import { Auth } from '@app/core/auth/auth.service';
import { Api, api } from '@app/core/http/api';
import { describeError, isProblem } from '@app/core/http/problem';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { loadAllEmployees } from '@app/shared/data/working-time';
import { Ui } from '@app/shared/ui/confirm';
import { DataTable, RowActions } from '@app/shared/ui/data-table';
import { AssignDialog, type AssignDialogData } from './assign-dialog';
import { ScheduleDialog, type ScheduleDialogData } from './schedule-dialog';
import { weekSummary } from './schedule-text';
import { DIALOG_DEFAULTS } from '@app/shared/ui/dialog-defaults';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';

interface Usage {
  teams: string[];
  employees: string[];
}

/** Work schedules: the weekly hours attendance is measured against, and who works to which. */
@Component({
  selector: 'ctx-schedules',
  imports: [TABLE_PARTS, MatButton, MatIconButton, MatIcon, TranslatePipe, DataTable, RowActions],
  templateUrl: './schedules.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Schedules {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly dialog = inject(MatDialog);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  private readonly auth = inject(Auth);
  protected readonly canManage = this.auth.can('managePeople');
  private readonly canAssignTeams = this.auth.can('manageTeams');

  private readonly schedulesRef = httpResource<{ items: WorkSchedule[] }>(() =>
    api('/work-schedules'),
  );
  private readonly employeesRef = resource({ loader: () => loadAllEmployees(this.api) });
  private readonly teamsRef = httpResource<Page<Team>>(() => ({
    url: api('/teams'),
    params: { pageSize: 200 },
  }));

  protected readonly schedules = viewOf(this.schedulesRef, this.i18n);
  private readonly employees = computed(() =>
    this.employeesRef.hasValue() ? this.employeesRef.value() : [],
  );
  private readonly teams = computed(() =>
    this.teamsRef.hasValue() ? (this.teamsRef.value()?.items ?? []) : [],
  );
  protected readonly columns = ['name', 'hours', 'grace', 'assigned'];
  /** Why the last delete could not be done (a schedule still in use), until dismissed. */
  protected readonly blocked = signal<string | null>(null);

  /** Who has each schedule now: team names and employee names by schedule id. */
  protected readonly usage = computed(() => {
    const usage = new Map<string, Usage>();
    const entry = (id: string) => {
      const found = usage.get(id) ?? { teams: [], employees: [] };
      usage.set(id, found);
      return found;
    };
    for (const team of this.teams()) {
      if (team.workScheduleId) entry(team.workScheduleId).teams.push(team.name);
    }
    for (const employee of this.employees()) {
      if (employee.workScheduleId) entry(employee.workScheduleId).employees.push(employee.fullName);
    }
    return usage;
  });

  protected hours(schedule: WorkSchedule): string {
    return weekSummary(schedule.days, this.i18n.locale()) || this.i18n.t('schedules.noWorkingDays');
  }

  protected assigned(schedule: WorkSchedule): string {
    const use = this.usage().get(schedule.id);
    const parts: string[] = [];
    if (use?.teams.length) {
      parts.push(`${this.i18n.t('people.teams')}: ${use.teams.join(', ')}`);
    }
    if (use?.employees.length) {
      const names = use.employees.slice(0, 5).join(', ');
      const more = use.employees.length > 5 ? ` +${use.employees.length - 5}` : '';
      parts.push(`${this.i18n.t('people.employees')}: ${names}${more}`);
    }
    if (parts.length) return parts.join(' · ');
    return schedule.default ? this.i18n.t('schedules.everyoneElse') : '—';
  }

  protected async create(): Promise<void> {
    await this.edit(null);
  }

  protected async edit(schedule: WorkSchedule | null): Promise<void> {
    const ref = this.dialog.open<ScheduleDialog, ScheduleDialogData, WorkSchedule>(ScheduleDialog, {
      ...DIALOG_DEFAULTS,
      data: { schedule },
    });
    if (await firstValueFrom(ref.afterClosed())) {
      this.ui.notify(this.i18n.t('common.saved'));
      this.schedules.reload();
    }
  }

  protected async assign(schedule: WorkSchedule): Promise<void> {
    const ref = this.dialog.open<AssignDialog, AssignDialogData, boolean>(AssignDialog, {
      ...DIALOG_DEFAULTS,
      data: {
        schedule,
        teams: this.teams(),
        employees: this.employees(),
        scheduleNames: new Map((this.schedules.data()?.items ?? []).map((s) => [s.id, s.name])),
        canAssignTeams: this.canAssignTeams,
      },
    });
    if (await firstValueFrom(ref.afterClosed())) {
      this.ui.notify(this.i18n.t('common.saved'));
      this.employeesRef.reload();
      this.teamsRef.reload();
    }
  }

  protected async remove(schedule: WorkSchedule): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('schedules.confirmDelete', { name: schedule.name }))) return;
    this.blocked.set(null);
    try {
      await this.api.delete(`/work-schedules/${schedule.id}`);
      this.ui.notify(this.i18n.t('common.deleted'));
      this.schedules.reload();
    } catch (error) {
      if (isProblem(error, 'work-schedule-in-use')) {
        this.blocked.set(this.i18n.t('schedules.inUse', { name: schedule.name }));
      } else {
        this.ui.notify(describeError(error, this.i18n));
      }
      // Someone may have assigned it meanwhile: show who has it now.
      this.employeesRef.reload();
      this.teamsRef.reload();
    }
  }
}
