import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  resource,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import type {
  Absence,
  DataView,
  Holiday,
  MailPreferences,
  Page,
  PrivacyRequest,
  SummaryReport,
  Timeline,
  UsageReport,
  User,
} from '@app/api/models';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { Api, api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { isoDay, startOfWeek } from '@app/shared/data/dates';
import { Downloads } from '@app/shared/data/downloads';
import { viewOf } from '@app/shared/data/resource-view';
import {
  currentMonth,
  daysInclusive,
  daysOfMonth,
  loadAbsences,
  loadAttendance,
  loadAttendanceTotals,
  monthRange,
} from '@app/shared/data/working-time';
import { AbsenceForms } from '@app/shared/ui/absence-forms';
import { AttendanceGrid, type AttendanceLine } from '@app/shared/ui/attendance-grid';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { Ui } from '@app/shared/ui/confirm';
import { MyScreenshots } from '@app/features/screenshots/my-screenshots';
import { DayTimeline } from '@app/shared/ui/day-timeline';
import { StatCard } from '@app/shared/ui/stat-card';
import { VacationBalance } from '@app/shared/ui/vacation-balance';
import { BarList } from '@app/shared/ui/bar-list';
import { totalsOf, topUsage } from '@app/shared/data/report-math';
import { CARD_PARTS } from '@app/shared/ui/parts/card';

interface Session {
  id: string;
  userAgent: string | null;
  clientAddress: string | null;
  lastUsedAt: string;
  current: boolean;
}

/** The employee's own view: my day, my requests, who viewed my data, my sessions. */
@Component({
  selector: 'ctx-me',
  imports: [
    MatSlideToggle,
    CARD_PARTS,
    MatButton,
    MatIcon,
    TranslatePipe,
    AsyncState,
    WhenReady,
    DayTimeline,
    MyScreenshots,
    StatCard,
    AttendanceGrid,
    VacationBalance,
    BarList,
  ],
  templateUrl: './me.html',
  styles: `
    mat-card {
      margin-bottom: 16px;
    }
    .toggles {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
      margin-bottom: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Me {
  private readonly api = inject(Api);
  private readonly ui = inject(Ui);
  private readonly downloads = inject(Downloads);
  private readonly absenceForms = inject(AbsenceForms);
  protected readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  protected readonly today = isoDay(new Date());

  private readonly profileRef = httpResource<User>(() => api('/me'));
  protected readonly profile = viewOf(this.profileRef, this.i18n);
  protected readonly employeeId = computed(() => this.profile.data()?.employeeId ?? null);

  private readonly dayRef = httpResource<Timeline>(() => {
    const id = this.employeeId();
    return id
      ? { url: api('/reports/timeline'), params: { employeeId: id, day: this.today } }
      : undefined;
  });
  // The caller's own requests: the list is scoped by role, so ask for this employee's alone.
  private readonly requestsRef = httpResource<Page<PrivacyRequest>>(() => {
    const employeeId = this.employeeId();
    return employeeId
      ? { url: api('/privacy/requests'), params: { employeeId, pageSize: 50 } }
      : undefined;
  });
  private readonly accessRef = httpResource<Page<DataView>>(() => api('/me/data-views'));
  private readonly mailRef = httpResource<MailPreferences>(() => api('/notifications/preferences'));
  protected readonly mail = viewOf(this.mailRef, this.i18n);
  private readonly sessionsRef = httpResource<{ items: Session[] }>(() => api('/auth/sessions'));

  protected readonly day = viewOf(this.dayRef, this.i18n);

  // This week (Monday to today): my totals and the applications and sites I used.
  protected readonly weekFrom = isoDay(startOfWeek(new Date()));
  private readonly weekRef = httpResource<SummaryReport>(() =>
    this.employeeId()
      ? { url: api('/reports/summary'), params: { from: this.weekFrom, to: this.today } }
      : undefined,
  );
  private readonly weekUsageRef = httpResource<UsageReport>(() => {
    const employeeId = this.employeeId();
    return employeeId
      ? {
          url: api('/reports/usage'),
          params: { from: this.weekFrom, to: this.today, employeeId },
        }
      : undefined;
  });
  protected readonly week = viewOf(this.weekRef, this.i18n);
  protected readonly weekUsage = viewOf(this.weekUsageRef, this.i18n);
  /** My own row: a manager who is tracked too sees their team's rows in the same report. */
  protected readonly myWeek = computed(() =>
    totalsOf((this.week.data()?.rows ?? []).filter((r) => r.employeeId === this.employeeId())),
  );
  protected readonly myApps = computed(() =>
    topUsage(this.weekUsage.data()?.rows ?? [], 'app', (s) => this.fmt.duration(s)),
  );
  protected readonly mySites = computed(() =>
    topUsage(this.weekUsage.data()?.rows ?? [], 'site', (s) => this.fmt.duration(s)),
  );

  // This month's attendance, my absences and my vacation days.
  protected readonly month = currentMonth();
  protected readonly year = Number(this.month.slice(0, 4));
  protected readonly monthDays = daysOfMonth(this.month);
  private readonly attendanceRef = resource({
    params: () => {
      const employeeId = this.employeeId();
      return employeeId ? { ...monthRange(this.month), employeeId } : undefined;
    },
    loader: ({ params }) => loadAttendance(this.api, params),
  });
  private readonly totalsRef = resource({
    params: () => {
      const employeeId = this.employeeId();
      return employeeId ? { ...monthRange(this.month), employeeId } : undefined;
    },
    loader: ({ params }) => loadAttendanceTotals(this.api, params),
  });
  private readonly holidaysRef = httpResource<{ items: Holiday[] }>(() => ({
    url: api('/holidays'),
    params: { year: this.year },
  }));
  private readonly absencesRef = resource({
    params: () => {
      const employeeId = this.employeeId();
      return employeeId ? { employeeId } : undefined;
    },
    loader: ({ params }) => loadAbsences(this.api, params),
  });
  protected readonly attendance = viewOf(this.attendanceRef, this.i18n);
  protected readonly absences = viewOf(this.absencesRef, this.i18n);
  protected readonly myLine = computed<AttendanceLine[]>(() => {
    const profile = this.profile.data();
    const rows = this.attendance.data() ?? [];
    if (!profile?.employeeId || rows.length === 0) return [];
    return [
      {
        employeeId: profile.employeeId,
        name:
          this.myTotals()?.get(profile.employeeId)?.fullName || profile.fullName || profile.email,
        rows,
      },
    ];
  });
  protected readonly myTotals = computed(() => {
    const totals = this.totalsRef.hasValue() ? this.totalsRef.value() : undefined;
    return totals ? new Map(totals.map((t) => [t.employeeId, t])) : null;
  });
  protected readonly holidays = computed(
    () =>
      new Map(
        (this.holidaysRef.hasValue() ? (this.holidaysRef.value()?.items ?? []) : []).map((h) => [
          h.date,
          h.name,
        ]),
      ),
  );
  protected readonly myAbsences = computed(() =>
    [...(this.absences.data() ?? [])].sort((a, b) => b.from.localeCompare(a.from)),
  );

  /** Bumped after a request, so the balance is asked for again. */
  protected readonly revision = signal(0);

  protected daysOf(absence: Absence): number {
    return daysInclusive(absence.from, absence.to);
  }

  protected canWithdraw(absence: Absence): boolean {
    return absence.status === 'requested';
  }

  protected async withdraw(absence: Absence): Promise<void> {
    if (await this.absenceForms.cancel(absence, this.employeeId())) {
      this.absences.reload();
      this.revision.update((n) => n + 1);
    }
  }

  protected async requestLeave(): Promise<void> {
    const employeeId = this.employeeId();
    if (employeeId && (await this.absenceForms.request(employeeId))) {
      this.ui.notify(this.i18n.t('absences.requested'));
      this.absences.reload();
      this.revision.update((n) => n + 1);
    }
  }
  protected readonly requests = viewOf(this.requestsRef, this.i18n);
  protected readonly access = viewOf(this.accessRef, this.i18n);
  protected readonly sessions = viewOf(this.sessionsRef, this.i18n);

  protected async request(type: 'access' | 'erasure'): Promise<void> {
    const employeeId = this.employeeId();
    if (!employeeId) return;
    if (type === 'erasure' && !this.ui.confirm(this.i18n.t('me.confirmErasure'))) return;
    const ok = await this.ui.run(
      () => this.api.post('/privacy/requests', { type, employeeId }),
      this.i18n.t('me.requestFiled'),
    );
    if (ok) this.requests.reload();
  }

  /** The ZIP of everything about the employee: fetched with the bearer token, saved as a file. */
  protected async download(request: PrivacyRequest): Promise<void> {
    const url = request.downloadUrl ?? `/privacy/requests/${request.id}/download`;
    await this.ui.run(() => this.downloads.save(url, `my-data-${request.id}.zip`));
  }

  protected async setMail(category: string, enabled: boolean): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.put('/notifications/preferences', { [category]: enabled }),
      this.i18n.t('common.saved'),
    );
    if (ok) this.mail.reload();
  }

  protected async revoke(session: Session): Promise<void> {
    const ok = await this.ui.run(
      () => this.api.delete(`/auth/sessions/${session.id}`),
      this.i18n.t('common.revoked'),
    );
    if (ok) this.sessions.reload();
  }
}
