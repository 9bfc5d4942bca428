import { Inject, Injectable } from '@nestjs/common';
import { ValidationFailedError } from '#src/common/errors/domain-error.js';
import { EmployeesRepository } from '../accounts/employees/employees.repository.js';
import type { EmployeeEntity } from '../accounts/entities/employee.entity.js';
import { toSecondsKeepingSum } from '../activity/counting/productivity.js';
import {
  addDays,
  daysBetween,
  isValidDay,
  localDayBounds,
} from '../activity/counting/time-zone.js';
import { ActivityReadModel, type ReadMode } from '../activity/read-model/activity-read-model.js';
import { AllocationBook } from './allocation/allocation-book.js';
import { AllocationRepository } from './allocation/allocation.repository.js';
import {
  type ActiveSpan,
  allocateShape,
  type DayShape,
  hostOf,
  type OverrideLike,
  shapeDay,
} from './allocation/day-allocation.js';

export interface AllocatedTimeRow {
  employeeId: string;
  /** Local day (YYYY-MM-DD) in the employee's time zone. */
  day: string;
  /** null: no rule and no override allocates this time ("unallocated"). */
  projectId: string | null;
  taskId: string | null;
  seconds: number;
}

export interface AllocatedTimeQuery {
  employeeIds?: string[];
  /** Local days, inclusive. */
  from: string;
  to: string;
}

const MAX_DAYS = 366;
const MAX_CACHED_DAYS = 200_000;
const SHAPE_READ_EMPLOYEES = 100;

/** 400 unless from..to are calendar days, in order, at most MAX_DAYS apart. */
export function checkRange(from: string, to: string): void {
  const errors = [];
  if (!isValidDay(from)) errors.push({ path: 'from', message: 'from is not a calendar day' });
  if (!isValidDay(to)) errors.push({ path: 'to', message: 'to is not a calendar day' });
  if (errors.length === 0) {
    const span = daysBetween(from, to);
    if (span < 0) errors.push({ path: 'to', message: 'to must not be before from' });
    else if (span >= MAX_DAYS)
      errors.push({ path: 'to', message: `a range covers at most ${MAX_DAYS} days` });
  }
  if (errors.length > 0) throw new ValidationFailedError(errors);
}

/** One project/task's whole seconds of an employee-day (null project: unallocated). */
export interface AllocatedSeconds {
  /** `projectId|taskId`, '' for unallocated: equal keys, equal allocation. */
  key: string;
  projectId: string | null;
  taskId: string | null;
  seconds: number;
}

/** What a day's shape was cut from: while all of it is unchanged, so is the shape. */
interface ShapeStamp {
  activeMs: number;
  firstActiveMs: number | null;
  lastActiveMs: number | null;
  timeZone: string;
  /** Ids of the overrides touching the day, comma-separated. */
  overrides: string;
}

function sameStamp(a: ShapeStamp, b: ShapeStamp): boolean {
  return (
    a.activeMs === b.activeMs &&
    a.firstActiveMs === b.firstActiveMs &&
    a.lastActiveMs === b.lastActiveMs &&
    a.timeZone === b.timeZone &&
    a.overrides === b.overrides
  );
}

interface CachedShape {
  stamp: ShapeStamp;
  shape: DayShape;
  /** The shape allocated under `book` for `teamId` (reused while neither changes). */
  book?: AllocationBook;
  teamId?: string | null;
  /** Sorted by allocation key, seconds rounded so they add up to the day's active seconds. */
  allocated?: AllocatedSeconds[];
}

/** The day's milliseconds per key as whole seconds keeping the sum, in key order, zeros left out. */
function secondsOf(ms: Map<string, number>): AllocatedSeconds[] {
  const keys = [...ms.keys()].sort();
  const seconds = toSecondsKeepingSum(keys.map((k) => ms.get(k)!));
  const out: AllocatedSeconds[] = [];
  keys.forEach((k, i) => {
    if (seconds[i] === 0) return;
    const [projectId, taskId] = k === '' ? [null, null] : k.split('|');
    out.push({ key: k, projectId, taskId: taskId ? taskId : null, seconds: seconds[i] });
  });
  return out;
}

/**
 * Tracked active time allocated to projects at read time: the day's shape (which spans were active
 * together, and the employee's overrides) is cut from the raw spans once and cached while the
 * day's active time is unchanged; the rules are applied to it on every read, so a rule change
 * reallocates past time at once.
 */
