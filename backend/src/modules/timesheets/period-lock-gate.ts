import { Inject, Injectable } from '@nestjs/common';
import { PeriodLocksService } from '../period-locks/period-locks.service.js';

/**
 * The one place timesheets ask whether local days [fromDay, toDay] of the organization may still
 * change: every entry create/update/delete/decision and timesheet submission/decision calls it
 * first; a locked period answers 409 (period-locked, naming the month).
 */
@Injectable()
export class PeriodLockGate {
  constructor(@Inject(PeriodLocksService) private readonly locks: PeriodLocksService) {}

  assertOpen(organizationId: string, fromDay: string, toDay: string): Promise<void> {
    return this.locks.assertOpen(organizationId, fromDay, toDay);
  }
}
