import {
  PrincipalFactory,
  UserFactory,
  fakeClock,
  strictFake,
} from '#test/factories/accounts.builders.js';
import { ForbiddenError, NotFoundError } from '#src/common/errors/domain-error.js';
import type { AppConfig } from '#src/config/app-config.js';
import type { Mailer } from '#src/modules/notifications/mailer.service.js';
import type { AuthService } from '../auth/auth.service.js';
import type { PasswordService } from '../auth/password.service.js';
import { sha256, TokenService } from '../auth/token.service.js';
import type { EmployeesRepository } from '../employees/employees.repository.js';
import type { InvitationEntity } from '../entities/invitation.entity.js';
import type { OrganizationsRepository } from '../organizations/organizations.repository.js';
import type { InvitationsRepository } from './invitations.repository.js';
import { InvitationsService, InvitationUnusableError } from './invitations.service.js';
import type { UsersRepository } from './users.repository.js';

const config = {
  http: { publicUrl: 'https://time.example.com' },
  auth: { jwtSecret: 's'.repeat(40), accessTokenTtlSeconds: 900, refreshTokenTtlDays: 30 },
} as AppConfig;

function build(
  invitations: Partial<InvitationsRepository>,
  users: Partial<UsersRepository> = {},
  more: { organizations?: Partial<OrganizationsRepository>; mailer?: Partial<Mailer> } = {},
) {
  const clock = fakeClock();
  const service = new InvitationsService(
    config,
    strictFake<InvitationsRepository>('InvitationsRepository', invitations),
    strictFake<UsersRepository>('UsersRepository', users),
    strictFake<EmployeesRepository>('EmployeesRepository', {}),
    strictFake<OrganizationsRepository>('OrganizationsRepository', more.organizations ?? {}),
    strictFake<PasswordService>('PasswordService', {}),
    new TokenService(config),
    strictFake<AuthService>('AuthService', {}),
    strictFake<Mailer>('Mailer', more.mailer ?? {}),
    clock,
  );
  return { service, clock };
}

function invitation(overrides: Partial<InvitationEntity>): InvitationEntity {
  return {
    id: 'inv-1',
    organizationId: 'org-1',
    userId: 'user-1',
    tokenHash: sha256('secret'),
    invitedByUserId: 'owner-1',
    createdAt: new Date('2026-02-20T00:00:00Z'),
    expiresAt: new Date('2026-02-27T00:00:00Z'),
    acceptedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

describe('InvitationsService', () => {
  it('lets only an owner invite an owner, before touching any repository', async () => {
    const { service } = build({});
    const admin = PrincipalFactory.build({ role: 'admin' });
    await expect(
      service.create(admin, { email: 'x@example.com', role: 'owner' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('queues the invitation mail to the invitee with the accept link, once per invitation', async () => {
    const owner = PrincipalFactory.build({ role: 'owner' });
    const inviter = UserFactory.build({
      id: owner.userId,
      organizationId: owner.organizationId,
      firstName: 'Olive',
      lastName: 'Owner',
    });
    const queued: Parameters<Mailer['queueMail']>[0][] = [];
    let created: InvitationEntity | null = null;
    const { service } = build(
      {
        create: (invitation) => {
          created = invitation;
          return Promise.resolve();
        },
      },
      {
        findByEmail: () => Promise.resolve(null),
        findById: (org, id) => Promise.resolve(id === inviter.id ? inviter : null),
      },
      {
        organizations: {
          findById: () =>
            Promise.resolve({ id: owner.organizationId, name: 'Acme' } as Awaited<
              ReturnType<OrganizationsRepository['findById']>
            >),
        },
        mailer: {
          queueMail: (mail) => {
            queued.push(mail);
            return Promise.resolve('message-1');
          },
        },
      },
    );
    const result = await service.create(owner, { email: 'new@example.com', role: 'hr' });
    expect(result.acceptUrl).toBe(
      `https://time.example.com/accept-invitation?token=${result.token}`,
    );
    expect(queued).toEqual([
      {
        organizationId: owner.organizationId,
        template: 'invitation',
        to: { userId: result.userId },
        params: {
          organizationName: 'Acme',
          inviterName: 'Olive Owner',
          role: 'hr',
          acceptUrl: result.acceptUrl,
          expiresAt: result.expiresAt,
        },
        dedupeKey: `invitation:${result.id}`,
      },
    ]);
    expect(created).not.toBeNull();
    expect(created!.tokenHash).toBe(sha256(result.token));
  });

  it('refuses unknown, expired, used and withdrawn links', async () => {
    const cases: [InvitationEntity | null, unknown][] = [
      [null, NotFoundError],
      [invitation({}), InvitationUnusableError], // expired: the fake clock is on 2026-03-01
      [
        invitation({ expiresAt: new Date('2026-03-05T00:00:00Z'), acceptedAt: new Date() }),
        InvitationUnusableError,
      ],
      [
        invitation({ expiresAt: new Date('2026-03-05T00:00:00Z'), revokedAt: new Date() }),
        InvitationUnusableError,
      ],
    ];
    for (const [found, errorType] of cases) {
      const { service } = build({
        findByTokenHash: (hash) => Promise.resolve(hash === sha256('secret') ? found : null),
      });
      await expect(
        service.accept(
          { token: 'secret', password: 'correct-horse-battery-staple' },
          { address: 'a', userAgent: null },
        ),
      ).rejects.toBeInstanceOf(errorType as new () => Error);
    }
  });

  it('refuses a link whose user was deactivated meanwhile', async () => {
    const user = UserFactory.build({
      id: 'user-1',
      organizationId: 'org-1',
      status: 'deactivated',
    });
    const { service } = build(
      {
        findByTokenHash: () =>
          Promise.resolve(invitation({ expiresAt: new Date('2026-03-05T00:00:00Z') })),
      },
      { findById: () => Promise.resolve(user) },
    );
    await expect(
      service.accept(
        { token: 'secret', password: 'correct-horse-battery-staple' },
        { address: 'a', userAgent: null },
      ),
    ).rejects.toBeInstanceOf(InvitationUnusableError);
  });
});