@Injectable()
export class ProjectTimeService {
  /** By employee, then local day. */
  private readonly shapes = new Map<string, Map<string, CachedShape>>();
  private cachedShapes = 0;
  private readonly books = new Map<string, { revision: number; book: AllocationBook }>();

  constructor(
    @Inject(AllocationRepository) private readonly repo: AllocationRepository,
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
    @Inject(ActivityReadModel) private readonly activity: ActivityReadModel,
  ) {}

  /**
   * Active spans of the employees that touch [fromMs, toMs), by employee, as allocation reads them:
   * app trimmed, empty texts as null, the URL's host.
   */
  async activeSpans(
    employeeIds: string[],
    fromMs: number,
    toMs: number,
    mode: ReadMode,
  ): Promise<Map<string, ActiveSpan[]>> {
    const out = new Map<string, ActiveSpan[]>();
    for (const [id, spans] of await this.activity.activeSpanTexts(
      employeeIds,
      fromMs,
      toMs,
      mode,
    )) {
      out.set(
        id,
        spans.map((s) => ({
          startMs: s.startMs,
          endMs: s.endMs,
          app: s.app !== null && s.app.trim() !== '' ? s.app.trim() : null,
          title: s.title !== null && s.title !== '' ? s.title : null,
          host: hostOf(s.url),
        })),
      );
    }
    return out;
  }

  /** The organization's current rule book (rebuilt when the revision moved). */
  async book(organizationId: string): Promise<AllocationBook> {
    const revision = await this.repo.revision(organizationId);
    const cached = this.books.get(organizationId);
    if (cached && cached.revision === revision) return cached.book;
    const book = new AllocationBook(await this.repo.listRules(organizationId));
    this.books.set(organizationId, { revision, book });
    return book;
  }

  /**
   * Tracked active seconds per employee, local day and project/task (null project: unallocated).
   * For each employee-day the rows add up to the summary report's activeSeconds.
   */
  async allocatedTime(organizationId: string, q: AllocatedTimeQuery): Promise<AllocatedTimeRow[]> {
    if (
      !isValidDay(q.from) ||
      !isValidDay(q.to) ||
      daysBetween(q.from, q.to) < 0 ||
      daysBetween(q.from, q.to) >= MAX_DAYS
    )
      throw new ValidationFailedError([
        { path: 'to', message: `from..to must be a range of at most ${MAX_DAYS} days` },
      ]);
    const employees = await this.employees.activeByIds(organizationId, q.employeeIds ?? 'all');
    // Timesheets build on it: the primary.
    return this.allocate(organizationId, employees, q.from, q.to, 'primary');
  }

  async allocate(
    organizationId: string,
    employees: EmployeeEntity[],
    from: string,
    to: string,
    mode: ReadMode,
  ): Promise<AllocatedTimeRow[]> {
    const out: AllocatedTimeRow[] = [];
    await this.forEachAllocated(
      organizationId,
      employees,
      from,
      to,
      mode,
      (employeeId, day, rows) => {
        for (const r of rows)
          out.push({
            employeeId,
            day,
            projectId: r.projectId,
            taskId: r.taskId,
            seconds: r.seconds,
          });
      },
    );
    return out;
  }

