import { Inject, Injectable } from '@nestjs/common';
import type { ReadMode } from '#src/database/replicas/read-replicas.js';
import type { Interval } from '../counting/intervals.js';
import type { ClassTotals, Productivity } from '../counting/productivity.js';
import { KeyCatalog, type KeyMeta } from '../rollups/key-catalog.js';
import type { ActiveDay } from '../rollups/rollup-store.js';
import { RollupService } from '../rollups/rollup.service.js';
import { ProductivityRulesService } from '../rules/productivity-rules.service.js';
import {
  type ActiveSpanText,
  ActivityReadRepository,
  type PersonSpan,
  type StoredSpan,
  type StoredTotals,
} from './activity-read.repository.js';

export type { ActiveDay, ActiveSpanText, KeyMeta, PersonSpan, ReadMode };

/** An employee's activity over a range of local days, in milliseconds, split under today's rules. */
export interface ActivityTotals {
  employeeId: string;
  activeMs: number;
  idleMs: number;
  firstActiveMs: number | null;
  lastActiveMs: number | null;
  productiveMs: number;
  neutralMs: number;
  unproductiveMs: number;
}

/** An employee as the read model needs them: the current team decides their productivity classes. */
export interface TeamOf {
  teamId: string | null;
}

/** Time spent with one app or site over a range, and its class under today's rules (no team). */
export interface KeyUsage {
  key: KeyMeta;
  ms: number;
  productivity: Productivity;
}

/** A raw span of a day, with its app or site and its class for the employee's team today. */
export interface ClassifiedSpan extends StoredSpan {
  /** The span's app or site; null for idle spans and keys not (yet) in the catalog. */
  key: KeyMeta | null;
  productivity: Productivity;
}

/**
 * What other modules read of activity: exact totals per employee and local day with their class
 * split under the current rules, time per app or site, and raw spans. It hides dirty days (stale
 * rollups are recomputed before they are read), rule revisions and split corrections. No other
 * module reads the activity tables.
 *
 * Each read takes a ReadMode. 'replica' (reports, exports, access exports) reads the activity rows
 * from a read replica within DATABASE_REPLICA_MAX_LAG_SECONDS when there is one; 'primary' is for
 * callers that persist what they read or must see writes just made (period locks, overlap checks).
 * Either way the freshness check and its recomputes, the rules and the key catalog stay on the
 * primary: they write, or must reflect a change at once.
 */
@Injectable()
export class ActivityReadModel {
  constructor(
    @Inject(ActivityReadRepository) private readonly repo: ActivityReadRepository,
    @Inject(RollupService) private readonly rollups: RollupService,
    @Inject(ProductivityRulesService) private readonly rules: ProductivityRulesService,
    @Inject(KeyCatalog) private readonly catalog: KeyCatalog,
  ) {}

  /**
   * Each employee's totals of the local days [fromDay, toDay] (employees without activity are
   * absent), the productivity split as today's rules and teams make it. Stale days are recomputed
   * first; splits cached under older rules are corrected now and refreshed in the background.
   */
  async totals(
    organizationId: string,
    employees: ReadonlyMap<string, TeamOf>,
    fromDay: string,
    toDay: string,
    mode: ReadMode,
  ): Promise<ActivityTotals[]> {
    await this.rollups.ensureFresh(organizationId, fromDay, toDay, new Set(employees.keys()));
    const { revision } = await this.rules.ruleBook(organizationId);
    const totals = await this.repo.totals([...employees.keys()], fromDay, toDay, mode);
    const teamOf = (t: StoredTotals) => employees.get(t.employeeId)?.teamId ?? null;
    const stale = totals.filter((t) => {
      const team = teamOf(t) ?? '';
      return (
        t.minRevision !== revision ||
        t.maxRevision !== revision ||
        t.minTeam !== team ||
        t.maxTeam !== team
      );
    });
    if (stale.length > 0) {
      // Corrected from the same copy the totals came from, so the split adds up to them.
      await this.correct(organizationId, stale, teamOf, fromDay, toDay, mode);
      this.rollups.scheduleRefresh(organizationId);
    }
    return totals.map(publicTotals);
  }

  /**
   * Rules (or teams) changed since these days were counted: the cached split of each is corrected
   * from the keysets whose class changed, or recounted from all keysets when it cannot be.
   */
  private async correct(
    organizationId: string,
    stale: StoredTotals[],
    teamOf: (t: StoredTotals) => string | null,
    fromDay: string,
    toDay: string,
    mode: ReadMode,
  ): Promise<void> {
    const uniform = (t: StoredTotals) =>
      t.minRevision === t.maxRevision && t.minTeam === t.maxTeam && t.minTeam === (teamOf(t) ?? '');
    const correctable = stale.filter(uniform);
    const splits = new Map<string, ClassTotals>(
      correctable.map((t) => [
        t.employeeId,
        { productive: t.productiveMs, neutral: t.neutralMs, unproductive: t.unproductiveMs },
      ]),
    );
    const uncorrectable = await this.rollups.correctSplits(
      organizationId,
      correctable.map((t) => ({
        employeeId: t.employeeId,
        teamId: teamOf(t),
        revision: t.minRevision,
        split: splits.get(t.employeeId)!,
      })),
      fromDay,
      toDay,
      mode,
    );
    const recount = new Set([
      ...stale.filter((t) => !uniform(t)).map((t) => t.employeeId),
      ...uncorrectable,
    ]);
    const teamById = new Map(stale.map((t) => [t.employeeId, teamOf(t)]));
    const fresh =
      recount.size === 0
        ? new Map<string, ClassTotals>()
        : await this.rollups.splitFromKeysets(
            organizationId,
            [...recount].map((id) => ({ id, teamId: teamById.get(id) ?? null })),
            fromDay,
            toDay,
            mode,
          );
    for (const t of stale) {
      const s = recount.has(t.employeeId)
        ? (fresh.get(t.employeeId) ?? { productive: 0, neutral: t.activeMs, unproductive: 0 })
        : splits.get(t.employeeId)!;
      [t.productiveMs, t.neutralMs, t.unproductiveMs] = [s.productive, s.neutral, s.unproductive];
    }
  }

