import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, ValidationFailedError } from '#src/common/errors/domain-error.js';
import { isUniqueViolation } from '#src/database/sql.js';
import { AuditService } from '../audit/audit.service.js';
import { FrozenAttendanceEntity } from './entities/frozen-attendance.entity.js';
import { FrozenDayTotalEntity } from './entities/frozen-day-total.entity.js';
import { PeriodLockEntity } from './entities/period-lock.entity.js';
import { isValidMonth, monthOf, monthRange } from './months.js';
import { PeriodLockedError } from './period-locks.errors.js';
import { PeriodLocksRepository } from './period-locks.repository.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A locked month and its first and last day. */
export interface LockedRange {
  month: string;
  from: string;
  to: string;
}

export interface PeriodLock extends LockedRange {
  lockedAt: string;
  lockedByUserId: string | null;
}

/** An attendance row as frozen; `absenceKind` says which kind of absence a day of absence was. */
export interface FrozenAttendanceRow {
  employeeId: string;
  date: string;
  status: string;
  scheduledSeconds: number;
  workedSeconds: number;
  arrivedAt: string | null;
  leftAt: string | null;
  lateSeconds: number;
  earlyLeaveSeconds: number;
  overtimeSeconds: number;
  absenceKind: string | null;
  /** On an absence's day, the scheduled seconds it replaced; else 0. */
  absenceSeconds: number;
}

