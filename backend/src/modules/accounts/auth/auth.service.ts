import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
} from '#src/common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { RefreshTokenEntity, SessionEntity } from '../entities/session.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import { OrganizationClosedError } from '../organizations/organization-closed.error.js';
import { newOrganizationWithOwner } from '../organizations/new-organization.js';
import { OrganizationsRepository } from '../organizations/organizations.repository.js';
import { isUniqueViolation } from '#src/database/sql.js';
import { UsersRepository } from '../users/users.repository.js';
import { toUserDto } from '../dto/user.dto.js';
import type {
  LoginResponseDto,
  SessionDto,
  SignupDto,
  SignupResponseDto,
  TokensDto,
} from './auth.dto.js';
import { CLOCK, type Clock } from '../clock.js';
import { type FactorMethod, MfaPolicyService } from '../mfa/mfa-policy.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordService } from './password.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { sha256, TokenService, type AccessTokenPayload } from './token.service.js';

const ENDED_SESSION_RETENTION_MS = 30 * 86_400_000;

/** Where a sign-in comes from, kept on its session. */
export interface ClientInfo {
  address: string;
  userAgent: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OrganizationsRepository) private readonly organizations: OrganizationsRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(PasswordService) private readonly passwords: PasswordService,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(LoginThrottleService) private readonly throttle: LoginThrottleService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MfaPolicyService) private readonly mfaPolicy: MfaPolicyService,
  ) {}

  // Sign-ups run one at a time in this process, so two first sign-ups cannot both claim an empty
  // installation; across api replicas the repository's named lock does the same.
  private signupQueue: Promise<unknown> = Promise.resolve();

  /** Open while no organization exists, or always with ALLOW_SIGNUP. */
  signup(dto: SignupDto, client: ClientInfo): Promise<SignupResponseDto> {
    const run = this.signupQueue.then(() => this.signupNow(dto, client));
    this.signupQueue = run.catch(() => undefined);
    return run;
  }

  private async signupNow(dto: SignupDto, client: ClientInfo): Promise<SignupResponseDto> {
    // Checked first for a quick answer, and again under a lock as the organization is created.
    if (!this.config.allowSignup && (await this.organizations.any())) throw signupClosed();
    this.passwords.assertAcceptable(dto.password, { email: dto.email });
    if (await this.users.findByEmail(dto.email)) throw emailTaken();
    const now = this.clock.now();
    const { organization, owner } = newOrganizationWithOwner(
      { ...dto, passwordHash: await this.passwords.hash(dto.password) },
      now,
    );
    try {
      const created = await this.organizations.createWithOwner(organization, owner, {
        onlyIfNone: !this.config.allowSignup,
      });
      if (!created) throw signupClosed();
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
    const tokens = await this.startSession(owner, client);
    return {
      ...tokens,
      user: toUserDto(owner),
      organization: { id: organization.id, name: organization.name },
    };
  }

  /**
   * The local strategy: throttled, constant-ish time for unknown emails, active users only.
   * `secondFactor` runs after the password matched; a wrong code counts as a failed attempt, a
   * missing one (`missingFactor`) does not, so the usual two-step sign-in does not lock anyone out.
   */
  async verifyCredentials(
    email: string,
    password: string,
    clientAddress: string,
    secondFactor?: (user: UserEntity) => Promise<void>,
    missingFactor?: (error: unknown) => boolean,
  ): Promise<UserEntity> {
    const attemptId = await this.throttle.begin(email, clientAddress);
    const user = await this.users.findByEmail(email.trim().toLowerCase());
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !ok || user.status !== 'active') {
      throw new UnauthorizedError('The email or password is wrong.');
    }
    if (secondFactor) {
      try {
        await secondFactor(user);
      } catch (error) {
        if (missingFactor?.(error)) await this.throttle.release(attemptId);
        throw error;
      }
    }
    await this.throttle.succeeded(attemptId, email, clientAddress);
    await this.assertOrganizationOpen(user);
    return user;
  }

  /**
   * A closed organization's grace period is for its owner to reopen it or take a backup; nobody
   * else signs in. Checked after the password, so it tells nothing to someone who lacks it.
   */
  async assertOrganizationOpen(user: { organizationId: string; role: string }): Promise<void> {
    if (user.role === 'owner') return;
    const purgeAt = await this.organizations.closedUntil(user.organizationId);
    if (purgeAt) throw new OrganizationClosedError(purgeAt, 'user');
  }

  async login(
    user: UserEntity,
    client: ClientInfo,
    factor: FactorMethod | null = null,
  ): Promise<LoginResponseDto> {
    return { ...(await this.startSession(user, client, factor)), user: toUserDto(user) };
  }

  /**
   * A new session (refresh-token family) and its first token pair; `factor` records the second
   * factor the sign-in proved, which the organization's MFA policy looks at.
   */
  async startSession(
    user: UserEntity,
    client: ClientInfo,
    factor: FactorMethod | null = null,
  ): Promise<TokensDto> {
    const now = this.clock.now();
    const session: SessionEntity = Object.assign(new SessionEntity(), {
      id: randomUUID(),
      organizationId: user.organizationId,
      userId: user.id,
      userAgent: client.userAgent?.slice(0, 255) ?? null,
      clientAddress: client.address.slice(0, 64),
      createdAt: now,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + this.config.auth.refreshTokenTtlDays * 86_400_000),
      revokedAt: null,
      revokedReason: null,
    });
    const refresh = this.tokens.opaque();
    await this.sessions.create(session, this.refreshRow(session.id, refresh.hash, now));
    if (factor) await this.mfaPolicy.recordSessionFactor(session, factor);
    // Housekeeping at sign-in: this user's sessions that ended over a month ago go.
    await this.sessions.purgeEnded(
      user.organizationId,
      user.id,
      new Date(now.getTime() - ENDED_SESSION_RETENTION_MS),
    );
    return this.pair(
      {
        userId: user.id,
        organizationId: user.organizationId,
        role: user.role,
        employeeId: user.employeeId,
        sessionId: session.id,
      },
      refresh.token,
    );
  }

  /**
   * Exchanges a refresh token for a new pair. A token that was already exchanged means it leaked
   * (or a client raced itself): the whole session is revoked.
   */
  async refresh(refreshToken: string): Promise<TokensDto> {
    const now = this.clock.now();
    const stored = await this.sessions.findToken(sha256(refreshToken));
    if (!stored) throw new UnauthorizedError('The refresh token is not valid.');
    if (stored.rotatedAt) {
      await this.sessions.revoke(stored.sessionId, 'token-reuse', now);
      throw new UnauthorizedError('The refresh token was already used; the session is revoked.');
    }
    const live = await this.sessions.findLive(stored.sessionId, now);
    if (!live) throw new UnauthorizedError('The session has ended.');
    try {
      await this.assertOrganizationOpen(live);
    } catch (error) {
      await this.sessions.revoke(stored.sessionId, 'organization-closed', now);
      throw error;
    }
    const next = this.tokens.opaque();
    const rotated = await this.sessions.rotate(
      stored.id,
      this.refreshRow(stored.sessionId, next.hash, now),
      stored.sessionId,
      now,
    );
    if (!rotated) {
      await this.sessions.revoke(stored.sessionId, 'token-reuse', now);
      throw new UnauthorizedError('The refresh token was already used; the session is revoked.');
    }
    return this.pair({ ...live, sessionId: stored.sessionId }, next.token);
  }

  async logout(principal: Principal): Promise<void> {
    await this.sessions.revoke(principal.sessionId, 'logout', this.clock.now());
  }

  async listSessions(principal: Principal): Promise<SessionDto[]> {
    const rows = await this.sessions.listActive(
      principal.organizationId,
      principal.userId,
      this.clock.now(),
    );
    return rows.map((s) => toSessionDto(s, principal.sessionId));
  }

  async getSession(principal: Principal, id: string): Promise<SessionDto> {
    const session = await this.sessions.findForUser(principal.organizationId, principal.userId, id);
    if (!session || session.revokedAt || session.expiresAt <= this.clock.now()) {
      throw new NotFoundError('Session');
    }
    return toSessionDto(session, principal.sessionId);
  }

  /** Only the caller's own sessions; anyone else's id answers 404. */
  async revokeSession(principal: Principal, id: string): Promise<void> {
    const session = await this.sessions.findForUser(principal.organizationId, principal.userId, id);
    if (!session || session.revokedAt) throw new NotFoundError('Session');
    await this.sessions.revoke(id, 'revoked', this.clock.now());
  }

  /** Signs out every other device of the caller. */
  async revokeOtherSessions(principal: Principal): Promise<void> {
    await this.sessions.revokeAllForUser(
      principal.organizationId,
      principal.userId,
      'revoked',
      this.clock.now(),
      principal.sessionId,
    );
  }

  /** The JWT strategy: a verified token becomes a principal while its session and user are live. */
  async principalFor(payload: AccessTokenPayload): Promise<Principal> {
    if (
      payload.typ !== 'access' ||
      typeof payload.sid !== 'string' ||
      typeof payload.sub !== 'string' ||
      typeof payload.org !== 'string' ||
      !this.tokens.hasSaneLifetime(payload, this.clock.now())
    ) {
      throw new UnauthorizedError();
    }
    const live = await this.sessions.findLive(payload.sid, this.clock.now());
    if (!live || live.userId !== payload.sub || live.organizationId !== payload.org) {
      throw new UnauthorizedError('The session has ended or the account is deactivated.');
    }
    // Role and employee link are read live, so a role change takes effect at once.
    return { ...live, sessionId: payload.sid };
  }

  private refreshRow(sessionId: string, hash: string, now: Date): RefreshTokenEntity {
    return Object.assign(new RefreshTokenEntity(), {
      id: randomUUID(),
      sessionId,
      tokenHash: hash,
      createdAt: now,
      rotatedAt: null,
    });
  }

  private pair(principal: Principal, refreshToken: string): TokensDto {
    return {
      accessToken: this.tokens.signAccess(principal),
      tokenType: 'Bearer',
      expiresIn: this.tokens.accessTokenTtlSeconds,
      refreshToken,
      sessionId: principal.sessionId,
    };
  }
}

function signupClosed(): ForbiddenError {
  return new ForbiddenError(
    'Sign-up is closed on this installation. Ask an administrator for an invitation.',
    'signup-closed',
  );
}

function emailTaken(): ConflictError {
  return new ConflictError('A user with this email already exists.', 'email-taken');
}

function toSessionDto(session: SessionEntity, currentSessionId: string): SessionDto {
  return {
    id: session.id,
    userAgent: session.userAgent,
    clientAddress: session.clientAddress,
    createdAt: new Date(session.createdAt).toISOString(),
    lastUsedAt: new Date(session.lastUsedAt).toISOString(),
    expiresAt: new Date(session.expiresAt).toISOString(),
    current: session.id === currentSessionId,
  };
}
