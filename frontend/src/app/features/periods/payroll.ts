import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect, MatOption } from '@angular/material/select';
import type { ExportJob, Page } from '@app/api/models';
import { Auth } from '@app/core/auth/auth.service';
import { Api, api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import type { TranslationKey } from '@app/core/i18n/i18n.service';
import { Downloads } from '@app/shared/data/downloads';
import { viewOf } from '@app/shared/data/resource-view';
import { Ui } from '@app/shared/ui/confirm';
import { DataTable, RowActions } from '@app/shared/ui/data-table';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';

export const PAYROLL_FIELDS = [
  'employeeId',
  'employeeName',
  'periodStart',
  'periodEnd',
  'scheduledHours',
  'workedHours',
  'regularHours',
  'overtimeHours',
  'vacationDays',
  'vacationHours',
  'sickDays',
  'sickHours',
  'otherAbsenceDays',
  'otherAbsenceHours',
  'holidayDays',
  'daysPresent',
  'daysAbsent',
] as const;
export type PayrollField = (typeof PAYROLL_FIELDS)[number];

export interface PayrollMapping {
  columns: { field: PayrollField; header: string }[];
  dateFormat: 'YYYY-MM-DD' | 'DD.MM.YYYY' | 'DD/MM/YYYY' | 'MM/DD/YYYY';
  durationFormat: 'decimal-hours' | 'hh:mm' | 'minutes';
  decimalSeparator: '.' | ',';
  decimals: number;
  csvDelimiter: ',' | ';';
}

export interface PayrollPreview {
  headers: string[];
  rows: string[][];
  locked: boolean;
}

const MAX_COLUMNS = 30;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const POLL_MS = 1000;
export const DATE_FORMATS = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export const DURATION_FORMATS = ['decimal-hours', 'hh:mm', 'minutes'] as const;

/** The previous calendar month, YYYY-MM: the usual pay period. */
export function previousMonth(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/** A problem of the mapping to show before saving or previewing, or null. */
export function mappingProblem(m: PayrollMapping): { key: TranslationKey; header?: string } | null {
  const seen = new Set<string>();
  for (const c of m.columns) {
    const h = c.header.trim().toLowerCase();
    if (!h) return { key: 'periods.blankHeader' };
    if (seen.has(h)) return { key: 'periods.duplicateHeader', header: c.header.trim() };
    seen.add(h);
  }
  return null;
}

/** The payroll export: pick a month and a format, lay out the columns, watch it, download it. */
@Component({
  selector: 'ctx-payroll',
  imports: [
    MatButton,
    MatIconButton,
    FIELD_PARTS,
    MatIcon,
    MatProgressBar,
    MatSelect,
    MatOption,
    TABLE_PARTS,
    TranslatePipe,
    DataTable,
    RowActions,
  ],
  templateUrl: './payroll.html',
  styles: `
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
    }
    .column {
      display: flex;
      gap: 8px;
      align-items: center;
    }
    mat-progress-bar {
      min-width: 160px;
    }
    .preview {
      overflow-x: auto;
    }
    .preview table {
      border-collapse: collapse;
    }
    .preview th,
    .preview td {
      border: 1px solid var(--mat-sys-outline-variant);
      padding: 4px 8px;
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Payroll {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly downloads = inject(Downloads);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  protected readonly canEditMapping = inject(Auth).can('manageOrganization');
  protected readonly fields = PAYROLL_FIELDS;
  protected readonly dateFormats = DATE_FORMATS;
  protected readonly durationFormats = DURATION_FORMATS;
  protected readonly maxColumns = MAX_COLUMNS;

  protected readonly month = signal(previousMonth());
  protected readonly format = signal<'csv' | 'xlsx'>('csv');
  protected readonly monthValid = computed(() => MONTH.test(this.month()));
  protected readonly mapping = signal<PayrollMapping | null>(null);
  protected readonly problem = computed(() => {
    const m = this.mapping();
    const p = m ? mappingProblem(m) : null;
    return p ? this.i18n.t(p.key, { header: p.header ?? '' }) : null;
  });
  protected readonly preview = signal<PayrollPreview | null>(null);

  private readonly jobsRef = httpResource<Page<ExportJob>>(() => ({
    url: api('/exports'),
    params: { pageSize: 50 },
  }));
  private readonly jobsView = viewOf(this.jobsRef, this.i18n);
  protected readonly jobs = {
    ...this.jobsView,
    data: computed(() => {
      const page = this.jobsView.data();
      return page ? { ...page, items: page.items.filter((j) => j.report === 'payroll') } : page;
    }),
  };
  protected readonly jobColumns = ['createdAt', 'month', 'format', 'progress'];
  private readonly running = computed(() =>
    (this.jobs.data()?.items ?? []).some((e) => e.status === 'queued' || e.status === 'running'),
  );

  constructor() {
    void this.api
      .get<PayrollMapping>('/payroll/mapping')
      .then((m) => this.mapping.set(m))
      .catch(() => this.mapping.set(null));
    let timer: ReturnType<typeof setTimeout> | undefined;
    effect(() => {
      clearTimeout(timer);
      if (this.running()) timer = setTimeout(() => this.jobsRef.reload(), POLL_MS);
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(timer));
  }

  protected percent(job: ExportJob): number {
    const p = job.progress ?? 0;
    return p <= 1 ? Math.round(p * 100) : Math.round(p);
  }

  protected fieldLabel(field: string): string {
    return this.i18n.t(`periods.fields.${field}` as TranslationKey);
  }

  private change(update: (m: PayrollMapping) => PayrollMapping): void {
    const m = this.mapping();
    if (m) this.mapping.set(update(m));
    this.preview.set(null);
  }

  protected setOption<K extends keyof PayrollMapping>(key: K, value: PayrollMapping[K]): void {
    this.change((m) => ({ ...m, [key]: value }));
  }

  protected setField(index: number, field: PayrollField): void {
    this.change((m) => ({
      ...m,
      columns: m.columns.map((c, i) =>
        i === index ? { field, header: c.header || this.fieldLabel(field) } : c,
      ),
    }));
  }

  protected setHeader(index: number, header: string): void {
    this.change((m) => ({
      ...m,
      columns: m.columns.map((c, i) => (i === index ? { ...c, header } : c)),
    }));
  }

  protected move(index: number, by: number): void {
    this.change((m) => {
      const columns = [...m.columns];
      const to = index + by;
      if (to < 0 || to >= columns.length) return m;
      [columns[index], columns[to]] = [columns[to], columns[index]];
      return { ...m, columns };
    });
  }

  protected remove(index: number): void {
    this.change((m) => ({ ...m, columns: m.columns.filter((_, i) => i !== index) }));
  }

  protected add(): void {
    this.change((m) => {
      const used = new Set(m.columns.map((c) => c.field));
      const field = PAYROLL_FIELDS.find((f) => !used.has(f)) ?? 'workedHours';
      return { ...m, columns: [...m.columns, { field, header: this.fieldLabel(field) }] };
    });
  }

  protected async showPreview(): Promise<void> {
    const m = this.mapping();
    if (!m || this.problem() || !this.monthValid()) return;
    await this.ui.run(async () => {
      this.preview.set(
        await this.api.post<PayrollPreview>('/payroll/preview', {
          month: this.month(),
          mapping: m,
        }),
      );
    });
  }

  protected async saveMapping(): Promise<void> {
    const m = this.mapping();
    if (!m || this.problem()) return;
    await this.ui.run(async () => {
      this.mapping.set(await this.api.put<PayrollMapping>('/payroll/mapping', m));
    }, this.i18n.t('periods.mappingSaved'));
  }

  protected async start(): Promise<void> {
    if (!this.monthValid()) return;
    const ok = await this.ui.run(() =>
      this.api.post('/payroll/exports', { month: this.month(), format: this.format() }),
    );
    if (ok) this.jobsRef.reload();
  }

  protected async download(job: ExportJob): Promise<void> {
    const url = job.downloadUrl ?? `/exports/${job.id}/file`;
    await this.ui.run(() =>
      this.downloads.save(url, `calltimex-payroll-${job.from.slice(0, 7)}.${job.format}`),
    );
  }
}
