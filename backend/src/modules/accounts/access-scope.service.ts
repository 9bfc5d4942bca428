import { Inject, Injectable } from '@nestjs/common';
import { roleHas } from '#src/common/auth/permissions.js';
import type { Principal } from '#src/common/auth/principal.js';
import { NotFoundError } from '#src/common/errors/domain-error.js';
import type { EmployeeEntity } from './entities/employee.entity.js';
import type { TeamEntity } from './entities/team.entity.js';
import { EmployeesRepository, type EmployeeFilter } from './employees/employees.repository.js';
import { TeamsRepository } from './teams/teams.repository.js';

/** Whose data a caller may see: the whole organization, the teams they manage, or themself. */
export type EmployeeScope =
  | { kind: 'organization' }
  | { kind: 'teams'; teamIds: string[] }
  | { kind: 'self'; employeeId: string | null };

/** The team and/or employee a request names (query filter, body field or path). */
export interface ScopeTarget {
  teamId?: string | null;
  employeeId?: string | null;
}

/**
 * data: reports, employees, teams, rules, exports (owner/admin/hr the organization, a manager
 * their teams, an employee themself). privacy: acting on privacy requests, where only roles with
 * privacy:manage act for others and everyone else, managers included, only for themself.
 */
export type ScopePurpose = 'data' | 'privacy';

/** A caller's scope narrowed to what the request names, every named id checked visible. */
export interface ResolvedScope {
  /** The caller's scope before narrowing. */
  base: EmployeeScope;
  /** The requested team (visible to the caller), else null. */
  team: TeamEntity | null;
  /** The requested employee (visible to the caller), else null. */
  employee: EmployeeEntity | null;
  /** Limits an employee query to the scope and the requested team/employee; {} is everyone. */
  filter: EmployeeFilter;
  /** Teams whose team-level data (team rules) the caller sees; undefined means every team. */
  teamIds: string[] | undefined;
}

/**
 * The one place that turns (caller, requested team/employee) into a data scope or a 404. Every
 * list, report, export, subscription and rule endpoint asks it; an id outside the scope answers
 * exactly like an id of another organization. An employee naming their own team gets their own
 * data only (the team narrows nothing further); any other team is 404 for them.
 */
@Injectable()
export class AccessScopeService {
  constructor(
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
  ) {}

  async resolveEmployeeScope(p: Principal, purpose: ScopePurpose = 'data'): Promise<EmployeeScope> {
    if (purpose === 'privacy' && !roleHas(p.role, 'privacy:manage')) {
      return { kind: 'self', employeeId: p.employeeId };
    }
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

  /** The caller's scope narrowed to target; a team or employee outside it throws NotFoundError. */
  async resolveScope(
    p: Principal,
    target: ScopeTarget = {},
    purpose: ScopePurpose = 'data',
  ): Promise<ResolvedScope> {
    const base = await this.resolveEmployeeScope(p, purpose);
    const teamIds = await this.teamIdsOf(p, base);
    let team: TeamEntity | null = null;
    if (target.teamId) {
      team = await this.teams.findById(p.organizationId, target.teamId);
      if (!team || (teamIds !== undefined && !teamIds.includes(team.id))) {
        throw new NotFoundError('Team');
      }
    }
    let employee: EmployeeEntity | null = null;
    if (target.employeeId) {
      employee = await this.employees.findById(p.organizationId, target.employeeId);
      if (!employee || !inScope(base, employee)) throw new NotFoundError('Employee');
    }
    const filter: EmployeeFilter = baseFilter(base);
    if (team) filter.teamIds = [team.id];
    if (employee) filter.ids = [employee.id];
    return { base, team, employee, filter, teamIds };
  }

  /** Ids of the employees in a resolved scope; 'all' means the whole organization, unfiltered. */
  async employeeIdsOf(p: Principal, scope: ResolvedScope): Promise<string[] | 'all'> {
    if (!scope.filter.teamIds && !scope.filter.ids) return 'all';
    return this.employees.ids(p.organizationId, scope.filter);
  }

  /** The employee, or 404 when it is in another organization or outside the caller's scope. */
  async assertCanSeeEmployee(p: Principal, employeeId: string): Promise<EmployeeEntity> {
    return (await this.resolveScope(p, { employeeId })).employee!;
  }

  /** The team, or 404 when it is in another organization or outside the caller's scope. */
  async assertCanSeeTeam(p: Principal, teamId: string): Promise<TeamEntity> {
    return (await this.resolveScope(p, { teamId })).team!;
  }

  /**
   * Ids of the employees the caller may see, optionally within one team ('all' means the whole
   * organization, unfiltered). A team outside the caller's organization or scope answers 404.
   */
  async employeeIdsInScope(p: Principal, teamId?: string): Promise<string[] | 'all'> {
    return this.employeeIdsOf(p, await this.resolveScope(p, { teamId }));
  }

  /** A repository filter that limits a query to the caller's scope (and to one team if given). */
  async employeeFilter(p: Principal, teamId?: string): Promise<EmployeeFilter> {
    return (await this.resolveScope(p, { teamId })).filter;
  }

  /** Team ids the caller may see: undefined means every team of the organization. */
  async visibleTeamIds(p: Principal): Promise<string[] | undefined> {
    return this.teamIdsOf(p, await this.resolveEmployeeScope(p));
  }

  private async teamIdsOf(p: Principal, scope: EmployeeScope): Promise<string[] | undefined> {
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

function baseFilter(scope: EmployeeScope): EmployeeFilter {
  switch (scope.kind) {
    case 'organization':
      return {};
    case 'teams':
      return { teamIds: scope.teamIds };
    case 'self':
      return { ids: scope.employeeId ? [scope.employeeId] : [] };
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