  /**
   * Visits each employee-day with active time, in employee id then day order, with its seconds
   * per project/task (key order). The arrays are the cache's own: read them, do not keep them.
   * Reports sum from here without building a row per employee, day and project.
   */
  async forEachAllocated(
    organizationId: string,
    employees: EmployeeEntity[],
    from: string,
    to: string,
    mode: ReadMode,
    visit: (employeeId: string, day: string, rows: readonly AllocatedSeconds[]) => void,
  ): Promise<void> {
    if (employees.length === 0) return;
    const byId = new Map(employees.map((e) => [e.id, e]));
    // The range in UTC that every local day of it lies in.
    const fromMs = Date.parse(`${addDays(from, -1)}T00:00:00Z`);
    const toMs = Date.parse(`${addDays(to, 2)}T00:00:00Z`);
    const [active, book, overrides] = await Promise.all([
      this.activity.activeDays(organizationId, [...byId.keys()], from, to, mode),
      this.book(organizationId),
      this.repo.overridesOf([...byId.keys()], fromMs, toMs),
    ]);
    const days = active.filter((d) => d.activeMs > 0 && byId.has(d.employeeId));
    if (days.length === 0) return;
    days.sort((a, b) =>
      a.employeeId < b.employeeId
        ? -1
        : a.employeeId > b.employeeId
          ? 1
          : a.day < b.day
            ? -1
            : a.day > b.day
              ? 1
              : 0,
    );
    const overridesOf = new Map<string, OverrideLike[]>();
    overrides.forEach((o, order) => {
      let list = overridesOf.get(o.employeeId);
      if (!list) overridesOf.set(o.employeeId, (list = []));
      list.push({
        id: o.id,
        startMs: o.startMs,
        endMs: o.endMs,
        projectId: o.projectId,
        taskId: o.taskId,
        order,
      });
    });
    const entries: CachedShape[] = new Array<CachedShape>(days.length);
    const missing: {
      index: number;
      employeeId: string;
      day: string;
      stamp: ShapeStamp;
      bounds: { startMs: number; endMs: number };
    }[] = [];
    // Employees share a few zones: each zone's day bounds once.
    const boundsByZone = new Map<string, Map<string, { startMs: number; endMs: number }>>();
    days.forEach((d, index) => {
      const e = byId.get(d.employeeId)!;
      let zone = boundsByZone.get(e.timeZone);
      if (!zone)
        boundsByZone.set(
          e.timeZone,
          (zone = new Map<string, { startMs: number; endMs: number }>()),
        );
      let bounds = zone.get(d.day);
      if (!bounds) zone.set(d.day, (bounds = localDayBounds(e.timeZone, d.day)));
      const own = overridesOf.get(d.employeeId);
      const ov = own ? own.filter((o) => o.endMs > bounds.startMs && o.startMs < bounds.endMs) : [];
      const stamp: ShapeStamp = {
        activeMs: d.activeMs,
        firstActiveMs: d.firstActiveMs,
        lastActiveMs: d.lastActiveMs,
        timeZone: e.timeZone,
        overrides: ov.length === 0 ? '' : ov.map((o) => o.id).join(','),
      };
      const cached = this.shapes.get(d.employeeId)?.get(d.day);
      if (cached && sameStamp(cached.stamp, stamp)) entries[index] = cached;
      else missing.push({ index, employeeId: d.employeeId, day: d.day, stamp, bounds });
    });
    if (this.cachedShapes + missing.length > MAX_CACHED_DAYS) {
      this.shapes.clear();
      this.cachedShapes = 0;
    }
    // Spans are read for a hundred employees at a time (missing is in employee order): a cold
    // organization's month is millions of spans, and only the shapes are kept.
    for (let from = 0; from < missing.length;) {
      let to = from;
      for (let employees = 0; to < missing.length; to++) {
        if (to === from || missing[to].employeeId !== missing[to - 1].employeeId) {
          if (employees === SHAPE_READ_EMPLOYEES) break;
          employees++;
        }
      }
      const chunk = missing.slice(from, to);
      from = to;
      let lo = Infinity;
      let hi = -Infinity;
      for (const m of chunk) {
        if (m.bounds.startMs < lo) lo = m.bounds.startMs;
        if (m.bounds.endMs > hi) hi = m.bounds.endMs;
      }
      const ids = [...new Set(chunk.map((m) => m.employeeId))];
      const spans = await this.activeSpans(ids, lo, hi, mode);
      for (const m of chunk) {
        const shape = shapeDay(
          spans.get(m.employeeId) ?? [],
          m.bounds.startMs,
          m.bounds.endMs,
          overridesOf.get(m.employeeId) ?? [],
        );
        const entry: CachedShape = { stamp: m.stamp, shape };
        entries[m.index] = entry;
        let byDay = this.shapes.get(m.employeeId);
        if (!byDay) this.shapes.set(m.employeeId, (byDay = new Map<string, CachedShape>()));
        if (!byDay.has(m.day)) this.cachedShapes++;
        byDay.set(m.day, entry);
      }
    }
    days.forEach((d, index) => {
      const entry = entries[index];
      const teamId = byId.get(d.employeeId)!.teamId;
      if (entry.book !== book || entry.teamId !== teamId || !entry.allocated) {
        entry.allocated = secondsOf(allocateShape(entry.shape, book, teamId));
        entry.book = book;
        entry.teamId = teamId;
      }
      visit(d.employeeId, d.day, entry.allocated);
    });
  }
}
