import { HttpParams, httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  resource,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MatDateRangeInput,
  MatDateRangePicker,
  MatDatepickerToggle,
  MatStartDate,
  MatEndDate,
} from '@angular/material/datepicker';
import { MatIcon } from '@angular/material/icon';
import { MatSelect, MatOption } from '@angular/material/select';
import type { AuditEntry, Page, User } from '@app/api/models';
import { Api, api, query } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n, type TranslationKey } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { addDays, isoDay } from '@app/shared/data/dates';
import { Downloads } from '@app/shared/data/downloads';
import { viewOf } from '@app/shared/data/resource-view';
import { loadAllEmployees } from '@app/shared/data/working-time';
import { Ui } from '@app/shared/ui/confirm';
import { DataTable } from '@app/shared/ui/data-table';
import { Pager } from '@app/shared/ui/pager';
import { provideConsoleDateAdapter } from '@app/shared/ui/date-adapter';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

/** The action groups the "what" filter offers (the part of an action before its dot). */
export const AUDIT_GROUPS = [
  'auth',
  'user',
  'employee',
  'team',
  'device',
  'enrollment-token',
  'api-token',
  'data',
  'export',
  'rule',
  'work-schedule',
  'holiday',
  'absence',
  'time-entry',
  'timesheet',
  'period',
  'privacy',
  'notice',
  'policy',
  'organization',
  'directory',
  'scim',
  'audit',
  'cli',
] as const;

