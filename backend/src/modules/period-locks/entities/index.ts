import { FrozenAttendanceEntity } from './frozen-attendance.entity.js';
import { FrozenDayTotalEntity } from './frozen-day-total.entity.js';
import { PeriodLockEntity } from './period-lock.entity.js';

export { FrozenAttendanceEntity, FrozenDayTotalEntity, PeriodLockEntity };

export const PERIOD_LOCK_ENTITIES = [
  PeriodLockEntity,
  FrozenAttendanceEntity,
  FrozenDayTotalEntity,
];
