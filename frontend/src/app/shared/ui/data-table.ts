import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  TemplateRef,
  computed,
  contentChild,
  contentChildren,
  inject,
  input,
  type OnInit,
} from '@angular/core';
import { MatPaginatorIntl, MatPaginator } from '@angular/material/paginator';
import { TranslatedPaginatorIntl } from '@app/core/i18n/paginator-intl';
import { MatColumnDef, MatTable } from '@angular/material/table';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import type { ResourceView } from '@app/shared/data/resource-view';
import { AsyncState, WhenReady } from './async-state';
import type { Pager } from './pager';
import { TABLE_PARTS } from './parts/table';

/** What a list endpoint returns; `total` only where the server pages. */
export interface Listing<T> {
  items: readonly T[];
  total?: number;
}

/** The cells of a table's trailing actions column: `<ng-template ctxRowActions let-row>`. */
@Directive({ selector: 'ng-template[ctxRowActions]' })
export class RowActions {
  readonly template = inject(TemplateRef);
}

/**
 * Tells the table of the column definitions declared outside it, in the page's content (the
 * wrapped-table pattern of the Material docs), before the table first looks for its columns.
 */
@Directive({ selector: 'table[ctxColumnDefs]' })
export class ColumnDefsOf implements OnInit {
  readonly defs = input.required<readonly MatColumnDef[]>({ alias: 'ctxColumnDefs' });
  private readonly table = inject(MatTable);

  ngOnInit(): void {
    for (const def of this.defs()) this.table.addColumnDef(def);
  }
}

/**
 * A list as a Material table inside the loading, error and empty states. The page declares its
 * columns as `matColumnDef`s inside this element and names them in `columns`; a `ctxRowActions`
 * template adds an actions column at the end, and a `pager` a paginator below; an `empty-action`
 * element is shown in the empty state (what to do next).
 */
@Component({
  // Here, not in app.config: importing the paginator there put it, with the select and form field
  // it uses, into the JavaScript every first page load waits for.
  providers: [{ provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl }],
  selector: 'ctx-data-table',
  imports: [
    TABLE_PARTS,
    MatPaginator,
    NgTemplateOutlet,
    TranslatePipe,
    AsyncState,
    WhenReady,
    ColumnDefsOf,
  ],
  template: `
    <ctx-async-state
      [view]="view()"
      [empty]="shownRows().length === 0"
      [emptyText]="emptyText()"
      [emptyIcon]="emptyIcon()"
    >
      <ng-container ngProjectAs="[empty-action]">
        <ng-content select="[empty-action]" />
      </ng-container>
      <ng-template ctxWhenReady>
        <div class="table-wrap">
          <table
            mat-table
            [ctxColumnDefs]="columnDefs()"
            [dataSource]="shownRows()"
            [attr.data-testid]="testId()"
          >
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef>
                <span class="visually-hidden">{{ 'common.actions' | t }}</span>
              </th>
              <td mat-cell *matCellDef="let row" class="num">
                <ng-container
                  [ngTemplateOutlet]="actions()?.template ?? null"
                  [ngTemplateOutletContext]="{ $implicit: row }"
                />
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="shownColumns()"></tr>
            <tr mat-row *matRowDef="let row; columns: shownColumns()"></tr>
          </table>
        </div>
        @if (pager(); as p) {
          <mat-paginator
            [length]="view().data()?.total ?? 0"
            [pageIndex]="p.index()"
            [pageSize]="p.size()"
            [pageSizeOptions]="p.sizeOptions"
            (page)="p.set($event)"
            [attr.aria-label]="'common.pagination' | t"
          />
        }
      </ng-template>
    </ctx-async-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DataTable<T> {
  readonly view = input.required<ResourceView<Listing<T>>>();
  readonly columns = input.required<readonly string[]>();
  /** Rows to show instead of the view's items (a list merged with what the page holds). */
  readonly rows = input<readonly T[]>();
  readonly emptyText = input('');
  readonly emptyIcon = input('inbox');
  readonly pager = input<Pager>();
  readonly testId = input<string | null>(null);

  protected readonly columnDefs = contentChildren(MatColumnDef);
  protected readonly actions = contentChild(RowActions);

  protected readonly shownRows = computed(() => this.rows() ?? this.view().data()?.items ?? []);
  protected readonly shownColumns = computed(() =>
    this.actions() ? [...this.columns(), 'actions'] : this.columns(),
  );
}
