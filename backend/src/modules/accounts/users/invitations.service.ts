import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
} from '#src/common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { Mailer } from '#src/modules/notifications/mailer.service.js';
import type { Page, PageQueryDto } from '#src/common/validation/common.dto.js';
import type { LoginResponseDto } from '../auth/auth.dto.js';
import { AuthService, type ClientInfo } from '../auth/auth.service.js';
import { PasswordService } from '../auth/password.service.js';
import { sha256, TokenService } from '../auth/token.service.js';
import { CLOCK, type Clock } from '../clock.js';
import { EmployeesRepository } from '../employees/employees.repository.js';
import { InvitationEntity } from '../entities/invitation.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import { OrganizationsRepository } from '../organizations/organizations.repository.js';
import { isUniqueViolation } from '#src/database/sql.js';
import type {
  AcceptInvitationDto,
  CreateInvitationDto,
  CreatedInvitationDto,
  InvitationDto,
} from './invitation.dto.js';
import { InvitationsRepository } from './invitations.repository.js';
import { UsersRepository } from './users.repository.js';

export const INVITATION_TTL_DAYS = 7;

export class InvitationUnusableError extends DomainError {
  constructor(detail: string, code: string) {
    super(410, code, 'Invitation unusable', detail);
  }
}

@Injectable()
export class InvitationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(InvitationsRepository) private readonly invitations: InvitationsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
    @Inject(OrganizationsRepository) private readonly organizations: OrganizationsRepository,
    @Inject(PasswordService) private readonly passwords: PasswordService,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Creates (or re-invites) an invited user. Only an owner may invite an owner. The link is
   * returned to the inviter and mailed.
   */
  async create(p: Principal, dto: CreateInvitationDto): Promise<CreatedInvitationDto> {
    if (dto.role === 'owner' && p.role !== 'owner') {
      throw new ForbiddenError('Only an owner may invite another owner.');
    }
    if (dto.employeeId) {
      if (!(await this.employees.findById(p.organizationId, dto.employeeId))) {
        throw new NotFoundError('Employee');
      }
      const linked = await this.users.findByEmployeeId(p.organizationId, dto.employeeId);
      if (linked && linked.email !== dto.email) {
        throw new ConflictError('This employee already has a login.', 'employee-linked');
      }
    }
    const now = this.clock.now();
    const existing = await this.users.findByEmail(dto.email);
    let user: UserEntity;
    let newUser: UserEntity | null = null;
    if (existing) {
      // Re-inviting someone who has not accepted yet replaces the old link; anyone else is taken.
      if (existing.organizationId !== p.organizationId || existing.status !== 'invited') {
        throw new ConflictError('A user with this email already exists.', 'email-taken');
      }
      if (existing.role === 'owner' && p.role !== 'owner') {
        throw new ForbiddenError('Only an owner may change an invitation to become owner.');
      }
      await this.users.update(p.organizationId, existing.id, {
        role: dto.role,
        ...(dto.firstName !== undefined ? { firstName: dto.firstName } : {}),
        ...(dto.lastName !== undefined ? { lastName: dto.lastName } : {}),
        ...(dto.employeeId !== undefined ? { employeeId: dto.employeeId } : {}),
      });
      user = { ...existing, role: dto.role } as UserEntity;
    } else {
      newUser = Object.assign(new UserEntity(), {
        id: randomUUID(),
        organizationId: p.organizationId,
        email: dto.email,
        firstName: dto.firstName ?? '',
        lastName: dto.lastName ?? '',
        phone: null,
        passwordHash: null,
        role: dto.role,
        status: 'invited',
        locale: null,
        employeeId: dto.employeeId ?? null,
        createdAt: now,
        updatedAt: now,
      });
      user = newUser;
    }
    const secret = this.tokens.opaque();
    const invitation: InvitationEntity = Object.assign(new InvitationEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      userId: user.id,
      tokenHash: secret.hash,
      invitedByUserId: p.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000),
      acceptedAt: null,
      revokedAt: null,
    });
    try {
      await this.invitations.create(invitation, newUser);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError('A user with this email already exists.', 'email-taken');
      }
      throw error;
    }
    const acceptUrl = `${this.config.http.publicUrl}/accept-invitation?token=${secret.token}`;
    const organization = await this.organizations.findById(p.organizationId);
    const inviter = await this.users.findById(p.organizationId, p.userId);
    // Addressed to the invitee's user row: their language if set, otherwise the organization's.
    await this.mailer.queueMail({
      organizationId: p.organizationId,
      template: 'invitation',
      to: { userId: user.id },
      params: {
        organizationName: organization?.name ?? 'CallTimeX',
        inviterName: inviter ? displayName(inviter) : (organization?.name ?? 'CallTimeX'),
        role: dto.role,
        acceptUrl,
        expiresAt: invitation.expiresAt.toISOString(),
      },
      dedupeKey: `invitation:${invitation.id}`,
    });
    return { ...toInvitationDto(invitation, user), token: secret.token, acceptUrl };
  }

  async listOpen(p: Principal, page: PageQueryDto): Promise<Page<InvitationDto>> {
    const { items, total } = await this.invitations.listOpen(
      p.organizationId,
      this.clock.now(),
      page,
    );
    const users = await this.users.findByIds(p.organizationId, [
      ...new Set(items.map((i) => i.userId)),
    ]);
    const byId = new Map(users.map((u) => [u.id, u]));
    return {
      items: items.flatMap((i) => {
        const user = byId.get(i.userId);
        return user ? [toInvitationDto(i, user)] : [];
      }),
      page: page.page,
      pageSize: page.pageSize,
      total,
    };
  }

  async revoke(p: Principal, id: string): Promise<void> {
    const invitation = await this.invitations.findById(p.organizationId, id);
    if (!invitation || invitation.acceptedAt || invitation.revokedAt) {
      throw new NotFoundError('Invitation');
    }
    await this.invitations.revoke(p.organizationId, id, this.clock.now());
  }

  /** Sets the password, activates the user and signs them in. Each link works once. */
  async accept(dto: AcceptInvitationDto, client: ClientInfo): Promise<LoginResponseDto> {
    const invitation = await this.invitations.findByTokenHash(sha256(dto.token));
    if (!invitation) throw new NotFoundError('Invitation');
    const now = this.clock.now();
    if (invitation.acceptedAt) {
      throw new InvitationUnusableError('This invitation was already accepted.', 'invitation-used');
    }
    if (invitation.revokedAt) {
      throw new InvitationUnusableError('This invitation was withdrawn.', 'invitation-revoked');
    }
    if (invitation.expiresAt <= now) {
      throw new InvitationUnusableError('This invitation has expired.', 'invitation-expired');
    }
    const user = await this.users.findById(invitation.organizationId, invitation.userId);
    if (!user || user.status !== 'invited') {
      throw new InvitationUnusableError('This invitation was withdrawn.', 'invitation-revoked');
    }
    // A closed organization takes no new members; the invitation stays for a reopened one.
    await this.auth.assertOrganizationOpen(user);
    this.passwords.assertAcceptable(dto.password, { email: user.email });
    const hash = await this.passwords.hash(dto.password);
    if (!(await this.invitations.accept(invitation, hash, now))) {
      throw new InvitationUnusableError('This invitation was already accepted.', 'invitation-used');
    }
    const employeeId = user.employeeId ?? (await this.linkEmployeeByEmail(user));
    const active: UserEntity = Object.assign(new UserEntity(), user, {
      passwordHash: hash,
      status: 'active',
      employeeId,
    });
    return this.auth.login(active, client);
  }

  /**
   * An invitation that named no employee links the new user to the organization's employee with
   * the same email, when there is one and no other login has it.
   */
  private async linkEmployeeByEmail(user: UserEntity): Promise<string | null> {
    const employee = await this.employees.findByEmail(user.organizationId, user.email);
    if (!employee) return null;
    const linked = await this.users.findByEmployeeId(user.organizationId, employee.id);
    if (linked && linked.id !== user.id) return null;
    await this.users.update(user.organizationId, user.id, { employeeId: employee.id });
    return employee.id;
  }
}

function displayName(user: UserEntity): string {
  return `${user.firstName} ${user.lastName}`.trim() || user.email;
}

function toInvitationDto(invitation: InvitationEntity, user: UserEntity): InvitationDto {
  return {
    id: invitation.id,
    userId: user.id,
    email: user.email,
    role: user.role,
    createdAt: new Date(invitation.createdAt).toISOString(),
    expiresAt: new Date(invitation.expiresAt).toISOString(),
  };
}
