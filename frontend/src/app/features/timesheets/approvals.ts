import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { api, Api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { Ui } from '@app/shared/ui/confirm';
import type { ApprovalInbox, TimeEntry, TimesheetSummary } from './timesheet.models';
import { CARD_PARTS } from '@app/shared/ui/parts/card';

/** Timesheets and manual time waiting for the caller's decision (a manager's teams, HR all). */
@Component({
  selector: 'ctx-timesheet-approvals',
  imports: [CARD_PARTS, MatButton, RouterLink, TranslatePipe, AsyncState, WhenReady],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>{{ 'timesheets.approvalsTitle' | t }}</h1>
      </header>
      <p class="muted intro">{{ 'timesheets.approvalsIntro' | t }}</p>

      <mat-card>
        <mat-card-header>
          <mat-card-title>{{ 'timesheets.timesheetsWaiting' | t }}</mat-card-title>
        </mat-card-header>
        <mat-card-content>
          <ctx-async-state
            [view]="inbox"
            [empty]="sheets().length === 0"
            [emptyText]="'timesheets.noTimesheetsWaiting' | t"
            emptyIcon="task_alt"
          >
            <ng-template ctxWhenReady>
              @for (s of sheets(); track s.id) {
                <div class="item" data-testid="waiting-sheet">
                  <span class="grow">
                    <strong>{{ s.employeeName }}</strong> ·
                    {{
                      'timesheets.period'
                        | t: { from: fmt.day(s.periodStart), to: fmt.day(s.periodEnd) }
                    }}
                    · {{ 'timesheets.tracked' | t }} {{ fmt.duration(s.trackedSeconds) }} ·
                    {{ 'timesheets.manual' | t }} {{ fmt.duration(s.manualSeconds) }}
                  </span>
                  <a
                    mat-button
                    [routerLink]="['/timesheets']"
                    [queryParams]="{ employeeId: s.employeeId, day: s.periodStart }"
                    >{{ 'timesheets.open' | t }}</a
                  >
                  <button mat-flat-button (click)="approveSheet(s)" data-testid="approve-sheet">
                    {{ 'timesheets.approve' | t }}
                  </button>
                  <button mat-stroked-button (click)="sendBack(s)" data-testid="return-sheet">
                    {{ 'timesheets.sendBack' | t }}
                  </button>
                </div>
              }
            </ng-template>
          </ctx-async-state>
        </mat-card-content>
      </mat-card>

      <mat-card>
        <mat-card-header>
          <mat-card-title>{{ 'timesheets.entriesWaiting' | t }}</mat-card-title>
        </mat-card-header>
        <mat-card-content>
          <ctx-async-state
            [view]="inbox"
            [empty]="entries().length === 0"
            [emptyText]="'timesheets.noEntriesWaiting' | t"
            emptyIcon="task_alt"
          >
            <ng-template ctxWhenReady>
              @for (e of entries(); track e.id) {
                <div class="item" data-testid="waiting-entry">
                  <span class="grow">
                    <strong>{{ e.employeeName }}</strong> · {{ fmt.day(e.day) }},
                    {{ fmt.time(e.start) }}–{{ fmt.time(e.end) }} ({{ fmt.duration(e.seconds) }}) ·
                    {{ 'timesheets.kinds.' + e.kind | t }}
                    @if (e.note) {
                      · {{ e.note }}
                    }
                  </span>
                  <button mat-flat-button (click)="approveEntry(e)" data-testid="approve-entry">
                    {{ 'timesheets.approve' | t }}
                  </button>
                  <button mat-stroked-button (click)="rejectEntry(e)" data-testid="reject-entry">
                    {{ 'timesheets.reject' | t }}
                  </button>
                </div>
              }
            </ng-template>
          </ctx-async-state>
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: `
    mat-card {
      margin-bottom: 16px;
    }
    .item {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .grow {
      flex: 1;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TimesheetApprovalsPage {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);

  private readonly inboxRef = httpResource<ApprovalInbox>(() => api('/timesheets/approvals'));
  protected readonly inbox = viewOf(this.inboxRef, this.i18n);
  protected readonly sheets = computed(() => this.inbox.data()?.timesheets ?? []);
  protected readonly entries = computed(() => this.inbox.data()?.entries ?? []);

  protected async approveSheet(s: TimesheetSummary): Promise<void> {
    if (
      await this.ui.run(
        () => this.api.post(`/timesheets/${s.id}/approve`),
        this.i18n.t('timesheets.approved'),
      )
    ) {
      this.inbox.reload();
    }
  }

  protected async sendBack(s: TimesheetSummary): Promise<void> {
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
      this.inbox.reload();
    }
  }

  protected async approveEntry(e: TimeEntry): Promise<void> {
    if (
      await this.ui.run(
        () => this.api.post(`/time-entries/${e.id}/approve`),
        this.i18n.t('timesheets.approved'),
      )
    ) {
      this.inbox.reload();
    }
  }

  protected async rejectEntry(e: TimeEntry): Promise<void> {
    const saved = await this.ui.form({
      title: this.i18n.t('timesheets.rejectTitle'),
      submitLabel: this.i18n.t('timesheets.reject'),
      fields: [
        {
          name: 'comment',
          label: this.i18n.t('timesheets.comment'),
          type: 'textarea',
          maxLength: 1000,
          hint: this.i18n.t('timesheets.commentHint'),
        },
      ],
      submit: (v) =>
        this.api.post(
          `/time-entries/${e.id}/reject`,
          v['comment'] ? { comment: v['comment'] } : {},
        ),
    });
    if (saved) {
      this.ui.notify(this.i18n.t('timesheets.rejected'));
      this.inbox.reload();
    }
  }
}
