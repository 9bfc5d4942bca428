import {
  ChangeDetectionStrategy,
  Component,
  afterNextRender,
  computed,
  input,
  output,
  viewChild,
} from '@angular/core';
import {
  MatDateRangePicker,
  MatDateRangeInput,
  MatDatepickerToggle,
  MatStartDate,
  MatEndDate,
} from '@angular/material/datepicker';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { isoDay, parseDay } from '@app/shared/data/dates';
import type { DayRange } from './date-range';
import { provideConsoleDateAdapter } from './date-adapter';
import { FIELD_PARTS } from './parts/field';

/**
 * The calendar part of `ctx-date-range`: loaded when someone asks for a custom period (the
 * datepicker and the forms it needs are most of a page's first script otherwise).
 */
@Component({
  selector: 'ctx-date-range-picker',
  providers: [provideConsoleDateAdapter()],
  imports: [
    MatDateRangeInput,
    MatDateRangePicker,
    MatDatepickerToggle,
    MatStartDate,
    MatEndDate,
    FIELD_PARTS,
    TranslatePipe,
  ],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ 'reports.period' | t }}</mat-label>
      <mat-date-range-input [rangePicker]="picker">
        <input
          matStartDate
          [value]="start()"
          (dateChange)="pending.from = $event.value"
          [attr.aria-label]="'reports.from' | t"
          data-testid="range-from"
        />
        <input
          matEndDate
          [value]="end()"
          (dateChange)="emit($event.value)"
          [attr.aria-label]="'reports.to' | t"
          data-testid="range-to"
        />
      </mat-date-range-input>
      <mat-datepicker-toggle matIconSuffix [for]="picker" />
      <mat-date-range-picker #picker />
    </mat-form-field>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DateRangePicker {
  readonly from = input.required<string>();
  readonly to = input.required<string>();
  /** Opens the calendar at once: the person already asked for it by pressing the placeholder. */
  readonly openAtStart = input(false);
  readonly rangeChange = output<DayRange>();
  protected readonly start = computed(() => parseDay(this.from()));
  protected readonly end = computed(() => parseDay(this.to()));
  protected pending: { from: Date | null } = { from: null };
  private readonly picker = viewChild.required<MatDateRangePicker<Date>>('picker');

  constructor() {
    afterNextRender(() => {
      if (this.openAtStart()) this.picker().open();
    });
  }

  protected emit(end: Date | null): void {
    const start = this.pending.from ?? this.start();
    if (!end || !start) return;
    this.rangeChange.emit({ from: isoDay(start), to: isoDay(end) });
  }
}
