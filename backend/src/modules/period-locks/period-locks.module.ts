import { Module } from '@nestjs/common';
import { PeriodLocksRepository } from './period-locks.repository.js';
import { PeriodLocksService } from './period-locks.service.js';

/**
 * Locked periods and their frozen figures. Low level: working time and reports import it to read
 * the frozen figures; anything that changes hours asks `PeriodLocksService.assertOpen`. The
 * lock/unlock api lives in period-closing, which computes the figures to freeze.
 * AuditService comes from the global audit module.
 */
@Module({
  providers: [PeriodLocksRepository, PeriodLocksService],
  exports: [PeriodLocksService],
})
export class PeriodLocksModule {}
