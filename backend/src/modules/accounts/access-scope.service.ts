import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal.js';
import { NotFoundError } from '../../common/errors/domain-error.js';
import type { EmployeeEntity } from './entities/employee.entity.js';
import { EmployeesRepository, type EmployeeFilter } from './employees/employees.repository.js';
import { TeamsRepository } from './teams/teams.repository.js';

/** Whose data a caller may see: the whole organization, the teams they manage, or themself. */
export type EmployeeScope =
  | { kind: 'organization' }
  | { kind: 'teams'; teamIds: string[] }
  | { kind: 'self'; employeeId: string | null };

/** The one place that turns a role into a data scope; reports and privacy call it too. */
@Injectable()
export class AccessScopeService {
  constructor(
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
  ) {}

  async resolveEmployeeScope(p: Principal): Promise<EmployeeScope> {
    switch (p.role) {
      case 'owner':
      case 'admin':
      case 'hr':
        return { kind: 'organization' };
      case 'manager':
        return {
          kind: 'teams',
          teamIds: await this.teams.teamIdsManagedBy(p.organizationId, p.userId),
        };
      case 'employee':
        return { kind: 'self', employeeId: p.employeeId };
    }
  }

  /** The employee, or 404 when it is in another organization or outside the caller's scope. */
  async assertCanSeeEmployee(p: Principal, employeeId: string): Promise<EmployeeEntity> {
    const employee = await this.employees.findById(p.organizationId, employeeId);
    if (!employee || !inScope(await this.resolveEmployeeScope(p), employee)) {
      throw new NotFoundError('Employee');
    }
    return employee;
  }

  /**
   * Ids of the employees the caller may see, optionally within one team ('all' means the whole
   * organization, unfiltered). A team outside the caller's organization or scope answers 404.
   */
  async employeeIdsInScope(p: Principal, teamId?: string): Promise<string[] | 'all'> {
    const scope = await this.resolveEmployeeScope(p);
    if (scope.kind === 'organization' && !teamId) return 'all';
    return this.employees.ids(p.organizationId, await this.employeeFilter(p, teamId, scope));
  }

  /** A repository filter that limits a query to the caller's scope (and to one team if given). */
  async employeeFilter(
    p: Principal,
    teamId?: string,
    scope?: EmployeeScope,
  ): Promise<EmployeeFilter> {
    const resolved = scope ?? (await this.resolveEmployeeScope(p));
    if (teamId) {
      const team = await this.teams.findById(p.organizationId, teamId);
      const visible =
        team !== null && (resolved.kind !== 'teams' || resolved.teamIds.includes(teamId));
      if (!visible) throw new NotFoundError('Team');
    }
    switch (resolved.kind) {
      case 'organization':
        return teamId ? { teamIds: [teamId] } : {};
      case 'teams':
        return { teamIds: teamId ? [teamId] : resolved.teamIds };
      case 'self':
        return {
          ids: resolved.employeeId ? [resolved.employeeId] : [],
          ...(teamId ? { teamIds: [teamId] } : {}),
        };
    }
  }

  /** Team ids the caller may see: undefined means every team of the organization. */
  async visibleTeamIds(p: Principal): Promise<string[] | undefined> {
    const scope = await this.resolveEmployeeScope(p);
    switch (scope.kind) {
      case 'organization':
        return undefined;
      case 'teams':
        return scope.teamIds;
      case 'self': {
        if (!scope.employeeId) return [];
        const own = await this.employees.findById(p.organizationId, scope.employeeId);
        return own?.teamId ? [own.teamId] : [];
      }
    }
  }
}

function inScope(scope: EmployeeScope, employee: EmployeeEntity): boolean {
  switch (scope.kind) {
    case 'organization':
      return true;
    case 'teams':
      return employee.teamId !== null && scope.teamIds.includes(employee.teamId);
    case 'self':
      return scope.employeeId === employee.id;
  }
}
