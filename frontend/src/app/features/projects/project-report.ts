import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatButtonToggleGroup, MatButtonToggle } from '@angular/material/button-toggle';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { api } from '@app/core/http/api';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { type ResourceView, viewOf } from '@app/shared/data/resource-view';
import { BarList, type BarRow } from '@app/shared/ui/bar-list';
import { DataTable } from '@app/shared/ui/data-table';
import { hours, type ProjectReport } from './projects.models';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

type GroupBy = 'project' | 'client' | 'task' | 'employee';

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Hours by project, client, task or employee over a range, billable amounts and budget used. */
@Component({
  selector: 'ctx-project-report',
  imports: [
    FormsModule,
    MatButton,
    MatButtonToggleGroup,
    MatButtonToggle,
    FIELD_PARTS,
    MatIcon,
    TABLE_PARTS,
    RouterLink,
    TranslatePipe,
    BarList,
    DataTable,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>{{ 'projects.reportTitle' | t }}</h1>
        <div class="filters">
          <a mat-button routerLink="/projects"
            ><mat-icon>arrow_back</mat-icon>{{ 'projects.title' | t }}</a
          >
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'projects.from' | t }}</mat-label>
            <input
              matInput
              type="date"
              [ngModel]="from()"
              (ngModelChange)="from.set($event)"
              data-testid="report-from"
            />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'projects.to' | t }}</mat-label>
            <input
              matInput
              type="date"
              [ngModel]="to()"
              (ngModelChange)="to.set($event)"
              data-testid="report-to"
            />
          </mat-form-field>
          <mat-button-toggle-group
            [value]="groupBy()"
            (change)="groupBy.set($event.value)"
            [attr.aria-label]="'projects.groupBy' | t"
          >
            <mat-button-toggle value="project">{{ 'projects.project' | t }}</mat-button-toggle>
            <mat-button-toggle value="client">{{ 'projects.client' | t }}</mat-button-toggle>
            <mat-button-toggle value="task">{{ 'projects.task' | t }}</mat-button-toggle>
            <mat-button-toggle value="employee">{{ 'projects.employee' | t }}</mat-button-toggle>
          </mat-button-toggle-group>
        </div>
      </header>
      @if (report.data(); as r) {
        <p data-testid="report-totals">
          {{
            'projects.totals'
              | t
                : {
                    total: hoursOf(r.totalSeconds),
                    unallocated: hoursOf(r.unallocatedSeconds),
                    amount: r.amount,
                    currency: r.currency,
                  }
          }}
        </p>
        <ctx-bar-list [rows]="bars()" [caption]="'projects.reportTitle' | t" />
      }
      <ctx-data-table
        [view]="table"
        [rows]="report.data()?.rows ?? []"
        [columns]="columns()"
        [emptyText]="'projects.noReport' | t"
        emptyIcon="bar_chart"
        testId="report-table"
      >
        <ng-container matColumnDef="name">
          <th mat-header-cell *matHeaderCellDef>{{ 'projects.name' | t }}</th>
          <td mat-cell *matCellDef="let r">
            {{ r.id === null && r.name === 'Unallocated' ? ('projects.unallocated' | t) : r.name }}
          </td>
        </ng-container>
        <ng-container matColumnDef="hours">
          <th mat-header-cell *matHeaderCellDef>{{ 'projects.hours' | t }}</th>
          <td mat-cell *matCellDef="let r">{{ hoursOf(r.seconds) }}</td>
        </ng-container>
        <ng-container matColumnDef="billable">
          <th mat-header-cell *matHeaderCellDef>{{ 'projects.billableHours' | t }}</th>
          <td mat-cell *matCellDef="let r">{{ hoursOf(r.billableSeconds) }}</td>
        </ng-container>
        <ng-container matColumnDef="amount">
          <th mat-header-cell *matHeaderCellDef>{{ 'projects.amount' | t }}</th>
          <td mat-cell *matCellDef="let r">{{ r.amount }}</td>
        </ng-container>
        <ng-container matColumnDef="budget">
          <th mat-header-cell *matHeaderCellDef>{{ 'projects.budgetUsed' | t }}</th>
          <td mat-cell *matCellDef="let r">
            {{
              r.budgetUsedPercent !== null && r.budgetUsedPercent !== undefined
                ? r.budgetUsedPercent + ' %'
                : '—'
            }}
          </td>
        </ng-container>
      </ctx-data-table>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectReportPage {
  protected readonly i18n = inject(I18n);
  protected readonly from = signal(isoDay(new Date(Date.now() - 29 * 86_400_000)));
  protected readonly to = signal(isoDay(new Date()));
  protected readonly groupBy = signal<GroupBy>('project');
  private readonly reportRef = httpResource<ProjectReport>(() => ({
    url: api('/reports/projects'),
    params: { from: this.from(), to: this.to(), groupBy: this.groupBy() },
  }));
  protected readonly report = viewOf(this.reportRef, this.i18n);
  /** The report's rows as the data table's listing. */
  protected readonly table: ResourceView<{ items: ProjectReport['rows'] }> = {
    ...this.report,
    data: computed(() => {
      const r = this.report.data();
      return r ? { items: r.rows } : undefined;
    }),
  };
  protected readonly columns = computed(() =>
    this.groupBy() === 'project'
      ? ['name', 'hours', 'billable', 'amount', 'budget']
      : ['name', 'hours', 'billable', 'amount'],
  );
  protected readonly bars = computed<BarRow[]>(() =>
    (this.report.data()?.rows ?? []).map((r) => ({
      label:
        r.id === null && r.name === 'Unallocated' ? this.i18n.t('projects.unallocated') : r.name,
      value: r.seconds,
      display: hours(r.seconds),
      tone: r.id === null ? 'unproductive' : 'productive',
    })),
  );
  protected hoursOf(seconds: number): string {
    return hours(seconds);
  }
}
