import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ChangeDetectionStrategy, Component, computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { I18n } from '@app/core/i18n/i18n.service';
import { MatTableHarness } from '@angular/material/table/testing';
import { MatTableModule } from '@angular/material/table';
import type { ResourceView } from '@app/shared/data/resource-view';
import { provideTestApp, settle } from '../../../testing/providers';
import { DataTable, type Listing, RowActions } from './data-table';
import { Pager } from './pager';

interface Row {
  id: string;
  name: string;
}

@Component({
  imports: [MatTableModule, DataTable, RowActions],
  template: `
    <ctx-data-table
      [view]="view"
      [columns]="['name', 'id']"
      emptyText="Nothing here"
      [pager]="pager"
      testId="rows"
    >
      <ng-container matColumnDef="id">
        <th mat-header-cell *matHeaderCellDef>Id</th>
        <td mat-cell *matCellDef="let r">{{ r.id }}</td>
      </ng-container>
      <ng-container matColumnDef="name">
        <th mat-header-cell *matHeaderCellDef>Name</th>
        <td mat-cell *matCellDef="let r">{{ r.name }}</td>
      </ng-container>
      <ng-template ctxRowActions let-r>
        <button type="button">Open {{ r.name }}</button>
      </ng-template>
    </ctx-data-table>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly data = signal<Listing<Row> | undefined>(undefined);
  readonly loading = signal(false);
  readonly reloads = signal(0);
  readonly pager = new Pager(25);
  readonly view: ResourceView<Listing<Row>> = {
    data: this.data,
    loading: this.loading,
    unavailable: computed(() => false),
    error: computed(() => null),
    reload: () => this.reloads.update((n) => n + 1),
  };
}

describe('data table', () => {
  async function render(listing: Listing<Row> | undefined) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.data.set(listing);
    await settle(fixture);
    return { fixture, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  it('shows the projected columns in the given order, then the row actions', async () => {
    const { fixture, loader } = await render({
      items: [
        { id: 'a1', name: 'Ada' },
        { id: 'b2', name: 'Bob' },
      ],
      total: 2,
    });
    const table = await loader.getHarness(
      MatTableHarness.with({ selector: '[data-testid="rows"]' }),
    );
    const [header] = await table.getHeaderRows();
    expect(await header.getCellTextByIndex()).toEqual(['Name', 'Id', 'Actions']);
    const cells = await table.getCellTextByColumnName();
    expect(cells['name']?.text).toEqual(['Ada', 'Bob']);
    expect(cells['actions']?.text).toEqual(['Open Ada', 'Open Bob']);
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('th.mat-column-actions .visually-hidden')?.textContent).toContain(
      'Actions',
    );
  });

  it('says so when the list is empty, without a table', async () => {
    const { fixture } = await render({ items: [], total: 0 });
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="empty"]')?.textContent).toContain('Nothing here');
    expect(el.querySelector('table')).toBeNull();
  });

  it('pages with the pager and the total the server reports', async () => {
    const { fixture, loader } = await render({ items: [{ id: 'a1', name: 'Ada' }], total: 60 });
    const paginator = await loader.getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('1 – 25 of 60');
    await paginator.goToNextPage();
    expect(fixture.componentInstance.pager.params()).toEqual({ page: 2, pageSize: 25 });
  });

  it('labels the pager in the console language (the table provides the translated labels)', async () => {
    const { fixture, loader } = await render({ items: [{ id: 'a1', name: 'Ada' }], total: 60 });
    await TestBed.inject(I18n).use('ru');
    await settle(fixture);
    const paginator = await loader.getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('1 – 25 из 60');
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.mat-mdc-paginator-page-size-label')?.textContent).toContain(
      'Строк на странице',
    );
  });
});
