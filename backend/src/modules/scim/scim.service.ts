import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import type { Principal } from '#src/common/auth/principal.js';
import { isUniqueViolation } from '#src/database/sql.js';
import { SessionsRepository } from '../accounts/auth/sessions.repository.js';
import { EmployeesRepository } from '../accounts/employees/employees.repository.js';
import { EmployeesService } from '../accounts/employees/employees.service.js';
import { EmployeeEntity } from '../accounts/entities/employee.entity.js';
import { TeamEntity } from '../accounts/entities/team.entity.js';
import { UserEntity } from '../accounts/entities/user.entity.js';
import { TeamsRepository } from '../accounts/teams/teams.repository.js';
import { UsersRepository } from '../accounts/users/users.repository.js';
import { DevicesService } from '../agent/devices.service.js';
import { ApiTokensService } from '../api-tokens/api-tokens.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { ScimResourceEntity } from './entities/scim-resource.entity.js';
import { ScimError } from './scim-errors.js';
import { compileFilter, GROUP_FILTER, USER_FILTER, type ListQuery } from './scim-filter.js';
import { ScimResourcesRepository } from './scim-resources.repository.js';
import {
  GROUP_SCHEMA,
  listResponse,
  MAX_OPERATIONS,
  PATCH_SCHEMA,
  USER_SCHEMA,
} from './scim-schemas.js';

type Json = Record<string, unknown>;

interface DesiredUser {
  email: string;
  givenName: string;
  familyName: string;
  displayName: string;
  active: boolean;
  externalId: string | null | undefined;
}

interface DesiredGroup {
  displayName: string;
  externalId: string | null | undefined;
  members: string[] | undefined;
}

interface Directory {
  users: UserEntity[];
  employees: Map<string, EmployeeEntity>;
  teams: Map<string, TeamEntity>;
  userMeta: Map<string, ScimResourceEntity>;
  groupMeta: Map<string, ScimResourceEntity>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ALL = { page: 1, pageSize: 1_000_000 };

const bad = (detail: string, scimType: 'invalidValue' | 'invalidSyntax' = 'invalidValue') =>
  new ScimError(400, detail, scimType);
const notFound = (what: string) => new ScimError(404, `${what} not found.`);

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function optionalString(body: Json, key: string, max: number): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.length > max) {
    throw bad(`${key} must be a string of at most ${max} characters.`);
  }
  return v.trim();
}

function toBool(v: unknown, key: string): boolean {
  if (typeof v === 'boolean') return v;
  // Entra ID has sent "True"/"False" as strings.
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  throw bad(`${key} must be a boolean.`);
}

function assertSchema(body: Json, schema: string): void {
  const schemas = body.schemas;
  if (schemas === undefined) return;
  if (!Array.isArray(schemas) || !schemas.includes(schema)) {
    throw bad(`schemas must include ${schema}.`, 'invalidSyntax');
  }
}

/** The user a POST, PUT or patched resource describes. */
function readUser(body: unknown): DesiredUser {
  if (!isObject(body)) throw bad('The body must be a SCIM User.', 'invalidSyntax');
  assertSchema(body, USER_SCHEMA);
  const userName = optionalString(body, 'userName', 254);
  if (!userName) throw bad('userName is required.');
  let email: string | undefined;
  if (body.emails !== undefined && body.emails !== null) {
    if (!Array.isArray(body.emails) || body.emails.length > 20) {
      throw bad('emails must be a list.');
    }
    const emails = body.emails.filter(isObject);
    const chosen =
      emails.find((e) => e.primary === true || e.primary === 'True') ??
      emails.find((e) => e.type === 'work') ??
      emails[0];
    if (chosen && typeof chosen.value === 'string') email = chosen.value.trim();
  }
  if (!email || !EMAIL.test(email)) email = userName;
  email = email.toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) {
    throw bad('userName or a work email must be an email address.');
  }
  const name = isObject(body.name) ? body.name : {};
  const displayName = optionalString(body, 'displayName', 200);
  let givenName = optionalString(name, 'givenName', 100) ?? '';
  let familyName = optionalString(name, 'familyName', 100) ?? '';
  if (!givenName && !familyName) {
    const [first, ...rest] = (displayName || email.split('@')[0]).split(/\s+/);
    givenName = first.slice(0, 100);
    familyName = rest.join(' ').slice(0, 100);
  }
  const externalId = body.externalId === null ? null : optionalString(body, 'externalId', 255);
  return {
    email,
    givenName: givenName || email.split('@')[0].slice(0, 100),
    familyName,
    displayName: displayName || [givenName, familyName].filter(Boolean).join(' ') || email,
    active:
      body.active === undefined || body.active === null ? true : toBool(body.active, 'active'),
    externalId,
  };
}

