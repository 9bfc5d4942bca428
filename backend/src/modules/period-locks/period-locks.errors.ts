import { DomainError } from '#src/common/errors/domain-error.js';

/** 409: the days asked for touch a locked month; `period` names it (the first one, by date). */
export class PeriodLockedError extends DomainError {
  constructor(readonly period: string) {
    super(
      409,
      'period-locked',
      'Period locked',
      `The period ${period} is locked: nothing in it can change until an owner or admin unlocks it.`,
      { period },
    );
  }
}
