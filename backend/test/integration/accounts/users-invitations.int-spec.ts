import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import request from 'supertest';
import {
  DEFAULT_PASSWORD,
  createEmployee,
  createUserWithRole,
  login,
  signUp,
  uniqueEmail,
  type SignedUp,
} from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';

function expectProblem(res: request.Response, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.status).toBe(status);
}

describe(`users, invitations, profile and organization (${TEST_DB})`, () => {
  let ctx: TestContext;
  let jobs: TestJobs;
  let server: ReturnType<TestContext['app']['getHttpServer']>;
  let owner: SignedUp;
  let stranger: SignedUp;
  const as = (token: string) => ({
    get: (url: string) => request(server).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string) => request(server).post(url).set('Authorization', `Bearer ${token}`),
    patch: (url: string) => request(server).patch(url).set('Authorization', `Bearer ${token}`),
    delete: (url: string) => request(server).delete(url).set('Authorization', `Bearer ${token}`),
  });
  const accept = (token: string, password = DEFAULT_PASSWORD) =>
    request(server).post('/api/v1/invitations/accept').send({ token, password });

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    jobs = await startTestJobs(ctx);
    server = ctx.app.getHttpServer();
    owner = await signUp(ctx.app);
    stranger = await signUp(ctx.app);
  });
  afterAll(async () => {
    await jobs.close();
    await ctx.close();
  });

  /**
   * The .eml files the mail job wrote to DATA_DIR/outbox (no SMTP_URL in tests) for one address,
   * read once all `count` queued messages are marked sent (i.e. their files are complete).
   */
  const sentMailsTo = async (email: string, count: number): Promise<ParsedMail[]> => {
    const rows = await eventually(async () => {
      const found: { template: string; status: string }[] = await ctx.dataSource.query(
        'SELECT template, status FROM mail_messages WHERE toEmail = ?',
        [email],
      );
      return found.length === count && found.every((r) => r.status === 'sent') && found;
    });
    expect(rows.map((r) => r.template)).toEqual(Array(count).fill('invitation'));
    const outbox = join(ctx.dataDir, 'outbox');
    const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    const parsed = await Promise.all(files.map((f) => simpleParser(readFileSync(join(outbox, f)))));
    return parsed.filter((m) => hasRecipient(m, email));
  };
  const hasRecipient = (mail: ParsedMail, email: string): boolean =>
    [mail.to ?? []].flat().some((a) => a.value.some((v) => v.address === email));

  describe('invitations', () => {
    it('returns the link to the inviter, writes it to the outbox and stores the token hashed', async () => {
      const email = uniqueEmail('invitee');
      const before = Date.now();
      const res = await as(owner.accessToken)
        .post('/api/v1/invitations')
        .send({ email, role: 'hr', firstName: 'Helen', lastName: 'Reed' })
        .expect(201);
      expect(res.body).toMatchObject({ email, role: 'hr', token: expect.any(String) });
      expect(res.body.acceptUrl).toBe(
        `${ctx.config.http.publicUrl}/accept-invitation?token=${res.body.token}`,
      );
      const expiresIn = new Date(res.body.expiresAt).getTime() - before;
      expect(Math.abs(expiresIn - 7 * 86_400_000)).toBeLessThan(60_000);
      const mails = await sentMailsTo(email, 1);
      expect(mails).toHaveLength(1);
      expect(mails[0].headers.get('x-calltimex-template')).toBe('invitation');
      expect(mails[0].subject).toBe(`You are invited to ${owner.organization.name} on CallTimeX`);
      expect(mails[0].text).toContain(res.body.acceptUrl);
      expect(mails[0].html).toContain(`accept-invitation?token&#x3D;${res.body.token}`);
      expect(mails[0].text).toContain('as HR.');
      const rows: { tokenHash: string }[] = await ctx.dataSource.query(
        'SELECT tokenHash FROM invitations',
      );
      expect(rows.some((r) => r.tokenHash === res.body.token)).toBe(false);
      const accepted = await accept(res.body.token).expect(200);
      expect(accepted.body.user).toMatchObject({
        email,
        role: 'hr',
        status: 'active',
        firstName: 'Helen',
      });
      await as(accepted.body.accessToken).get('/api/v1/me').expect(200);
      await login(ctx.app, email, DEFAULT_PASSWORD);
    });

    it("mails the invitation in the organization's language, and a re-invite mails the new link", async () => {
      const org = await signUp(ctx.app);
      await ctx.dataSource.query('UPDATE organizations SET locale = ? WHERE id = ?', [
        'uk',
        org.organization.id,
      ]);
      const email = uniqueEmail('ukr');
      const first = await as(org.accessToken)
        .post('/api/v1/invitations')
        .send({ email, role: 'employee' })
        .expect(201);
      const second = await as(org.accessToken)
        .post('/api/v1/invitations')
        .send({ email, role: 'manager' })
        .expect(201);
      const mails = await sentMailsTo(email, 2);
      expect(mails).toHaveLength(2);
      const texts = mails.map((m) => m.text ?? '');
      expect(texts.filter((t) => t.includes(first.body.acceptUrl))).toHaveLength(1);
      expect(texts.filter((t) => t.includes(second.body.acceptUrl))).toHaveLength(1);
      for (const mail of mails) {
        expect(mail.subject).toBe(`Запрошення до ${org.organization.name} у CallTimeX`);
      }
    });

    it('works once: a used, expired, withdrawn or replaced link answers 410, an unknown one 404', async () => {
      const invite = async (email = uniqueEmail()) =>
        (
          await as(owner.accessToken)
            .post('/api/v1/invitations')
            .send({ email, role: 'employee' })
            .expect(201)
        ).body as { id: string; token: string; email: string };
      const used = await invite();
      await accept(used.token).expect(200);
      expectProblem(await accept(used.token), 410);

      const expired = await invite();
      await ctx.dataSource
        .createQueryBuilder()
        .update('invitations')
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where('id = :id', { id: expired.id })
        .execute();
      expectProblem(await accept(expired.token), 410);

      const withdrawn = await invite();
      await as(owner.accessToken).delete(`/api/v1/invitations/${withdrawn.id}`).expect(204);
      expectProblem(await accept(withdrawn.token), 410);

      const first = await invite();
      const second = await invite(first.email);
      expectProblem(await accept(first.token), 410);
      await accept(second.token).expect(200);

      expectProblem(await accept('x'.repeat(43)), 404);
      expectProblem(
        await request(server).post('/api/v1/invitations/accept').send({ token: 1 }),
        400,
      );
    });

    it('refuses a weak password without using up the link', async () => {
      const res = await as(owner.accessToken)
        .post('/api/v1/invitations')
        .send({ email: uniqueEmail(), role: 'manager' })
        .expect(201);
      const weak = await accept(res.body.token, 'password123');
      expectProblem(weak, 400);
      expect(weak.body.errors[0].path).toBe('password');
      await accept(res.body.token).expect(200);
    });

    it('answers 409 for an email already used, in this or another organization', async () => {
      for (const email of [owner.user.email, stranger.user.email]) {
        expectProblem(
          await as(owner.accessToken).post('/api/v1/invitations').send({ email, role: 'admin' }),
          409,
        );
      }
    });

    it('only an owner may invite an owner; hr, managers and employees may not invite', async () => {
      const admin = await createUserWithRole(ctx.app, owner.accessToken, 'admin');
      expectProblem(
        await as(admin.accessToken)
          .post('/api/v1/invitations')
          .send({ email: uniqueEmail(), role: 'owner' }),
        403,
      );
      await as(admin.accessToken)
        .post('/api/v1/invitations')
        .send({ email: uniqueEmail(), role: 'manager' })
        .expect(201);
      await as(owner.accessToken)
        .post('/api/v1/invitations')
        .send({ email: uniqueEmail(), role: 'owner' })
        .expect(201);
      for (const role of ['hr', 'manager', 'employee'] as const) {
        const user = await createUserWithRole(ctx.app, owner.accessToken, role);
        expectProblem(
          await as(user.accessToken)
            .post('/api/v1/invitations')
            .send({ email: uniqueEmail(), role: 'employee' }),
          403,
        );
      }
    });

    it("links an employee of the organization; another organization's employee answers 404", async () => {
      const foreign = await createEmployee(ctx.app, stranger.accessToken);
      expectProblem(
        await as(owner.accessToken)
          .post('/api/v1/invitations')
          .send({ email: uniqueEmail(), role: 'employee', employeeId: foreign.id }),
        404,
      );
      const own = await createEmployee(ctx.app, owner.accessToken);
      const linked = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
        employeeId: own.id,
      });
      expect(linked.user.employeeId).toBe(own.id);
      expectProblem(
        await as(owner.accessToken)
          .post('/api/v1/invitations')
          .send({ email: uniqueEmail(), role: 'employee', employeeId: own.id }),
        409,
      );
    });

    it('answers 400 for bad invitation bodies', async () => {
      for (const body of [
        {},
        { email: uniqueEmail(), role: 'emperor' },
        { email: 'nope', role: 'admin' },
        { email: uniqueEmail(), role: 'admin', employeeId: 'x' },
        { email: uniqueEmail(), role: 'admin', firstName: 'x'.repeat(101) },
        { email: uniqueEmail(), role: 'admin', status: 'active' },
      ]) {
        expectProblem(await as(owner.accessToken).post('/api/v1/invitations').send(body), 400);
      }
    });

    it("lists open invitations; another organization's invitation answers 404", async () => {
      const email = uniqueEmail('listed');
      const created = await as(owner.accessToken)
        .post('/api/v1/invitations')
        .send({ email, role: 'manager' })
        .expect(201);
      const list = await as(owner.accessToken).get('/api/v1/invitations?pageSize=200').expect(200);
      const found = list.body.items.find((i: { id: string }) => i.id === created.body.id);
      expect(found).toMatchObject({ email, role: 'manager' });
      expect(found).not.toHaveProperty('token');
      const theirs = await as(stranger.accessToken)
        .get('/api/v1/invitations?pageSize=200')
        .expect(200);
      expect(theirs.body.items.map((i: { id: string }) => i.id)).not.toContain(created.body.id);
      expectProblem(
        await as(stranger.accessToken).delete(`/api/v1/invitations/${created.body.id}`),
        404,
      );
    });
  });

  describe('users', () => {
    it('lists users of the own organization with pagination and filters', async () => {
      const org = await signUp(ctx.app);
      await createUserWithRole(ctx.app, org.accessToken, 'manager');
      await createUserWithRole(ctx.app, org.accessToken, 'hr');
      const all = await as(org.accessToken).get('/api/v1/users?pageSize=2').expect(200);
      expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(all.body.items).toHaveLength(2);
      for (const u of all.body.items) {
        expect(u.organizationId).toBe(org.organization.id);
        expect(u).not.toHaveProperty('passwordHash');
      }
      const managers = await as(org.accessToken).get('/api/v1/users?role=manager').expect(200);
      expect(managers.body.items.map((u: { role: string }) => u.role)).toEqual(['manager']);
      expectProblem(await as(org.accessToken).get('/api/v1/users?role=king'), 400);
      expectProblem(await as(org.accessToken).get(`/api/v1/users/${owner.user.id}`), 404);
      expectProblem(await as(org.accessToken).get(`/api/v1/users/${randomUUID()}`), 404);
      expectProblem(await as(org.accessToken).get('/api/v1/users/xyz'), 400);
    });

    it('changes roles with immediate effect and protects owners and oneself', async () => {
      const org = await signUp(ctx.app);
      const manager = await createUserWithRole(ctx.app, org.accessToken, 'manager');
      const admin = await createUserWithRole(ctx.app, org.accessToken, 'admin');
      expectProblem(
        await as(manager.accessToken).post('/api/v1/teams').send({ name: 'Before' }),
        403,
      );
      const promoted = await as(org.accessToken)
        .patch(`/api/v1/users/${manager.user.id}`)
        .send({ role: 'admin' })
        .expect(200);
      expect(promoted.body.role).toBe('admin');
      // Same token, new role.
      await as(manager.accessToken).post('/api/v1/teams').send({ name: 'After' }).expect(201);
      expectProblem(
        await as(org.accessToken).patch(`/api/v1/users/${org.user.id}`).send({ role: 'admin' }),
        403,
      );
      expectProblem(
        await as(admin.accessToken)
          .patch(`/api/v1/users/${org.user.id}`)
          .send({ role: 'employee' }),
        403,
      );
      expectProblem(
        await as(admin.accessToken)
          .patch(`/api/v1/users/${manager.user.id}`)
          .send({ role: 'owner' }),
        403,
      );
      expectProblem(
        await as(org.accessToken).patch(`/api/v1/users/${manager.user.id}`).send({ role: 'god' }),
        400,
      );
      expectProblem(
        await as(org.accessToken).patch(`/api/v1/users/${manager.user.id}`).send({ role: null }),
        400,
      );
      expectProblem(
        await as(stranger.accessToken)
          .patch(`/api/v1/users/${manager.user.id}`)
          .send({ role: 'hr' }),
        404,
      );
    });

    it('deactivation answers 401 to the user at once; reactivation lets them sign in again', async () => {
      const org = await signUp(ctx.app);
      const hr = await createUserWithRole(ctx.app, org.accessToken, 'hr');
      await as(hr.accessToken).get('/api/v1/me').expect(200);
      const res = await as(org.accessToken)
        .post(`/api/v1/users/${hr.user.id}/deactivate`)
        .expect(200);
      expect(res.body.status).toBe('deactivated');
      expectProblem(await as(hr.accessToken).get('/api/v1/me'), 401);
      expectProblem(
        await request(server).post('/api/v1/auth/refresh').send({ refreshToken: hr.refreshToken }),
        401,
      );
      expectProblem(
        await request(server)
          .post('/api/v1/auth/login')
          .send({ email: hr.user.email, password: hr.password }),
        401,
      );
      expectProblem(await as(org.accessToken).post(`/api/v1/users/${org.user.id}/deactivate`), 403);
      expectProblem(
        await as(stranger.accessToken).post(`/api/v1/users/${hr.user.id}/activate`),
        404,
      );
      await as(org.accessToken).post(`/api/v1/users/${hr.user.id}/activate`).expect(200);
      await login(ctx.app, hr.user.email, hr.password);
    });

    it("signs a user out everywhere; another organization's user answers 404", async () => {
      const org = await signUp(ctx.app);
      const hr = await createUserWithRole(ctx.app, org.accessToken, 'hr');
      const second = await login(ctx.app, hr.user.email, hr.password);
      await as(org.accessToken).post(`/api/v1/users/${hr.user.id}/sessions/revoke`).expect(204);
      expectProblem(await as(hr.accessToken).get('/api/v1/me'), 401);
      expectProblem(await as(second.accessToken).get('/api/v1/me'), 401);
      const again = await login(ctx.app, hr.user.email, hr.password);
      expectProblem(
        await as(stranger.accessToken).post(`/api/v1/users/${hr.user.id}/sessions/revoke`),
        404,
      );
      const admin = await createUserWithRole(ctx.app, org.accessToken, 'admin');
      expectProblem(
        await as(admin.accessToken).post(`/api/v1/users/${org.user.id}/sessions/revoke`),
        403,
      );
      expectProblem(
        await as(again.accessToken).post(`/api/v1/users/${admin.user.id}/sessions/revoke`),
        403,
      );
    });

    it('an admin cannot deactivate an owner; an invited user is activated only by accepting', async () => {
      const org = await signUp(ctx.app);
      const admin = await createUserWithRole(ctx.app, org.accessToken, 'admin');
      expectProblem(
        await as(admin.accessToken).post(`/api/v1/users/${org.user.id}/deactivate`),
        403,
      );
      const invited = await as(org.accessToken)
        .post('/api/v1/invitations')
        .send({ email: uniqueEmail(), role: 'hr' })
        .expect(201);
      expectProblem(
        await as(org.accessToken).post(`/api/v1/users/${invited.body.userId}/activate`),
        409,
      );
    });
  });

  describe('profile (/me)', () => {
    it('reads and edits the own profile: names, email, phone, locale', async () => {
      const org = await signUp(ctx.app);
      const email = uniqueEmail('renamed');
      const res = await as(org.accessToken)
        .patch('/api/v1/me')
        .send({
          firstName: 'Nora',
          lastName: 'Quinn',
          email: email.toUpperCase(),
          phone: '+380 44 123-45-67',
          locale: 'uk',
        })
        .expect(200);
      expect(res.body).toMatchObject({
        firstName: 'Nora',
        lastName: 'Quinn',
        email,
        phone: '+380 44 123-45-67',
        locale: 'uk',
        fullName: 'Nora Quinn',
      });
      const cleared = await as(org.accessToken)
        .patch('/api/v1/me')
        .send({ phone: null, locale: null })
        .expect(200);
      expect(cleared.body).toMatchObject({ phone: null, locale: null });
      await login(ctx.app, email, org.password);
    });

    it('answers 409 for a taken email and 400 for bad fields', async () => {
      const org = await signUp(ctx.app);
      expectProblem(
        await as(org.accessToken).patch('/api/v1/me').send({ email: owner.user.email }),
        409,
      );
      for (const body of [
        { phone: 'call me' },
        { locale: 'de' },
        { firstName: '' },
        { firstName: null },
        { email: 'x' },
        { role: 'owner' },
        { lastName: 'x'.repeat(101) },
      ]) {
        expectProblem(await as(org.accessToken).patch('/api/v1/me').send(body), 400);
      }
    });
  });

  describe('organization', () => {
    it('reads and edits the current organization; lower roles may read only', async () => {
      const org = await signUp(ctx.app, { organizationName: 'Initial' });
      const read = await as(org.accessToken).get('/api/v1/organizations/current').expect(200);
      expect(read.body).toMatchObject({
        id: org.organization.id,
        name: 'Initial',
        defaultTimeZone: 'UTC',
        locale: 'en',
      });
      const updated = await as(org.accessToken)
        .patch('/api/v1/organizations/current')
        .send({ name: 'Renamed', defaultTimeZone: 'Europe/Kyiv', locale: 'ru' })
        .expect(200);
      expect(updated.body).toMatchObject({
        name: 'Renamed',
        defaultTimeZone: 'Europe/Kyiv',
        locale: 'ru',
      });
      for (const body of [
        { locale: 'de' },
        { defaultTimeZone: 'Moon/Base' },
        { name: '' },
        { id: randomUUID() },
      ]) {
        expectProblem(
          await as(org.accessToken).patch('/api/v1/organizations/current').send(body),
          400,
        );
      }
      const manager = await createUserWithRole(ctx.app, org.accessToken, 'manager');
      await as(manager.accessToken).get('/api/v1/organizations/current').expect(200);
      expectProblem(
        await as(manager.accessToken).patch('/api/v1/organizations/current').send({ name: 'X' }),
        403,
      );
      const theirs = await as(stranger.accessToken)
        .get('/api/v1/organizations/current')
        .expect(200);
      expect(theirs.body.id).toBe(stranger.organization.id);
    });
  });
});
