import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  resource,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
// The list is below the first screen (in the idle @defer): its standalone parts, not the module,
// so that it and the @angular/forms it brings load with that block.
import {
  MatList,
  MatListItem,
  MatListItemIcon,
  MatListItemLine,
  MatListItemTitle,
} from '@angular/material/list';
import { RouterLink } from '@angular/router';
import type { AttendanceStatus, SummaryReport, UsageReport } from '@app/api/models';
import { Auth } from '@app/core/auth/auth.service';
import { DemoData } from '@app/core/organization/demo-data.service';
import { Ui } from '@app/shared/ui/confirm';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Api, api, query } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { isoDay } from '@app/shared/data/dates';
import { DateRange, type DayRange } from '@app/shared/ui/date-range';
import { isWorkingNow, totalsOf, topUsage } from '@app/shared/data/report-math';
import { switchView, viewOf, type ResourceView } from '@app/shared/data/resource-view';
import { loadAllEmployees, loadAttendance } from '@app/shared/data/working-time';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { BarList } from '@app/shared/ui/bar-list';
import { SetupHints } from '@app/shared/ui/setup-hints';
import { SplitBar } from '@app/shared/ui/split-bar';
import { StatCard } from '@app/shared/ui/stat-card';
import { CARD_PARTS } from '@app/shared/ui/parts/card';

/** Today's attendance in four groups; working on a day off counts as present. */
const TODAY_GROUPS: { key: string; statuses: AttendanceStatus[] }[] = [
  { key: 'present', statuses: ['present', 'extra'] },
  { key: 'late', statuses: ['late'] },
  { key: 'absent', statuses: ['absent'] },
  { key: 'absence', statuses: ['absence'] },
];
const NAMES_SHOWN = 8;

