import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatSelect, MatOption } from '@angular/material/select';
import type { Team, User } from '@app/api/models';
import { Api } from '@app/core/http/api';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { formRequest } from '@app/shared/ui/form-request';
import { DIALOG_PARTS } from '@app/shared/ui/parts/dialog';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

export interface TeamManagersData {
  team: Team;
  /** The users with the manager role (active or invited). */
  managers: readonly User[];
}

/**
 * Who manages a team: they see its people's reports and attendance and decide their leave
 * requests. Saving replaces the list.
 */
@Component({
  selector: 'ctx-team-managers-dialog',
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
    <h2 mat-dialog-title>{{ 'people.managersOf' | t: { name: data.team.name } }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content>
        @if (request.error(); as error) {
          <p class="error" role="alert">{{ error }}</p>
        }
        <p class="muted">{{ 'people.managersIntro' | t }}</p>
        @if (data.managers.length === 0) {
          <p class="muted" data-testid="no-managers">{{ 'people.noManagerUsers' | t }}</p>
        } @else {
          <mat-form-field appearance="outline">
            <mat-label>{{ 'people.managers' | t }}</mat-label>
            <mat-select formControlName="chosen" multiple>
              @for (user of users; track user.id) {
                <mat-option [value]="user.id">{{ user.fullName || user.email }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
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
      min-width: min(420px, 80vw);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamManagersDialog {
  protected readonly data = inject<TeamManagersData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<TeamManagersDialog, boolean>);
  private readonly api = inject(Api);
  protected readonly request = formRequest();
  private readonly current = this.data.team.managerUserIds ?? [];
  protected readonly users = [...this.data.managers].sort((a, b) =>
    (a.fullName || a.email).localeCompare(b.fullName || b.email),
  );
  protected readonly form = new FormGroup({
    chosen: new FormControl<string[]>(
      this.current.filter((id) => this.users.some((u) => u.id === id)),
      { nonNullable: true },
    ),
  });

  protected save(): Promise<void> {
    // Managers of the team without the manager role (not offered here) stay managers.
    const kept = this.current.filter((id) => !this.users.some((u) => u.id === id));
    return this.request.send(this.form, async () => {
      await this.api.put(`/teams/${this.data.team.id}/managers`, {
        userIds: [...kept, ...this.form.controls.chosen.value],
      });
      this.ref.close(true);
    });
  }
}
