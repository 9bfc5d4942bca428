import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatButtonToggleGroup, MatButtonToggle } from '@angular/material/button-toggle';
import {
  MatDatepickerToggle,
  MatDatepicker,
  MatDatepickerInput,
} from '@angular/material/datepicker';
import { MatIcon } from '@angular/material/icon';
import { Router, RouterLink } from '@angular/router';
import type { Employee, SummaryReport, Timeline, UsageReport } from '@app/api/models';
import { api } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { addDays, isoDay, parseDay } from '@app/shared/data/dates';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { BarList } from '@app/shared/ui/bar-list';
import { DayScreenshots } from '@app/features/screenshots/day-screenshots';
import { DayTimeline } from '@app/shared/ui/day-timeline';
import { SplitBar } from '@app/shared/ui/split-bar';
import { StatCard } from '@app/shared/ui/stat-card';
import { provideConsoleDateAdapter } from '@app/shared/ui/date-adapter';
import { TABLE_PARTS } from '@app/shared/ui/parts/table';
import { FIELD_PARTS } from '@app/shared/ui/parts/field';
import { CARD_PARTS } from '@app/shared/ui/parts/card';

/** One employee's day: the API's totals, the spans on a 24-hour strip, and the spans as a table. */
@Component({
  selector: 'ctx-timeline',
  providers: [provideConsoleDateAdapter()],
  imports: [
    CARD_PARTS,
    MatIconButton,
    MatButtonToggleGroup,
    MatButtonToggle,
    MatIcon,
    TABLE_PARTS,
    MatDatepickerToggle,
    MatDatepicker,
    MatDatepickerInput,
    FIELD_PARTS,
    RouterLink,
    TranslatePipe,
    AsyncState,
    WhenReady,
    BarList,
    DayTimeline,
    DayScreenshots,
    SplitBar,
    StatCard,
  ],
  templateUrl: './timeline.html',
  styles: `
    .day-usage {
      margin: 16px 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TimelinePage {
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);
  readonly employeeId = input.required<string>();
  readonly day = input<string>();

  protected readonly currentDay = computed(() => this.day() ?? isoDay(new Date()));
  protected readonly dayDate = computed(() => parseDay(this.currentDay()));

  private readonly employeeRef = httpResource<Employee>(() =>
    api(`/employees/${this.employeeId()}`),
  );
  private readonly summaryRef = httpResource<SummaryReport>(() => ({
    url: api('/reports/summary'),
    params: { from: this.currentDay(), to: this.currentDay() },
  }));
  private readonly timelineRef = httpResource<Timeline>(() => ({
    url: api('/reports/timeline'),
    params: { employeeId: this.employeeId(), day: this.currentDay() },
  }));

  private readonly usageRef = httpResource<UsageReport>(() => ({
    url: api('/reports/usage'),
    params: { from: this.currentDay(), to: this.currentDay(), employeeId: this.employeeId() },
  }));

  protected readonly employee = viewOf(this.employeeRef, this.i18n);
  protected readonly summary = viewOf(this.summaryRef, this.i18n);
  protected readonly timeline = viewOf(this.timelineRef, this.i18n);
  protected readonly usage = viewOf(this.usageRef, this.i18n);

  /** The zone the API gives this person's times in: theirs, in which their day is counted. */
  protected readonly timeZone = computed(
    () => this.timeline.data()?.timeZone ?? this.employee.data()?.timeZone ?? null,
  );

  protected readonly row = computed(
    () => this.summary.data()?.rows.find((r) => r.employeeId === this.employeeId()) ?? null,
  );
  protected readonly spans = computed(() => this.timeline.data()?.spans ?? []);
  protected readonly columns = ['time', 'kind', 'what', 'productivity', 'duration'];

  /** The spans' column names the zone once (when not the viewer's) instead of every row. */
  protected readonly timeHeader = computed(() => {
    const zone = this.fmt.foreignZone(this.timeZone());
    const time = this.i18n.t('reports.time');
    return zone ? `${time} (${zone})` : time;
  });

  protected readonly usageKind = signal<'app' | 'site'>('app');
  protected readonly usageView = signal<'chart' | 'table'>('chart');
  protected readonly usageColumns = ['name', 'productivity', 'seconds', 'share'];

  /** The person's top ten applications (or sites) of the day, as bars and as table rows. */
  protected readonly usageRows = computed(() => {
    const rows = (this.usage.data()?.rows ?? []).filter((r) => r.kind === this.usageKind());
    const total = rows.reduce((sum, r) => sum + r.seconds, 0);
    return rows.slice(0, 10).map((row) => ({
      label: row.name,
      value: row.seconds,
      display: this.fmt.duration(row.seconds),
      tone: row.productivity,
      sub: this.i18n.t(`productivity.${row.productivity}`),
      share: this.fmt.percent(row.seconds, total),
    }));
  });

  protected readonly usageCaption = computed(
    () =>
      `${this.i18n.t('reports.topUsage')}: ${this.i18n.t(
        this.usageKind() === 'app' ? 'reports.apps' : 'reports.sites',
      )}`,
  );

  /** Why the list is empty: no active time at all, or none of this kind. */
  protected readonly usageEmptyText = computed(() => {
    if ((this.usage.data()?.rows.length ?? 0) === 0) return this.i18n.t('reports.noUsageDay');
    return this.i18n.t(this.usageKind() === 'site' ? 'reports.noSitesDay' : 'reports.noAppsDay');
  });

  protected spanSeconds(start: string, end: string): number {
    return Math.round((new Date(end).getTime() - new Date(start).getTime()) / 1000);
  }

  protected shift(days: number): void {
    this.go(isoDay(addDays(this.dayDate(), days)));
  }

  protected pick(date: Date | null): void {
    if (date) this.go(isoDay(date));
  }

  private go(day: string): void {
    void this.router.navigate([], { queryParams: { day }, queryParamsHandling: 'merge' });
  }
}
