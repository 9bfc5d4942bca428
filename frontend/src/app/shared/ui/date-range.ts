import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import {
  RANGE_PRESETS,
  isoDay,
  parseDay,
  presetOf,
  presetRange,
  type RangePreset,
} from '@app/shared/data/dates';

export interface DayRange {
  from: string;
  to: string;
}

@Component({
  selector: 'ctx-date-range',
  imports: [
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
  ],
  template: `
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
    <mat-form-field subscriptSizing="dynamic">
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
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .preset {
      width: 11rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DateRange {
  readonly from = input.required<string>();
  readonly to = input.required<string>();
  readonly rangeChange = output<DayRange>();
  protected readonly start = computed(() => parseDay(this.from()));
  protected readonly end = computed(() => parseDay(this.to()));
  protected pending: { from: Date | null } = { from: null };
  protected readonly presets = RANGE_PRESETS;
  /** Today, last week…: named when the range is one, "Custom" otherwise. */
  protected readonly preset = computed(() =>
    presetOf({ from: this.from(), to: this.to() }, new Date()),
  );

  protected choose(preset: RangePreset | 'custom'): void {
    if (preset === 'custom') return;
    this.rangeChange.emit(presetRange(preset, new Date()));
  }

  protected emit(end: Date | null): void {
    const start = this.pending.from ?? this.start();
    if (!end || !start) return;
    this.rangeChange.emit({ from: isoDay(start), to: isoDay(end) });
  }
}
