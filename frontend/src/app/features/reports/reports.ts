import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatOption, MatSelect } from '@angular/material/select';
import type { Sort } from '@angular/material/sort';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { Router, RouterLink } from '@angular/router';
import type {
  Page,
  SummaryReport,
  SummaryRow,
  Team,
  TeamComparison,
  TrendReport,
  UsageReport,
} from '@app/api/models';
import { api, query } from '@app/core/http/api';
import { Format } from '@app/core/i18n/format.service';
import { I18n } from '@app/core/i18n/i18n.service';
import { TranslatePipe } from '@app/core/i18n/t.pipe';
import { addDays, daysBetween, isoDay } from '@app/shared/data/dates';
import { totalsOf } from '@app/shared/data/report-math';
import { viewOf } from '@app/shared/data/resource-view';
import { AsyncState, WhenReady } from '@app/shared/ui/async-state';
import { BarList } from '@app/shared/ui/bar-list';
import { SplitBar } from '@app/shared/ui/split-bar';
import { TrendChart } from '@app/shared/ui/trend-chart';
import { DateRange, type DayRange } from '@app/shared/ui/date-range';
import { FieldLook } from '@app/shared/ui/field-look';
import { ReportMail } from '../exports/report-mail';
import { SummaryTable } from './summary-table';

type SortKey = keyof SummaryRow;

/** The views in order, by their `tab` query parameter (the first, the summary, has none). */
const VIEWS = [
  { tab: '', label: 'reports.summary' },
  { tab: 'usage', label: 'reports.usage' },
  { tab: 'trend', label: 'trend.title' },
  { tab: 'teams', label: 'teamComparison.title' },
] as const;

