import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatOption, MatSelect } from '@angular/material/select';
import { Format } from '@app/core/i18n/format.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { RANGE_PRESETS, presetOf, presetRange, type RangePreset } from '@app/shared/data/dates';
import { DateRangePicker } from './date-range-picker';

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
  imports: [MatFormField, MatLabel, MatSelect, MatOption, TranslatePipe, DateRangePicker],
  template: `
    @defer (on idle) {
      <mat-form-field subscriptSizing="dynamic" class="preset">
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
      <button type="button" class="period preset" aria-disabled="true" data-testid="range-preset">
        <span class="period-label">{{ 'reports.quickRange' | t }}</span>
        <span class="period-value">{{ 'reports.presets.' + (preset() ?? 'custom') | t }}</span>
        <span class="caret" aria-hidden="true"></span>
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
      <button type="button" class="period" data-testid="range-period">
        <span class="period-label">{{ 'reports.period' | t }}</span>
        <span class="period-value">{{ shown() }}</span>
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
    .period.preset {
      min-width: 0;
      padding-right: 32px;
    }
    /* The select's arrow, on the field that stands in for it. */
    .caret {
      position: absolute;
      right: 12px;
      top: 50%;
      margin-top: -2.5px;
      border: 5px solid transparent;
      border-top-color: var(--mat-sys-on-surface-variant);
      border-bottom-width: 0;
    }
    /* Drawn like the outlined field it turns into, so nothing moves when it does. */
    .period {
      position: relative;
      box-sizing: border-box;
      min-width: 15rem;
      height: 56px;
      padding: 0 16px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-extra-small, 4px);
      background: transparent;
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-body-large);
      text-align: start;
      cursor: pointer;
    }
    .period:hover {
      border-color: var(--mat-sys-on-surface);
    }
    .period:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: -2px;
    }
    .period-label {
      position: absolute;
      top: -0.6em;
      left: 12px;
      padding: 0 4px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
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
