import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { ValidationFailedError } from '#src/common/errors/domain-error.js';
import { AccessScopeService } from '../accounts/access-scope.service.js';
import { toSecondsKeepingSum } from '../activity/counting/productivity.js';
import {
  addDays,
  daysBetween,
  formatInZone,
  isValidDay,
  localDayBounds,
} from '../activity/counting/time-zone.js';
import {
  ActivityReadModel,
  type ReadMode,
  type ActivityTotals,
} from '../activity/read-model/activity-read-model.js';
import type {
  SummaryDto,
  SummaryRowDto,
  TimelineDto,
  TeamComparisonDto,
  TeamComparisonRowDto,
  TrendDayDto,
  TrendDto,
  UsageDto,
  UsageRowDto,
} from './dto/report.dto.js';
import { PeriodLocksService } from '../period-locks/period-locks.service.js';
import { type ReportEmployee, ReportsRepository } from './reports.repository.js';
import { buildTimeline } from './timeline.js';

export const MAX_RANGE_DAYS = 366;
/** A trend reads each day on its own: a quarter is plenty for a chart, and bounded. */
export const MAX_TREND_DAYS = 93;

function checkRange(from: string, to: string): void {
  const errors = [];
  if (!isValidDay(from)) errors.push({ path: 'from', message: 'from is not a calendar day' });
  if (!isValidDay(to)) errors.push({ path: 'to', message: 'to is not a calendar day' });
  if (errors.length === 0) {
    const span = daysBetween(from, to);
    if (span < 0) errors.push({ path: 'to', message: 'to must not be before from' });
    else if (span >= MAX_RANGE_DAYS)
      errors.push({ path: 'to', message: `a range covers at most ${MAX_RANGE_DAYS} days` });
  }
  if (errors.length > 0) throw new ValidationFailedError(errors);
}

/** An employee's activity figures of one local day, in milliseconds. */
export interface DayTotals {
  employeeId: string;
  day: string;
  activeMs: number;
  idleMs: number;
  firstActiveMs: number | null;
  lastActiveMs: number | null;
  productiveMs: number;
  neutralMs: number;
  unproductiveMs: number;
}

const minOrNull = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.min(a, b);
const maxOrNull = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.max(a, b);

/** Exports page through a large scope: the caller's scope, narrowed to one page of ids. */
function restrictTo(ids: string[] | 'all', only?: readonly string[]): string[] | 'all' {
  if (!only) return ids;
  if (ids === 'all') return [...only];
  const allowed = new Set(ids);
  return only.filter((id) => allowed.has(id));
}

/**
 * summary, usage and timeline: scoped to what the caller may see, exact to the second. What a
 * person asks to see (and exports) reads activity from a read replica when there is one; the day
 * totals a period lock freezes read the primary.
 */
@Injectable()
export class ReportsService {
  constructor(
    @Inject(ReportsRepository) private readonly repo: ReportsRepository,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(ActivityReadModel) private readonly activity: ActivityReadModel,
    @Inject(PeriodLocksService) private readonly locks: PeriodLocksService,
  ) {}

  async summary(
    p: Principal,
    q: { from: string; to: string; teamId?: string; employeeIds?: readonly string[] },
  ): Promise<SummaryDto> {
    checkRange(q.from, q.to);
    const org = p.organizationId;
    const ids = restrictTo(await this.scope.employeeIdsInScope(p, q.teamId), q.employeeIds);
    const employees = await this.repo.employees(org, ids);
    const byId = new Map(employees.map((e) => [e.id, e]));
    const totals = await this.totalsWithFrozen(org, byId, q.from, q.to, 'replica');
    const rows: SummaryRowDto[] = [];
    for (const t of totals) {
      const e = byId.get(t.employeeId);
      if (!e || t.activeMs + t.idleMs === 0) continue;
      const [productive, neutral, unproductive] = toSecondsKeepingSum([
        t.productiveMs,
        t.neutralMs,
        t.unproductiveMs,
      ]);
      rows.push({
        employeeId: e.id,
        fullName: e.fullName,
        activeSeconds: Math.round(t.activeMs / 1000),
        idleSeconds: Math.round(t.idleMs / 1000),
        productiveSeconds: productive,
        neutralSeconds: neutral,
        unproductiveSeconds: unproductive,
        firstActivityAt:
          t.firstActiveMs === null ? null : formatInZone(e.timeZone, t.firstActiveMs),
        lastActivityAt: t.lastActiveMs === null ? null : formatInZone(e.timeZone, t.lastActiveMs),
      });
    }
    rows.sort(
      (a, b) => a.fullName.localeCompare(b.fullName) || a.employeeId.localeCompare(b.employeeId),
    );
    return { from: q.from, to: q.to, rows };
  }

