import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { RollupService } from '../activity/rollups/rollup.service.js';

/** Tracked active seconds of one employee's local day on one project (null: unallocated). */
export interface AllocatedTime {
  employeeId: string;
  day: string;
  projectId: string | null;
  taskId: string | null;
  seconds: number;
}

/**
 * The one place timesheets ask about projects: whether an employee may book time on a project
 * (and task), and tracked time by project. Until the projects module exists, no project is
 * bookable and all tracked time is unallocated (from the activity rollups).
 */
@Injectable()
export class ProjectCatalog {
  constructor(@Inject(RollupService) private readonly rollups: RollupService) {}

  /** 404 when the project (or task) is not one the employee may book on in the organization. */
  assertBookable(
    _organizationId: string,
    projectId: string,
    _taskId: string | null,
    _employeeId: string,
  ): Promise<void> {
    void projectId;
    return Promise.reject(new NotFoundError('Project'));
  }

  async allocatedTime(
    organizationId: string,
    q: { employeeIds: string[]; from: string; to: string },
  ): Promise<AllocatedTime[]> {
    const days = await this.rollups.activeDays(organizationId, q.employeeIds, q.from, q.to);
    return days
      .filter((d) => d.activeMs > 0)
      .map((d) => ({
        employeeId: d.employeeId,
        day: d.day,
        projectId: null,
        taskId: null,
        seconds: Math.round(d.activeMs / 1000),
      }));
  }
}
