import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { RouterLink } from '@angular/router';
import type { SummaryReport, UsageReport } from '@app/api/models';
import { api, query } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { isoDay, startOfWeek } from '@app/shared/data/dates';
import { isWorkingNow, totalsOf } from '@app/shared/data/report-math';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState } from '@app/shared/ui/async-state';
import { BarList, type BarRow } from '@app/shared/ui/bar-list';
import { SplitBar } from '@app/shared/ui/split-bar';
import { StatCard } from '@app/shared/ui/stat-card';

type Period = 'today' | 'week';

@Component({
  selector: 'ctx-dashboard',
  imports: [
    MatCardModule,
    MatIconModule,
    MatListModule,
    MatButtonToggleModule,
    RouterLink,
    TranslatePipe,
    AsyncState,
    StatCard,
    SplitBar,
    BarList,
  ],
  templateUrl: './dashboard.html',
  styleUrl: './dashboard.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Dashboard {
  protected readonly fmt = inject(Format);
  private readonly i18n = inject(I18n);
  protected readonly period = signal<Period>('today');
  private readonly now = signal(new Date());

  protected readonly range = computed(() => {
    const today = this.now();
    return {
      from: isoDay(this.period() === 'today' ? today : startOfWeek(today)),
      to: isoDay(today),
    };
  });

  private readonly todaySummary = httpResource<SummaryReport>(() => ({
    url: api('/reports/summary'),
    params: query({ from: isoDay(this.now()), to: isoDay(this.now()) }),
  }));
  private readonly summaryRef = httpResource<SummaryReport>(() => ({
    url: api('/reports/summary'),
    params: query(this.range()),
  }));
  private readonly usageRef = httpResource<UsageReport>(() => ({
    url: api('/reports/usage'),
    params: query(this.range()),
  }));

  protected readonly summary = viewOf(this.summaryRef, this.i18n);
  protected readonly usage = viewOf(this.usageRef, this.i18n);
  protected readonly today = viewOf(this.todaySummary, this.i18n);

  protected readonly totals = computed(() => totalsOf(this.summary.data()?.rows ?? []));

  protected readonly topApps = computed(() => this.topOf('app'));
  protected readonly topSites = computed(() => this.topOf('site'));

  protected readonly people = computed(() => {
    const now = this.now().getTime();
    return [...(this.today.data()?.rows ?? [])]
      .map((row) => ({ ...row, working: isWorkingNow(row, now) }))
      .sort(
        (a, b) =>
          Number(b.working) - Number(a.working) ||
          (b.lastActivityAt ?? '').localeCompare(a.lastActivityAt ?? ''),
      );
  });
  protected readonly workingCount = computed(() => this.people().filter((p) => p.working).length);

  protected setPeriod(value: Period): void {
    this.now.set(new Date());
    this.period.set(value);
  }

  private topOf(kind: 'app' | 'site'): BarRow[] {
    return (this.usage.data()?.rows ?? [])
      .filter((row) => row.kind === kind)
      .slice(0, 8)
      .map((row) => ({
        label: row.name,
        value: row.seconds,
        display: this.fmt.duration(row.seconds),
        tone: row.productivity,
      }));
  }
}
