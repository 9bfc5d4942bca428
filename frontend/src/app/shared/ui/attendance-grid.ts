import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AttendanceRow, AttendanceStatus, AttendanceTotalsRow } from '@app/api/models';
import { Format } from '@app/core/i18n/format.service';
import { I18n, type TranslationKey } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { weekdayOf } from '@app/shared/data/working-time';

export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = [
  'present',
  'late',
  'absent',
  'extra',
  'absence',
  'holiday',
  'day-off',
];

type TotalKey = 'worked' | 'scheduled' | 'balance' | 'daysLate' | 'daysAbsent' | 'daysOnLeave';

const TOTAL_COLUMNS: readonly { key: TotalKey; label: TranslationKey }[] = [
  { key: 'worked', label: 'attendance.worked' },
  { key: 'scheduled', label: 'attendance.scheduled' },
  { key: 'balance', label: 'attendance.balance' },
  { key: 'daysLate', label: 'attendance.daysLate' },
  { key: 'daysAbsent', label: 'attendance.daysAbsent' },
  { key: 'daysOnLeave', label: 'attendance.daysOnLeave' },
];

/** One employee's line of the grid: their rows by day. */
export interface AttendanceLine {
  employeeId: string;
  name: string;
  timeZone?: string | null;
  rows: readonly AttendanceRow[];
}

interface Cell {
  date: string;
  weekend: boolean;
  row: AttendanceRow | null;
  label: string;
}

/**
 * A month of attendance: employees × days, each day coloured by its status, with the figures in
 * its tooltip and label, and (when `totals` is given) each employee's totals beside the days.
 */
