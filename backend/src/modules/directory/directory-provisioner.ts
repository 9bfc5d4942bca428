import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ROLES } from '#src/common/auth/roles.js';
import type { DirectoryRole } from '#src/config/directory-settings.js';
import { isUniqueViolation } from '#src/database/sql.js';
import { SessionsRepository } from '../accounts/auth/sessions.repository.js';
import { EmployeeEntity } from '../accounts/entities/employee.entity.js';
import { UserEntity } from '../accounts/entities/user.entity.js';
import { EmployeesRepository } from '../accounts/employees/employees.repository.js';
import { OrganizationsRepository } from '../accounts/organizations/organizations.repository.js';
import { UsersRepository } from '../accounts/users/users.repository.js';
import { DirectoryRepository } from './directory.repository.js';
import type { DirectoryLinkEntity } from './entities/directory.entities.js';
import type { DirectoryPerson, DirectorySettings } from './ldap-directory.js';
import { normalizeDn } from './ldap-filters.js';

/** The person cannot be provisioned; the message is safe to show to the organization's admins. */
export class ProvisionRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProvisionRefusedError';
  }
}

export type ProvisionOutcome = 'created' | 'updated' | 'unchanged';

/** The most powerful role any of the person's groups grants; else the default (null: none). */
export function roleFor(settings: DirectorySettings, groups: string[]): DirectoryRole | null {
  const mine = new Set(groups.map(normalizeDn));
  const granted = settings.roleMappings
    .filter((m) => mine.has(normalizeDn(m.group)))
    .map((m) => m.role)
    .sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
  return granted[0] ?? settings.defaultRole ?? null;
}

/** The team of the first team mapping the person's groups match; null: none. */
export function teamFor(settings: DirectorySettings, groups: string[]): string | null {
  const mine = new Set(groups.map(normalizeDn));
  return (
    settings.teamMappings.find((m) => mine.has(normalizeDn(m.group)))?.teamId.toLowerCase() ?? null
  );
}

/**
 * Creates, updates and deactivates console users and tracked employees from directory entries;
 * shared by directory sign-in (one person) and the sync (everyone). Owners are never changed by
 * the directory; users an admin deactivated by hand stay deactivated.
 */
@Injectable()
export class DirectoryProvisioner {
  constructor(
    @Inject(DirectoryRepository) private readonly repository: DirectoryRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
    @Inject(OrganizationsRepository) private readonly organizations: OrganizationsRepository,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
  ) {}

