import { Inject, Injectable } from '@nestjs/common';
import type { EmployeeEntity } from '../accounts/entities/employee.entity.js';
import { TeamsRepository } from '../accounts/teams/teams.repository.js';
import { AbsencesRepository } from './absences.repository.js';
import type { AbsenceBalanceDto } from './dto/absence.dto.js';
import { HolidaysService } from './holidays.service.js';
import { VacationPolicyService } from './vacation-policy.service.js';
import {
  clipToYear,
  MONDAY_TO_FRIDAY,
  workingDaysBetween,
  type WorkingCalendar,
} from './working-days.js';
import { WorkSchedulesService } from './work-schedules.service.js';

type Employee = Pick<EmployeeEntity, 'id' | 'teamId' | 'workScheduleId'>;

/**
 * How many of an employee's working days absences take: the weekdays of the schedule in force
 * (their own, else their team's, else the organization's default; with none, Monday to Friday),
 * holidays left out.
 */
@Injectable()
export class VacationBalanceService {
  constructor(
    @Inject(AbsencesRepository) private readonly absences: AbsencesRepository,
    @Inject(VacationPolicyService) private readonly policy: VacationPolicyService,
    @Inject(WorkSchedulesService) private readonly schedules: WorkSchedulesService,
    @Inject(HolidaysService) private readonly holidays: HolidaysService,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
  ) {}

  /** The employee's working weekdays and the holidays within [from, to]. */
  async calendar(
    organizationId: string,
    employee: Employee,
    from: string,
    to: string,
  ): Promise<WorkingCalendar> {
    const all = await this.schedules.all(organizationId);
    const byId = new Map(all.map((s) => [s.id, s]));
    const team = employee.teamId
      ? await this.teams.findById(organizationId, employee.teamId)
      : null;
    const schedule =
      (employee.workScheduleId ? byId.get(employee.workScheduleId) : undefined) ??
      (team?.workScheduleId ? byId.get(team.workScheduleId) : undefined) ??
      all.find((s) => s.isDefault);
    return {
      weekdays: schedule ? new Set(schedule.days.map((d) => d.weekday)) : MONDAY_TO_FRIDAY,
      holidays: await this.holidays.datesBetween(organizationId, from, to),
    };
  }

  /** Working days in [from, to] for the employee. */
  async workingDays(
    organizationId: string,
    employee: Employee,
    from: string,
    to: string,
  ): Promise<number> {
    return workingDaysBetween(from, to, await this.calendar(organizationId, employee, from, to));
  }

  /** Vacation days of a calendar year: allowed, taken (approved), asked for, and what is left. */
  async balance(
    organizationId: string,
    employee: Employee,
    year: number,
  ): Promise<AbsenceBalanceDto> {
    const y = String(year).padStart(4, '0');
    const first = `${y}-01-01`;
    const last = `${y}-12-31`;
    const calendar = await this.calendar(organizationId, employee, first, last);
    const vacations = await this.absences.list(organizationId, {
      employeeIds: [employee.id],
      from: first,
      to: last,
      kind: 'vacation',
    });
    let approvedDays = 0;
    let requestedDays = 0;
    for (const a of vacations) {
      const days = clipToYear(a.fromDay, a.toDay, year);
      if (!days) continue;
      const n = workingDaysBetween(days.from, days.to, calendar);
      if (a.status === 'approved') approvedDays += n;
      else if (a.status === 'requested') requestedDays += n;
    }
    const allowanceDays = await this.policy.allowanceOf(organizationId, employee.id);
    return {
      employeeId: employee.id,
      year,
      allowanceDays,
      approvedDays,
      requestedDays,
      remainingDays: allowanceDays - approvedDays - requestedDays,
    };
  }
}
