import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ActivityModule } from '../activity/activity.module.js';
import { AllocationRepository } from './allocation/allocation.repository.js';
import {
  AllocationRulesController,
  ProjectTimeController,
} from './allocation/allocation.controller.js';
import { AllocationService } from './allocation/allocation.service.js';
import {
  ProjectReportsController,
  ProjectSettingsController,
} from './reports/project-reports.controller.js';
import { ProjectReportsService } from './reports/project-reports.service.js';
import { ClientsController, ProjectsController } from './projects.controller.js';
import { ProjectsRepository } from './projects.repository.js';
import { ProjectsService } from './projects.service.js';
import { ProjectTimeService } from './project-time.service.js';

/**
 * Clients, projects, tasks, members, rates; allocation rules and employees' overrides that turn
 * tracked active time into project time; project reports. Timesheets build on ProjectsService
 * (assertBookable) and ProjectTimeService (allocatedTime).
 */
@Module({
  imports: [AccountsModule, ActivityModule],
  controllers: [
    ClientsController,
    ProjectsController,
    AllocationRulesController,
    ProjectTimeController,
    ProjectReportsController,
    ProjectSettingsController,
  ],
  providers: [
    ProjectsRepository,
    ProjectsService,
    AllocationRepository,
    ProjectTimeService,
    AllocationService,
    ProjectReportsService,
  ],
  exports: [ProjectsService, ProjectTimeService],
})
export class ProjectsModule {}
