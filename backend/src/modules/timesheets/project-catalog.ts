import { Inject, Injectable } from '@nestjs/common';
import { TimeEntriesRepository } from './time-entries.repository.js';
import { ProjectsService } from '../projects/projects.service.js';
import { ProjectTimeService, type AllocatedTimeRow } from '../projects/project-time.service.js';

/** Tracked active seconds of one employee's local day on one project (null: unallocated). */
export type AllocatedTime = AllocatedTimeRow;

/**
 * The one place timesheets ask about projects: whether an employee may book time on a project
 * (and task), and tracked time by project (the projects module's allocation rules).
 */
@Injectable()
export class ProjectCatalog {
  constructor(
    @Inject(ProjectsService) private readonly projects: ProjectsService,
    @Inject(ProjectTimeService) private readonly time: ProjectTimeService,
    @Inject(TimeEntriesRepository) entries: TimeEntriesRepository,
  ) {
    // A project or task with manual time booked to it is archived, never deleted (409).
    this.projects.registerBookingCheck((organizationId, projectId, taskId) =>
      entries.hasBookings(organizationId, projectId, taskId),
    );
  }

  /**
   * 404 when the project (or task) is unknown or another organization's, 409 when archived, 403
   * when the employee is not one of its members.
   */
  assertBookable(
    organizationId: string,
    projectId: string,
    taskId: string | null,
    employeeId: string,
  ): Promise<void> {
    return this.projects.assertBookable(organizationId, projectId, taskId, employeeId);
  }

  allocatedTime(
    organizationId: string,
    q: { employeeIds: string[]; from: string; to: string },
  ): Promise<AllocatedTime[]> {
    return this.time.allocatedTime(organizationId, q);
  }
}
