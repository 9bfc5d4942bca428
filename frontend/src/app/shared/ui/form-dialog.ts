import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
  type ValidatorFn,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatSelect, MatOption } from '@angular/material/select';
import type { TranslationKey } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { formRequest } from './form-request';
import { FIELD_PARTS } from './parts/field';
import { DIALOG_PARTS } from './parts/dialog';

export interface FieldOption {
  value: string;
  label: string;
}

export interface FormField {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'select' | 'timezone' | 'textarea' | 'number' | 'date';
  required?: boolean;
  maxLength?: number;
  options?: FieldOption[];
  value?: string | number | null;
  hint?: string;
}

export interface FormDialogData {
  title: string;
  submitLabel: string;
  fields: FormField[];
  /** Runs the request; a thrown error is shown in the dialog and keeps it open. */
  submit: (value: Record<string, string>) => Promise<unknown>;
  /** The message for a failure the page words better than the generic one (a named 409). */
  explain?: (error: unknown) => TranslationKey | null;
  /** Checks across fields before sending: a sentence to show, or null when the form may go. */
  validate?: (value: Record<string, string>) => string | null;
}

const TIME_ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

/** One dialog for the console's small create/edit forms. */
@Component({
  selector: 'ctx-form-dialog',
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
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content>
        @if (invalid() ?? request.error(); as error) {
          <p class="error" role="alert">{{ error }}</p>
        }
        @for (field of data.fields; track field.name) {
          <mat-form-field appearance="outline">
            <mat-label>{{ field.label }}</mat-label>
            @switch (field.type) {
              @case ('select') {
                <mat-select [formControlName]="field.name">
                  @for (option of field.options ?? []; track option.value) {
                    <mat-option [value]="option.value">{{ option.label }}</mat-option>
                  }
                </mat-select>
              }
              @case ('textarea') {
                <textarea matInput rows="6" [formControlName]="field.name"></textarea>
              }
              @case ('timezone') {
                <input matInput [formControlName]="field.name" list="ctx-time-zones" />
              }
              @default {
                <input
                  matInput
                  [type]="field.type ?? 'text'"
                  [formControlName]="field.name"
                  [attr.maxlength]="field.maxLength ?? null"
                />
              }
            }
            @if (field.hint) {
              <mat-hint>{{ field.hint }}</mat-hint>
            }
            @if (form.controls[field.name]?.errors; as errors) {
              <mat-error>
                {{ (errors['required'] ? 'common.required' : 'common.invalidValue') | t }}
              </mat-error>
            }
          </mat-form-field>
        }
        <datalist id="ctx-time-zones">
          @for (zone of timeZones; track zone) {
            <option [value]="zone"></option>
          }
        </datalist>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="request.busy()">
          {{ data.submitLabel }}
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
      display: flex;
      flex-direction: column;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormDialog {
  protected readonly data = inject<FormDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<FormDialog, boolean>);
  protected readonly timeZones = TIME_ZONES;
  protected readonly request = formRequest((error) => this.data.explain?.(error) ?? null);
  protected readonly invalid = signal<string | null>(null);
  protected readonly form = new FormGroup(
    Object.fromEntries(
      this.data.fields.map((field) => {
        const validators: ValidatorFn[] = [];
        if (field.required) validators.push(Validators.required);
        if (field.type === 'email') validators.push(Validators.email);
        if (field.maxLength) validators.push(Validators.maxLength(field.maxLength));
        return [
          field.name,
          new FormControl<string>(
            field.value === null || field.value === undefined ? '' : String(field.value),
            {
              nonNullable: true,
              validators,
            },
          ),
        ];
      }),
    ),
  );

  protected save(): Promise<void> {
    this.invalid.set(
      this.form.valid ? (this.data.validate?.(this.form.getRawValue()) ?? null) : null,
    );
    if (this.invalid()) return Promise.resolve();
    return this.request.send(this.form, async () => {
      await this.data.submit(this.form.getRawValue());
      this.ref.close(true);
    });
  }
}