/** An employee's activity totals of a local day, as the summary sums them (milliseconds). */
export interface FrozenDayTotals {
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

export interface Actor {
  userId: string | null;
  role: string | null;
}

export const MAX_UNLOCK_REASON = 500;

export function checkMonth(month: string, path = 'month'): void {
  if (typeof month !== 'string' || !isValidMonth(month)) {
    throw new ValidationFailedError([{ path, message: `${path} must be a month as YYYY-MM` }]);
  }
}

function toLock(l: PeriodLockEntity): PeriodLock {
  return {
    month: l.month,
    ...monthRange(l.month),
    lockedAt: new Date(Number(l.lockedAt)).toISOString(),
    lockedByUserId: l.lockedByUserId,
  };
}

/**
 * Locked periods: calendar months of an organization whose figures are frozen. Low level on
 * purpose: anything that changes hours asks `assertOpen`; reports read the frozen figures here.
 * Taking a lock needs the figures, computed by the period-closing module (which may read
 * working time and reports; this module may not).
 */
@Injectable()
export class PeriodLocksService {
  constructor(
    @Inject(PeriodLocksRepository) private readonly repo: PeriodLocksRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /**
   * Throws a 409 problem (`period-locked`, naming the month) when any day of fromDay..toDay
   * (YYYY-MM-DD, inclusive, in either order) lies in a locked month of the organization.
   */
  async assertOpen(organizationId: string, fromDay: string, toDay: string): Promise<void> {
    const locked = await this.lockedRanges(organizationId, fromDay, toDay);
    if (locked.length > 0) throw new PeriodLockedError(locked[0].month);
  }

  /** The locked months that touch fromDay..toDay, by month. */
  async lockedRanges(
    organizationId: string,
    fromDay: string,
    toDay: string,
  ): Promise<LockedRange[]> {
    if (!DAY.test(fromDay) || !DAY.test(toDay))
      throw new Error(`bad day range ${fromDay}..${toDay}`);
    const [a, b] = fromDay <= toDay ? [fromDay, toDay] : [toDay, fromDay];
    const locks = await this.repo.locksBetween(organizationId, monthOf(a), monthOf(b));
    return locks.map((l) => ({ month: l.month, ...monthRange(l.month) }));
  }

  async isLocked(organizationId: string, month: string): Promise<boolean> {
    return (await this.repo.findLock(organizationId, month)) !== null;
  }

  /** The locks of fromMonth..toMonth (inclusive), by month. */
  async list(organizationId: string, fromMonth: string, toMonth: string): Promise<PeriodLock[]> {
    return (await this.repo.locksBetween(organizationId, fromMonth, toMonth)).map(toLock);
  }

  /**
   * Locks a month with the figures it keeps. 409 `period-already-locked` when it is locked.
   * The figures must be of days of that month.
   */
  async lock(
    organizationId: string,
    actor: Actor,
    month: string,
    frozen: { attendance: FrozenAttendanceRow[]; totals: FrozenDayTotals[] },
    nowMs: number,
  ): Promise<PeriodLock> {
    checkMonth(month);
    if (await this.repo.findLock(organizationId, month)) throw alreadyLocked(month);
    const lock = Object.assign(new PeriodLockEntity(), {
      id: randomUUID(),
      organizationId,
      month,
      lockedAt: nowMs,
      lockedByUserId: actor.userId,
    });
    const outside = (day: string) => monthOf(day) !== month;
    if (
      frozen.attendance.some((r) => outside(r.date)) ||
      frozen.totals.some((t) => outside(t.day))
    ) {
      throw new Error(`frozen figures outside ${month}`);
    }
    try {
      await this.repo.insertLock(
        lock,
        frozen.attendance.map((r) =>
          Object.assign(new FrozenAttendanceEntity(), { ...r, organizationId, month }),
        ),
        frozen.totals.map((t) =>
          Object.assign(new FrozenDayTotalEntity(), { ...t, organizationId, month }),
        ),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyLocked(month);
      throw error;
    }
    await this.audit.record(
      {
        organizationId,
        actorUserId: actor.userId,
        actorRole: actor.role,
        action: 'period.locked',
        targetType: 'period',
        targetId: month,
        details: {
          month,
          attendanceRows: frozen.attendance.length,
          dayTotals: frozen.totals.length,
        },
      },
      nowMs,
    );
    return toLock(lock);
  }

  /** Unlocks a month (its frozen figures are dropped); the reason goes to the audit log. */
  async unlock(organizationId: string, actor: Actor, month: string, reason: string): Promise<void> {
    checkMonth(month);
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (text.length === 0) {
      throw new ValidationFailedError([
        { path: 'reason', message: 'a reason is required to unlock a period' },
      ]);
    }
    if (text.length > MAX_UNLOCK_REASON) {
      throw new ValidationFailedError([
        { path: 'reason', message: `reason must be at most ${MAX_UNLOCK_REASON} characters` },
      ]);
    }
    if (!(await this.repo.deleteLock(organizationId, month))) {
      throw new ConflictError(`The period ${month} is not locked.`, 'period-not-locked');
    }
    await this.audit.record({
      organizationId,
      actorUserId: actor.userId,
      actorRole: actor.role,
      action: 'period.unlocked',
      targetType: 'period',
      targetId: month,
      details: { month, reason: text },
    });
  }

  /** Frozen attendance rows of these employees within fromDay..toDay. */
  async frozenAttendance(
    organizationId: string,
    employeeIds: string[],
    fromDay: string,
    toDay: string,
  ): Promise<FrozenAttendanceRow[]> {
    if (employeeIds.length === 0) return [];
    return (await this.repo.attendance(organizationId, employeeIds, fromDay, toDay)).map((r) => ({
      employeeId: r.employeeId,
      date: r.date,
      status: r.status,
      scheduledSeconds: r.scheduledSeconds,
      workedSeconds: r.workedSeconds,
      arrivedAt: r.arrivedAt,
      leftAt: r.leftAt,
      lateSeconds: r.lateSeconds,
      earlyLeaveSeconds: r.earlyLeaveSeconds,
      overtimeSeconds: r.overtimeSeconds,
      absenceKind: r.absenceKind,
      absenceSeconds: r.absenceSeconds,
    }));
  }

  /** Frozen activity day totals within fromDay..toDay (of these employees, or everyone's). */
  async frozenDayTotals(
    organizationId: string,
    employeeIds: string[] | 'all',
    fromDay: string,
    toDay: string,
  ): Promise<FrozenDayTotals[]> {
    if (employeeIds !== 'all' && employeeIds.length === 0) return [];
    return (await this.repo.dayTotals(organizationId, employeeIds, fromDay, toDay)).map((t) => ({
      employeeId: t.employeeId,
      day: t.day,
      activeMs: t.activeMs,
      idleMs: t.idleMs,
      firstActiveMs: t.firstActiveMs,
      lastActiveMs: t.lastActiveMs,
      productiveMs: t.productiveMs,
      neutralMs: t.neutralMs,
      unproductiveMs: t.unproductiveMs,
    }));
  }
}

function alreadyLocked(month: string): ConflictError {
  return new ConflictError(`The period ${month} is already locked.`, 'period-already-locked');
}
