import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatOption, MatSelect } from '@angular/material/select';
import { Format } from '@app/core/i18n/format.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { RANGE_PRESETS, presetOf, presetRange, type RangePreset } from '@app/shared/data/dates';
import { DateRangePicker } from './date-range-picker';
import { FieldLook } from './field-look';

export interface DayRange {
  from: string;
  to: string;
}

/**
 * A period of days: named presets, and a calendar for any other period. Neither is in the page's
 * first screen: the presets' select (with `@angular/forms` and the CDK overlay, about 150 KB before
 * compression) renders once the page is idle, shown until then by a field drawn like it; the
 * calendar loads on first use (fetched while the page is idle), its field a button showing the
 * period until then.
 */
@Component({
  selector: 'ctx-date-range',
  imports: [
    MatFormField,
    MatLabel,
    MatSelect,
    MatOption,
    TranslatePipe,
    DateRangePicker,
    FieldLook,
  ],
  template: `
    @defer (on idle) {
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="preset">
        <mat-label>{{ 'reports.quickRange' | t }}</mat-label>
        <mat-select
          [value]="preset() ?? 'custom'"
          (selectionChange)="choose($event.value)"
          data-testid="range-preset"
        >
          @for (p of presets; track p) {
            <mat-option [value]="p">{{ 'reports.presets.' + p | t }}</mat-option>
          }
          <mat-option value="custom" disabled>{{ 'reports.presets.custom' | t }}</mat-option>
        </mat-select>
      </mat-form-field>
    } @placeholder {
      <button
        ctxFieldLook
        caret
        [label]="'reports.quickRange' | t"
        class="preset"
        aria-disabled="true"
        data-testid="range-preset"
      >
        {{ 'reports.presets.' + (preset() ?? 'custom') | t }}
      </button>
    }
    @defer (on interaction; prefetch on idle) {
      <ctx-date-range-picker
        [from]="from()"
        [to]="to()"
        [openAtStart]="true"
        (rangeChange)="rangeChange.emit($event)"
      />
    } @placeholder {
      <button ctxFieldLook [label]="'reports.period' | t" class="period" data-testid="range-period">
        {{ shown() }}
        <span class="visually-hidden">{{ 'reports.choosePeriod' | t }}</span>
      </button>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .preset {
      width: 11rem;
    }
    .period {
      min-width: 15rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DateRange {
  private readonly fmt = inject(Format);
  readonly from = input.required<string>();
  readonly to = input.required<string>();
  readonly rangeChange = output<DayRange>();
  protected readonly presets = RANGE_PRESETS;
  protected readonly shown = computed(() => this.fmt.dayRange(this.from(), this.to()));
  /** Today, last week…: named when the range is one, "Custom" otherwise. */
  protected readonly preset = computed(() =>
    presetOf({ from: this.from(), to: this.to() }, new Date()),
  );

  protected choose(preset: RangePreset | 'custom'): void {
    if (preset === 'custom') return;
    this.rangeChange.emit(presetRange(preset, new Date()));
  }
}