  async apply(
    organizationId: string,
    settings: DirectorySettings,
    person: DirectoryPerson,
    role: DirectoryRole,
    now: Date,
  ): Promise<{ outcome: ProvisionOutcome; user: UserEntity }> {
    if (!person.email) throw new ProvisionRefusedError(`no ${settings.emailAttribute} attribute`);
    const teamId = teamFor(settings, person.groups);
    let link = await this.repository.findLinkByKey(organizationId, person.key);
    let user = link ? await this.users.findById(organizationId, link.userId) : null;
    let outcome: ProvisionOutcome = 'unchanged';

    if (!user) {
      const byEmail = await this.users.findByEmail(person.email);
      if (byEmail && byEmail.organizationId !== organizationId) {
        throw new ProvisionRefusedError('the email belongs to a user of another organization');
      }
      if (byEmail) {
        const other = await this.repository.findLinkByUser(organizationId, byEmail.id);
        if (other && other.directoryKey !== person.key) {
          throw new ProvisionRefusedError('the email belongs to another directory user');
        }
        user = byEmail;
      } else {
        user = Object.assign(new UserEntity(), {
          id: randomUUID(),
          organizationId,
          email: person.email,
          firstName: person.firstName,
          lastName: person.lastName,
          phone: null,
          // No local password: this user signs in through the directory only.
          passwordHash: null,
          role: role,
          status: 'active',
          locale: null,
          employeeId: null,
          mfaSecret: null,
          mfaEnabledAt: null,
          createdAt: now,
          updatedAt: now,
        });
        try {
          await this.users.insert(user);
        } catch (error) {
          if (isUniqueViolation(error)) throw new ProvisionRefusedError('the email is taken');
          throw error;
        }
        outcome = 'created';
      }
    }

    const employeeId = settings.createEmployees
      ? await this.employeeFor(organizationId, user, person, teamId, now)
      : user.employeeId;

    const changes: Parameters<UsersRepository['update']>[2] = {};
    if (user.role !== 'owner') {
      if (user.role !== role) changes.role = role;
      if (user.firstName !== person.firstName) changes.firstName = person.firstName;
      if (user.lastName !== person.lastName) changes.lastName = person.lastName;
      if (user.email !== person.email && !(await this.users.findByEmail(person.email))) {
        changes.email = person.email;
      }
      // Back after the directory had removed them; a hand deactivation (link active) stays.
      if (user.status === 'deactivated' && link?.status === 'deactivated')
        changes.status = 'active';
    }
    if (employeeId !== user.employeeId) changes.employeeId = employeeId;
    if (Object.keys(changes).length > 0) {
      await this.users.update(organizationId, user.id, changes);
      if (outcome === 'unchanged') outcome = 'updated';
    }

    if (!link) {
      link = {
        id: randomUUID(),
        organizationId,
        directoryKey: person.key,
        dn: person.dn,
        userId: user.id,
        employeeId,
        status: 'active',
        lastSeenAt: now,
        createdAt: now,
        updatedAt: now,
      } satisfies DirectoryLinkEntity;
      await this.repository.insertLink(link);
      if (outcome === 'unchanged') outcome = 'updated';
    } else {
      if (link.status !== 'active' || link.dn !== person.dn || link.employeeId !== employeeId) {
        if (outcome === 'unchanged') outcome = 'updated';
      }
      await this.repository.updateLink(organizationId, link.id, {
        dn: person.dn,
        employeeId,
        status: 'active',
        lastSeenAt: now,
        updatedAt: now,
      });
    }
    const fresh = await this.users.findById(organizationId, user.id);
    return { outcome, user: fresh ?? user };
  }

  /** The directory no longer admits the person: user (and employee) deactivated, sessions revoked. */
  async deactivate(organizationId: string, link: DirectoryLinkEntity, now: Date): Promise<boolean> {
    if (link.status === 'deactivated') return false;
    const user = await this.users.findById(organizationId, link.userId);
    await this.repository.updateLink(organizationId, link.id, {
      status: 'deactivated',
      updatedAt: now,
    });
    if (!user || user.role === 'owner') return false;
    if (user.status !== 'deactivated') {
      await this.users.update(organizationId, user.id, { status: 'deactivated' });
    }
    await this.sessions.revokeAllForUser(organizationId, user.id, 'directory-removed', now);
    if (link.employeeId) {
      const employee = await this.employees.findById(organizationId, link.employeeId);
      if (employee && employee.status !== 'deactivated') {
        await this.employees.update(organizationId, employee.id, { status: 'deactivated' });
      }
    }
    return true;
  }

  private async employeeFor(
    organizationId: string,
    user: UserEntity,
    person: DirectoryPerson,
    teamId: string | null,
    now: Date,
  ): Promise<string> {
    const fullName = [person.firstName, person.lastName].filter(Boolean).join(' ').slice(0, 200);
    const existing =
      (user.employeeId ? await this.employees.findById(organizationId, user.employeeId) : null) ??
      (await this.employees.findByEmail(organizationId, person.email!));
    if (existing) {
      const changes: Parameters<EmployeesRepository['update']>[2] = {};
      if (existing.fullName !== fullName) changes.fullName = fullName;
      if (teamId && existing.teamId !== teamId) changes.teamId = teamId;
      if (existing.status !== 'active') changes.status = 'active';
      if (Object.keys(changes).length > 0) {
        await this.employees.update(organizationId, existing.id, changes);
      }
      return existing.id;
    }
    const organization = await this.organizations.findById(organizationId);
    const employee = Object.assign(new EmployeeEntity(), {
      id: randomUUID(),
      organizationId,
      fullName,
      email: person.email!,
      teamId,
      workScheduleId: null,
      timeZone: organization?.defaultTimeZone ?? 'UTC',
      status: 'active',
      createdAt: now,
      updatedAt: now,
    });
    await this.employees.insert(employee);
    return employee.id;
  }
}
