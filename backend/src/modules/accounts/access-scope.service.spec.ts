import {
  EmployeeFactory,
  PrincipalFactory,
  TeamFactory,
  strictFake,
} from '#test/factories/accounts.builders.js';
import { NotFoundError } from '#src/common/errors/domain-error.js';
import { AccessScopeService } from './access-scope.service.js';
import type { EmployeeEntity } from './entities/employee.entity.js';
import type { TeamEntity } from './entities/team.entity.js';
import type { EmployeeFilter, EmployeesRepository } from './employees/employees.repository.js';
import type { TeamsRepository } from './teams/teams.repository.js';

const ORG = '7d1c7f5e-0000-4000-8000-000000000001';

function setup(data: { employees: EmployeeEntity[]; teams: TeamEntity[]; managed?: string[] }) {
  const filters: EmployeeFilter[] = [];
  const teams = strictFake<TeamsRepository>('TeamsRepository', {
    teamIdsManagedBy: () => Promise.resolve(data.managed ?? []),
    findById: (org: string, id: string) =>
      Promise.resolve(data.teams.find((t) => t.organizationId === org && t.id === id) ?? null),
  });
  const employees = strictFake<EmployeesRepository>('EmployeesRepository', {
    findById: (org: string, id: string) =>
      Promise.resolve(data.employees.find((e) => e.organizationId === org && e.id === id) ?? null),
    ids: (org: string, filter: EmployeeFilter) => {
      filters.push(filter);
      return Promise.resolve(
        data.employees
          .filter((e) => e.organizationId === org)
          .filter(
            (e) => !filter.teamIds || (e.teamId !== null && filter.teamIds.includes(e.teamId)),
          )
          .filter((e) => !filter.ids || filter.ids.includes(e.id))
          .map((e) => e.id),
      );
    },
  });
  return { scope: new AccessScopeService(teams, employees), filters };
}

describe('AccessScopeService', () => {
  const teamA = TeamFactory.build({ organizationId: ORG });
  const teamB = TeamFactory.build({ organizationId: ORG });
  const foreignTeam = TeamFactory.build();
  const inA = EmployeeFactory.build({ organizationId: ORG, teamId: teamA.id });
  const inB = EmployeeFactory.build({ organizationId: ORG, teamId: teamB.id });
  const foreign = EmployeeFactory.build({ teamId: foreignTeam.id });
  const data = { employees: [inA, inB, foreign], teams: [teamA, teamB, foreignTeam] };

  it.each(['owner', 'admin', 'hr'] as const)('gives %s the whole organization', async (role) => {
    const { scope } = setup(data);
    const p = PrincipalFactory.build({ organizationId: ORG, role });
    await expect(scope.resolveEmployeeScope(p)).resolves.toEqual({ kind: 'organization' });
    await expect(scope.employeeIdsInScope(p)).resolves.toBe('all');
    await expect(scope.employeeIdsInScope(p, teamB.id)).resolves.toEqual([inB.id]);
    await expect(scope.assertCanSeeEmployee(p, inB.id)).resolves.toBe(inB);
  });

  it('gives a manager the teams they manage', async () => {
    const { scope } = setup({ ...data, managed: [teamA.id] });
    const p = PrincipalFactory.build({ organizationId: ORG, role: 'manager' });
    await expect(scope.resolveEmployeeScope(p)).resolves.toEqual({
      kind: 'teams',
      teamIds: [teamA.id],
    });
    await expect(scope.employeeIdsInScope(p)).resolves.toEqual([inA.id]);
    await expect(scope.assertCanSeeEmployee(p, inA.id)).resolves.toBe(inA);
    await expect(scope.assertCanSeeEmployee(p, inB.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(scope.employeeIdsInScope(p, teamB.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives an employee themself only, or nothing when no tracked person is linked', async () => {
    const { scope } = setup(data);
    const p = PrincipalFactory.build({ organizationId: ORG, role: 'employee', employeeId: inB.id });
    await expect(scope.resolveEmployeeScope(p)).resolves.toEqual({
      kind: 'self',
      employeeId: inB.id,
    });
    await expect(scope.employeeIdsInScope(p)).resolves.toEqual([inB.id]);
    await expect(scope.assertCanSeeEmployee(p, inA.id)).rejects.toBeInstanceOf(NotFoundError);
    const unlinked = PrincipalFactory.build({ organizationId: ORG, role: 'employee' });
    await expect(scope.employeeIdsInScope(unlinked)).resolves.toEqual([]);
  });

  it('answers 404 to an employee naming a team other than their own, their own data for their own', async () => {
    const { scope } = setup(data);
    const p = PrincipalFactory.build({ organizationId: ORG, role: 'employee', employeeId: inB.id });
    await expect(scope.employeeIdsInScope(p, teamA.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(scope.employeeFilter(p, teamA.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(scope.employeeIdsInScope(p, teamB.id)).resolves.toEqual([inB.id]);
    await expect(scope.visibleTeamIds(p)).resolves.toEqual([teamB.id]);
    const unlinked = PrincipalFactory.build({ organizationId: ORG, role: 'employee' });
    await expect(scope.employeeIdsInScope(unlinked, teamB.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('narrows a scope to the named team and employee, each checked visible', async () => {
    const { scope } = setup({ ...data, managed: [teamA.id] });
    const manager = PrincipalFactory.build({ organizationId: ORG, role: 'manager' });
    const both = await scope.resolveScope(manager, { teamId: teamA.id, employeeId: inA.id });
    expect(both).toMatchObject({ team: teamA, employee: inA, teamIds: [teamA.id] });
    expect(both.filter).toEqual({ teamIds: [teamA.id], ids: [inA.id] });
    await expect(scope.resolveScope(manager, { employeeId: inB.id })).rejects.toThrow(
      'Employee not found.',
    );
    await expect(scope.resolveScope(manager, { teamId: teamB.id })).rejects.toThrow(
      'Team not found.',
    );
    const owner = PrincipalFactory.build({ organizationId: ORG, role: 'owner' });
    const whole = await scope.resolveScope(owner);
    expect(whole).toMatchObject({ filter: {}, teamIds: undefined, team: null, employee: null });
    await expect(scope.employeeIdsOf(owner, whole)).resolves.toBe('all');
  });

  it('gives only privacy managers other people in the privacy scope', async () => {
    const { scope } = setup({ ...data, managed: [teamA.id] });
    const manager = PrincipalFactory.build({
      organizationId: ORG,
      role: 'manager',
      employeeId: inB.id,
    });
    await expect(
      scope.resolveScope(manager, { employeeId: inA.id }, 'privacy'),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      scope.resolveScope(manager, { employeeId: inB.id }, 'privacy'),
    ).resolves.toMatchObject({ employee: inB });
    const hr = PrincipalFactory.build({ organizationId: ORG, role: 'hr' });
    await expect(scope.resolveScope(hr, { employeeId: inA.id }, 'privacy')).resolves.toMatchObject({
      employee: inA,
    });
  });

  it("answers 404 for another organization's employee or team, whatever the role", async () => {
    const { scope } = setup(data);
    const p = PrincipalFactory.build({ organizationId: ORG, role: 'owner' });
    await expect(scope.assertCanSeeEmployee(p, foreign.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(scope.employeeIdsInScope(p, foreignTeam.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