  /** The summary's rows of the range added up per team (the team each person is in now). */
  async teams(p: Principal, q: { from: string; to: string }): Promise<TeamComparisonDto> {
    const summary = await this.summary(p, q);
    const teamOf = new Map(
      (
        await this.repo.employees(
          p.organizationId,
          summary.rows.map((r) => r.employeeId),
        )
      ).map((e) => [e.id, e.teamId]),
    );
    const byTeam = new Map<string | null, TeamComparisonRowDto>();
    for (const r of summary.rows) {
      const teamId = teamOf.get(r.employeeId) ?? null;
      const row = byTeam.get(teamId) ?? {
        teamId,
        employees: 0,
        activeSeconds: 0,
        idleSeconds: 0,
        productiveSeconds: 0,
        neutralSeconds: 0,
        unproductiveSeconds: 0,
      };
      row.employees += 1;
      row.activeSeconds += r.activeSeconds;
      row.idleSeconds += r.idleSeconds;
      row.productiveSeconds += r.productiveSeconds;
      row.neutralSeconds += r.neutralSeconds;
      row.unproductiveSeconds += r.unproductiveSeconds;
      byTeam.set(teamId, row);
    }
    const rows = [...byTeam.values()].sort(
      (a, b) =>
        b.activeSeconds - a.activeSeconds || String(a.teamId).localeCompare(String(b.teamId)),
    );
    return { from: q.from, to: q.to, rows };
  }

  /**
   * Per local day of from..to, the sum over the employees in scope of what the summary of that
   * one day says (locked days as frozen), so a day of the trend equals the summary of that day.
   */
  async trend(
    p: Principal,
    q: { from: string; to: string; teamId?: string; employeeId?: string },
  ): Promise<TrendDto> {
    checkRange(q.from, q.to);
    if (daysBetween(q.from, q.to) >= MAX_TREND_DAYS) {
      throw new ValidationFailedError([
        { path: 'to', message: `a trend covers at most ${MAX_TREND_DAYS} days` },
      ]);
    }
    const org = p.organizationId;
    const ids = await this.scope.employeeIdsOf(
      p,
      await this.scope.resolveScope(p, { teamId: q.teamId, employeeId: q.employeeId }),
    );
    const employees = ids !== 'all' && ids.length === 0 ? [] : await this.repo.employees(org, ids);
    const byId = new Map(employees.map((e) => [e.id, e]));
    const days: TrendDayDto[] = [];
    for (let day = q.from; day <= q.to; day = addDays(day, 1)) {
      const totals =
        byId.size === 0 ? [] : await this.totalsWithFrozen(org, byId, day, day, 'replica');
      const sum = { employees: 0, active: 0, idle: 0, productive: 0, neutral: 0, unproductive: 0 };
      for (const t of totals) {
        if (!byId.has(t.employeeId) || t.activeMs + t.idleMs === 0) continue;
        // Rounded per employee as the summary rows are, so the day adds up to them.
        const [productive, neutral, unproductive] = toSecondsKeepingSum([
          t.productiveMs,
          t.neutralMs,
          t.unproductiveMs,
        ]);
        sum.employees += 1;
        sum.active += Math.round(t.activeMs / 1000);
        sum.idle += Math.round(t.idleMs / 1000);
        sum.productive += productive;
        sum.neutral += neutral;
        sum.unproductive += unproductive;
      }
      days.push({
        day,
        employees: sum.employees,
        activeSeconds: sum.active,
        idleSeconds: sum.idle,
        productiveSeconds: sum.productive,
        neutralSeconds: sum.neutral,
        unproductiveSeconds: sum.unproductive,
      });
    }
    return { from: q.from, to: q.to, days };
  }

  /**
   * Each employee's totals of from..to: days of a locked period as they were frozen when it was
   * locked (API: locked periods), other days from the rollups with today's rules.
   */
  private async totalsWithFrozen(
    org: string,
    byId: Map<string, ReportEmployee>,
    from: string,
    to: string,
    mode: ReadMode,
  ): Promise<ActivityTotals[]> {
    const locked = await this.locks.lockedRanges(org, from, to);
    if (locked.length === 0) return this.liveTotals(org, byId, from, to, mode);
    const parts: ActivityTotals[] = [];
    let cursor = from;
    for (const l of locked) {
      const lockedFrom = l.from < from ? from : l.from;
      const lockedTo = l.to > to ? to : l.to;
      if (cursor < lockedFrom)
        parts.push(...(await this.liveTotals(org, byId, cursor, addDays(lockedFrom, -1), mode)));
      const frozen = await this.locks.frozenDayTotals(org, [...byId.keys()], lockedFrom, lockedTo);
      parts.push(...frozen);
      cursor = addDays(lockedTo, 1);
    }
    if (cursor <= to) parts.push(...(await this.liveTotals(org, byId, cursor, to, mode)));
    const merged = new Map<string, ActivityTotals>();
    for (const t of parts) {
      const m = merged.get(t.employeeId);
      if (!m) {
        merged.set(t.employeeId, { ...t });
        continue;
      }
      m.activeMs += t.activeMs;
      m.idleMs += t.idleMs;
      m.productiveMs += t.productiveMs;
      m.neutralMs += t.neutralMs;
      m.unproductiveMs += t.unproductiveMs;
      m.firstActiveMs = minOrNull(m.firstActiveMs, t.firstActiveMs);
      m.lastActiveMs = maxOrNull(m.lastActiveMs, t.lastActiveMs);
    }
    return [...merged.values()];
  }

