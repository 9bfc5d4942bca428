import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { PeriodLocksModule } from '../period-locks/period-locks.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { WorkingTimeModule } from '../working-time/working-time.module.js';
import { PeriodClosingController } from './period-closing.controller.js';
import { PeriodClosingService } from './period-closing.service.js';

/**
 * The periods api: lists months, takes locks (computing the figures to freeze from working time
 * and reports) and releases them. Above working-time and reports, which only read period-locks.
 */
@Module({
  imports: [AccountsModule, PeriodLocksModule, WorkingTimeModule, ReportsModule],
  controllers: [PeriodClosingController],
  providers: [PeriodClosingService],
  exports: [PeriodClosingService],
})
export class PeriodClosingModule {}
