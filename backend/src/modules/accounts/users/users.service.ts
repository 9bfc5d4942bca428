import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
} from '#src/common/errors/domain-error.js';
import type { Page } from '#src/common/validation/common.dto.js';
import { PasswordService } from '../auth/password.service.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { CLOCK, type Clock } from '../clock.js';
import { toUserDto, type UserDto } from '../dto/user.dto.js';
import type { UserEntity } from '../entities/user.entity.js';
import type { Role } from '#src/common/auth/roles.js';
import { isUniqueViolation } from '#src/database/sql.js';
import type {
  ChangePasswordDto,
  UpdateProfileDto,
  UpdateUserDto,
  UserListQueryDto,
} from './users.dto.js';
import { UsersRepository } from './users.repository.js';
import { EmployeesRepository } from '../employees/employees.repository.js';

/** Users of the caller's organization, and the caller's own profile. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(PasswordService) private readonly passwords: PasswordService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
  ) {}

  async list(p: Principal, query: UserListQueryDto): Promise<Page<UserDto>> {
    const { items, total } = await this.users.list(
      p.organizationId,
      { role: query.role, status: query.status, search: query.search },
      query,
    );
    return {
      items: await this.withDetails(p.organizationId, items),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async get(p: Principal, id: string): Promise<UserDto> {
    const [user] = await this.withDetails(p.organizationId, [await this.find(p, id)]);
    return user;
  }

  /** Adds the last sign-in and the linked employee's name. */
  private async withDetails(organizationId: string, users: UserEntity[]): Promise<UserDto[]> {
    const employeeIds = users.flatMap((u) => (u.employeeId ? [u.employeeId] : []));
    const [signIns, employees] = await Promise.all([
      this.sessions.lastSignIns(
        organizationId,
        users.map((u) => u.id),
      ),
      this.employees.findByIds(organizationId, employeeIds),
    ]);
    const names = new Map(employees.map((e) => [e.id, e.fullName]));
    return users.map((u) => ({
      ...toUserDto(u),
      lastSignInAt: signIns.get(u.id)?.toISOString() ?? null,
      employeeFullName: u.employeeId ? (names.get(u.employeeId) ?? null) : null,
    }));
  }

  /** Nobody changes their own role; only an owner grants, removes or touches the owner role. */
  async update(p: Principal, id: string, dto: UpdateUserDto): Promise<UserDto> {
    const user = await this.find(p, id);
    if (dto.role !== undefined && dto.role !== user.role) {
      if (user.id === p.userId) throw new ForbiddenError('You cannot change your own role.');
      this.assertMayManage(p, user, dto.role);
      await this.users.update(p.organizationId, id, { role: dto.role });
    }
    if (dto.employeeId !== undefined && dto.employeeId !== user.employeeId) {
      this.assertMayManage(p, user);
      if (dto.employeeId !== null) {
        if (!(await this.employees.findById(p.organizationId, dto.employeeId))) {
          throw new NotFoundError('Employee');
        }
        const linked = await this.users.findByEmployeeId(p.organizationId, dto.employeeId);
        if (linked && linked.id !== id) {
          throw new ConflictError('This employee already has a login.', 'employee-linked');
        }
      }
      // The auth guard reads the link with the session on every request: it applies at once.
      await this.users.update(p.organizationId, id, { employeeId: dto.employeeId });
    }
    return this.get(p, id);
  }

  /** Takes effect at once: the guard refuses the user's tokens from the next request on. */
  async deactivate(p: Principal, id: string): Promise<UserDto> {
    const user = await this.find(p, id);
    if (user.id === p.userId) throw new ForbiddenError('You cannot deactivate yourself.');
    this.assertMayManage(p, user);
    if (user.status !== 'deactivated') {
      await this.users.update(p.organizationId, id, { status: 'deactivated' });
      await this.sessions.revokeAllForUser(p.organizationId, id, 'deactivated', this.clock.now());
    }
    return this.get(p, id);
  }

  /** Signs the user out everywhere (a lost laptop); they may sign in again. */
  async revokeSessions(p: Principal, id: string): Promise<void> {
    const user = await this.find(p, id);
    this.assertMayManage(p, user);
    await this.sessions.revokeAllForUser(p.organizationId, id, 'revoked', this.clock.now());
  }

  async activate(p: Principal, id: string): Promise<UserDto> {
    const user = await this.find(p, id);
    this.assertMayManage(p, user);
    if (user.status === 'invited') {
      throw new ConflictError('An invited user becomes active by accepting the invitation.');
    }
    await this.users.update(p.organizationId, id, { status: 'active' });
    return this.get(p, id);
  }

  async getProfile(p: Principal): Promise<UserDto> {
    return this.get(p, p.userId);
  }

  async updateProfile(p: Principal, dto: UpdateProfileDto): Promise<UserDto> {
    const user = await this.find(p, p.userId);
    const changes: Parameters<UsersRepository['update']>[2] = {};
    if (dto.firstName !== undefined) changes.firstName = dto.firstName;
    if (dto.lastName !== undefined) changes.lastName = dto.lastName;
    if (dto.phone !== undefined) changes.phone = dto.phone === '' ? null : dto.phone;
    if (dto.locale !== undefined) changes.locale = dto.locale;
    if (dto.email !== undefined && dto.email !== user.email) {
      if (await this.users.findByEmail(dto.email)) throw emailTaken();
      changes.email = dto.email;
    }
    try {
      await this.users.update(p.organizationId, p.userId, changes);
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
    return this.get(p, p.userId);
  }

  /** Names and emails of the organization's users by id, for logs that keep ids only. */
  async namesByIds(
    organizationId: string,
    ids: string[],
  ): Promise<Map<string, { fullName: string; email: string }>> {
    const unique = [...new Set(ids)];
    const users = unique.length ? await this.users.findByIds(organizationId, unique) : [];
    return new Map(users.map((u) => [u.id, { fullName: u.fullName, email: u.email }]));
  }

  /** Signs out every other session of the user. */
  async changePassword(p: Principal, dto: ChangePasswordDto): Promise<void> {
    const user = await this.find(p, p.userId);
    if (!(await this.passwords.verify(user.passwordHash, dto.currentPassword))) {
      throw new ValidationFailedError([
        { path: 'currentPassword', message: 'currentPassword is wrong' },
      ]);
    }
    this.passwords.assertAcceptable(dto.newPassword, { email: user.email }, 'newPassword');
    await this.users.update(p.organizationId, p.userId, {
      passwordHash: await this.passwords.hash(dto.newPassword),
    });
    await this.sessions.revokeAllForUser(
      p.organizationId,
      p.userId,
      'password-changed',
      this.clock.now(),
      p.sessionId,
    );
  }

  private async find(p: Principal, id: string): Promise<UserEntity> {
    const user = await this.users.findById(p.organizationId, id);
    if (!user) throw new NotFoundError('User');
    return user;
  }

  private assertMayManage(p: Principal, target: UserEntity, newRole?: Role): void {
    if ((target.role === 'owner' || newRole === 'owner') && p.role !== 'owner') {
      throw new ForbiddenError('Only an owner may change an owner or make one.');
    }
  }
}

function emailTaken(): ConflictError {
  return new ConflictError('A user with this email already exists.', 'email-taken');
}
