import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import type { Absence, AbsenceKind } from '@app/api/models';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { weekdayOf } from '@app/shared/data/working-time';

export const ABSENCE_KINDS: readonly AbsenceKind[] = ['vacation', 'sick', 'other'];

/** One person's line: their absences that touch the month (rejected ones left out). */
export interface AbsenceLine {
  employeeId: string;
  name: string;
  absences: readonly Absence[];
}

/**
 * Who is away, as a month of employees × days: a day is coloured by the kind of absence; a
 * requested (not yet approved) one is hatched and lighter. Weekends and holidays are shaded.
 */
@Component({
  selector: 'ctx-absence-calendar',
  imports: [TranslatePipe],
  template: `
    <!-- Focusable, so the keyboard can scroll a month wider than the screen. -->
    <div class="grid-wrap" tabindex="0" role="region" [attr.aria-label]="caption()">
      <table class="grid" [attr.aria-label]="caption()" data-testid="absence-calendar">
        <thead>
          <tr>
            <th scope="col" class="name">{{ 'attendance.employee' | t }}</th>
            @for (day of header(); track day.date) {
              <th
                scope="col"
                class="day"
                [class.off]="day.off"
                [attr.title]="day.title"
                [attr.data-date]="day.date"
              >
                <span class="wd" aria-hidden="true">{{ day.weekday }}</span>
                <span>{{ day.number }}</span>
              </th>
            }
          </tr>
        </thead>
        <tbody>
          @for (line of lines(); track line.employeeId) {
            <tr [attr.data-employee]="line.employeeId">
              <th scope="row" class="name">
                <button type="button" class="pick" (click)="pick.emit(line.employeeId)">
                  {{ line.name }}
                </button>
              </th>
              @for (cell of line.cells; track cell.date) {
                <td
                  [class.off]="cell.off"
                  [attr.data-date]="cell.date"
                  [attr.data-kind]="cell.absence?.kind ?? null"
                  [attr.data-status]="cell.absence?.status ?? null"
                >
                  @if (cell.absence; as a) {
                    <span
                      class="mark"
                      [class]="'mark k-' + a.kind + (a.status === 'requested' ? ' requested' : '')"
                      role="img"
                      [attr.aria-label]="cell.label"
                      [attr.title]="cell.label"
                    ></span>
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
    <ul class="legend" [attr.aria-label]="'attendance.legend' | t">
      @for (kind of kinds; track kind) {
        <li>
          <span class="swatch" [class]="'swatch k-' + kind" aria-hidden="true"></span>
          {{ 'absences.kinds.' + kind | t }}
        </li>
      }
      <li>
        <span class="swatch k-vacation requested" aria-hidden="true"></span>
        {{ 'absences.requestedLegend' | t }}
      </li>
      <li>
        <span class="swatch offday" aria-hidden="true"></span>
        {{ 'absences.offLegend' | t }}
      </li>
    </ul>
  `,
  styles: `
    :host {
      display: block;
      --k-vacation: #2e7d32;
      --k-sick: #c62828;
      --k-other: #6a1b9a;
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
      padding: 2px 8px;
      white-space: nowrap;
      position: sticky;
      left: 0;
      background: var(--mat-sys-surface);
      z-index: 1;
    }
    .pick {
      background: none;
      border: none;
      padding: 4px;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-primary);
      cursor: pointer;
      text-align: start;
    }
    th.day {
      min-width: 26px;
      font-weight: 500;
    }
    th.day span {
      display: block;
    }
    .wd {
      font-size: 10px;
      color: var(--mat-sys-on-surface-variant);
    }
    .off,
    .offday {
      background: var(--mat-sys-surface-container-high);
    }
    .mark {
      display: block;
      width: 22px;
      height: 22px;
      margin: auto;
      border-radius: 4px;
      box-sizing: border-box;
    }
    .k-vacation {
      --k: var(--k-vacation);
    }
    .k-sick {
      --k: var(--k-sick);
    }
    .k-other {
      --k: var(--k-other);
    }
    .mark,
    .swatch {
      background: var(--k);
    }
    .requested {
      border: 2px solid var(--k);
      background: repeating-linear-gradient(
        45deg,
        color-mix(in srgb, var(--k) 55%, transparent) 0 3px,
        transparent 3px 7px
      );
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
    .swatch.offday {
      border: 1px solid var(--mat-sys-outline-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AbsenceCalendar {
  private readonly fmt = inject(Format);
  private readonly i18n = inject(I18n);
  readonly days = input.required<readonly string[]>();
  readonly rows = input.required<readonly AbsenceLine[]>();
  /** Holiday names by day: shaded like weekends, named in the header's tooltip. */
  readonly holidays = input<ReadonlyMap<string, string>>(new Map());
  readonly caption = input('');
  /** A name was clicked (to show that person's balance). */
  readonly pick = output<string>();
  protected readonly kinds = ABSENCE_KINDS;

  protected readonly header = computed(() =>
    this.days().map((date) => {
      const holiday = this.holidays().get(date);
      return {
        date,
        number: Number(date.slice(8, 10)),
        weekday: this.fmt.weekday(date).slice(0, 2),
        off: weekdayOf(date) >= 6 || holiday !== undefined,
        title: holiday ? `${this.fmt.day(date)}: ${holiday}` : this.fmt.day(date),
      };
    }),
  );

  protected readonly lines = computed(() => {
    const holidays = this.holidays();
    return this.rows().map((line) => ({
      ...line,
      cells: this.days().map((date) => {
        // An approved absence wins over a request on the same day.
        const covering = line.absences.filter((a) => a.from <= date && date <= a.to);
        const absence =
          covering.find((a) => a.status === 'approved') ??
          covering.find((a) => a.status === 'requested') ??
          null;
        return {
          date,
          off: weekdayOf(date) >= 6 || holidays.has(date),
          absence,
          label: absence
            ? `${line.name}, ${this.fmt.day(date)}: ${this.i18n.t(
                `absences.kinds.${absence.kind}`,
              )} (${this.i18n.t(`absences.status.${absence.status}`)})`
            : '',
        };
      }),
    }));
  });
}
