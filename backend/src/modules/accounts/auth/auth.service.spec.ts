import { type MfaPolicyService } from '../mfa/mfa-policy.service.js';
import {
  OrganizationFactory,
  UserFactory,
  fakeClock,
  strictFake,
} from '#test/factories/accounts.builders.js';
import {
  ConflictError,
  ForbiddenError,
  UnauthorizedError,
} from '#src/common/errors/domain-error.js';
import type { AppConfig } from '#src/config/app-config.js';
import type { RefreshTokenEntity } from '../entities/session.entity.js';
import { OrganizationClosedError } from '../organizations/organization-closed.error.js';
import type { OrganizationsRepository } from '../organizations/organizations.repository.js';
import type { UsersRepository } from '../users/users.repository.js';
import { AuthService } from './auth.service.js';
import type { LoginThrottleService } from './login-throttle.service.js';
import type { PasswordService } from './password.service.js';
import type { LiveSession, SessionsRepository } from './sessions.repository.js';
import { sha256, TokenService } from './token.service.js';

const config = {
  allowSignup: false,
  auth: { jwtSecret: 's'.repeat(40), accessTokenTtlSeconds: 900, refreshTokenTtlDays: 30 },
} as AppConfig;

const SIGNUP = {
  organizationName: 'Acme',
  fullName: 'Ada Lovelace',
  email: 'ada@example.com',
  password: 'correct-horse-battery-staple',
};
// fakeClock() starts here.
const NOW_SECONDS = Date.parse('2026-03-01T09:00:00Z') / 1000;
const CLIENT = { address: '192.0.2.1', userAgent: 'jest' };

function build(parts: {
  organizations?: Partial<OrganizationsRepository>;
  users?: Partial<UsersRepository>;
  sessions?: Partial<SessionsRepository>;
  passwords?: Partial<PasswordService>;
  config?: AppConfig;
}) {
  const cfg = parts.config ?? config;
  return new AuthService(
    cfg,
    strictFake<OrganizationsRepository>('OrganizationsRepository', parts.organizations ?? {}),
    strictFake<UsersRepository>('UsersRepository', parts.users ?? {}),
    strictFake<SessionsRepository>('SessionsRepository', parts.sessions ?? {}),
    strictFake<PasswordService>('PasswordService', parts.passwords ?? {}),
    new TokenService(cfg),
    strictFake<LoginThrottleService>('LoginThrottleService', {}),
    fakeClock(),
    strictFake<MfaPolicyService>('MfaPolicyService', {}),
  );
}

