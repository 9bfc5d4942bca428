import { randomInt } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { logger } from '#src/common/logging/logger.js';
import {
  inListSlices,
  isTransientLockError,
  MAX_LOCK_RETRIES,
  twoAtATime,
} from '#src/database/raw-db.js';
import type { ReadMode } from '#src/database/replicas/read-replicas.js';
import { addDays } from '../counting/time-zone.js';
import { clipIntervals, type Interval, unionIntervals } from '../counting/intervals.js';
import { localDayBounds } from '../counting/time-zone.js';
import { ProductivityRulesService } from '../rules/productivity-rules.service.js';
import { buildDayRows, keyIdsOf, keysetClass } from './day-rows.js';
import type { Productivity } from '../counting/productivity.js';
import type { RuleBook } from '../rules/rule-matcher.js';
import { KeyCatalog, type KeyMeta } from './key-catalog.js';
import { type ActiveDay, RollupStore } from './rollup-store.js';

/** Keysets (and keys) whose class changed between two rule books, with their old and new class. */
type MovedKeysets = Map<string, [Productivity, Productivity]>;
/** Moved keysets by rules revision and the team they were worked out for, within one read. */
type MovedKeysetsMemo = Map<string, Promise<MovedKeysets>>;

/** Employees a background pass asks for at a time. */
const PASS_BATCH = 200;
const REFRESH_DELAY_MS = 1_000;

const forEachTwoAtATime = async <T>(items: readonly T[], work: (item: T) => Promise<unknown>) => {
  await twoAtATime(items.map((item) => () => work(item)));
};

/**
 * Keeps rollups exact: recomputes dirty days in the background (the activity.recompute-rollups
 * job, see RollupProcessor), and synchronously for whatever a report is about to read.
 * Recomputes of one employee never overlap (an in-process chain here, the state row lock across
 * processes).
 */
@Injectable()
export class RollupService implements OnApplicationShutdown {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly refreshAgain = new Set<string>();
  private stopped = false;
  /** Reports correcting a stale split right now; the background refresh waits for them. */
  private correcting = 0;

