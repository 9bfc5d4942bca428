import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ActivityModule } from '../activity/activity.module.js';
import { AbsencesController } from './absences.controller.js';
import { AbsencesRepository } from './absences.repository.js';
import { AbsencesService } from './absences.service.js';
import { AttendanceController } from './attendance.controller.js';
import { AttendanceService } from './attendance.service.js';
import { HolidaysController } from './holidays.controller.js';
import { HolidaysRepository } from './holidays.repository.js';
import { HolidaysService } from './holidays.service.js';
import { WorkSchedulesController } from './work-schedules.controller.js';
import { WorkSchedulesRepository } from './work-schedules.repository.js';
import { WorkSchedulesService } from './work-schedules.service.js';

/** Work schedules, holidays, absences, and attendance against active time. */
@Module({
  imports: [AccountsModule, ActivityModule],
  controllers: [
    WorkSchedulesController,
    HolidaysController,
    AbsencesController,
    AttendanceController,
  ],
  providers: [
    WorkSchedulesRepository,
    WorkSchedulesService,
    HolidaysRepository,
    HolidaysService,
    AbsencesRepository,
    AbsencesService,
    AttendanceService,
  ],
  exports: [WorkSchedulesService, HolidaysService, AbsencesService, AttendanceService],
})
export class WorkingTimeModule {}
