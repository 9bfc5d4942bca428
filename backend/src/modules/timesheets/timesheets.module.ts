import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ActivityModule } from '../activity/activity.module.js';
import { PeriodLocksModule } from '../period-locks/period-locks.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { PeriodLockGate } from './period-lock-gate.js';
import { ProjectCatalog } from './project-catalog.js';
import { TimeEntriesController } from './time-entries.controller.js';
import { TimeEntriesRepository } from './time-entries.repository.js';
import { TimeEntriesService } from './time-entries.service.js';
import { TimesheetMail } from './timesheet-mail.js';
import { TimesheetsController } from './timesheets.controller.js';
import { TimesheetsRepository } from './timesheets.repository.js';
import { TimesheetsService } from './timesheets.service.js';

/**
 * Manual time entries, weekly/monthly timesheets and their approval. Tracked time by project comes
 * from the projects module (ProjectCatalog), locked periods from period-locks (PeriodLockGate).
 * Mails go through the notifications module's Mailer (global); audit through AuditService (global).
 */
@Module({
  imports: [AccountsModule, ActivityModule, ProjectsModule, PeriodLocksModule],
  controllers: [TimeEntriesController, TimesheetsController],
  providers: [
    ProjectCatalog,
    PeriodLockGate,
    TimeEntriesRepository,
    TimesheetsRepository,
    TimesheetMail,
    TimeEntriesService,
    TimesheetsService,
  ],
  exports: [TimeEntriesService, TimesheetsService],
})
export class TimesheetsModule {}