@Component({
  selector: 'ctx-reports',
  imports: [
    MatCard,
    MatCardContent,
    MatButton,
    MatButtonToggleGroup,
    MatButtonToggle,
    MatFormField,
    MatLabel,
    MatSelect,
    MatOption,
    MatIcon,
    RouterLink,
    TranslatePipe,
    AsyncState,
    WhenReady,
    BarList,
    SplitBar,
    DateRange,
    TrendChart,
    FieldLook,
    SummaryTable,
  ],
  templateUrl: './reports.html',
  styles: `
    .views {
      display: flex;
      overflow-x: auto;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      margin-bottom: 16px;
    }
    .views a {
      flex: none;
      padding: 14px 16px 12px;
      border-bottom: 2px solid transparent;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-title-small);
      text-decoration: none;
      white-space: nowrap;
    }
    .views a:hover {
      color: var(--mat-sys-on-surface);
      background: color-mix(in srgb, var(--mat-sys-on-surface) 4%, transparent);
    }
    .views a.current {
      color: var(--mat-sys-primary);
      border-bottom-color: var(--mat-sys-primary);
    }
    .team-field {
      width: 13rem;
    }
    .compare {
      border-collapse: collapse;
      width: 100%;
    }
    .compare th,
    .compare td {
      text-align: left;
      padding: 8px 12px 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      vertical-align: top;
    }
    .compare .num {
      text-align: right;
      white-space: nowrap;
    }
    .compare .split {
      min-width: 220px;
    }
    .compare caption {
      text-align: left;
      font: var(--mat-sys-title-small);
      padding-bottom: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Reports {
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  protected readonly fmt = inject(Format);

  // Query parameters (bound by the router), so a report can be bookmarked and shared.
  readonly from = input<string>();
  readonly to = input<string>();
  readonly teamId = input<string>();
  readonly tab = input<string>();

  protected readonly views = VIEWS;
  protected readonly tabIndex = computed(() =>
    Math.max(
      0,
      VIEWS.findIndex((view) => view.tab === (this.tab() ?? '')),
    ),
  );

  protected readonly range = computed<DayRange>(() => ({
    from: this.from() ?? isoDay(addDays(new Date(), -6)),
    to: this.to() ?? isoDay(new Date()),
  }));
  protected readonly filter = signal('');
  protected readonly sort = signal<Sort>({ active: 'activeSeconds', direction: 'desc' });
  protected readonly usageKind = signal<'app' | 'site'>('app');

  // Each view asks for its own report, when it is on screen: the reports are the heaviest reads
  // the server answers, and a page that asked for all of them waited for all of them.
  private readonly summaryRef = httpResource<SummaryReport>(() =>
    this.tabIndex() === 0
      ? { url: api('/reports/summary'), params: query({ ...this.range(), teamId: this.teamId() }) }
      : undefined,
  );
  private readonly usageRef = httpResource<UsageReport>(() =>
    this.tab() === 'usage'
      ? { url: api('/reports/usage'), params: query({ ...this.range(), teamId: this.teamId() }) }
      : undefined,
  );
  private readonly teamsRef = httpResource<Page<Team>>(() => ({
    url: api('/teams'),
    params: { pageSize: 200 },
  }));

  /** A trend reads each day on its own: the api takes at most 93 days. */
  protected readonly trendTooLong = computed(
    () => daysBetween(this.range().from, this.range().to) >= 93,
  );
  private readonly trendRef = httpResource<TrendReport>(() =>
    this.tab() === 'trend' && !this.trendTooLong()
      ? { url: api('/reports/trend'), params: query({ ...this.range(), teamId: this.teamId() }) }
      : undefined,
  );
  protected readonly trend = viewOf(this.trendRef, this.i18n);
  protected readonly trendEmpty = computed(() =>
    (this.trend.data()?.days ?? []).every((d) => d.activeSeconds + d.idleSeconds === 0),
  );

  private readonly teamComparisonRef = httpResource<TeamComparison>(() =>
    this.tab() === 'teams'
      ? { url: api('/reports/teams'), params: query({ ...this.range() }) }
      : undefined,
  );
  protected readonly teamComparison = viewOf(this.teamComparisonRef, this.i18n);
  /** Named from the team list; people in no team under their own label. */
  protected readonly teamRows = computed(() => {
    const names = new Map(this.teams().map((t) => [t.id, t.name]));
    return (this.teamComparison.data()?.rows ?? []).map((row) => ({
      ...row,
      name: row.teamId ? (names.get(row.teamId) ?? '—') : this.i18n.t('teamComparison.noTeam'),
    }));
  });

  protected readonly summary = viewOf(this.summaryRef, this.i18n);
  protected readonly usage = viewOf(this.usageRef, this.i18n);
  protected readonly teams = computed(() =>
    this.teamsRef.hasValue() ? (this.teamsRef.value()?.items ?? []) : [],
  );
  /** The chosen team's name, for the field that stands in for the select; null for all teams. */
  protected readonly teamName = computed(() => {
    const id = this.teamId();
    return id ? (this.teams().find((t) => t.id === id)?.name ?? null) : null;
  });

  private readonly reportMail = inject(ReportMail);

  /** The report on screen (summary or applications & sites), mailed weekly for the same team. */
  protected mailThisReport(): void {
    const report = this.tab() === 'usage' ? 'usage' : 'summary';
    void this.reportMail.subscribe(this.teams(), { report, teamId: this.teamId() ?? null });
  }

  protected readonly rows = computed(() => {
    const needle = this.filter().trim().toLocaleLowerCase();
    const { active, direction } = this.sort();
    const rows = (this.summary.data()?.rows ?? []).filter(
      (row) => !needle || row.fullName.toLocaleLowerCase().includes(needle),
    );
    if (!direction) return rows;
    const key = active as SortKey;
    const sign = direction === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = a[key] ?? '';
      const y = b[key] ?? '';
      return (
        (typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x).localeCompare(String(y))) * sign
      );
    });
  });
  protected readonly totals = computed(() => totalsOf(this.rows()));

  protected readonly usageRows = computed(() =>
    (this.usage.data()?.rows ?? [])
      .filter((row) => row.kind === this.usageKind())
      .slice(0, 20)
      .map((row) => ({
        label: row.name,
        value: row.seconds,
        display: this.fmt.clock(row.seconds),
        tone: row.productivity,
        sub: this.i18n.t(`productivity.${row.productivity}`),
      })),
  );

  protected setRange(range: DayRange): void {
    this.navigate({ from: range.from, to: range.to });
  }

  protected setTeam(teamId: string): void {
    this.navigate({ teamId: teamId || null });
  }

  private navigate(params: Record<string, string | null>): void {
    void this.router.navigate([], { queryParams: params, queryParamsHandling: 'merge' });
  }
}
