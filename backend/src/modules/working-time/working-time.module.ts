import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ActivityModule } from '../activity/activity.module.js';
import { PeriodLocksModule } from '../period-locks/period-locks.module.js';
import { AbsenceMail } from './absence-mail.js';
import { AbsencesController } from './absences.controller.js';
import { AbsencesRepository } from './absences.repository.js';
import { AbsencesService } from './absences.service.js';
import { AttendanceController } from './attendance.controller.js';
import { AttendanceService } from './attendance.service.js';
import { HolidaysController } from './holidays.controller.js';
import { HolidaysRepository } from './holidays.repository.js';
import { HolidaysService } from './holidays.service.js';
import { VacationBalanceService } from './vacation-balance.service.js';
import { VacationPolicyController } from './vacation-policy.controller.js';
import { VacationPolicyRepository } from './vacation-policy.repository.js';
import { VacationPolicyService } from './vacation-policy.service.js';
import { WorkSchedulesController } from './work-schedules.controller.js';
import { WorkSchedulesRepository } from './work-schedules.repository.js';
import { WorkSchedulesService } from './work-schedules.service.js';

/**
 * Work schedules, holidays, absences, vacation allowances, and attendance against active time.
 * Mails go through the notifications module's Mailer (global); notifications knows nothing of this.
 */
@Module({
  imports: [AccountsModule, ActivityModule, PeriodLocksModule],
  controllers: [
    WorkSchedulesController,
    HolidaysController,
    AbsencesController,
    VacationPolicyController,
    AttendanceController,
  ],
  providers: [
    WorkSchedulesRepository,
    WorkSchedulesService,
    HolidaysRepository,
    HolidaysService,
    AbsencesRepository,
    AbsencesService,
    AbsenceMail,
    VacationPolicyRepository,
    VacationPolicyService,
    VacationBalanceService,
    AttendanceService,
  ],
  exports: [
    WorkSchedulesService,
    HolidaysService,
    AbsencesService,
    VacationPolicyService,
    AttendanceService,
  ],
})
export class WorkingTimeModule {}