  constructor(
    @Inject(RollupStore) private readonly store: RollupStore,
    @Inject(ProductivityRulesService) private readonly rules: ProductivityRulesService,
    @Inject(KeyCatalog) private readonly catalog: KeyCatalog,
  ) {
    this.rules.onChange((org) => this.scheduleRefresh(org));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.chains.values(), ...this.refreshing.values()]);
  }

  /**
   * One background pass: recomputes every employee with dirty days until none is left (days
   * dirtied during the pass are taken too). An employee whose recompute fails is skipped and the
   * pass fails at the end, so the job is retried and the others are not held up.
   */
  async recomputeDirty(signal?: AbortSignal): Promise<number> {
    const failed = new Set<string>();
    let recomputed = 0;
    for (;;) {
      const todo = (await this.store.dirtyEmployees(PASS_BATCH + failed.size)).filter(
        (id) => !failed.has(id),
      );
      if (todo.length === 0) break;
      // Two employees at a time: one is counted in Node while the other's rows travel (each has a
      // connection of its own on MySQL; SQLite queues them anyway).
      await forEachTwoAtATime(todo, async (id) => {
        if (this.stopped || signal?.aborted) throw new Error('rollup pass stopped');
        try {
          await this.recompute(id);
          recomputed++;
        } catch (error) {
          failed.add(id);
          logger.warn({ err: error, employeeId: id }, 'rollup recompute failed');
        }
      });
    }
    if (failed.size > 0) {
      throw new Error(`rollups of ${failed.size} employee(s) could not be recomputed`);
    }
    return recomputed;
  }

  /** Whether any day waits for a recompute (the safety pass). */
  hasDirtyDays(): Promise<boolean> {
    return this.store.dirtyEmployees(1).then((ids) => ids.length > 0);
  }

  /** Recomputes one employee's dirty days (all days after a zone change). */
  recompute(employeeId: string): Promise<number> {
    return this.serialized(employeeId, () => this.recomputeNow(employeeId));
  }

  /**
   * Rerun whole when MySQL picked it as a deadlock's victim (it races ingestion's dirty marks), or
   * when another process took the employee before the commit (SQLite).
   */
  private async recomputeNow(employeeId: string): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        const written = await this.recomputeOnce(employeeId);
        if (written !== null) return written;
        if (attempt >= MAX_LOCK_RETRIES) {
          throw new Error(`rollups of ${employeeId} kept being taken by another process`);
        }
      } catch (error) {
        if (!isTransientLockError(error) || attempt >= MAX_LOCK_RETRIES) throw error;
      }
      await delay(Math.random() * 20 * attempt);
    }
  }

  /**
   * Takes the employee's dirty days from the store, counts each run of local days from the spans
   * under today's rules, and hands the rows back to the store; returns the day rows written, null
   * when another process took the employee meanwhile.
   */
  private async recomputeOnce(employeeId: string): Promise<number | null> {
    const claim = await this.store.claim(employeeId);
    if (!claim) return 0;
    try {
      const { employee } = claim;
      const rules = await this.rules.ruleBook(employee.organizationId);
      // Random per recompute: a split refreshed from older keyset rows never lands on these days.
      const generation = randomInt(1, 2 ** 31 - 1);
      let written = 0;
      for (const run of claim.runs) {
        const spans = await claim.spans(
          localDayBounds(employee.timeZone, run[0]).startMs,
          localDayBounds(employee.timeZone, run[run.length - 1]).endMs,
        );
        const meta = await this.catalog.meta(keyIdsOf(spans));
        const rows = buildDayRows(employee, run, spans, meta, rules, generation);
        await claim.write(run, rows);
        for (const [id, keys] of rows.keysets) this.catalog.remember(id, keys);
        written += rows.totals.length;
      }
      return (await claim.commit()) ? written : null;
    } catch (error) {
      await claim.rollback();
      throw error;
    }
  }

  /** Erasure: the employee's rollups go, after any recompute of theirs in flight. */
  purgeEmployee(employeeId: string): Promise<void> {
    return this.serialized(employeeId, () => this.store.purge(employeeId));
  }

  private serialized<T>(employeeId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(employeeId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.chains.set(employeeId, next);
    void next
      .finally(() => {
        if (this.chains.get(employeeId) === next) this.chains.delete(employeeId);
      })
      .catch(() => undefined);
    return next;
  }

  /** Before a report reads local days [fromDay, toDay]: nothing it reads may be stale. */
  async ensureFresh(
    organizationId: string,
    fromDay: string,
    toDay: string,
    employeeIds?: ReadonlySet<string>,
  ): Promise<void> {
    // A local day lies within the UTC days before and after it (offsets are under ±24 h).
    const among = employeeIds ? [...employeeIds] : undefined;
    if (among?.length === 0) return;
    const [dirty, moved] = await Promise.all([
      this.store.dirtyEmployeesIn(organizationId, addDays(fromDay, -1), addDays(toDay, 1), among),
      this.store.movedEmployees(organizationId, among),
    ]);
    const todo = [...new Set([...dirty, ...moved])].filter(
      (id) => !employeeIds || employeeIds.has(id),
    );
    await forEachTwoAtATime(todo, (id) => this.recompute(id));
  }

  /**
   * Active time of each local day [fromDay, toDay] of the employees, counted exactly as the summary
   * counts it (days without activity are absent). Recomputes stale days first (on the primary,
   * whatever `mode` says: the recompute writes).
   */
  async activeDays(
    organizationId: string,
    employeeIds: string[],
    fromDay: string,
    toDay: string,
    mode: ReadMode,
  ): Promise<ActiveDay[]> {
    if (employeeIds.length === 0) return [];
    await this.ensureFresh(organizationId, fromDay, toDay, new Set(employeeIds));
    return this.store.activeDays(employeeIds, fromDay, toDay, mode);
  }

  /**
   * The employee's tracked active time within [fromMs, toMs): the union of their active spans over
   * all devices, as reports count it (sorted, disjoint). For checks such as "does a manual entry
   * overlap tracked time".
   */
  async activeIntervals(
    organizationId: string,
    employeeId: string,
    fromMs: number,
    toMs: number,
    mode: ReadMode,
  ): Promise<Interval[]> {
    if (toMs <= fromMs) return [];
    const spans = await this.store.activeSpans(organizationId, employeeId, fromMs, toMs, mode);
    return clipIntervals(unionIntervals(spans), fromMs, toMs);
  }

  /**
   * Milliseconds per productivity class of the given employees and days, from keyset rollups under
   * the current rules: the exact answer when the cached split is stale.
   */
  async splitFromKeysets(
    organizationId: string,
    employees: { id: string; teamId: string | null }[],
    fromDay: string,
    toDay: string,
    mode: ReadMode,
  ): Promise<Map<string, { productive: number; neutral: number; unproductive: number }>> {
    const { book } = await this.rules.ruleBook(organizationId);
    const out = new Map<string, { productive: number; neutral: number; unproductive: number }>();
    const teamOf = new Map(employees.map((e) => [e.id, e.teamId]));
    const batches: string[][] = [];
    for (let i = 0; i < employees.length; i += 100) {
      batches.push(employees.slice(i, i + 100).map((e) => e.id));
    }
    // Two batches at a time: each is one grouped scan in the database.
    await forEachTwoAtATime(batches, async (batch) => {
      const rows = await this.store.keysetMsOfRange(batch, fromDay, toDay, mode);
      const keysOf = await this.catalog.keysOf(new Set(rows.map((r) => r.keysetId)));
      const meta = await this.catalog.meta(new Set([...keysOf.values()].flat()));
      for (const r of rows) {
        let split = out.get(r.employeeId);
        if (!split) out.set(r.employeeId, (split = { productive: 0, neutral: 0, unproductive: 0 }));
        const teamId = teamOf.get(r.employeeId) ?? null;
        split[keysetClass(keysOf.get(r.keysetId) ?? [], meta, book, teamId)] += r.ms;
      }
    });
    return out;
  }

  /**
   * Corrects splits cached under an older revision of the rules: only keysets whose class differs
   * between that revision and now are read, and their time moves from the old class to the new.
   * Returns the employees it could not correct (revision unknown), for splitFromKeysets.
   */
  async correctSplits(
    organizationId: string,
    stale: {
      employeeId: string;
      teamId: string | null;
      revision: number;
      split: { productive: number; neutral: number; unproductive: number };
    }[],
    fromDay: string,
    toDay: string,
    mode: ReadMode,
  ): Promise<string[]> {
    this.correcting++;
    try {
      return await this.correctSplitsNow(organizationId, stale, fromDay, toDay, mode);
    } finally {
      this.correcting--;
    }
  }

  private async correctSplitsNow(
    organizationId: string,
    stale: Parameters<RollupService['correctSplits']>[1],
    fromDay: string,
    toDay: string,
    mode: ReadMode,
  ): Promise<string[]> {
    const { book } = await this.rules.ruleBook(organizationId);
    const uncorrectable: string[] = [];
    const groups = new Map<string, typeof stale>();
    for (const s of stale) {
      const k = `${s.revision}|${s.teamId ?? ''}`;
      const list = groups.get(k);
      if (list) list.push(s);
      else groups.set(k, [s]);
    }
    // Teams without rules of their own share one set of moved keysets: one query per 500 people.
    const memo: MovedKeysetsMemo = new Map();
    type Split = (typeof stale)[number]['split'];
    const byMoved = new Map<MovedKeysets, Map<string, Split>>();
    for (const group of groups.values()) {
      const { revision, teamId } = group[0];
      const moved = await this.movedKeysets(organizationId, revision, teamId, book, memo);
      if (!moved) {
        uncorrectable.push(...group.map((g) => g.employeeId));
        continue;
      }
      if (moved.size === 0) continue;
      let byEmployee = byMoved.get(moved);
      if (!byEmployee) byMoved.set(moved, (byEmployee = new Map<string, Split>()));
      for (const g of group) byEmployee.set(g.employeeId, g.split);
    }
    for (const [moved, byEmployee] of byMoved) {
      const keysetSlices = inListSlices([...moved.keys()]);
      const reads = inListSlices([...byEmployee.keys()]).flatMap((employeeIds) =>
        keysetSlices.map(
          (keysetIds) => () =>
            this.store.keysetMsOfRangeFor(employeeIds, keysetIds, fromDay, toDay, mode),
        ),
      );
      // Each read moves time between classes; the sums do not depend on the order.
      for (const rows of await twoAtATime(reads)) {
        for (const r of rows) {
          const [before, after] = moved.get(r.keysetId)!;
          const split = byEmployee.get(r.employeeId)!;
          split[before] -= r.ms;
          split[after] += r.ms;
        }
      }
    }
    return uncorrectable;
  }

  /**
   * Keysets whose class for a team differs between an earlier revision of the rules and `book`,
   * with their old and new class; null when that revision was not kept.
   */
  private async movedKeysets(
    organizationId: string,
    revision: number,
    teamId: string | null,
    book: RuleBook,
    memo: MovedKeysetsMemo,
  ): Promise<MovedKeysets | null> {
    const old = await this.rules.ruleBookAt(organizationId, revision);
    if (!old) return null;
    // A team without rules of its own (then or now) classes as the organization does.
    const team =
      teamId !== null && (old.hasTeamRules(teamId) || book.hasTeamRules(teamId)) ? teamId : null;
    const memoKey = `${revision}|${team ?? ''}`;
    let moved = memo.get(memoKey);
    if (!moved) {
      moved = this.classChanges(organizationId, old, book, team);
      memo.set(memoKey, moved);
    }
    return moved;
  }

  private async classChanges(
    organizationId: string,
    old: RuleBook,
    book: RuleBook,
    teamId: string | null,
  ): Promise<MovedKeysets> {
    const keys = await this.catalog.organizationKeys(organizationId);
    const sets = await this.catalog.organizationKeysets(organizationId);
    const meta = new Map<string, KeyMeta>(keys.map((k) => [k.id, k]));
    const moved: MovedKeysets = new Map();
    for (const k of keys) {
      const before = old.classify(k, teamId);
      const after = book.classify(k, teamId);
      if (before !== after) moved.set(k.id, [before, after]);
    }
    for (const [id, keyIds] of sets) {
      const before = keysetClass(keyIds, meta, old, teamId);
      const after = keysetClass(keyIds, meta, book, teamId);
      if (before !== after) moved.set(id, [before, after]);
    }
    return moved;
  }

  /** Brings the cached split of an organization's days up to its current rules, in the background. */
  scheduleRefresh(organizationId: string): void {
    if (this.refreshing.has(organizationId)) {
      this.refreshAgain.add(organizationId);
      return;
    }
    // A moment's delay: the report that noticed the change gets the database to itself first.
    const run = delay(REFRESH_DELAY_MS)
      .then(() => this.refreshClasses(organizationId))
      .catch((error: unknown) => {
        if (!this.stopped) logger.warn({ err: error }, 'productivity refresh failed');
      })
      .finally(() => {
        this.refreshing.delete(organizationId);
        if (this.refreshAgain.delete(organizationId) && !this.stopped)
          this.scheduleRefresh(organizationId);
      });
    this.refreshing.set(organizationId, run);
  }

  /** Waits for a running refresh (tests, benchmarks). */
  async settled(organizationId: string): Promise<void> {
    while (this.refreshing.has(organizationId)) await this.refreshing.get(organizationId);
  }

  private async refreshClasses(organizationId: string): Promise<void> {
    if (this.stopped) return;
    const employees = await this.store.employeesOf(organizationId);
    const { revision, book } = await this.rules.ruleBook(organizationId);
    for (let i = 0; i < employees.length; i += 100) {
      // A report correcting the same split reads the same cold pages, and someone waits for it:
      // it goes first (a rule change's refresh starts a second after the change, mid-report),
      // for up to two seconds a batch, so that a stream of reports cannot hold the refresh off.
      for (let waited = 0; this.correcting > 0 && waited < 40 && !this.stopped; waited++) {
        await delay(50);
      }
      if (this.stopped) return;
      const batch = employees.slice(i, i + 100);
      const teamOf = new Map(batch.map((e) => [e.id, e.teamId ?? '']));
      const stale = (await this.store.staleTotals(batch.map((e) => e.id))).filter(
        (t) => t.classRevision !== revision || t.classTeamId !== teamOf.get(t.employeeId),
      );
      if (stale.length === 0) continue;
      const split = new Map<
        string,
        { productive: number; neutral: number; unproductive: number }
      >();
      // Same team, known revision: start from the cached split and move only changed keysets.
      const recount: typeof stale = [];
      const groups = new Map<string, typeof stale>();
      for (const t of stale) {
        if (t.classTeamId !== teamOf.get(t.employeeId)) recount.push(t);
        else {
          const k = `${t.classRevision}|${t.classTeamId}`;
          const list = groups.get(k);
          if (list) list.push(t);
          else groups.set(k, [t]);
        }
      }
      // Per batch: keysets first seen meanwhile are in the next batch's catalog.
      const memo: MovedKeysetsMemo = new Map();
      const byMoved = new Map<MovedKeysets, typeof stale>();
      for (const group of groups.values()) {
        const moved = await this.movedKeysets(
          organizationId,
          group[0].classRevision,
          group[0].classTeamId || null,
          book,
          memo,
        );
        if (!moved) {
          recount.push(...group);
          continue;
        }
        for (const t of group) {
          split.set(`${t.employeeId}|${t.day}`, {
            productive: t.productiveMs,
            neutral: t.neutralMs,
            unproductive: t.unproductiveMs,
          });
        }
        const list = byMoved.get(moved);
        if (list) list.push(...group);
        else byMoved.set(moved, [...group]);
      }
      for (const [moved, group] of byMoved) {
        if (moved.size === 0) continue;
        const rows = await this.store.keysetMsOfDaysFor(
          [...new Set(group.map((t) => t.employeeId))],
          [...moved.keys()],
        );
        for (const r of rows) {
          const s = split.get(`${r.employeeId}|${r.day}`);
          if (!s) continue;
          const [before, after] = moved.get(r.keysetId)!;
          s[before] -= r.ms;
          s[after] += r.ms;
        }
      }
      if (recount.length > 0) {
        const ids = [...new Set(recount.map((s) => s.employeeId))];
        const days = recount.map((s) => s.day).sort();
        const wanted = new Set(recount.map((t) => `${t.employeeId}|${t.day}`));
        const rows = await this.store.keysetMsOfDays(ids, days[0], days[days.length - 1]);
        const keysOf = await this.catalog.keysOf(new Set(rows.map((r) => r.keysetId)));
        const meta = await this.catalog.meta(new Set([...keysOf.values()].flat()));
        for (const r of rows) {
          const k = `${r.employeeId}|${r.day}`;
          if (!wanted.has(k)) continue;
          let s = split.get(k);
          if (!s) split.set(k, (s = { productive: 0, neutral: 0, unproductive: 0 }));
          const teamId = teamOf.get(r.employeeId) || null;
          s[keysetClass(keysOf.get(r.keysetId) ?? [], meta, book, teamId)] += r.ms;
        }
      }
      await this.store.storeSplits(
        stale.map((t) => {
          const s = split.get(`${t.employeeId}|${t.day}`) ?? {
            productive: 0,
            neutral: 0,
            unproductive: 0,
          };
          return {
            employeeId: t.employeeId,
            day: t.day,
            generation: t.generation,
            productiveMs: s.productive,
            neutralMs: s.neutral,
            unproductiveMs: s.unproductive,
            classRevision: revision,
            classTeamId: teamOf.get(t.employeeId) ?? '',
          };
        }),
      );
    }
  }
}