  /**
   * Time per app or site over the local days [fromDay, toDay] of the employees (or the whole
   * organization), classed under today's rules without a team. Keys not in the catalog are absent.
   */
  async keyUsage(
    organizationId: string,
    employeeIds: readonly string[] | 'all',
    fromDay: string,
    toDay: string,
    mode: ReadMode,
  ): Promise<KeyUsage[]> {
    await this.rollups.ensureFresh(
      organizationId,
      fromDay,
      toDay,
      employeeIds === 'all' ? undefined : new Set(employeeIds),
    );
    const { book } = await this.rules.ruleBook(organizationId);
    const keysetMs =
      employeeIds !== 'all' && employeeIds.length === 0
        ? new Map<string, number>()
        : await this.repo.keysetMs(organizationId, employeeIds, fromDay, toDay, mode);
    const keysOf = await this.catalog.keysOf(keysetMs.keys());
    const keyMs = new Map<string, number>();
    for (const [keysetId, ms] of keysetMs) {
      for (const k of keysOf.get(keysetId) ?? []) keyMs.set(k, (keyMs.get(k) ?? 0) + ms);
    }
    const meta = await this.catalog.meta(keyMs.keys());
    const out: KeyUsage[] = [];
    for (const [keyId, ms] of keyMs) {
      const key = meta.get(keyId);
      if (key) out.push({ key, ms, productivity: book.classify(key, null) });
    }
    return out;
  }

  /**
   * The employee's raw spans that can touch [fromMs, toMs) (a local day: clip them to it), each
   * with its app or site and its class for the employee's team under today's rules.
   */
  async spans(
    organizationId: string,
    employee: { id: string; teamId: string | null },
    fromMs: number,
    toMs: number,
    mode: ReadMode,
  ): Promise<ClassifiedSpan[]> {
    const spans = await this.repo.spans(employee.id, fromMs, toMs, mode);
    const { book } = await this.rules.ruleBook(organizationId);
    const meta = await this.catalog.meta(new Set(spans.flatMap((s) => (s.keyId ? [s.keyId] : []))));
    return spans.map((s) => {
      const key = (s.keyId ? meta.get(s.keyId) : undefined) ?? null;
      return { ...s, key, productivity: key ? book.classify(key, employee.teamId) : 'neutral' };
    });
  }

  /**
   * Active spans with their app, title and URL as stored, of the employees, that can touch
   * [fromMs, toMs) (clip them), by employee.
   */
  activeSpanTexts(
    employeeIds: readonly string[],
    fromMs: number,
    toMs: number,
    mode: ReadMode,
  ): Promise<Map<string, ActiveSpanText[]>> {
    return this.repo.activeSpans(employeeIds, fromMs, toMs, mode);
  }

  /**
   * Active time of each local day [fromDay, toDay] of the employees, counted exactly as the totals
   * count it (days without activity are absent). Recomputes stale days first.
   */
  activeDays(
    organizationId: string,
    employeeIds: string[],
    fromDay: string,
    toDay: string,
    mode: ReadMode,
  ): Promise<ActiveDay[]> {
    return this.rollups.activeDays(organizationId, employeeIds, fromDay, toDay, mode);
  }

  /**
   * The employee's tracked active time within [fromMs, toMs): the union of their active spans over
   * all devices (sorted, disjoint).
   */
  activeIntervals(
    organizationId: string,
    employeeId: string,
    fromMs: number,
    toMs: number,
    mode: ReadMode,
  ): Promise<Interval[]> {
    return this.rollups.activeIntervals(organizationId, employeeId, fromMs, toMs, mode);
  }

  /** Every stored day total of one person, by day, as the rows hold them (access export). */
  personDayTotals(
    organizationId: string,
    employeeId: string,
    mode: ReadMode,
  ): Promise<Record<string, unknown>[]> {
    return this.repo.personDayTotals(organizationId, employeeId, mode);
  }

  /** Every span of one person in (start, device, event) order, a page at a time (access export). */
  personSpans(employeeId: string, mode: ReadMode, pageSize?: number): AsyncGenerator<PersonSpan[]> {
    return this.repo.personSpans(employeeId, mode, pageSize);
  }

  /** Waits for a background refresh of cached splits (tests, benchmarks). */
  settled(organizationId: string): Promise<void> {
    return this.rollups.settled(organizationId);
  }
}

function publicTotals(t: StoredTotals): ActivityTotals {
  return {
    employeeId: t.employeeId,
    activeMs: t.activeMs,
    idleMs: t.idleMs,
    firstActiveMs: t.firstActiveMs,
    lastActiveMs: t.lastActiveMs,
    productiveMs: t.productiveMs,
    neutralMs: t.neutralMs,
    unproductiveMs: t.unproductiveMs,
  };
}
