import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { Router } from '@angular/router';
import { Auth } from '@app/core/auth/auth.service';
import { Api, api, query } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { Ui } from '@app/shared/ui/confirm';
import {
  ENTRY_KINDS,
  entryInstants,
  shiftDay,
  type ProjectOption,
  type TimeEntry,
  type Timesheet,
  type TimesheetRow,
} from './timesheet.models';
import { CARD_PARTS } from '@app/shared/ui/parts/card';

/**
 * One employee's timesheet (their own by default): days × projects, tracked time pre-filled from
 * what the agent saw, manual time beside it; one click to confirm and submit; manual time added,
 * moved to another project or deleted. A decider opening someone's submitted sheet approves it here.
 */
@Component({
  selector: 'ctx-timesheet-week',
  imports: [CARD_PARTS, MatButton, MatIconButton, MatIcon, TranslatePipe, AsyncState, WhenReady],
  templateUrl: './timesheet-week.html',
  styles: `
    .grid {
      width: 100%;
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }
    .grid th,
    .grid td {
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: right;
      vertical-align: top;
    }
    .grid th:first-child,
    .grid td:first-child {
      text-align: left;
    }
    .manual {
      display: block;
      color: var(--mat-sys-primary);
    }
    .pending {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font-style: italic;
    }
    .status {
      font-weight: 500;
    }
    .comment {
      padding: 8px 12px;
      border-left: 3px solid var(--mat-sys-error);
      margin: 8px 0;
    }
    .entry {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      padding: 6px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .entry .grow {
      flex: 1;
    }
    mat-card {
      margin-bottom: 16px;
      overflow-x: auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TimesheetWeekPage {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly router = inject(Router);
  private readonly auth = inject(Auth);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);

  /** Any day of the period; default the employee's today (the server decides). */
  readonly day = input<string>();
  /** Whose timesheet; default the caller's own. */
  readonly employeeId = input<string>();

  private readonly sheetRef = httpResource<Timesheet>(() => ({
    url: api('/timesheets'),
    params: query({ day: this.day(), employeeId: this.employeeId() }),
  }));
  private readonly projectsRef = httpResource<{ items: ProjectOption[] }>(() => api('/projects'));

  protected readonly sheet = viewOf(this.sheetRef, this.i18n);
  protected readonly data = computed(() => this.sheet.data());
  protected readonly own = computed(() => {
    const s = this.data();
    return !!s && s.employeeId === this.auth.user()?.employeeId;
  });
  protected readonly projects = computed(() =>
    this.projectsRef.hasValue() ? (this.projectsRef.value()?.items ?? []) : [],
  );
  private readonly projectNames = computed(
    () => new Map(this.projects().map((p) => [p.id, p.name])),
  );
  protected readonly empty = computed(() => {
    const s = this.data();
    return !!s && s.rows.length === 0;
  });
  protected readonly dayTotals = computed(() => {
    const s = this.data();
    if (!s) return [];
    return s.days.map((_, i) =>
      s.rows.reduce(
        (t, r) => ({
          tracked: t.tracked + r.cells[i].trackedSeconds,
          manual: t.manual + r.cells[i].manualSeconds,
          pending: t.pending + r.cells[i].pendingSeconds,
        }),
        { tracked: 0, manual: 0, pending: 0 },
      ),
    );
  });
  protected readonly liveEntries = computed(() =>
    (this.data()?.entries ?? []).filter((e) => e.status !== 'rejected' || this.own()),
  );

  protected rowName(row: TimesheetRow): string {
    if (!row.projectId) return this.i18n.t('timesheets.unallocated');
    const name = this.projectNames().get(row.projectId) ?? row.projectId.slice(0, 8);
    return row.taskId ? this.i18n.t('timesheets.withTask', { project: name }) : name;
  }

  protected projectName(id: string | null): string {
    if (!id) return this.i18n.t('timesheets.noProject');
    return this.projectNames().get(id) ?? id.slice(0, 8);
  }

  protected weekday(day: string): string {
    return this.fmt.weekday(day);
  }

  protected time(iso: string): string {
    return this.fmt.time(iso);
  }

  /** Entries can change while the sheet is open or sent back. */
  protected readonly editable = computed(() => {
    const s = this.data();
    return !!s && (s.status === 'open' || s.status === 'returned');
  });

  protected shift(by: number): void {
    const s = this.data();
    if (!s) return;
    const day = by < 0 ? shiftDay(s.periodStart, -1) : shiftDay(s.periodEnd, 1);
    void this.router.navigate([], {
      queryParams: { day },
      queryParamsHandling: 'merge',
    });
  }

  protected async submit(): Promise<void> {
    const s = this.data();
    if (!s) return;
    if (
      !this.ui.confirm(
        this.i18n.t('timesheets.confirmSubmit', {
          from: this.fmt.day(s.periodStart),
          to: this.fmt.day(s.periodEnd),
        }),
      )
    ) {
      return;
    }
    if (
      await this.ui.run(
        () => this.api.post('/timesheets/submit', { day: s.periodStart }),
        this.i18n.t('timesheets.submitted'),
      )
    ) {
      this.sheet.reload();
    }
  }

  protected async addManual(): Promise<void> {
    const s = this.data();
    if (!s) return;
    const today = new Date().toISOString().slice(0, 10);
    const day = s.days.includes(today) ? today : s.periodStart;
    let created: TimeEntry | null = null;
    const saved = await this.ui.form({
      title: this.i18n.t('timesheets.addTitle'),
      submitLabel: this.i18n.t('timesheets.addManual'),
      fields: [
        {
          name: 'day',
          label: this.i18n.t('timesheets.date'),
          type: 'select',
          required: true,
          value: day,
          options: s.days.map((d) => ({
            value: d,
            label: `${this.weekday(d)} ${this.fmt.day(d)}`,
          })),
        },
        { name: 'from', label: this.i18n.t('timesheets.from'), required: true, value: '09:00' },
        { name: 'to', label: this.i18n.t('timesheets.to'), required: true, value: '10:00' },
        {
          name: 'kind',
          label: this.i18n.t('timesheets.kind'),
          type: 'select',
          required: true,
          value: 'meeting',
          options: ENTRY_KINDS.map((k) => ({
            value: k,
            label: this.i18n.t(`timesheets.kinds.${k}`),
          })),
        },
        {
          name: 'projectId',
          label: this.i18n.t('timesheets.project'),
          type: 'select',
          value: '',
          options: [
            { value: '', label: this.i18n.t('timesheets.noProject') },
            ...this.projects()
              .filter((p) => !p.archived)
              .map((p) => ({ value: p.id, label: p.name })),
          ],
        },
        { name: 'note', label: this.i18n.t('timesheets.note'), type: 'textarea', maxLength: 1000 },
      ],
      validate: (v) =>
        entryInstants(v['day'] ?? '', v['from'] ?? '', v['to'] ?? '')
          ? null
          : this.i18n.t('timesheets.timeFormat'),
      submit: async (v) => {
        const at = entryInstants(v['day'] ?? '', v['from'] ?? '', v['to'] ?? '')!;
        created = await this.api.post<TimeEntry>('/time-entries', {
          ...(this.own() ? {} : { employeeId: s.employeeId }),
          start: at.start,
          end: at.end,
          kind: v['kind'],
          ...(v['projectId'] ? { projectId: v['projectId'] } : {}),
          ...(v['note'] ? { note: v['note'] } : {}),
        });
      },
    });
    if (saved) {
      const pending = (created as TimeEntry | null)?.status === 'pending';
      this.ui.notify(this.i18n.t(pending ? 'timesheets.addedPending' : 'timesheets.added'));
      this.sheet.reload();
    }
  }

  protected async move(entry: TimeEntry): Promise<void> {
    const saved = await this.ui.form({
      title: this.i18n.t('timesheets.moveTitle'),
      submitLabel: this.i18n.t('timesheets.move'),
      fields: [
        {
          name: 'projectId',
          label: this.i18n.t('timesheets.project'),
          type: 'select',
          value: entry.projectId ?? '',
          options: [
            { value: '', label: this.i18n.t('timesheets.noProject') },
            ...this.projects()
              .filter((p) => !p.archived)
              .map((p) => ({ value: p.id, label: p.name })),
          ],
        },
      ],
      submit: (v) =>
        this.api.patch(`/time-entries/${entry.id}`, { projectId: v['projectId'] || null }),
    });
    if (saved) {
      this.ui.notify(this.i18n.t('timesheets.moved'));
      this.sheet.reload();
    }
  }

  protected async remove(entry: TimeEntry): Promise<void> {
    if (!this.ui.confirm(this.i18n.t('timesheets.confirmRemove'))) return;
    if (
      await this.ui.run(
        () => this.api.delete(`/time-entries/${entry.id}`),
        this.i18n.t('timesheets.removed'),
      )
    ) {
      this.sheet.reload();
    }
  }

  protected async approve(): Promise<void> {
    const s = this.data();
    if (!s?.id) return;
    if (
      await this.ui.run(
        () => this.api.post(`/timesheets/${s.id}/approve`),
        this.i18n.t('timesheets.approved'),
      )
    ) {
      this.sheet.reload();
    }
  }

  protected async sendBack(): Promise<void> {
    const s = this.data();
    if (!s?.id) return;
    const saved = await this.ui.form({
      title: this.i18n.t('timesheets.sendBackTitle'),
      submitLabel: this.i18n.t('timesheets.sendBack'),
      fields: [
        {
          name: 'comment',
          label: this.i18n.t('timesheets.comment'),
          type: 'textarea',
          required: true,
          maxLength: 1000,
          hint: this.i18n.t('timesheets.commentHint'),
        },
      ],
      submit: (v) => this.api.post(`/timesheets/${s.id}/return`, { comment: v['comment'] }),
    });
    if (saved) {
      this.ui.notify(this.i18n.t('timesheets.sentBack', { name: s.employeeName }));
      this.sheet.reload();
    }
  }
}
