import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '#src/common/errors/domain-error.js';
import { EmployeesRepository } from './employees/employees.repository.js';
import { TeamsRepository } from './teams/teams.repository.js';

/** An active employee with the schedule ids assigned to them and to their team. */
export interface EmployeeWithSchedules {
  id: string;
  fullName: string;
  timeZone: string;
  teamId: string | null;
  /** Their own schedule. */
  workScheduleId: string | null;
  /** Their team's schedule. */
  teamWorkScheduleId: string | null;
}

/** Tells accounts whether a schedule id exists in an organization (the working-time module). */
export type WorkScheduleLookup = (organizationId: string, id: string) => Promise<boolean>;

/**
 * Work-schedule assignments live on employees and teams (accounts' rows); the schedules
 * themselves belong to the working-time module, which registers a lookup here at start-up, so
 * accounts checks an assigned id without depending on that module.
 */
@Injectable()
export class WorkScheduleAssignmentsService {
  private lookup: WorkScheduleLookup | null = null;

  constructor(
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
  ) {}

  useScheduleLookup(lookup: WorkScheduleLookup): void {
    this.lookup = lookup;
  }

  /** A schedule id being assigned: 404 unless it is one of the organization's schedules. */
  async assertSchedule(organizationId: string, id: string): Promise<void> {
    if (!this.lookup || !(await this.lookup(organizationId, id))) {
      throw new NotFoundError('Work schedule');
    }
  }

  /** How many employees and teams have this schedule assigned. */
  async usage(
    organizationId: string,
    workScheduleId: string,
  ): Promise<{ employees: number; teams: number }> {
    const employees = await this.employees.countWithWorkSchedule(organizationId, workScheduleId);
    const teams = (await this.teams.withWorkSchedules(organizationId)).filter(
      (t) => t.workScheduleId === workScheduleId,
    ).length;
    return { employees, teams };
  }

  /** Active employees among ids ('all': the organization), ordered by id, with assignments. */
  async activeEmployees(
    organizationId: string,
    ids: string[] | 'all',
  ): Promise<EmployeeWithSchedules[]> {
    const rows = await this.employees.activeByIds(organizationId, ids);
    const teamSchedule = new Map(
      (await this.teams.withWorkSchedules(organizationId)).map((t) => [t.id, t.workScheduleId]),
    );
    return rows.map((e) => ({
      id: e.id,
      fullName: e.fullName,
      timeZone: e.timeZone,
      teamId: e.teamId,
      workScheduleId: e.workScheduleId ?? null,
      teamWorkScheduleId: e.teamId ? (teamSchedule.get(e.teamId) ?? null) : null,
    }));
  }
}
