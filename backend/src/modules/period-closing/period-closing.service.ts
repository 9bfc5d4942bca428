import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { ConflictError } from '#src/common/errors/domain-error.js';
import { CLOCK, type Clock } from '../accounts/clock.js';
import { monthRange, nextMonth } from '../period-locks/months.js';
import {
  checkMonth,
  type FrozenAttendanceRow,
  PeriodLocksService,
} from '../period-locks/period-locks.service.js';
import { ReportsService } from '../reports/reports.service.js';
import { AttendanceService } from '../working-time/attendance.service.js';
import type { PeriodDto } from './dto/period.dto.js';

// A local day ends last at UTC−12: a month is over everywhere 12 h after its UTC end.
const LAST_ZONE_MS = 12 * 3_600_000;
const ATTENDANCE_PAGE = 5000;

function monthEndMs(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return Date.UTC(y, m, 1) + LAST_ZONE_MS;
}

function monthStartMs(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return Date.UTC(y, m - 1, 1) - 14 * 3_600_000;
}

/**
 * Taking a lock: computes the attendance rows and the summary's day totals of the month (as the
 * reports show them now) and hands them to period-locks to keep. Lives above working-time and
 * reports, which read the frozen figures from period-locks: no cycle.
 */
@Injectable()
export class PeriodClosingService {
  constructor(
    @Inject(PeriodLocksService) private readonly locks: PeriodLocksService,
    @Inject(AttendanceService) private readonly attendance: AttendanceService,
    @Inject(ReportsService) private readonly reports: ReportsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(p: Principal, year?: number): Promise<PeriodDto[]> {
    const nowMs = this.clock.now().getTime();
    const y = String(year ?? new Date(nowMs).getUTCFullYear()).padStart(4, '0');
    const locked = new Map(
      (await this.locks.list(p.organizationId, `${y}-01`, `${y}-12`)).map((l) => [l.month, l]),
    );
    const out: PeriodDto[] = [];
    for (let month = `${y}-01`; month <= `${y}-12`; month = nextMonth(month)) {
      const l = locked.get(month);
      out.push({
        month,
        ...monthRange(month),
        state: l ? 'locked' : this.stateOf(month, nowMs),
        lockedAt: l?.lockedAt ?? null,
        lockedByUserId: l?.lockedByUserId ?? null,
      });
    }
    return out;
  }

  async lock(p: Principal, month: string): Promise<PeriodDto> {
    checkMonth(month);
    const nowMs = this.clock.now().getTime();
    if (this.stateOf(month, nowMs) !== 'open') {
      throw new ConflictError(
        `The period ${month} has not ended yet everywhere; it can be locked once it is over.`,
        'period-not-ended',
      );
    }
    if (await this.locks.isLocked(p.organizationId, month)) {
      throw new ConflictError(`The period ${month} is already locked.`, 'period-already-locked');
    }
    const { from, to } = monthRange(month);
    // The whole organization, whoever asks (the lock is the organization's).
    const everyone: Principal = { ...p, role: 'owner' };
    const attendance: FrozenAttendanceRow[] = [];
    for await (const page of this.attendance.attendanceBatches(
      everyone,
      { from, to },
      ATTENDANCE_PAGE,
      // What the lock freezes must include every write made before it.
      'primary',
    )) {
      for (const d of page.days) {
        const absences = new Map(d.absences.map((a) => [a.date, a]));
        for (const r of d.rows) {
          const a = absences.get(r.date);
          attendance.push({
            ...r,
            absenceKind: a?.kind ?? null,
            absenceSeconds: a?.seconds ?? 0,
          });
        }
      }
    }
    const totals = await this.reports.dayTotals(p.organizationId, from, to);
    const lock = await this.locks.lock(
      p.organizationId,
      { userId: p.userId, role: p.role },
      month,
      { attendance, totals },
      nowMs,
    );
    return { ...lock, state: 'locked' };
  }

  async unlock(p: Principal, month: string, reason: string): Promise<PeriodDto> {
    await this.locks.unlock(p.organizationId, { userId: p.userId, role: p.role }, month, reason);
    return {
      month,
      ...monthRange(month),
      state: this.stateOf(month, this.clock.now().getTime()),
      lockedAt: null,
      lockedByUserId: null,
    };
  }

  private stateOf(month: string, nowMs: number): 'open' | 'current' | 'future' {
    if (nowMs >= monthEndMs(month)) return 'open';
    return nowMs >= monthStartMs(month) ? 'current' : 'future';
  }
}
