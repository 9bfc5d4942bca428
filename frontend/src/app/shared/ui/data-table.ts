import { NgTemplateOutlet } from '@angular/common';
import {
  type AfterContentInit,
  ChangeDetectionStrategy,
  Component,
  Directive,
  TemplateRef,
  computed,
  contentChild,
  contentChildren,
  inject,
  input,
  viewChild,
} from '@angular/core';
import { MatPaginatorIntl, MatPaginator } from '@angular/material/paginator';
import { TranslatedPaginatorIntl } from '@app/core/i18n/paginator-intl';
import { MatColumnDef, MatTable } from '@angular/material/table';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import type { ResourceView } from '@app/shared/data/resource-view';
import { AsyncState } from './async-state';
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
  imports: [TABLE_PARTS, MatPaginator, NgTemplateOutlet, TranslatePipe, AsyncState],
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
      <div class="table-wrap">
        <table mat-table [dataSource]="shownRows()" [attr.data-testid]="testId()">
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
    </ctx-async-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DataTable<T> implements AfterContentInit {
  readonly view = input.required<ResourceView<Listing<T>>>();
  readonly columns = input.required<readonly string[]>();
  /** Rows to show instead of the view's items (a list merged with what the page holds). */
  readonly rows = input<readonly T[]>();
  readonly emptyText = input('');
  readonly emptyIcon = input('inbox');
  readonly pager = input<Pager>();
  readonly testId = input<string | null>(null);

  private readonly table = viewChild.required(MatTable);
  private readonly columnDefs = contentChildren(MatColumnDef);
  protected readonly actions = contentChild(RowActions);

  protected readonly shownRows = computed(() => this.rows() ?? this.view().data()?.items ?? []);
  protected readonly shownColumns = computed(() =>
    this.actions() ? [...this.columns(), 'actions'] : this.columns(),
  );

  // The column definitions are the page's content, not the table's, so the table is told of them
  // (the wrapped-table pattern of the Material docs).
  ngAfterContentInit(): void {
    for (const def of this.columnDefs()) this.table().addColumnDef(def);
  }
}
