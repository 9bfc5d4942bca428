import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { AuditEntry, Page } from '@app/api/models';
import { api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { DataTable } from '@app/shared/ui/data-table';
import { Pager } from '@app/shared/ui/pager';

@Component({
  selector: 'ctx-audit',
  imports: [MatTableModule, TranslatePipe, DataTable],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>{{ 'audit.title' | t }}</h1>
      </header>
      <p class="muted">{{ 'audit.intro' | t }}</p>
      <ctx-data-table
        [view]="entries"
        [columns]="columns"
        [emptyText]="'audit.none' | t"
        emptyIcon="history"
        [pager]="pager"
      >
        <ng-container matColumnDef="at">
          <th mat-header-cell *matHeaderCellDef>{{ 'audit.at' | t }}</th>
          <td mat-cell *matCellDef="let e">{{ fmt.dateTime(e.at) }}</td>
        </ng-container>
        <ng-container matColumnDef="actor">
          <th mat-header-cell *matHeaderCellDef>{{ 'audit.actor' | t }}</th>
          <td mat-cell *matCellDef="let e">
            {{ e.actorRole ? ('roles.' + e.actorRole | t) : ('audit.system' | t) }}
            @if (e.actorUserId) {
              <code class="muted">{{ e.actorUserId.slice(0, 8) }}</code>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="action">
          <th mat-header-cell *matHeaderCellDef>{{ 'audit.action' | t }}</th>
          <td mat-cell *matCellDef="let e">
            <code>{{ e.action }}</code>
          </td>
        </ng-container>
        <ng-container matColumnDef="target">
          <th mat-header-cell *matHeaderCellDef>{{ 'audit.target' | t }}</th>
          <td mat-cell *matCellDef="let e">
            {{ e.targetType ?? '—' }}
            @if (e.targetId) {
              <code class="muted">{{ e.targetId.slice(0, 8) }}</code>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="seq">
          <th mat-header-cell *matHeaderCellDef class="num">#</th>
          <td mat-cell *matCellDef="let e" class="num">{{ e.seq }}</td>
        </ng-container>
      </ctx-data-table>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Audit {
  private readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  protected readonly pager = new Pager(50, [25, 50, 100]);
  private readonly ref = httpResource<Page<AuditEntry>>(() => ({
    url: api('/audit'),
    params: this.pager.params(),
  }));
  protected readonly entries = viewOf(this.ref, this.i18n);
  protected readonly columns = ['seq', 'at', 'actor', 'action', 'target'];
}