describe('AuthService', () => {
  it('refuses sign-up once an organization exists, touching nothing else', async () => {
    const auth = build({ organizations: { any: () => Promise.resolve(true) } });
    await expect(auth.signup(SIGNUP, CLIENT)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('allows sign-up with ALLOW_SIGNUP but not with a taken email', async () => {
    const auth = build({
      config: { ...config, allowSignup: true },
      passwords: { assertAcceptable: () => undefined },
      users: { findByEmail: () => Promise.resolve(UserFactory.build({ email: SIGNUP.email })) },
    });
    await expect(auth.signup(SIGNUP, CLIENT)).rejects.toBeInstanceOf(ConflictError);
  });

  it('creates the organization with its owner and a first session', async () => {
    let created: { orgName: string; role: string; firstName: string; lastName: string } | null =
      null;
    let sessionUser: string | null = null;
    const auth = build({
      organizations: {
        any: () => Promise.resolve(false),
        createWithOwner: (org, owner) => {
          created = {
            orgName: org.name,
            role: owner.role,
            firstName: owner.firstName,
            lastName: owner.lastName,
          };
          return Promise.resolve(true);
        },
      },
      users: { findByEmail: () => Promise.resolve(null) },
      passwords: {
        assertAcceptable: () => undefined,
        hash: () => Promise.resolve('$argon2id$hash'),
      },
      sessions: {
        create: (session) => {
          sessionUser = session.userId;
          return Promise.resolve();
        },
        purgeEnded: () => Promise.resolve(),
      },
    });
    const result = await auth.signup(SIGNUP, CLIENT);
    expect(created).toEqual({
      orgName: 'Acme',
      role: 'owner',
      firstName: 'Ada',
      lastName: 'Lovelace',
    });
    expect(sessionUser).toBe(result.user.id);
    expect(result.organization.name).toBe('Acme');
    expect(result.accessToken.split('.')).toHaveLength(3);
  });

  it('revokes the session when a rotated refresh token comes back', async () => {
    const revoked: string[] = [];
    const token: RefreshTokenEntity = {
      id: 'token-1',
      sessionId: 'session-1',
      tokenHash: sha256('old'),
      createdAt: new Date(),
      rotatedAt: new Date(),
    };
    const auth = build({
      sessions: {
        findToken: (hash) => Promise.resolve(hash === token.tokenHash ? token : null),
        revoke: (id) => {
          revoked.push(id);
          return Promise.resolve();
        },
      },
    });
    await expect(auth.refresh('old')).rejects.toBeInstanceOf(UnauthorizedError);
    expect(revoked).toEqual(['session-1']);
    await expect(auth.refresh('unknown')).rejects.toBeInstanceOf(UnauthorizedError);
  });

  /** Sessions holding one unrotated refresh token of session `s`, for a user of the given role. */
  function oneLiveToken(role: LiveSession['role'], revoked: string[]) {
    const live: LiveSession = { userId: 'u', organizationId: 'o', role, employeeId: null };
    return {
      findToken: () =>
        Promise.resolve({
          id: 't',
          sessionId: 's',
          tokenHash: 'h',
          createdAt: new Date(),
          rotatedAt: null,
        }),
      findLive: () => Promise.resolve(live),
      revoke: (id: string, reason: string) => {
        revoked.push(`${id}:${reason}`);
        return Promise.resolve();
      },
    };
  }

  it('treats losing a rotation race as reuse', async () => {
    const revoked: string[] = [];
    const auth = build({
      sessions: { ...oneLiveToken('admin', revoked), rotate: () => Promise.resolve(false) },
      organizations: { closedUntil: () => Promise.resolve(null) },
    });
    await expect(auth.refresh('raced')).rejects.toBeInstanceOf(UnauthorizedError);
    expect(revoked).toEqual(['s:token-reuse']);
  });

  it('ends a non-owner’s session at refresh when the organization was closed', async () => {
    const revoked: string[] = [];
    const auth = build({
      sessions: oneLiveToken('hr', revoked),
      organizations: { closedUntil: () => Promise.resolve(new Date('2026-12-24T00:00:00Z')) },
    });
    await expect(auth.refresh('late')).rejects.toBeInstanceOf(OrganizationClosedError);
    expect(revoked).toEqual(['s:organization-closed']);
  });

  it('builds the principal from the live session, so role changes apply at once', async () => {
    const org = OrganizationFactory.build();
    const live: LiveSession = {
      userId: 'user-1',
      organizationId: org.id,
      role: 'hr',
      employeeId: 'emp-1',
    };
    const auth = build({ sessions: { findLive: () => Promise.resolve(live) } });
    const payload = {
      sub: 'user-1',
      org: org.id,
      role: 'owner' as const,
      emp: null,
      sid: 'sid-1',
      typ: 'access' as const,
      iat: NOW_SECONDS,
      exp: NOW_SECONDS + 900,
    };
    await expect(auth.principalFor(payload)).resolves.toEqual({
      userId: 'user-1',
      organizationId: org.id,
      role: 'hr',
      employeeId: 'emp-1',
      sessionId: 'sid-1',
    });
    await expect(auth.principalFor({ ...payload, org: 'another-org' })).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    await expect(
      auth.principalFor({ ...payload, typ: 'refresh' as unknown as 'access' }),
    ).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('refuses a verified token without exp or iat, issued in the future, or living too long', async () => {
    const live: LiveSession = { userId: 'u', organizationId: 'o', role: 'owner', employeeId: null };
    const auth = build({ sessions: { findLive: () => Promise.resolve(live) } });
    const claims = { sub: 'u', org: 'o', role: 'owner' as const, emp: null, sid: 's' };
    const payload = { ...claims, typ: 'access' as const, iat: NOW_SECONDS, exp: NOW_SECONDS + 900 };
    await expect(auth.principalFor(payload)).resolves.toMatchObject({ userId: 'u' });
    const { exp: _exp, ...withoutExp } = payload;
    const { iat: _iat, ...withoutIat } = payload;
    for (const bad of [
      withoutExp,
      withoutIat,
      { ...payload, exp: String(payload.exp) as unknown as number },
      { ...payload, iat: NOW_SECONDS + 3600, exp: NOW_SECONDS + 3600 + 900 },
      { ...payload, exp: NOW_SECONDS + 901 },
      { ...payload, exp: payload.iat },
    ]) {
      await expect(auth.principalFor(bad)).rejects.toBeInstanceOf(UnauthorizedError);
    }
  });

  it('answers 401 when the session is gone or the user deactivated', async () => {
    const auth = build({ sessions: { findLive: () => Promise.resolve(null) } });
    await expect(
      auth.principalFor({
        sub: 'u',
        org: 'o',
        role: 'owner',
        emp: null,
        sid: 's',
        typ: 'access',
        iat: NOW_SECONDS,
        exp: NOW_SECONDS + 60,
      }),
    ).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
