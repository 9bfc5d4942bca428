import { Injectable } from '@nestjs/common';

/**
 * The one place timesheets ask whether local days [fromDay, toDay] of the organization may still
 * change: every entry create/update/delete and timesheet change calls it first and it throws a 409
 * problem naming the locked period. Until the period-locks module exists, every period is open.
 */
@Injectable()
export class PeriodLockGate {
  assertOpen(_organizationId: string, _fromDay: string, _toDay: string): Promise<void> {
    return Promise.resolve();
  }
}