function readGroup(body: unknown, membersRequired: boolean): DesiredGroup {
  if (!isObject(body)) throw bad('The body must be a SCIM Group.', 'invalidSyntax');
  assertSchema(body, GROUP_SCHEMA);
  const displayName = optionalString(body, 'displayName', 200);
  if (!displayName) throw bad('displayName is required.');
  let members: string[] | undefined = membersRequired ? [] : undefined;
  if (body.members !== undefined && body.members !== null) {
    if (!Array.isArray(body.members) || body.members.length > 10_000) {
      throw bad('members must be a list.');
    }
    members = body.members.map((m) => {
      if (!isObject(m) || typeof m.value !== 'string') throw bad('Each member needs a value.');
      return m.value;
    });
  }
  const externalId = body.externalId === null ? null : optionalString(body, 'externalId', 255);
  return { displayName, externalId, members };
}

/** PATCH bodies: shape checks, then Entra ID / Okta quirks smoothed out. */
function readOperations(body: unknown): ScimPatchOperation[] {
  if (!isObject(body)) throw bad('The body must be a SCIM PatchOp.', 'invalidSyntax');
  assertSchema(body, PATCH_SCHEMA);
  const ops = body.Operations ?? body.operations;
  if (!Array.isArray(ops) || ops.length === 0 || ops.length > MAX_OPERATIONS) {
    throw bad(`Operations must hold 1 to ${MAX_OPERATIONS} operations.`, 'invalidSyntax');
  }
  return ops
    .map((raw): ScimPatchOperation | null => {
      if (!isObject(raw) || typeof raw.op !== 'string') {
        throw bad('Each operation needs an op.', 'invalidSyntax');
      }
      const op = raw.op.toLowerCase();
      if (op !== 'add' && op !== 'replace' && op !== 'remove') {
        throw bad(`Unknown op "${raw.op.slice(0, 20)}".`, 'invalidSyntax');
      }
      const path = typeof raw.path === 'string' ? raw.path : undefined;
      // Extension attributes (enterprise department, manager, …) are not kept: skipped quietly.
      if (path && /^urn:/i.test(path) && !path.startsWith(USER_SCHEMA)) return null;
      let value = raw.value;
      if (path && /^active$/i.test(path) && value !== undefined) value = toBool(value, 'active');
      if (isObject(value)) {
        value = Object.fromEntries(
          Object.entries(value)
            .filter(([k]) => !/^urn:/i.test(k) || k.startsWith(USER_SCHEMA))
            .map(([k, v]) => [k, /^active$/i.test(k) ? toBool(v, 'active') : v]),
        );
      }
      const cleanPath = path?.startsWith(`${USER_SCHEMA}:`)
        ? path.slice(USER_SCHEMA.length + 1)
        : path;
      return op === 'remove'
        ? {
            op,
            path: cleanPath ?? '',
            ...(value !== undefined ? { value } : {}),
          }
        : { op, ...(cleanPath ? { path: cleanPath } : {}), value };
    })
    .filter((o): o is ScimPatchOperation => o !== null);
}

function patched<T extends Json>(resource: T, ops: ScimPatchOperation[]): T {
  if (ops.length === 0) return resource;
  try {
    return scimPatch(resource as unknown as ScimResource, ops, {
      mutateDocument: false,
      treatMissingAsAdd: true,
    }) as unknown as T;
  } catch (error) {
    const scimCode = (error as { scimCode?: string }).scimCode;
    const detail = error instanceof Error ? error.message.slice(0, 300) : 'Invalid patch.';
    throw new ScimError(400, detail, scimCode === 'noTarget' ? 'noTarget' : 'invalidPath');
  }
}

/**
 * SCIM 2.0 Users (console users with their employees, linked by email) and Groups (teams) of the
 * token's organization. Deprovisioning deactivates the user and employee and revokes, at once,
 * their sessions, personal API tokens and device tokens.
 */
