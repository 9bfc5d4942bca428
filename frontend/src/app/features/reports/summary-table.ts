import { ChangeDetectionStrategy, Component, inject, input, model } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { type Sort, MatSort, MatSortHeader } from '@angular/material/sort';
import { RouterLink } from '@angular/router';
import type { SummaryRow } from '@app/api/models';
import { Format } from '@app/core/i18n/format.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import type { Totals } from '@app/shared/data/report-math';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';
import { SplitBar } from '@app/shared/ui/split-bar';

/** The columns of the summary, in order. */
const COLUMNS = [
  'fullName',
  'activeSeconds',
  'idleSeconds',
  'productiveSeconds',
  'neutralSeconds',
  'unproductiveSeconds',
  'firstActivityAt',
  'lastActivityAt',
];

/**
 * The summary report's people: a filter, the split of their time, and a sortable table with the
 * totals in its footer. A component of its own so that the reports page can load it (the table,
 * the sort headers, the filter's field) beside the report's data instead of before its first
 * screen. The page keeps the filter and the sort, which outlive a switch of tabs.
 */
@Component({
  selector: 'ctx-summary-table',
  imports: [
    TABLE_PARTS,
    MatIconButton,
    MatSort,
    MatSortHeader,
    FIELD_PARTS,
    MatIcon,
    RouterLink,
    TranslatePipe,
    SplitBar,
  ],
  template: `
    <div class="toolbar-row">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'reports.filterPeople' | t }}</mat-label>
        <mat-icon matPrefix>search</mat-icon>
        <input matInput [value]="filter()" (input)="filter.set($any($event.target).value)" />
        @if (filter()) {
          <button
            mat-icon-button
            matSuffix
            type="button"
            (click)="filter.set('')"
            [attr.aria-label]="'reports.clearFilter' | t"
            data-testid="clear-filter"
          >
            <mat-icon>close</mat-icon>
          </button>
        }
      </mat-form-field>
      <span class="grow"></span>
      <ctx-split-bar
        class="grow"
        [productive]="totals().productiveSeconds"
        [neutral]="totals().neutralSeconds"
        [unproductive]="totals().unproductiveSeconds"
      />
    </div>
    <div class="table-wrap">
      <table
        mat-table
        matSort
        [matSortActive]="sort().active"
        [matSortDirection]="sort().direction"
        (matSortChange)="sort.set($event)"
        [dataSource]="rows()"
        data-testid="summary-table"
      >
        <ng-container matColumnDef="fullName">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>
            {{ 'reports.employee' | t }}
          </th>
          <td mat-cell *matCellDef="let r">
            <a [routerLink]="['/reports/timeline', r.employeeId]" [queryParams]="{ day: day() }">
              {{ r.fullName }}
            </a>
          </td>
          <td mat-footer-cell *matFooterCellDef>{{ 'reports.total' | t }}</td>
        </ng-container>
        @for (
          col of [
            'activeSeconds',
            'idleSeconds',
            'productiveSeconds',
            'neutralSeconds',
            'unproductiveSeconds',
          ];
          track col
        ) {
          <ng-container [matColumnDef]="col">
            <th
              mat-header-cell
              *matHeaderCellDef
              mat-sort-header
              arrowPosition="before"
              class="num"
            >
              {{ 'reports.col.' + col | t }}
            </th>
            <td
              mat-cell
              *matCellDef="let r"
              class="num"
              [attr.data-col]="col"
              [attr.data-seconds]="r[col]"
            >
              {{ fmt.clock(r[col]) }}
            </td>
            <td mat-footer-cell *matFooterCellDef class="num">
              {{ fmt.clock($any(totals())[col]) }}
            </td>
          </ng-container>
        }
        <ng-container matColumnDef="firstActivityAt">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>{{ 'reports.first' | t }}</th>
          <td mat-cell *matCellDef="let r">{{ fmt.dateTime(r.firstActivityAt) }}</td>
          <td mat-footer-cell *matFooterCellDef></td>
        </ng-container>
        <ng-container matColumnDef="lastActivityAt">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>{{ 'reports.last' | t }}</th>
          <td mat-cell *matCellDef="let r">{{ fmt.dateTime(r.lastActivityAt) }}</td>
          <td mat-footer-cell *matFooterCellDef></td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr
          mat-row
          *matRowDef="let row; columns: columns"
          [attr.data-employee]="row.employeeId"
        ></tr>
        <tr mat-footer-row *matFooterRowDef="columns"></tr>
      </table>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SummaryTable {
  protected readonly fmt = inject(Format);
  /** The rows to show, filtered and sorted by the page. */
  readonly rows = input.required<readonly SummaryRow[]>();
  readonly totals = input.required<Totals>();
  /** The day a person's name opens their timeline at. */
  readonly day = input.required<string>();
  readonly filter = model.required<string>();
  readonly sort = model.required<Sort>();
  protected readonly columns = COLUMNS;
}
