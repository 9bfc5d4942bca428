import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { OrganizationEntity } from '#src/modules/accounts/entities/organization.entity.js';
import type { UserEntity } from '#src/modules/accounts/entities/user.entity.js';
import { newOrganizationWithOwner } from '#src/modules/accounts/organizations/new-organization.js';
import { OrganizationsRepository } from '#src/modules/accounts/organizations/organizations.repository.js';
import { createDataSource } from '#src/database/data-source.js';
import { DEFAULT_PASSWORD, uniqueEmail } from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, truncateAll, type TestContext } from '#test/support/test-app.js';

function organizationWithOwner(): [OrganizationEntity, UserEntity] {
  const { organization, owner } = newOrganizationWithOwner(
    {
      organizationName: `First ${randomUUID().slice(0, 6)}`,
      fullName: 'First Owner',
      email: uniqueEmail('first'),
      passwordHash: '$argon2id$not-used',
    },
    new Date(),
  );
  return [organization, owner];
}

/** An installation without ALLOW_SIGNUP takes exactly one sign-up: the first. */
describe(`the first sign-up of an installation (${TEST_DB})`, () => {
  let ctx: TestContext;
  const organizations = async () =>
    Number(
      (await ctx.dataSource.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM organizations'))[0].n,
    );

  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx.close());
  beforeEach(() => truncateAll(ctx.dataSource));

  it('two sign-ups at the same instant: one organization, the other gets 403 signup-closed', async () => {
    const signup = () =>
      request(ctx.app.getHttpServer())
        .post('/api/v1/auth/signup')
        .send({
          organizationName: 'Racing Ltd',
          fullName: 'Rae Racer',
          email: uniqueEmail('racer'),
          password: DEFAULT_PASSWORD,
        });
    const answers = await Promise.all([signup(), signup(), signup()]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 403, 403]);
    for (const refused of answers.filter((a) => a.status === 403)) {
      expect(refused.body.type).toMatch(/\/signup-closed$/);
    }
    expect(await organizations()).toBe(1);
  });

  it('api replicas (each its own connection pool) creating the first organization at once: one wins', async () => {
    // On MariaDB each replica is a DataSource of its own, as separate api processes would be; the
    // embedded mode is one process, so there one DataSource takes the calls in turn.
    const replicas =
      TEST_DB === 'mysql'
        ? await Promise.all([1, 2, 3].map(() => createDataSource(ctx.config.database)))
        : [ctx.dataSource];
    try {
      for (const r of replicas) if (!r.isInitialized) await r.initialize();
      const attempts = [0, 1, 2].map((i) => {
        const [organization, owner] = organizationWithOwner();
        const repo = new OrganizationsRepository(replicas[i % replicas.length]);
        return () => repo.createWithOwner(organization, owner, { onlyIfNone: true });
      });
      const won =
        TEST_DB === 'mysql'
          ? await Promise.all(attempts.map((a) => a()))
          : [await attempts[0](), await attempts[1](), await attempts[2]()];
      expect(won.filter(Boolean)).toHaveLength(1);
      expect(await organizations()).toBe(1);
      const users = await ctx.dataSource.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM users');
      expect(Number(users[0].n)).toBe(1);
    } finally {
      for (const r of replicas) if (r !== ctx.dataSource && r.isInitialized) await r.destroy();
    }
  });

  it('with ALLOW_SIGNUP the check is off: every creation goes through', async () => {
    const repo = new OrganizationsRepository(ctx.dataSource);
    for (let i = 0; i < 2; i++) {
      const [organization, owner] = organizationWithOwner();
      expect(await repo.createWithOwner(organization, owner)).toBe(true);
    }
    expect(await organizations()).toBe(2);
  });
});