@Component({
  selector: 'ctx-dashboard',
  imports: [
    CARD_PARTS,
    MatIcon,
    MatList,
    MatListItem,
    MatListItemIcon,
    MatListItemTitle,
    MatListItemLine,
    MatButton,
    MatProgressBar,
    DateRange,
    RouterLink,
    TranslatePipe,
    AsyncState,
    WhenReady,
    StatCard,
    SplitBar,
    BarList,
    SetupHints,
  ],
  templateUrl: './dashboard.html',
  styleUrl: './dashboard.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Dashboard {
  private readonly api = inject(Api);
  protected readonly fmt = inject(Format);
  private readonly i18n = inject(I18n);
  protected readonly auth = inject(Auth);
  protected readonly canManage = this.auth.can('managePeople');
  /** A manager sees their teams' people only: with no team yet, every figure here is empty. */
  private readonly managedTeamsRef = httpResource<{ total: number }>(() =>
    this.auth.user()?.role === 'manager'
      ? { url: api('/teams'), params: { page: 1, pageSize: 1 } }
      : undefined,
  );
  protected readonly managesNoTeam = computed(
    () => this.managedTeamsRef.hasValue() && this.managedTeamsRef.value()?.total === 0,
  );
  /** The range picked (a preset or two dates); today until one is. */
  private readonly chosen = signal<DayRange | null>(null);
  private readonly now = signal(new Date());

  protected readonly range = computed<DayRange>(
    () => this.chosen() ?? { from: isoDay(this.now()), to: isoDay(this.now()) },
  );

  private readonly todaySummary = httpResource<SummaryReport>(() => ({
    url: api('/reports/summary'),
    params: query({ from: isoDay(this.now()), to: isoDay(this.now()) }),
  }));
  /** The default range is today: its summary is the one "who is working" reads already. */
  private readonly rangeIsToday = computed(() => {
    const { from, to } = this.range();
    const today = isoDay(this.now());
    return from === today && to === today;
  });
  private readonly summaryRef = httpResource<SummaryReport>(() =>
    this.rangeIsToday()
      ? undefined
      : { url: api('/reports/summary'), params: query({ ...this.range() }) },
  );
  private readonly usageRef = httpResource<UsageReport>(() => ({
    url: api('/reports/usage'),
    params: query({ ...this.range() }),
  }));

  protected readonly usage = viewOf(this.usageRef, this.i18n);
  protected readonly today = viewOf(this.todaySummary, this.i18n);
  private readonly rangeSummary = viewOf(this.summaryRef, this.i18n);
  protected readonly summary = switchView(() =>
    this.rangeIsToday() ? this.today : this.rangeSummary,
  );

  /** A figure once its data is in, a dash until then (the card keeps its size meanwhile). */
  protected loaded(view: ResourceView<unknown>, text: string): string {
    return view.loading() ? '—' : text;
  }

  protected readonly totals = computed(() => totalsOf(this.summary.data()?.rows ?? []));

  protected readonly todayDay = computed(() => isoDay(this.now()));
  private readonly attendanceRef = resource({
    params: () => ({ from: this.todayDay(), to: this.todayDay() }),
    loader: ({ params }) => loadAttendance(this.api, params),
  });
  private readonly employeesRef = resource({ loader: () => loadAllEmployees(this.api) });
  protected readonly attendance = viewOf(this.attendanceRef, this.i18n);
  protected readonly attendanceLoading = computed(
    () =>
      this.attendance.loading() || (this.employeesRef.isLoading() && !this.employeesRef.hasValue()),
  );

  /** Present, late, absent and on leave today, each with the names (sorted) of who is. */
  protected readonly todayGroups = computed(() => {
    const names = new Map(
      (this.employeesRef.hasValue() ? this.employeesRef.value() : []).map((e) => [
        e.id,
        e.fullName,
      ]),
    );
    const rows = this.attendance.data() ?? [];
    return TODAY_GROUPS.map((group) => {
      const people = rows
        .filter((row) => group.statuses.includes(row.status))
        .map((row) => names.get(row.employeeId) ?? '—')
        .sort((a, b) => a.localeCompare(b));
      const more = people.length - NAMES_SHOWN;
      return {
        key: group.key,
        count: people.length,
        names: people.slice(0, NAMES_SHOWN).join(', ') + (more > 0 ? ` +${more}` : ''),
      };
    });
  });
  /** Everyone's today is a holiday or a day off: nothing to count. */
  protected readonly nothingScheduled = computed(() =>
    this.todayGroups().every((group) => group.count === 0),
  );
  protected readonly holidayToday = computed(() => {
    const rows = this.attendance.data() ?? [];
    return rows.length > 0 && rows.every((row) => row.status === 'holiday');
  });

  protected readonly topApps = computed(() =>
    topUsage(this.usage.data()?.rows ?? [], 'app', (s) => this.fmt.duration(s)),
  );
  protected readonly topSites = computed(() =>
    topUsage(this.usage.data()?.rows ?? [], 'site', (s) => this.fmt.duration(s)),
  );

  /** Each person's zone: their times today are given on their own clock, named if not ours. */
  private readonly zones = computed(
    () =>
      new Map(
        (this.employeesRef.hasValue() ? this.employeesRef.value() : []).map((e) => [
          e.id,
          e.timeZone ?? null,
        ]),
      ),
  );

  protected readonly people = computed(() => {
    const now = this.now().getTime();
    const zones = this.zones();
    return [...(this.today.data()?.rows ?? [])]
      .map((row) => ({
        ...row,
        working: isWorkingNow(row, now),
        timeZone: zones.get(row.employeeId) ?? null,
      }))
      .sort(
        (a, b) =>
          Number(b.working) - Number(a.working) ||
          (b.lastActivityAt ?? '').localeCompare(a.lastActivityAt ?? ''),
      );
  });
  protected readonly workingCount = computed(() => this.people().filter((p) => p.working).length);

  protected readonly demo = inject(DemoData);
  private readonly ui = inject(Ui);
  /** An empty organization, for an owner or admin: the demo is offered. */
  protected readonly offerDemo = computed(
    () => !!this.demo.status()?.canLoad || this.demo.status()?.state === 'loading',
  );

  constructor() {
    // Once a demo load or removal is over, every figure here is read again.
    effect(() => {
      if (this.demo.finished() === 0) return;
      this.summaryRef.reload();
      this.usageRef.reload();
      this.todaySummary.reload();
      this.attendanceRef.reload();
      this.employeesRef.reload();
    });
  }

  protected async loadDemo(): Promise<void> {
    await this.ui.run(() => this.demo.load());
  }

  protected setRange(range: DayRange): void {
    this.now.set(new Date());
    this.chosen.set(range);
  }
}
