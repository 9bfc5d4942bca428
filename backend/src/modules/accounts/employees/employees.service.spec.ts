import {
  EmployeeFactory,
  OrganizationFactory,
  PrincipalFactory,
  TeamFactory,
  fakeClock,
  strictFake,
} from '#test/factories/accounts.builders.js';
import { ConflictError, NotFoundError } from '#src/common/errors/domain-error.js';
import type { DomainEvents } from '#src/common/events/domain-events.js';
import type { AccessScopeService } from '../access-scope.service.js';
import type { EmployeeEntity } from '../entities/employee.entity.js';
import type { OrganizationsRepository } from '../organizations/organizations.repository.js';
import type { TeamsRepository } from '../teams/teams.repository.js';
import type { EmployeesRepository } from './employees.repository.js';
import type { WorkScheduleAssignmentsService } from '../work-schedule-assignments.service.js';
import { EmployeesService } from './employees.service.js';
import type { UsersRepository } from '../users/users.repository.js';

describe('EmployeesService.create', () => {
  const organization = OrganizationFactory.build({ defaultTimeZone: 'Europe/Kyiv' });
  const p = PrincipalFactory.build({ organizationId: organization.id });
  const team = TeamFactory.build({ organizationId: organization.id });

  function build(existing: EmployeeEntity[] = []) {
    const inserted: EmployeeEntity[] = [];
    const published: { name: string; data: unknown }[] = [];
    const service = new EmployeesService(
      strictFake<EmployeesRepository>('EmployeesRepository', {
        findByEmail: (org, email) =>
          Promise.resolve(
            existing.find((e) => e.organizationId === org && e.email === email) ?? null,
          ),
        insert: (e, inTransaction) => {
          inserted.push(e);
          return inTransaction ? inTransaction({} as never) : Promise.resolve();
        },
      }),
      strictFake<TeamsRepository>('TeamsRepository', {
        findById: (org, id) =>
          Promise.resolve(org === team.organizationId && id === team.id ? team : null),
      }),
      strictFake<OrganizationsRepository>('OrganizationsRepository', {
        findById: () => Promise.resolve(organization),
      }),
      strictFake<AccessScopeService>('AccessScopeService', {}),
      fakeClock(),
      strictFake<WorkScheduleAssignmentsService>('WorkScheduleAssignmentsService', {}),
      strictFake<DomainEvents>('DomainEvents', {
        publish: ((name: string, _org: string, data: unknown) => {
          published.push({ name, data });
          return Promise.resolve({});
        }) as never,
      }),
      strictFake<UsersRepository>('UsersRepository', {}),
    );
    return { service, inserted, published };
  }

  it("defaults the time zone to the organization's", async () => {
    const { service, inserted, published } = build();
    const dto = await service.create(p, { fullName: 'Grace', email: 'grace@example.com' });
    expect(dto).toMatchObject({ timeZone: 'Europe/Kyiv', teamId: null, status: 'active' });
    expect(inserted[0]?.organizationId).toBe(organization.id);
    expect(published).toEqual([
      {
        name: 'employee.created',
        data: { employeeId: dto.id, teamId: null, timeZone: 'Europe/Kyiv' },
      },
    ]);
  });

  it('keeps an explicit zone and team', async () => {
    const { service } = build();
    const dto = await service.create(p, {
      fullName: 'Grace',
      email: 'grace@example.com',
      teamId: team.id,
      timeZone: 'Asia/Tokyo',
    });
    expect(dto).toMatchObject({ timeZone: 'Asia/Tokyo', teamId: team.id });
  });

  it('answers 404 for a team outside the organization, 409 for a taken email', async () => {
    const taken = EmployeeFactory.build({
      organizationId: organization.id,
      email: 'taken@example.com',
    });
    const { service, inserted } = build([taken]);
    await expect(
      service.create(p, { fullName: 'X', email: 'x@example.com', teamId: TeamFactory.build().id }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      service.create(p, { fullName: 'X', email: 'taken@example.com' }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(inserted).toHaveLength(0);
  });
});
