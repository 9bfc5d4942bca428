import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ConflictError,
  NotFoundError,
  ValidationFailedError,
  type FieldError,
} from '#src/common/errors/domain-error.js';
import { WorkScheduleAssignmentsService } from '../accounts/work-schedule-assignments.service.js';
import type {
  CreateWorkScheduleDto,
  UpdateWorkScheduleDto,
  WorkScheduleDayDto,
  WorkScheduleDto,
} from './dto/work-schedule.dto.js';
import type { WorkScheduleDay } from './entities/work-schedule.entity.js';
import { type WorkSchedule, WorkSchedulesRepository } from './work-schedules.repository.js';

/** Weekdays once each, end after start; sorted by weekday. */
function checkDays(days: WorkScheduleDayDto[]): WorkScheduleDay[] {
  const errors: FieldError[] = [];
  const seen = new Set<number>();
  days.forEach((d, i) => {
    if (seen.has(d.weekday)) {
      errors.push({ path: `days.${i}.weekday`, message: `weekday ${d.weekday} is listed twice` });
    }
    seen.add(d.weekday);
    if (d.end <= d.start) {
      errors.push({
        path: `days.${i}.end`,
        message:
          'end must be later than start on the same day (night shifts are not supported yet)',
      });
    }
  });
  if (errors.length > 0) throw new ValidationFailedError(errors);
  return days
    .map((d) => ({ weekday: d.weekday, start: d.start, end: d.end }))
    .sort((a, b) => a.weekday - b.weekday);
}

export function toWorkScheduleDto(s: WorkSchedule): WorkScheduleDto {
  return {
    id: s.id,
    name: s.name,
    days: s.days.map((d) => ({ weekday: d.weekday, start: d.start, end: d.end })),
    lateAfterMinutes: s.lateAfterMinutes,
    default: s.isDefault,
  };
}

/** Work schedules of an organization, and which one is in force for an employee. */
@Injectable()
export class WorkSchedulesService implements OnModuleInit {
  constructor(
    @Inject(WorkSchedulesRepository) private readonly repo: WorkSchedulesRepository,
    @Inject(WorkScheduleAssignmentsService)
    private readonly assignments: WorkScheduleAssignmentsService,
  ) {}

  onModuleInit(): void {
    // Accounts stores assignments; it asks here whether an assigned id is a schedule.
    this.assignments.useScheduleLookup(
      async (organizationId, id) => (await this.repo.findById(organizationId, id)) !== null,
    );
  }

  async create(p: Principal, dto: CreateWorkScheduleDto): Promise<WorkScheduleDto> {
    const schedule: WorkSchedule = {
      id: randomUUID(),
      organizationId: p.organizationId,
      name: dto.name,
      days: checkDays(dto.days),
      lateAfterMinutes: dto.lateAfterMinutes ?? 0,
      isDefault: dto.default ?? false,
    };
    await this.repo.save(schedule, new Date());
    return toWorkScheduleDto(schedule);
  }

  async list(p: Principal): Promise<WorkScheduleDto[]> {
    return (await this.repo.list(p.organizationId)).map(toWorkScheduleDto);
  }

  async get(p: Principal, id: string): Promise<WorkScheduleDto> {
    return toWorkScheduleDto(await this.find(p.organizationId, id));
  }

  async update(p: Principal, id: string, dto: UpdateWorkScheduleDto): Promise<WorkScheduleDto> {
    const current = await this.find(p.organizationId, id);
    const next: WorkSchedule = {
      ...current,
      name: dto.name ?? current.name,
      days: dto.days ? checkDays(dto.days) : current.days,
      lateAfterMinutes: dto.lateAfterMinutes ?? current.lateAfterMinutes,
      isDefault: dto.default ?? current.isDefault,
    };
    await this.repo.save(next);
    return toWorkScheduleDto(next);
  }

  /** A schedule assigned to an employee or a team stays (409) until they are moved off it. */
  async delete(p: Principal, id: string): Promise<void> {
    const schedule = await this.find(p.organizationId, id);
    const usage = await this.assignments.usage(p.organizationId, schedule.id);
    if (usage.employees > 0 || usage.teams > 0) {
      throw new ConflictError(
        `This work schedule is assigned to ${usage.employees} employee(s) and ${usage.teams} team(s); assign them another schedule (or none) before deleting it.`,
        'work-schedule-in-use',
      );
    }
    await this.repo.delete(p.organizationId, schedule.id);
  }

  /** Every schedule of the organization (for attendance). */
  all(organizationId: string): Promise<WorkSchedule[]> {
    return this.repo.list(organizationId);
  }

  private async find(organizationId: string, id: string): Promise<WorkSchedule> {
    const schedule = await this.repo.findById(organizationId, id);
    if (!schedule) throw new NotFoundError('Work schedule');
    return schedule;
  }
}
