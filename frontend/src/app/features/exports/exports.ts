import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
} from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import type { ExportJob, Page, Team } from '@app/api/models';
import { Api, api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { addDays, isoDay } from '@app/shared/data/dates';
import { Downloads } from '@app/shared/data/downloads';
import { viewOf } from '@app/shared/data/resource-view';
import { Ui } from '@app/shared/ui/confirm';
import { DataTable, RowActions } from '@app/shared/ui/data-table';
import { ReportMail, type ReportSubscription } from './report-mail';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';

const FORMATS = ['csv', 'xlsx', 'pdf'] as const;
const POLL_MS = 1000;

const REPORTS = ['summary', 'usage', 'attendance', 'attendance-totals'] as const;

@Component({
  selector: 'ctx-exports',
  imports: [
    TABLE_PARTS,
    MatButton,
    MatIconButton,
    MatIcon,
    MatProgressBar,
    TranslatePipe,
    DataTable,
    RowActions,
  ],
  templateUrl: './exports.html',
  styles: `
    mat-progress-bar {
      min-width: 160px;
    }
    .progress {
      display: flex;
      align-items: center;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Exports {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly downloads = inject(Downloads);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);

  private readonly exportsRef = httpResource<Page<ExportJob>>(() => ({
    url: api('/exports'),
    params: { pageSize: 50 },
  }));
  private readonly teamsRef = httpResource<Page<Team>>(() => ({
    url: api('/teams'),
    params: { pageSize: 200 },
  }));
  protected readonly exports = viewOf(this.exportsRef, this.i18n);
  private readonly reportMail = inject(ReportMail);
  private readonly subscriptionsRef = httpResource<{ items: ReportSubscription[] }>(() =>
    api('/report-subscriptions'),
  );
  protected readonly subscriptions = viewOf(this.subscriptionsRef, this.i18n);
  protected readonly subscriptionColumns = ['report', 'frequency', 'format', 'team', 'lastSent'];
  protected readonly teamNames = computed(
    () =>
      new Map(
        ((this.teamsRef.hasValue() ? this.teamsRef.value()?.items : []) ?? []).map((t) => [
          t.id,
          t.name,
        ]),
      ),
  );
  protected readonly columns = ['createdAt', 'kind', 'format', 'range', 'progress'];
  protected readonly running = computed(() =>
    (this.exports.data()?.items ?? []).some((e) => e.status === 'queued' || e.status === 'running'),
  );

  constructor() {
    // Live progress: poll while something is queued or running.
    let timer: ReturnType<typeof setTimeout> | undefined;
    effect(() => {
      clearTimeout(timer);
      if (this.running()) timer = setTimeout(() => this.exportsRef.reload(), POLL_MS);
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(timer));
  }

  protected async subscribe(): Promise<void> {
    const teams = this.teamsRef.hasValue() ? (this.teamsRef.value()?.items ?? []) : [];
    if (await this.reportMail.subscribe(teams)) this.subscriptions.reload();
  }

  protected async unsubscribe(subscription: ReportSubscription): Promise<void> {
    const report = this.i18n.t(`exports.reports.${subscription.report}`);
    if (!this.ui.confirm(this.i18n.t('reportMail.confirmDelete', { report }))) return;
    const ok = await this.ui.run(
      () => this.api.delete(`/report-subscriptions/${subscription.id}`),
      this.i18n.t('common.deleted'),
    );
    if (ok) this.subscriptions.reload();
  }

  protected percent(job: ExportJob): number {
    const p = job.progress ?? 0;
    return p <= 1 ? Math.round(p * 100) : Math.round(p);
  }

  protected async create(): Promise<void> {
    const teams = this.teamsRef.hasValue() ? (this.teamsRef.value()?.items ?? []) : [];
    const saved = await this.ui.form({
      title: this.i18n.t('exports.new'),
      submitLabel: this.i18n.t('exports.start'),
      fields: [
        {
          name: 'report',
          label: this.i18n.t('exports.report'),
          type: 'select',
          value: 'summary',
          options: REPORTS.map((r) => ({ value: r, label: this.i18n.t(`exports.reports.${r}`) })),
        },
        {
          name: 'format',
          label: this.i18n.t('exports.format'),
          type: 'select',
          value: 'csv',
          options: FORMATS.map((f) => ({ value: f, label: f.toUpperCase() })),
        },
        {
          name: 'from',
          label: this.i18n.t('reports.from'),
          required: true,
          value: isoDay(addDays(new Date(), -29)),
        },
        { name: 'to', label: this.i18n.t('reports.to'), required: true, value: isoDay(new Date()) },
        {
          name: 'teamId',
          label: this.i18n.t('people.team'),
          type: 'select',
          value: '',
          options: [
            { value: '', label: this.i18n.t('common.allTeams') },
            ...teams.map((t) => ({ value: t.id, label: t.name })),
          ],
        },
      ],
      submit: (v) =>
        this.api.post('/exports', {
          report: v['report'],
          format: v['format'],
          from: v['from'],
          to: v['to'],
          ...(v['teamId'] ? { filters: { teamId: v['teamId'] } } : {}),
        }),
    });
    if (saved) this.exports.reload();
  }

  protected async download(job: ExportJob): Promise<void> {
    const url = job.downloadUrl ?? `/exports/${job.id}/file`;
    await this.ui.run(() => this.downloads.save(url, `calltimex-export-${job.id}.${job.format}`));
  }
}