@Injectable()
export class ScimService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
    @Inject(EmployeesService) private readonly employeesService: EmployeesService,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(DevicesService) private readonly devices: DevicesService,
    @Inject(ApiTokensService) private readonly apiTokens: ApiTokensService,
    @Inject(ScimResourcesRepository) private readonly resources: ScimResourcesRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  private async load(organizationId: string): Promise<Directory> {
    const [users, teams, userMeta, groupMeta] = await Promise.all([
      this.users.list(organizationId, {}, ALL),
      this.teams.list(organizationId, {}, ALL),
      this.resources.byResource(organizationId, 'User'),
      this.resources.byResource(organizationId, 'Group'),
    ]);
    const employeeIds = users.items.map((u) => u.employeeId).filter((id): id is string => !!id);
    const employees =
      employeeIds.length > 0 ? await this.employees.findByIds(organizationId, employeeIds) : [];
    return {
      users: users.items.filter((u) => !userMeta.get(u.id)?.deletedAt),
      employees: new Map(employees.map((e) => [e.id, e])),
      teams: new Map(teams.items.map((t) => [t.id, t])),
      userMeta,
      groupMeta,
    };
  }

  private userResource(d: Directory, u: UserEntity, base: string): Json {
    const employee = u.employeeId ? d.employees.get(u.employeeId) : undefined;
    const team = employee?.teamId ? d.teams.get(employee.teamId) : undefined;
    const externalId = d.userMeta.get(u.id)?.externalId;
    const fullName = u.fullName;
    return {
      schemas: [USER_SCHEMA],
      id: u.id,
      ...(externalId ? { externalId } : {}),
      userName: u.email,
      name: { givenName: u.firstName, familyName: u.lastName, formatted: fullName },
      displayName: employee?.fullName || fullName,
      active: u.status === 'active',
      emails: [{ value: u.email, type: 'work', primary: true }],
      groups: team
        ? [{ value: team.id, display: team.name, $ref: `${base}/Groups/${team.id}` }]
        : [],
      meta: {
        resourceType: 'User',
        created: new Date(u.createdAt).toISOString(),
        lastModified: new Date(u.updatedAt).toISOString(),
        location: `${base}/Users/${u.id}`,
      },
    };
  }

  private groupResource(d: Directory, t: TeamEntity, base: string): Json {
    const externalId = d.groupMeta.get(t.id)?.externalId;
    const members = d.users
      .filter((u) => u.employeeId && d.employees.get(u.employeeId)?.teamId === t.id)
      .map((u) => ({ value: u.id, display: u.fullName, $ref: `${base}/Users/${u.id}` }));
    return {
      schemas: [GROUP_SCHEMA],
      id: t.id,
      ...(externalId ? { externalId } : {}),
      displayName: t.name,
      members,
      meta: {
        resourceType: 'Group',
        created: new Date(t.createdAt).toISOString(),
        lastModified: new Date(t.createdAt).toISOString(),
        location: `${base}/Groups/${t.id}`,
      },
    };
  }

  private page(resources: Json[], query: ListQuery, excludeMembers = false) {
    const total = resources.length;
    const slice = resources
      .slice(query.startIndex - 1, query.startIndex - 1 + query.count)
      .map((r) => (excludeMembers ? { ...r, members: undefined } : r));
    return listResponse(slice, total, query.startIndex);
  }

  // ---- Users ----

  async listUsers(p: Principal, query: ListQuery, base: string) {
    const d = await this.load(p.organizationId);
    let all = d.users.map((u) => this.userResource(d, u, base));
    if (query.filter) all = all.filter(compileFilter(query.filter, USER_FILTER));
    return this.page(all, query);
  }

  async getUser(p: Principal, id: string, base: string): Promise<Json> {
    const d = await this.load(p.organizationId);
    return this.userResource(d, this.findUser(d, id), base);
  }

  private findUser(d: Directory, id: string): UserEntity {
    const user = UUID.test(id) ? d.users.find((u) => u.id === id) : undefined;
    if (!user) throw notFound('User');
    return user;
  }

  async createUser(p: Principal, body: unknown, base: string): Promise<Json> {
    const desired = readUser(body);
    if (await this.users.findByEmail(desired.email)) {
      throw new ScimError(409, 'A user with this userName already exists.', 'uniqueness');
    }
    const now = new Date();
    let employee = await this.employees.findByEmail(p.organizationId, desired.email);
    if (!employee) {
      const created = await this.employeesService.create(p, {
        fullName: desired.displayName,
        email: desired.email,
      });
      employee = await this.employees.findById(p.organizationId, created.id);
    }
    const user: UserEntity = Object.assign(new UserEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      email: desired.email,
      firstName: desired.givenName,
      lastName: desired.familyName,
      phone: null,
      passwordHash: null,
      role: 'employee',
      status: 'active',
      locale: null,
      employeeId: employee?.id ?? null,
      mfaSecret: null,
      mfaEnabledAt: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.users.insert(user);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ScimError(409, 'A user with this userName already exists.', 'uniqueness');
      }
      throw error;
    }
    await this.resources.upsert(p.organizationId, 'User', user.id, {
      externalId: desired.externalId ?? null,
    });
    await this.record(p, 'scim.user-created', 'user', user.id, employee?.id ?? null);
    if (!desired.active) await this.deprovision(p, user, 'scim.user-deactivated');
    return this.getUser(p, user.id, base);
  }

  async replaceUser(p: Principal, id: string, body: unknown, base: string): Promise<Json> {
    const d = await this.load(p.organizationId);
    const user = this.findUser(d, id);
    await this.applyUser(p, d, user, readUser(body));
    return this.getUser(p, id, base);
  }

  async patchUser(p: Principal, id: string, body: unknown, base: string): Promise<Json> {
    const ops = readOperations(body);
    const d = await this.load(p.organizationId);
    const user = this.findUser(d, id);
    const current = this.userResource(d, user, base);
    const next = patched(current, ops);
    await this.applyUser(p, d, user, readUser(next));
    return this.getUser(p, id, base);
  }

  /** SCIM DELETE: deprovisioned, and hidden from SCIM; the history stays. */
  async deleteUser(p: Principal, id: string): Promise<void> {
    const d = await this.load(p.organizationId);
    const user = this.findUser(d, id);
    this.assertNotOwner(user);
    await this.deprovision(p, user, 'scim.user-deleted');
    await this.resources.upsert(p.organizationId, 'User', id, { deletedAt: new Date() });
  }

  private assertNotOwner(user: UserEntity): void {
    if (user.role === 'owner') {
      throw new ScimError(403, 'An owner cannot be deprovisioned through SCIM.', 'mutability');
    }
  }

  private async applyUser(p: Principal, d: Directory, user: UserEntity, want: DesiredUser) {
    const org = p.organizationId;
    const changes: Parameters<UsersRepository['update']>[2] = {};
    if (want.email !== user.email) {
      const taken = await this.users.findByEmail(want.email);
      if (taken && taken.id !== user.id) {
        throw new ScimError(409, 'A user with this userName already exists.', 'uniqueness');
      }
      changes.email = want.email;
    }
    if (want.givenName !== user.firstName) changes.firstName = want.givenName;
    if (want.familyName !== user.lastName) changes.lastName = want.familyName;
    const employee = user.employeeId ? d.employees.get(user.employeeId) : undefined;
    try {
      await this.users.update(org, user.id, changes);
      if (employee) {
        const employeeChanges: Parameters<EmployeesRepository['update']>[2] = {};
        if (want.displayName !== employee.fullName) employeeChanges.fullName = want.displayName;
        if (want.email !== employee.email) employeeChanges.email = want.email;
        await this.employees.update(org, employee.id, employeeChanges);
      }
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ScimError(409, 'This email is already in use.', 'uniqueness');
      }
      throw error;
    }
    if (want.externalId !== undefined) {
      await this.resources.upsert(org, 'User', user.id, { externalId: want.externalId });
    }
    const changed = Object.keys(changes).length > 0;
    if (!want.active && user.status === 'active') {
      this.assertNotOwner(user);
      await this.deprovision(p, user, 'scim.user-deactivated');
    } else if (want.active && user.status === 'deactivated') {
      await this.users.update(org, user.id, { status: 'active' });
      if (employee) await this.employees.update(org, employee.id, { status: 'active' });
      await this.record(p, 'scim.user-activated', 'user', user.id, employee?.id ?? null);
    } else if (changed) {
      await this.record(p, 'scim.user-updated', 'user', user.id, employee?.id ?? null, {
        fields: Object.keys(changes).sort(),
      });
    }
  }

  /** Everything stops at once: sign-ins, personal API tokens, the employee's device tokens. */
  private async deprovision(p: Principal, user: UserEntity, action: string): Promise<void> {
    const org = p.organizationId;
    const now = new Date();
    await this.users.update(org, user.id, { status: 'deactivated' });
    await this.sessions.revokeAllForUser(org, user.id, 'deprovisioned', now);
    await this.apiTokens.revokeAllForUser(org, user.id, now);
    let devices = 0;
    if (user.employeeId) {
      await this.employees.update(org, user.employeeId, { status: 'deactivated' });
      devices = await this.devices.revokeAllForEmployee(org, user.employeeId, now);
    }
    await this.record(p, action, 'user', user.id, user.employeeId, { devicesRevoked: devices });
  }

  // ---- Groups ----

  async listGroups(p: Principal, query: ListQuery, base: string, excludeMembers: boolean) {
    const d = await this.load(p.organizationId);
    let all = [...d.teams.values()]
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .map((t) => this.groupResource(d, t, base));
    if (query.filter) all = all.filter(compileFilter(query.filter, GROUP_FILTER));
    return this.page(all, query, excludeMembers);
  }

  async getGroup(p: Principal, id: string, base: string): Promise<Json> {
    const d = await this.load(p.organizationId);
    return this.groupResource(d, this.findTeam(d, id), base);
  }

  private findTeam(d: Directory, id: string): TeamEntity {
    const team = UUID.test(id) ? d.teams.get(id) : undefined;
    if (!team) throw notFound('Group');
    return team;
  }

  async createGroup(p: Principal, body: unknown, base: string): Promise<Json> {
    const want = readGroup(body, true);
    const team: TeamEntity = Object.assign(new TeamEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      name: want.displayName,
      workScheduleId: null,
      createdAt: new Date(),
    });
    try {
      await this.teams.insert(team);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ScimError(409, 'A group with this displayName already exists.', 'uniqueness');
      }
      throw error;
    }
    await this.resources.upsert(p.organizationId, 'Group', team.id, {
      externalId: want.externalId ?? null,
    });
    const d = await this.load(p.organizationId);
    await this.setMembers(p, d, team, want.members ?? []);
    await this.record(p, 'scim.group-created', 'team', team.id, null);
    return this.getGroup(p, team.id, base);
  }

  async replaceGroup(p: Principal, id: string, body: unknown, base: string): Promise<Json> {
    const d = await this.load(p.organizationId);
    const team = this.findTeam(d, id);
    await this.applyGroup(p, d, team, readGroup(body, true));
    return this.getGroup(p, id, base);
  }

  async patchGroup(p: Principal, id: string, body: unknown, base: string): Promise<Json> {
    const ops = readOperations(body);
    const d = await this.load(p.organizationId);
    const team = this.findTeam(d, id);
    const current = this.groupResource(d, team, base);
    const next = patched(current, ops);
    await this.applyGroup(p, d, team, readGroup(next, true));
    return this.getGroup(p, id, base);
  }

  async deleteGroup(p: Principal, id: string): Promise<void> {
    const d = await this.load(p.organizationId);
    const team = this.findTeam(d, id);
    await this.teams.delete(p.organizationId, team.id);
    await this.resources.remove(p.organizationId, 'Group', team.id);
    await this.record(p, 'scim.group-deleted', 'team', team.id, null);
  }

  private async applyGroup(p: Principal, d: Directory, team: TeamEntity, want: DesiredGroup) {
    if (want.displayName !== team.name) {
      try {
        await this.teams.rename(p.organizationId, team.id, want.displayName);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ScimError(409, 'A group with this displayName already exists.', 'uniqueness');
        }
        throw error;
      }
    }
    if (want.externalId !== undefined) {
      await this.resources.upsert(p.organizationId, 'Group', team.id, {
        externalId: want.externalId,
      });
    }
    if (want.members !== undefined) await this.setMembers(p, d, team, want.members);
    await this.record(p, 'scim.group-updated', 'team', team.id, null);
  }

  /** Members are users; membership is their employee's team (one team per employee). */
  private async setMembers(p: Principal, d: Directory, team: TeamEntity, memberIds: string[]) {
    const wanted = new Set(memberIds);
    for (const id of wanted) {
      if (!UUID.test(id) || !d.users.some((u) => u.id === id)) {
        throw bad(`The member "${id.slice(0, 64)}" is not a user of this organization.`);
      }
    }
    for (const user of d.users) {
      const employee = user.employeeId ? d.employees.get(user.employeeId) : undefined;
      if (!employee) continue;
      if (wanted.has(user.id) && employee.teamId !== team.id) {
        await this.employees.update(p.organizationId, employee.id, { teamId: team.id });
        employee.teamId = team.id;
      } else if (!wanted.has(user.id) && employee.teamId === team.id) {
        await this.employees.update(p.organizationId, employee.id, { teamId: null });
        employee.teamId = null;
      }
    }
  }

  private record(
    p: Principal,
    action: string,
    targetType: string,
    targetId: string,
    subjectEmployeeId: string | null,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action,
      targetType,
      targetId,
      subjectEmployeeId,
      details: { ...details, apiTokenId: p.apiToken?.id ?? null },
    });
  }
}
