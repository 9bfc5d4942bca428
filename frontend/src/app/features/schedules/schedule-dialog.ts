import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import {
  type AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import type { WorkSchedule } from '@app/api/models';
import { Api } from '@app/core/http/api';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { formRequest } from '@app/shared/ui/form-request';
import { weekdayNames } from './schedule-text';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';
import { DIALOG_PARTS } from '@app/shared/ui/parts/dialog';

export interface ScheduleDialogData {
  /** The schedule to edit, or null to create one. */
  schedule: WorkSchedule | null;
}

type DayGroup = FormGroup<{
  weekday: FormControl<number>;
  working: FormControl<boolean>;
  start: FormControl<string>;
  end: FormControl<string>;
}>;

const DEFAULT_START = '09:00';
const DEFAULT_END = '18:00';
const MAX_GRACE = 720;

/** A working day needs both times, and its end after its start (no shift past midnight yet). */
function dayValid(control: AbstractControl): ValidationErrors | null {
  const { working, start, end } = (control as DayGroup).getRawValue();
  if (!working) return null;
  if (!start || !end) return { missing: true };
  if (end <= start) return { endBeforeStart: true };
  return null;
}

/** Creates or edits a work schedule: a weekly grid of working days and hours, grace, default. */
@Component({
  selector: 'ctx-schedule-dialog',
  imports: [
    ReactiveFormsModule,
    DIALOG_PARTS,
    MatButton,
    MatCheckbox,
    FIELD_PARTS,
    MatIcon,
    MatSlideToggle,
    TranslatePipe,
  ],
  template: `
    <h2 mat-dialog-title>
      {{ (data.schedule ? 'schedules.edit' : 'schedules.create') | t }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content>
        @if (request.error(); as error) {
          <p class="error" role="alert">{{ error }}</p>
        }
        <mat-form-field appearance="outline" class="full">
          <mat-label>{{ 'schedules.name' | t }}</mat-label>
          <input matInput formControlName="name" maxlength="200" />
          @if (form.controls.name.invalid) {
            <mat-error>{{ 'schedules.nameRequired' | t }}</mat-error>
          }
        </mat-form-field>

        <table class="week" [attr.aria-label]="'schedules.week' | t">
          <thead>
            <tr>
              <th scope="col">{{ 'schedules.day' | t }}</th>
              <th scope="col">{{ 'schedules.start' | t }}</th>
              <th scope="col">{{ 'schedules.end' | t }}</th>
            </tr>
          </thead>
          <tbody formArrayName="days">
            @for (day of form.controls.days.controls; track $index; let i = $index) {
              <tr [formGroupName]="i" [attr.data-weekday]="day.controls.weekday.value">
                <td>
                  <mat-checkbox formControlName="working">{{ names()[i] }}</mat-checkbox>
                </td>
                @if (day.controls.working.value) {
                  <td>
                    <input
                      class="time"
                      type="time"
                      formControlName="start"
                      [attr.aria-label]="'schedules.startOf' | t: { day: names()[i] }"
                    />
                  </td>
                  <td>
                    <input
                      class="time"
                      type="time"
                      formControlName="end"
                      [attr.aria-label]="'schedules.endOf' | t: { day: names()[i] }"
                    />
                  </td>
                } @else {
                  <td colspan="2" class="muted">{{ 'schedules.dayOff' | t }}</td>
                }
              </tr>
              @if (day.errors && (day.touched || submitted)) {
                <tr>
                  <td colspan="3">
                    <p class="error" role="alert" [attr.data-testid]="'day-error-' + (i + 1)">
                      {{ names()[i] }}:
                      {{
                        (day.errors['endBeforeStart']
                          ? 'schedules.endBeforeStart'
                          : 'schedules.timesMissing'
                        ) | t
                      }}
                    </p>
                  </td>
                </tr>
              }
            }
          </tbody>
        </table>
        <button mat-button type="button" (click)="copyFirst()" class="copy">
          <mat-icon>content_copy</mat-icon>
          {{ 'schedules.sameHours' | t }}
        </button>

        <mat-form-field appearance="outline" class="full">
          <mat-label>{{ 'schedules.grace' | t }}</mat-label>
          <input
            matInput
            type="number"
            min="0"
            [max]="maxGrace"
            formControlName="lateAfterMinutes"
          />
          <mat-hint>{{ 'schedules.graceHint' | t }}</mat-hint>
          @if (form.controls.lateAfterMinutes.invalid) {
            <mat-error>{{ 'schedules.graceRange' | t: { max: maxGrace } }}</mat-error>
          }
        </mat-form-field>
        <mat-slide-toggle formControlName="isDefault">
          {{ 'schedules.makeDefault' | t }}
        </mat-slide-toggle>
        <p class="muted hint">{{ 'schedules.defaultHint' | t }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="request.busy()">
          {{ (data.schedule ? 'common.save' : 'common.create') | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      min-width: min(520px, 80vw);
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .full {
      width: 100%;
    }
    .week {
      border-collapse: collapse;
      margin: 4px 0;
    }
    .week th {
      text-align: start;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
      padding: 0 8px 4px 0;
    }
    .week td {
      padding: 2px 8px 2px 0;
      height: 40px;
    }
    .time {
      font: var(--mat-sys-body-large);
      color: var(--mat-sys-on-surface);
      background: transparent;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 4px;
      padding: 6px 8px;
    }
    .copy {
      align-self: flex-start;
      margin-bottom: 8px;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0;
    }
    .hint {
      margin: 4px 0 0;
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScheduleDialog {
  protected readonly data = inject<ScheduleDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ScheduleDialog, WorkSchedule>);
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly request = formRequest();
  protected readonly maxGrace = MAX_GRACE;
  protected readonly names = computed(() => weekdayNames(this.i18n.locale(), 'long'));
  protected submitted = false;

  protected readonly form = new FormGroup({
    name: new FormControl(this.data.schedule?.name ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(200), Validators.pattern(/\S/)],
    }),
    lateAfterMinutes: new FormControl<number>(this.data.schedule?.lateAfterMinutes ?? 0, {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.min(0),
        Validators.max(MAX_GRACE),
        Validators.pattern(/^\d+$/),
      ],
    }),
    isDefault: new FormControl(this.data.schedule?.default ?? false, { nonNullable: true }),
    days: new FormArray<DayGroup>(
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
        const day = this.data.schedule?.days.find((d) => d.weekday === weekday);
        // A new schedule starts as office hours, Monday to Friday.
        const working = this.data.schedule ? day !== undefined : weekday <= 5;
        return new FormGroup(
          {
            weekday: new FormControl(weekday, { nonNullable: true }),
            working: new FormControl(working, { nonNullable: true }),
            start: new FormControl(day?.start ?? DEFAULT_START, { nonNullable: true }),
            end: new FormControl(day?.end ?? DEFAULT_END, { nonNullable: true }),
          },
          { validators: dayValid },
        );
      }),
    ),
  });

  /** Gives every working day the hours of the first one. */
  protected copyFirst(): void {
    const days = this.form.controls.days.controls;
    const first = days.find((d) => d.controls.working.value);
    if (!first) return;
    for (const day of days) {
      if (day.controls.working.value) {
        day.patchValue({ start: first.controls.start.value, end: first.controls.end.value });
      }
    }
  }

  protected save(): Promise<void> {
    this.submitted = true;
    return this.request.send(this.form, async () => {
      const value = this.form.getRawValue();
      const body = {
        name: value.name.trim(),
        days: value.days
          .filter((d) => d.working)
          .map((d) => ({ weekday: d.weekday, start: d.start.slice(0, 5), end: d.end.slice(0, 5) })),
        lateAfterMinutes: Number(value.lateAfterMinutes),
        default: value.isDefault,
      };
      const saved = this.data.schedule
        ? await this.api.patch<WorkSchedule>(`/work-schedules/${this.data.schedule.id}`, body)
        : await this.api.post<WorkSchedule>('/work-schedules', body);
      this.ref.close(saved);
    });
  }
}