@Component({
  selector: 'ctx-audit',
  providers: [provideConsoleDateAdapter()],
  imports: [
    TABLE_PARTS,
    MatButton,
    MatIcon,
    FIELD_PARTS,
    MatSelect,
    MatOption,
    MatDateRangeInput,
    MatDateRangePicker,
    MatDatepickerToggle,
    MatStartDate,
    MatEndDate,
    TranslatePipe,
    DataTable,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>{{ 'audit.title' | t }}</h1>
        <button
          mat-stroked-button
          type="button"
          (click)="exportCsv()"
          [disabled]="exporting()"
          data-testid="audit-export"
        >
          <mat-icon>download</mat-icon>
          {{ 'audit.exportCsv' | t }}
        </button>
      </header>
      <p class="muted">{{ 'audit.intro' | t }}</p>

      <div class="filters" role="search">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'audit.filterWho' | t }}</mat-label>
          <mat-select
            [value]="actor()"
            (selectionChange)="setFilter(actor, $event.value)"
            data-testid="audit-filter-who"
          >
            <mat-option value="">{{ 'audit.anyone' | t }}</mat-option>
            @for (u of users(); track u.id) {
              <mat-option [value]="u.id">{{ u.fullName || u.email }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'audit.filterWhat' | t }}</mat-label>
          <mat-select
            [value]="group()"
            (selectionChange)="setFilter(group, $event.value)"
            data-testid="audit-filter-what"
          >
            <mat-option value="">{{ 'audit.anything' | t }}</mat-option>
            @for (g of groups; track g) {
              <mat-option [value]="g">{{ 'audit.groups.' + g | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'audit.filterWhen' | t }}</mat-label>
          <mat-date-range-input [rangePicker]="picker">
            <input
              matStartDate
              [value]="fromDay()"
              (dateChange)="setFilter(fromDay, $event.value)"
              [attr.aria-label]="'audit.from' | t"
              data-testid="audit-filter-from"
            />
            <input
              matEndDate
              [value]="toDay()"
              (dateChange)="setFilter(toDay, $event.value)"
              [attr.aria-label]="'audit.to' | t"
              data-testid="audit-filter-to"
            />
          </mat-date-range-input>
          <mat-datepicker-toggle matIconSuffix [for]="picker" />
          <mat-date-range-picker #picker />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'audit.filterWhose' | t }}</mat-label>
          <mat-select
            [value]="employee()"
            (selectionChange)="setFilter(employee, $event.value)"
            data-testid="audit-filter-whose"
          >
            <mat-option value="">{{ 'audit.anybody' | t }}</mat-option>
            @for (e of employees(); track e.id) {
              <mat-option [value]="e.id">{{ e.fullName }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (filtered()) {
          <button mat-button type="button" (click)="clear()" data-testid="audit-clear">
            {{ 'audit.clear' | t }}
          </button>
        }
      </div>

      <ctx-data-table
        [view]="entries"
        [columns]="columns"
        [emptyText]="(filtered() ? 'audit.noneFiltered' : 'audit.none') | t"
        emptyIcon="history"
        [pager]="pager"
        testId="audit-table"
      >
        <ng-container matColumnDef="at">
          <th mat-header-cell *matHeaderCellDef>{{ 'audit.at' | t }}</th>
          <td mat-cell *matCellDef="let e">{{ fmt.dateTime(e.at) }}</td>
        </ng-container>
        <ng-container matColumnDef="actor">
          <th mat-header-cell *matHeaderCellDef>{{ 'audit.actor' | t }}</th>
          <td mat-cell *matCellDef="let e">
            {{ actorText(e) }}
            @if (e.actorRole) {
              <span class="muted">· {{ 'roles.' + e.actorRole | t }}</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="action">
          <th mat-header-cell *matHeaderCellDef>{{ 'audit.action' | t }}</th>
          <td mat-cell *matCellDef="let e" [attr.title]="e.action">
            {{ actionText(e.action) }}
            @if (e.targetName) {
              <span class="muted">· {{ e.targetName }}</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="whose">
          <th mat-header-cell *matHeaderCellDef>{{ 'audit.whose' | t }}</th>
          <td mat-cell *matCellDef="let e">
            @if (e.subjectEmployeeId) {
              {{ e.subjectEmployeeName ?? ('audit.erased' | t) }}
            } @else {
              —
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="address">
          <th mat-header-cell *matHeaderCellDef>{{ 'audit.address' | t }}</th>
          <td mat-cell *matCellDef="let e">
            @if (e.clientAddress) {
              <code>{{ e.clientAddress }}</code>
            } @else {
              —
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
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
      margin-bottom: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Audit {
  private readonly i18n = inject(I18n);
  private readonly api = inject(Api);
  private readonly downloads = inject(Downloads);
  private readonly ui = inject(Ui);
  protected readonly fmt = inject(Format);
  protected readonly pager = new Pager(50, [25, 50, 100]);
  protected readonly groups = AUDIT_GROUPS;

  protected readonly actor = signal('');
  protected readonly group = signal('');
  protected readonly employee = signal('');
  protected readonly fromDay = signal<Date | null>(null);
  protected readonly toDay = signal<Date | null>(null);
  protected readonly exporting = signal(false);

  /** The query both the list and the export take; days are the viewer's own (local midnight). */
  readonly filters = computed(() => {
    const from = this.fromDay();
    const to = this.toDay();
    return query({
      actorUserId: this.actor(),
      action: this.group() ? `${this.group()}.` : '',
      subjectEmployeeId: this.employee(),
      from: from ? startOfDay(from).toISOString() : '',
      to: to ? startOfDay(addDays(to, 1)).toISOString() : '',
    });
  });
  protected readonly filtered = computed(() => Object.keys(this.filters()).length > 0);

  private readonly ref = httpResource<Page<AuditEntry>>(() => ({
    url: api('/audit'),
    params: { ...this.pager.params(), ...this.filters() },
  }));
  protected readonly entries = viewOf(this.ref, this.i18n);

  private readonly usersRef = httpResource<Page<User>>(() => ({
    url: api('/users'),
    params: { pageSize: 200 },
  }));
  protected readonly users = computed(() =>
    this.usersRef.hasValue() ? (this.usersRef.value()?.items ?? []) : [],
  );
  private readonly employeesRef = resource({ loader: () => loadAllEmployees(this.api) });
  protected readonly employees = computed(() =>
    this.employeesRef.hasValue() ? [...this.employeesRef.value()].sort(byName) : [],
  );

  protected readonly columns = ['seq', 'at', 'actor', 'action', 'whose', 'address'];

  protected setFilter<T>(filter: { set(value: T): void }, value: T): void {
    filter.set(value);
    this.pager.reset();
  }

  protected clear(): void {
    this.actor.set('');
    this.group.set('');
    this.employee.set('');
    this.fromDay.set(null);
    this.toDay.set(null);
    this.pager.reset();
  }

  /** The action in words; an action this console does not know yet is shown as it is. */
  actionText(action: string): string {
    const key = `audit.actions.${action}`;
    const text = this.i18n.t(key as TranslationKey);
    return text === key ? action : text;
  }

  protected actorText(e: AuditEntry): string {
    if (!e.actorUserId) return this.i18n.t('audit.system');
    return e.actorName ?? e.actorEmail ?? this.i18n.t('audit.removed');
  }

  protected async exportCsv(): Promise<void> {
    this.exporting.set(true);
    // In the console's language: headers, the list separator and dates as a spreadsheet there expects.
    const params = new HttpParams({
      fromObject: { ...this.filters(), lang: this.i18n.language() },
    }).toString();
    await this.ui.run(() =>
      this.downloads.save(`/audit/export.csv?${params}`, `audit-log-${isoDay(new Date())}.csv`),
    );
    this.exporting.set(false);
  }
}

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function byName(a: { fullName: string }, b: { fullName: string }): number {
  return a.fullName.localeCompare(b.fullName);
}
