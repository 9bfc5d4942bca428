import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatSelect, MatOption } from '@angular/material/select';
import type { Employee, Team, WorkSchedule } from '@app/api/models';
import { Api } from '@app/core/http/api';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { formRequest } from '@app/shared/ui/form-request';
import { DIALOG_PARTS } from '@app/shared/ui/parts/dialog';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

export interface AssignDialogData {
  schedule: WorkSchedule;
  teams: readonly Team[];
  employees: readonly Employee[];
  /** Other schedules' names by id, to show what an option has now. */
  scheduleNames: ReadonlyMap<string, string>;
  /** Teams can be given a schedule (owner, admin); HR assigns employees only. */
  canAssignTeams: boolean;
}

/** Which teams and employees a schedule is assigned to; saving changes only what changed. */
@Component({
  selector: 'ctx-assign-dialog',
  imports: [
    ReactiveFormsModule,
    DIALOG_PARTS,
    MatButton,
    FIELD_PARTS,
    MatSelect,
    MatOption,
    TranslatePipe,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'schedules.assignTitle' | t: { name: data.schedule.name } }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content>
        @if (request.error(); as error) {
          <p class="error" role="alert">{{ error }}</p>
        }
        <p class="muted">{{ 'schedules.precedence' | t }}</p>
        @if (data.canAssignTeams) {
          <mat-form-field appearance="outline">
            <mat-label>{{ 'people.teams' | t }}</mat-label>
            <mat-select formControlName="teams" multiple>
              @for (team of teams; track team.id) {
                <mat-option [value]="team.id">
                  {{ team.name }}{{ otherOf(team.workScheduleId) }}
                </mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ 'people.employees' | t }}</mat-label>
          <mat-select formControlName="employees" multiple>
            @for (employee of employees; track employee.id) {
              <mat-option [value]="employee.id">
                {{ employee.fullName }}{{ otherOf(employee.workScheduleId) }}
              </mat-option>
            }
          </mat-select>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="request.busy()">
          {{ 'common.save' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      width: 100%;
    }
    mat-dialog-content {
      min-width: min(480px, 80vw);
      display: flex;
      flex-direction: column;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssignDialog {
  protected readonly data = inject<AssignDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<AssignDialog, boolean>);
  private readonly api = inject(Api);
  protected readonly request = formRequest();
  protected readonly teams = [...this.data.teams].sort((a, b) => a.name.localeCompare(b.name));
  protected readonly employees = [...this.data.employees]
    .filter((e) => e.status !== 'deactivated' || e.workScheduleId === this.data.schedule.id)
    .sort((a, b) => a.fullName.localeCompare(b.fullName));

  private readonly initialTeams = this.idsOn(this.data.teams);
  private readonly initialEmployees = this.idsOn(this.data.employees);
  protected readonly form = new FormGroup({
    teams: new FormControl<string[]>(this.initialTeams, { nonNullable: true }),
    employees: new FormControl<string[]>(this.initialEmployees, { nonNullable: true }),
  });

  /** " · Night shift" when an option has another schedule now (choosing it moves it here). */
  protected otherOf(scheduleId: string | null | undefined): string {
    if (!scheduleId || scheduleId === this.data.schedule.id) return '';
    const name = this.data.scheduleNames.get(scheduleId);
    return name ? ` · ${name}` : '';
  }

  protected save(): Promise<void> {
    return this.request.send(this.form, async () => {
      const id = this.data.schedule.id;
      const { teams, employees } = this.form.getRawValue();
      if (this.data.canAssignTeams) {
        await this.apply('/teams', this.initialTeams, teams, id);
      }
      await this.apply('/employees', this.initialEmployees, employees, id);
      this.ref.close(true);
    });
  }

  /** PATCHes those added (to this schedule) and those removed (to none), one at a time. */
  private async apply(path: string, before: string[], after: string[], id: string): Promise<void> {
    for (const added of after.filter((x) => !before.includes(x))) {
      await this.api.patch(`${path}/${added}`, { workScheduleId: id });
    }
    for (const removed of before.filter((x) => !after.includes(x))) {
      await this.api.patch(`${path}/${removed}`, { workScheduleId: null });
    }
  }

  private idsOn(items: readonly { id: string; workScheduleId?: string | null }[]): string[] {
    return items.filter((x) => x.workScheduleId === this.data.schedule.id).map((x) => x.id);
  }
}
