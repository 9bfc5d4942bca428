import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatSelect, MatOption } from '@angular/material/select';
import type { HolidayCountry, ImportHolidaysResult } from '@app/api/models';
import { Api, api } from '@app/core/http/api';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { formRequest } from '@app/shared/ui/form-request';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';
import { DIALOG_PARTS } from '@app/shared/ui/parts/dialog';

export interface ImportDialogData {
  year: number;
}

export interface ImportOutcome {
  country: string;
  year: number;
  result: ImportHolidaysResult;
}

export const MIN_YEAR = 1970;
export const MAX_YEAR = 2100;

/** Imports a year of a country's (and a region's) public holidays, named in the console's language. */
@Component({
  selector: 'ctx-import-holidays-dialog',
  imports: [
    ReactiveFormsModule,
    DIALOG_PARTS,
    MatButton,
    FIELD_PARTS,
    MatSelect,
    MatOption,
    TranslatePipe,
    AsyncState,
    WhenReady,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'holidays.import' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content>
        <p class="muted">{{ 'holidays.importIntro' | t }}</p>
        @if (request.error(); as error) {
          <p class="error" role="alert">{{ error }}</p>
        }
        <ctx-async-state [view]="countries">
          <ng-template ctxWhenReady>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'holidays.country' | t }}</mat-label>
              <mat-select
                formControlName="country"
                (selectionChange)="form.controls.region.setValue('')"
              >
                @for (c of countryList(); track c.code) {
                  <mat-option [value]="c.code">{{ c.name }}</mat-option>
                }
              </mat-select>
              @if (form.controls.country.invalid) {
                <mat-error>{{ 'holidays.countryRequired' | t }}</mat-error>
              }
            </mat-form-field>
            @if (regions().length > 0) {
              <mat-form-field appearance="outline">
                <mat-label>{{ 'holidays.region' | t }}</mat-label>
                <mat-select formControlName="region">
                  <mat-option value="">{{ 'holidays.wholeCountry' | t }}</mat-option>
                  @for (r of regions(); track r) {
                    <mat-option [value]="r">{{ r }}</mat-option>
                  }
                </mat-select>
                <mat-hint>{{ 'holidays.regionHint' | t }}</mat-hint>
              </mat-form-field>
            }
            <mat-form-field appearance="outline">
              <mat-label>{{ 'holidays.year' | t }}</mat-label>
              <input
                matInput
                type="number"
                formControlName="year"
                [min]="minYear"
                [max]="maxYear"
              />
              @if (form.controls.year.invalid) {
                <mat-error>{{
                  'holidays.yearRange' | t: { min: minYear, max: maxYear }
                }}</mat-error>
              }
            </mat-form-field>
          </ng-template>
        </ctx-async-state>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="request.busy() || !countries.data()">
          {{ 'holidays.importSubmit' | t }}
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
export class ImportHolidaysDialog {
  protected readonly data = inject<ImportDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ImportHolidaysDialog, ImportOutcome>);
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly request = formRequest();
  protected readonly minYear = MIN_YEAR;
  protected readonly maxYear = MAX_YEAR;

  private readonly countriesRef = httpResource<{ items: HolidayCountry[] }>(() => ({
    url: api('/holidays/countries'),
    params: { language: this.i18n.language() },
  }));
  protected readonly countries = viewOf(this.countriesRef, this.i18n);
  protected readonly countryList = computed(() =>
    [...(this.countries.data()?.items ?? [])].sort((a, b) =>
      a.name.localeCompare(b.name, this.i18n.locale()),
    ),
  );

  protected readonly form = new FormGroup({
    country: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    region: new FormControl('', { nonNullable: true }),
    year: new FormControl<number>(this.data.year, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(MIN_YEAR), Validators.max(MAX_YEAR)],
    }),
  });
  private readonly country = toSignal(this.form.controls.country.valueChanges, {
    initialValue: '',
  });
  protected readonly regions = computed(
    () => this.countryList().find((c) => c.code === this.country())?.regions ?? [],
  );

  protected save(): Promise<void> {
    return this.request.send(this.form, async () => {
      const { country, region, year } = this.form.getRawValue();
      const result = await this.api.post<ImportHolidaysResult>('/holidays/import', {
        country,
        year: Number(year),
        ...(region ? { region } : {}),
        language: this.i18n.language(),
      });
      const name = this.countryList().find((c) => c.code === country)?.name ?? country;
      this.ref.close({
        country: region ? `${name} (${region})` : name,
        year: Number(year),
        result,
      });
    });
  }
}