  /**
   * The per-day figures the summary is built from, of every employee of the organization with
   * activity on a day of from..to, with the rules in force now (what a lock freezes).
   */
  async dayTotals(organizationId: string, from: string, to: string): Promise<DayTotals[]> {
    checkRange(from, to);
    const employees = await this.repo.employees(organizationId, 'all');
    const byId = new Map(employees.map((e) => [e.id, e]));
    const out: DayTotals[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) {
      // What the lock freezes must include every write made before it: the primary.
      for (const t of await this.liveTotals(organizationId, byId, day, day, 'primary')) {
        if (t.activeMs + t.idleMs === 0) continue;
        out.push({
          employeeId: t.employeeId,
          day,
          activeMs: t.activeMs,
          idleMs: t.idleMs,
          firstActiveMs: t.firstActiveMs,
          lastActiveMs: t.lastActiveMs,
          productiveMs: t.productiveMs,
          neutralMs: t.neutralMs,
          unproductiveMs: t.unproductiveMs,
        });
      }
    }
    return out;
  }

  /** Totals from the rollups, the productivity split as the rules in force make it. */
  private liveTotals(
    org: string,
    byId: Map<string, ReportEmployee>,
    from: string,
    to: string,
    mode: ReadMode,
  ): Promise<ActivityTotals[]> {
    return this.activity.totals(org, byId, from, to, mode);
  }

  async usage(
    p: Principal,
    q: { from: string; to: string; employeeId?: string; teamId?: string },
  ): Promise<UsageDto> {
    checkRange(q.from, q.to);
    const org = p.organizationId;
    // An employee outside the team simply has no usage here; both must be visible to the caller.
    const ids = await this.scope.employeeIdsOf(
      p,
      await this.scope.resolveScope(p, { teamId: q.teamId, employeeId: q.employeeId }),
    );
    const rows: UsageRowDto[] = [];
    for (const { key, ms, productivity } of await this.activity.keyUsage(
      org,
      ids,
      q.from,
      q.to,
      'replica',
    )) {
      const seconds = Math.round(ms / 1000);
      if (seconds === 0) continue;
      rows.push({
        kind: key.kind,
        name: key.kind === 'site' ? key.normalized : key.name,
        seconds,
        productivity,
      });
    }
    rows.sort(
      (a, b) =>
        b.seconds - a.seconds || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name),
    );
    return { from: q.from, to: q.to, rows };
  }

  async timeline(p: Principal, q: { employeeId: string; day: string }): Promise<TimelineDto> {
    if (!isValidDay(q.day))
      throw new ValidationFailedError([{ path: 'day', message: 'day is not a calendar day' }]);
    const employee = await this.scope.assertCanSeeEmployee(p, q.employeeId);
    const tz = employee.timeZone;
    const { startMs, endMs } = localDayBounds(tz, q.day);
    const spans = await this.activity.spans(p.organizationId, employee, startMs, endMs, 'replica');
    const entries = buildTimeline(
      spans.map((s) => ({
        kind: s.kind,
        startMs: s.startMs,
        endMs: s.endMs,
        app: s.app,
        title: s.title,
        site: s.key?.kind === 'site' ? s.key.normalized : null,
        url: s.url,
        productivity: s.productivity,
      })),
      startMs,
      endMs,
    );
    let activeMs = 0;
    let idleMs = 0;
    for (const e of entries) {
      if (e.kind === 'active') activeMs += e.endMs - e.startMs;
      else idleMs += e.endMs - e.startMs;
    }
    return {
      employeeId: employee.id,
      day: q.day,
      timeZone: tz,
      activeSeconds: Math.round(activeMs / 1000),
      idleSeconds: Math.round(idleMs / 1000),
      spans: entries.map((e) => ({
        kind: e.kind,
        start: formatInZone(tz, e.startMs),
        end: formatInZone(tz, e.endMs),
        seconds: Math.round((e.endMs - e.startMs) / 1000),
        app: e.app,
        title: e.title,
        site: e.site,
        url: e.url,
        productivity: e.productivity,
      })),
    };
  }
}
