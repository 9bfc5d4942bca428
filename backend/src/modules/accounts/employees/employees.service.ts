import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { ConflictError, NotFoundError } from '#src/common/errors/domain-error.js';
import { DomainEvents } from '#src/common/events/domain-events.js';
import type { Page } from '#src/common/validation/common.dto.js';
import { AccessScopeService } from '../access-scope.service.js';
import { CLOCK, type Clock } from '../clock.js';
import { EmployeeEntity, type EmployeeStatus } from '../entities/employee.entity.js';
import { OrganizationsRepository } from '../organizations/organizations.repository.js';
import { isUniqueViolation } from '#src/database/sql.js';
import { TeamsRepository } from '../teams/teams.repository.js';
import { WorkScheduleAssignmentsService } from '../work-schedule-assignments.service.js';
import type {
  CreateEmployeeDto,
  EmployeeDto,
  EmployeeListQueryDto,
  UpdateEmployeeDto,
} from './employee.dto.js';
import { EmployeesRepository } from './employees.repository.js';
import { UsersRepository } from '../users/users.repository.js';

@Injectable()
export class EmployeesService {
  constructor(
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(OrganizationsRepository) private readonly organizations: OrganizationsRepository,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WorkScheduleAssignmentsService)
    private readonly schedules: WorkScheduleAssignmentsService,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(UsersRepository) private readonly users: UsersRepository,
  ) {}

  async create(p: Principal, dto: CreateEmployeeDto): Promise<EmployeeDto> {
    if (dto.teamId) await this.assertTeam(p.organizationId, dto.teamId);
    if (await this.employees.findByEmail(p.organizationId, dto.email)) throw emailTaken();
    const organization = await this.organizations.findById(p.organizationId);
    const now = this.clock.now();
    const employee: EmployeeEntity = Object.assign(new EmployeeEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      fullName: dto.fullName,
      email: dto.email,
      teamId: dto.teamId ?? null,
      workScheduleId: null,
      timeZone: dto.timeZone ?? organization?.defaultTimeZone ?? 'UTC',
      status: 'active',
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.employees.insert(employee, (tx) =>
        this.events
          .publish(
            'employee.created',
            employee.organizationId,
            { employeeId: employee.id, teamId: employee.teamId, timeZone: employee.timeZone },
            { tx },
          )
          .then(() => undefined),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
    return toEmployeeDto(employee);
  }

  async list(p: Principal, query: EmployeeListQueryDto): Promise<Page<EmployeeDto>> {
    const filter = await this.scope.employeeFilter(p, query.teamId);
    const { items, total } = await this.employees.list(
      p.organizationId,
      { ...filter, search: query.search, status: query.status },
      query,
    );
    return {
      items: await this.withLogins(p.organizationId, items),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async get(p: Principal, id: string): Promise<EmployeeDto> {
    const [employee] = await this.withLogins(p.organizationId, [
      await this.scope.assertCanSeeEmployee(p, id),
    ]);
    return employee;
  }

  /** Adds the linked console login of each employee. */
  private async withLogins(
    organizationId: string,
    employees: EmployeeEntity[],
  ): Promise<EmployeeDto[]> {
    const users = await this.users.findByEmployeeIds(
      organizationId,
      employees.map((e) => e.id),
    );
    const byEmployee = new Map(users.map((u) => [u.employeeId, u]));
    return employees.map((e) => {
      const user = byEmployee.get(e.id);
      return {
        ...toEmployeeDto(e),
        login: user
          ? { userId: user.id, email: user.email, role: user.role, status: user.status }
          : null,
      };
    });
  }

  async update(p: Principal, id: string, dto: UpdateEmployeeDto): Promise<EmployeeDto> {
    const current = await this.scope.assertCanSeeEmployee(p, id);
    const changes: Partial<
      Pick<EmployeeEntity, 'fullName' | 'email' | 'teamId' | 'timeZone' | 'workScheduleId'>
    > = {};
    if (dto.fullName !== undefined) changes.fullName = dto.fullName;
    if (dto.timeZone !== undefined) changes.timeZone = dto.timeZone;
    if (dto.teamId !== undefined) {
      if (dto.teamId !== null) await this.assertTeam(p.organizationId, dto.teamId);
      changes.teamId = dto.teamId;
    }
    if (dto.workScheduleId !== undefined) {
      if (dto.workScheduleId !== null)
        await this.schedules.assertSchedule(p.organizationId, dto.workScheduleId);
      changes.workScheduleId = dto.workScheduleId;
    }
    if (dto.email !== undefined && dto.email !== current.email) {
      if (await this.employees.findByEmail(p.organizationId, dto.email)) throw emailTaken();
      changes.email = dto.email;
    }
    try {
      await this.employees.update(p.organizationId, id, changes);
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
    return this.get(p, id);
  }

  async setStatus(p: Principal, id: string, status: EmployeeStatus): Promise<EmployeeDto> {
    await this.scope.assertCanSeeEmployee(p, id);
    await this.employees.setStatus(p.organizationId, id, status, async (tx) => {
      if (status === 'deactivated') {
        await this.events.publish(
          'employee.deactivated',
          p.organizationId,
          { employeeId: id },
          { tx },
        );
      }
    });
    return this.get(p, id);
  }

  async delete(p: Principal, id: string): Promise<void> {
    await this.scope.assertCanSeeEmployee(p, id);
    await this.employees.delete(p.organizationId, id);
  }

  /** Full names of the organization's employees by id (erased ones are absent). */
  async namesByIds(organizationId: string, ids: string[]): Promise<Map<string, string>> {
    const employees = await this.employees.findByIds(organizationId, [...new Set(ids)]);
    return new Map(employees.map((e) => [e.id, e.fullName]));
  }

  private async assertTeam(organizationId: string, teamId: string): Promise<void> {
    if (!(await this.teams.findById(organizationId, teamId))) throw new NotFoundError('Team');
  }
}

function emailTaken(): ConflictError {
  return new ConflictError(
    'An employee with this email already exists in the organization.',
    'employee-email-taken',
  );
}

export function toEmployeeDto(employee: EmployeeEntity): EmployeeDto {
  return {
    id: employee.id,
    fullName: employee.fullName,
    email: employee.email,
    teamId: employee.teamId,
    timeZone: employee.timeZone,
    workScheduleId: employee.workScheduleId ?? null,
    status: employee.status,
    createdAt: new Date(employee.createdAt).toISOString(),
    updatedAt: new Date(employee.updatedAt).toISOString(),
  };
}