@Component({
  selector: 'ctx-attendance-grid',
  imports: [RouterLink, TranslatePipe],
  template: `
    <!-- Focusable, so the keyboard can scroll a month wider than the screen. -->
    <div class="grid-wrap" tabindex="0" role="region" [attr.aria-label]="caption()">
      <table class="grid" [attr.aria-label]="caption()" data-testid="attendance-grid">
        <thead>
          <tr>
            <th scope="col" class="name">{{ 'attendance.employee' | t }}</th>
            @for (day of header(); track day.date) {
              <th
                scope="col"
                class="day"
                [class.weekend]="day.weekend"
                [attr.title]="day.title"
                [attr.data-date]="day.date"
              >
                <span class="wd" aria-hidden="true">{{ day.weekday }}</span>
                <span>{{ day.number }}</span>
              </th>
            }
            @if (totals()) {
              @for (col of totalColumns; track col.key; let i = $index) {
                <th scope="col" [class]="'total t' + i">{{ col.label | t }}</th>
              }
            }
          </tr>
        </thead>
        <tbody>
          @for (line of lines(); track line.employeeId) {
            <tr [attr.data-employee]="line.employeeId">
              <th scope="row" class="name">{{ line.name }}</th>
              @for (cell of line.cells; track cell.date) {
                <td
                  class="cell"
                  [class.weekend]="cell.weekend"
                  [attr.data-date]="cell.date"
                  [attr.data-status]="cell.row?.status ?? null"
                >
                  @if (cell.row; as row) {
                    @if (link()) {
                      <a
                        class="mark"
                        [class]="'mark s-' + row.status"
                        [routerLink]="['/reports/timeline', line.employeeId]"
                        [queryParams]="{ day: cell.date }"
                        [attr.aria-label]="cell.label"
                        [attr.title]="cell.label"
                      ></a>
                    } @else {
                      <span
                        class="mark"
                        [class]="'mark s-' + row.status"
                        role="img"
                        [attr.aria-label]="cell.label"
                        [attr.title]="cell.label"
                      ></span>
                    }
                  }
                </td>
              }
              @if (totals(); as all) {
                @let t = all.get(line.employeeId);
                @for (col of totalColumns; track col.key; let i = $index) {
                  <td
                    [class]="'total t' + i"
                    [class.negative]="col.key === 'balance' && !!t && t.balanceSeconds < 0"
                    [attr.data-col]="col.key"
                  >
                    {{ t ? totalText(col.key, t) : '—' }}
                  </td>
                }
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
    <ul class="legend" [attr.aria-label]="'attendance.legend' | t">
      @for (status of statuses; track status) {
        <li>
          <span class="swatch" [class]="'swatch s-' + status" aria-hidden="true"></span>
          {{ 'attendance.status.' + status | t }}
        </li>
      }
    </ul>
  `,
  styles: `
    :host {
      display: block;
      --s-present: #2e7d32;
      --s-late: #ef8f00;
      --s-absent: #c62828;
      --s-extra: #1565c0;
      --s-absence: #00838f;
      --s-holiday: #7b1fa2;
      --s-day-off: var(--mat-sys-surface-container-highest);
    }
    .grid-wrap {
      overflow-x: auto;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
    }
    .grid {
      border-collapse: collapse;
      font: var(--mat-sys-body-small);
      width: max-content;
      min-width: 100%;
    }
    th,
    td {
      padding: 2px;
      text-align: center;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    th.name {
      text-align: start;
      padding: 4px 12px;
      white-space: nowrap;
      position: sticky;
      left: 0;
      background: var(--mat-sys-surface);
      font: var(--mat-sys-label-large);
      z-index: 1;
    }
    th.day {
      min-width: 24px;
      font-weight: 500;
    }
    th.day span {
      display: block;
    }
    .wd {
      font-size: 10px;
      color: var(--mat-sys-on-surface-variant);
    }
    .weekend {
      background: var(--mat-sys-surface-container-low);
    }
    .total {
      padding: 4px;
      text-align: end;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    th.total {
      white-space: normal;
      overflow-wrap: anywhere;
      hyphens: auto;
      font: var(--mat-sys-label-small);
      font-weight: 500;
      line-height: 1.2;
      vertical-align: bottom;
    }
    /* The totals stay in view at the right while the days scroll under them. */
    .total {
      position: sticky;
      width: 72px;
      min-width: 72px;
      max-width: 72px;
      background: var(--mat-sys-surface);
      z-index: 1;
    }
    .t0 {
      right: 400px;
      border-left: 1px solid var(--mat-sys-outline-variant);
    }
    .t1 {
      right: 320px;
    }
    .t2 {
      right: 240px;
    }
    .t3 {
      right: 160px;
    }
    .t4 {
      right: 80px;
    }
    .t5 {
      right: 0;
    }
    td.total.negative {
      color: var(--mat-sys-error);
    }
    .mark {
      display: block;
      width: 20px;
      height: 20px;
      margin: auto;
      border-radius: 4px;
      box-sizing: border-box;
    }
    a.mark:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 1px;
    }
    .s-present {
      background: var(--s-present);
    }
    .s-late {
      background: var(--s-late);
    }
    .s-absent {
      background: var(--mat-sys-surface);
      border: 3px solid var(--s-absent);
    }
    .s-extra {
      background: var(--s-extra);
    }
    .s-absence {
      background: repeating-linear-gradient(
        45deg,
        var(--s-absence) 0 4px,
        color-mix(in srgb, var(--s-absence) 45%, transparent) 4px 8px
      );
    }
    .s-holiday {
      background: repeating-linear-gradient(
        -45deg,
        var(--s-holiday) 0 4px,
        color-mix(in srgb, var(--s-holiday) 45%, transparent) 4px 8px
      );
    }
    .s-day-off {
      background: var(--s-day-off);
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 20px;
      list-style: none;
      padding: 0;
      margin: 12px 0 0;
    }
    .legend li {
      display: flex;
      align-items: center;
      gap: 6px;
    }
    .swatch {
      display: inline-block;
      width: 14px;
      height: 14px;
      border-radius: 3px;
      box-sizing: border-box;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttendanceGrid {
  protected readonly fmt = inject(Format);
  private readonly i18n = inject(I18n);
  readonly days = input.required<readonly string[]>();
  readonly rows = input.required<readonly AttendanceLine[]>();
  /** Each employee's totals by id; null leaves the totals columns out. */
  readonly totals = input<ReadonlyMap<string, AttendanceTotalsRow> | null>(null);
  /** Holiday names by day, for the header's tooltips. */
  readonly holidays = input<ReadonlyMap<string, string>>(new Map());
  /** Cells link to the employee's day timeline. */
  readonly link = input(true);
  readonly caption = input('');
  protected readonly statuses = ATTENDANCE_STATUSES;
  protected readonly totalColumns = TOTAL_COLUMNS;

  protected totalText(key: TotalKey, t: AttendanceTotalsRow): string {
    switch (key) {
      case 'worked':
        return this.fmt.duration(t.workedSeconds);
      case 'scheduled':
        return this.fmt.duration(t.scheduledSeconds);
      case 'balance':
        return this.fmt.signedDuration(t.balanceSeconds);
      case 'daysLate':
        return this.fmt.num(t.daysLate);
      case 'daysAbsent':
        return this.fmt.num(t.daysAbsent);
      case 'daysOnLeave':
        return this.fmt.num(t.daysOnLeave);
    }
  }

  protected readonly header = computed(() =>
    this.days().map((date) => {
      const weekday = weekdayOf(date);
      const holiday = this.holidays().get(date);
      return {
        date,
        number: Number(date.slice(8, 10)),
        weekday: this.fmt.weekday(date).slice(0, 2),
        weekend: weekday >= 6,
        title: holiday ? `${this.fmt.day(date)}: ${holiday}` : this.fmt.day(date),
      };
    }),
  );

  protected readonly lines = computed(() =>
    this.rows().map((line) => {
      const byDate = new Map(line.rows.map((row) => [row.date, row]));
      const cells: Cell[] = this.days().map((date) => {
        const row = byDate.get(date) ?? null;
        return {
          date,
          weekend: weekdayOf(date) >= 6,
          row,
          label: row ? this.describe(line, row) : '',
        };
      });
      return { ...line, cells };
    }),
  );

  /** What a cell's tooltip and screen readers say: the status and the day's figures. */
  private describe(line: AttendanceLine, row: AttendanceRow): string {
    const parts = [
      `${line.name}, ${this.fmt.day(row.date)}: ${this.i18n.t(`attendance.status.${row.status}`)}`,
    ];
    const holiday = row.status === 'holiday' ? this.holidays().get(row.date) : undefined;
    if (holiday) parts.push(holiday);
    if (row.arrivedAt) {
      parts.push(
        this.i18n.t('attendance.tip.arrivedLeft', {
          arrived: this.fmt.timeIn(row.arrivedAt, line.timeZone),
          left: this.fmt.timeIn(row.leftAt, line.timeZone),
        }),
      );
    }
    if (row.workedSeconds > 0 || row.scheduledSeconds > 0) {
      parts.push(
        this.i18n.t('attendance.tip.worked', {
          worked: this.fmt.duration(row.workedSeconds),
          scheduled: this.fmt.duration(row.scheduledSeconds),
        }),
      );
    }
    if (row.lateSeconds > 0) {
      parts.push(this.i18n.t('attendance.tip.late', { late: this.fmt.duration(row.lateSeconds) }));
    }
    if (row.earlyLeaveSeconds > 0) {
      parts.push(
        this.i18n.t('attendance.tip.early', { early: this.fmt.duration(row.earlyLeaveSeconds) }),
      );
    }
    if (row.overtimeSeconds > 0) {
      parts.push(
        this.i18n.t('attendance.tip.overtime', {
          overtime: this.fmt.duration(row.overtimeSeconds),
        }),
      );
    }
    return parts.join('. ');
  }
}
