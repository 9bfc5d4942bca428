import { createHmac } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import {
  DEFAULT_PASSWORD,
  createUserWithRole,
  login,
  signUp,
  uniqueEmail,
} from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';

const PROBLEM = /^application\/problem\+json/;

function b64url(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString(
    'base64url',
  );
}

function expectProblem(res: request.Response, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(res.body).toMatchObject({ status });
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
}

describe(`auth: sign-up while closed (${TEST_DB})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('is open for the first organization only, then answers 403', async () => {
    const first = await signUp(ctx.app, {
      organizationName: 'First Ltd',
      fullName: 'Ada Lovelace',
    });
    expect(first.organization.name).toBe('First Ltd');
    expect(first.user).toMatchObject({ role: 'owner', firstName: 'Ada', lastName: 'Lovelace' });
    const res = await request(ctx.app.getHttpServer()).post('/api/v1/auth/signup').send({
      organizationName: 'Second',
      fullName: 'Bob',
      email: uniqueEmail(),
      password: DEFAULT_PASSWORD,
    });
    expectProblem(res, 403);
  });
});

describe(`auth (${TEST_DB})`, () => {
  let ctx: TestContext;
  let server: ReturnType<TestContext['app']['getHttpServer']>;
  let clientNo = 0;
  // Each test signs in from its own client address (TRUST_PROXY_HOPS=1), so lockouts stay apart.
  const freshAddress = () => `198.51.100.${++clientNo}`;

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true', TRUST_PROXY_HOPS: '1' });
    server = ctx.app.getHttpServer();
  });
  afterAll(async () => {
    await ctx.close();
  });

  describe('POST /auth/signup', () => {
    it('answers 201 with an access token, the owner and the organization', async () => {
      const email = uniqueEmail();
      const res = await request(server)
        .post('/api/v1/auth/signup')
        .set('X-Refresh-Token-Delivery', 'body')
        .send({
          organizationName: '  Acme  ',
          fullName: 'Grace Brewster Hopper',
          email: email.toUpperCase(),
          password: DEFAULT_PASSWORD,
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        tokenType: 'Bearer',
        user: { id: expect.any(String), email, role: 'owner', lastName: 'Brewster Hopper' },
        organization: { id: expect.any(String), name: 'Acme' },
      });
      expect(res.body.user).not.toHaveProperty('passwordHash');
      const me = await request(server)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${res.body.accessToken}`)
        .expect(200);
      expect(me.body.id).toBe(res.body.user.id);
    });

    it('answers 409 for an email that any organization already uses, in any case', async () => {
      const first = await signUp(ctx.app);
      const res = await request(server).post('/api/v1/auth/signup').send({
        organizationName: 'Other',
        fullName: 'Someone',
        email: first.user.email.toUpperCase(),
        password: DEFAULT_PASSWORD,
      });
      expectProblem(res, 409);
    });

    it.each([
      ['too short', 'Sh0rt!pw'],
      ['common', 'password1234'],
      ['common in another case', 'QwertyuiOP'],
      ['one repeated character', 'aaaaaaaaaaaa'],
    ])('refuses a weak password (%s) with 400 on the password field', async (_, password) => {
      const res = await request(server).post('/api/v1/auth/signup').send({
        organizationName: 'Weak',
        fullName: 'Weak Person',
        email: uniqueEmail(),
        password,
      });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ path: 'password', message: expect.any(String) }]);
    });

    it('refuses a password equal to the email', async () => {
      const email = uniqueEmail('longlocalpart');
      const res = await request(server)
        .post('/api/v1/auth/signup')
        .send({ organizationName: 'X', fullName: 'X', email, password: email });
      expectProblem(res, 400);
    });

    it('lists every invalid field, wrong types and unknown fields included', async () => {
      const res = await request(server)
        .post('/api/v1/auth/signup')
        .send({
          organizationName: 42,
          fullName: '',
          email: 'not-an-email',
          password: ['x'],
          isAdmin: true,
        });
      expectProblem(res, 400);
      const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
      expect(new Set(paths)).toEqual(
        new Set(['organizationName', 'fullName', 'email', 'password', 'isAdmin']),
      );
      for (const e of res.body.errors) expect(typeof e.message).toBe('string');
    });

    it('answers malformed JSON and non-object bodies with 400', async () => {
      const malformed = await request(server)
        .post('/api/v1/auth/signup')
        .set('Content-Type', 'application/json')
        .send('{"email": "a@b.c",');
      expectProblem(malformed, 400);
      const array = await request(server)
        .post('/api/v1/auth/signup')
        .set('Content-Type', 'application/json')
        .send('[1,2,3]');
      expectProblem(array, 400);
    });

    it('answers huge strings with 400 and a body over the limit with 413', async () => {
      const huge = await request(server)
        .post('/api/v1/auth/signup')
        .send({
          organizationName: 'x'.repeat(10_000),
          fullName: 'y'.repeat(5_000),
          email: `${'z'.repeat(300)}@example.test`,
          password: 'p'.repeat(100_000),
        });
      expectProblem(huge, 400);
      expect((huge.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
        'email',
        'email',
        'fullName',
        'organizationName',
        'password',
      ]);
      const tooLarge = await request(server)
        .post('/api/v1/auth/signup')
        .send({ organizationName: 'x'.repeat(400_000) });
      expectProblem(tooLarge, 413);
    });
  });

  describe('POST /auth/login', () => {
    it('answers 200 with an access token and the user; emails match in any case', async () => {
      const owner = await signUp(ctx.app);
      const res = await request(server)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', freshAddress())
        .send({ email: `  ${owner.user.email.toUpperCase()} `, password: owner.password });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        accessToken: expect.any(String),
        user: { id: owner.user.id, email: owner.user.email, role: 'owner' },
      });
      const payload = JSON.parse(
        Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString(),
      );
      expect(payload).toMatchObject({
        sub: owner.user.id,
        org: owner.organization.id,
        role: 'owner',
        emp: null,
        sid: res.body.sessionId,
        typ: 'access',
      });
      expect(payload.exp - payload.iat).toBe(ctx.config.auth.accessTokenTtlSeconds);
      const header = JSON.parse(
        Buffer.from(res.body.accessToken.split('.')[0], 'base64url').toString(),
      );
      expect(header.alg).toBe('HS256');
    });

    it('answers 401 problem+json for a wrong password and for an unknown email alike', async () => {
      const owner = await signUp(ctx.app);
      const address = freshAddress();
      const wrong = await request(server)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', address)
        .send({ email: owner.user.email, password: 'not-the-password-1' });
      expectProblem(wrong, 401);
      const unknown = await request(server)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', address)
        .send({ email: uniqueEmail(), password: 'not-the-password-1' });
      expectProblem(unknown, 401);
      expect(unknown.body.detail).toBe(wrong.body.detail);
    });

    it('validates the body before checking credentials (400, not 401)', async () => {
      for (const body of [
        {},
        { email: 42, password: true },
        { email: 'a@b.c', password: 'x', extra: 1 },
        { email: 'a@b.c', password: 'p'.repeat(1_000) },
      ]) {
        const res = await request(server)
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', freshAddress())
          .send(body);
        expectProblem(res, 400);
        expect(Array.isArray(res.body.errors)).toBe(true);
      }
      const malformed = await request(server)
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email":');
      expectProblem(malformed, 400);
    });

    it('locks an email after 10 failures from one address: 429 with Retry-After, even with the right password', async () => {
      const owner = await signUp(ctx.app);
      const attacker = freshAddress();
      for (let i = 0; i < 10; i++) {
        const res = await request(server)
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', attacker)
          .send({ email: owner.user.email, password: `wrong-password-${i}` });
        expectProblem(res, 401);
      }
      const locked = await request(server)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', attacker)
        .send({ email: owner.user.email, password: owner.password });
      expectProblem(locked, 429);
      const retryAfter = Number(locked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // The owner, from their own address, is not locked out by someone else's guesses.
      await request(server)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', freshAddress())
        .send({ email: owner.user.email, password: owner.password })
        .expect(200);
    });

    it('locks an unknown email from one address the same way', async () => {
      const email = uniqueEmail('ghost');
      const address = freshAddress();
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await request(server)
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', address)
          .send({ email, password: `wrong-password-${i}` });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    });

    it('locks a client address after 10 failures across many emails', async () => {
      const address = freshAddress();
      const owner = await signUp(ctx.app);
      for (let i = 0; i < 10; i++) {
        await request(server)
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', address)
          .send({ email: uniqueEmail(), password: 'wrong-password' })
          .expect(401);
      }
      const res = await request(server)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', address)
        .send({ email: owner.user.email, password: owner.password });
      expectProblem(res, 429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      await request(server)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', freshAddress())
        .send({ email: owner.user.email, password: owner.password })
        .expect(200);
    });

    it('holds the limit under a concurrent burst', async () => {
      const email = uniqueEmail('burst');
      const address = freshAddress();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          request(server)
            .post('/api/v1/auth/login')
            .set('X-Forwarded-For', address)
            .send({ email, password: `wrong-password-${i}` }),
        ),
      );
      const unauthorized = results.filter((r) => r.status === 401).length;
      expect(unauthorized).toBeLessThanOrEqual(10);
      expect(results.filter((r) => r.status === 429).length).toBe(20 - unauthorized);
    });

    it('counts the lockout only within 15 minutes', async () => {
      const owner = await signUp(ctx.app);
      const address = freshAddress();
      for (let i = 0; i < 10; i++) {
        await request(server)
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', address)
          .send({ email: owner.user.email, password: 'wrong-password' })
          .expect(401);
      }
      const login = () =>
        request(server)
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', address)
          .send({ email: owner.user.email, password: owner.password });
      await login().expect(429);
      // Age the failures past the window, as 16 minutes passing would.
      await ctx.dataSource
        .createQueryBuilder()
        .update('login_attempts')
        .set({ attemptedAt: new Date(Date.now() - 16 * 60_000) })
        .execute();
      await login().expect(200);
    });

    it('refuses invited users who have not set a password yet', async () => {
      const owner = await signUp(ctx.app);
      const email = uniqueEmail('invitee');
      await request(server)
        .post('/api/v1/invitations')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .send({ email, role: 'admin' })
        .expect(201);
      const res = await request(server)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', freshAddress())
        .send({ email, password: DEFAULT_PASSWORD });
      expectProblem(res, 401);
    });
  });

  describe('access tokens', () => {
    let owner: Awaited<ReturnType<typeof signUp>>;
    beforeAll(async () => {
      owner = await signUp(ctx.app);
    });

    const me = (token?: string) => {
      const req = request(server).get('/api/v1/me');
      return token === undefined ? req : req.set('Authorization', `Bearer ${token}`);
    };

    it('answers 401 problem+json without a token or with a malformed header', async () => {
      expectProblem(await me(), 401);
      expectProblem(await me(''), 401);
      expectProblem(await me('garbage'), 401);
      expectProblem(
        await request(server).get('/api/v1/me').set('Authorization', `Basic ${owner.accessToken}`),
        401,
      );
    });

    it('refuses alg "none" tokens with the same claims', async () => {
      const [, payload] = owner.accessToken.split('.');
      for (const alg of ['none', 'None', 'NONE']) {
        const forged = `${b64url({ alg, typ: 'JWT' })}.${payload}.`;
        expectProblem(await me(forged), 401);
      }
    });

    it('refuses tampered tokens', async () => {
      const [header, payload, signature] = owner.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const escalated = `${header}.${b64url({ ...claims, role: 'owner', org: owner.organization.id, sub: 'x' })}.${signature}`;
      expectProblem(await me(escalated), 401);
      const flipped = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
      expectProblem(await me(flipped), 401);
    });

    it('refuses tokens signed with another secret or another algorithm', async () => {
      const [, payload] = owner.accessToken.split('.');
      const other = new JwtService({ secret: 'another-secret-another-secret-0123456789' });
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      expectProblem(await me(other.sign(claims)), 401);
      const header = b64url({ alg: 'HS512', typ: 'JWT' });
      const body = b64url(claims);
      const sig = createHmac('sha512', ctx.config.auth.jwtSecret)
        .update(`${header}.${body}`)
        .digest('base64url');
      expectProblem(await me(`${header}.${body}.${sig}`), 401);
    });

    it('refuses expired tokens', async () => {
      const [, payload] = owner.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const jwt = new JwtService({ secret: ctx.config.auth.jwtSecret });
      const now = Math.floor(Date.now() / 1000);
      const expired = jwt.sign({ ...claims, iat: now - 3600, exp: now - 60 });
      expectProblem(await me(expired), 401);
      const fresh = jwt.sign({ ...claims, iat: now, exp: now + 60 });
      await me(fresh).expect(200);
    });

    it('refuses a correctly signed token without exp or iat, or living longer than issued for', async () => {
      const [, payload] = owner.accessToken.split('.');
      const {
        exp: _exp,
        iat: _iat,
        ...claims
      } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const jwt = new JwtService({ secret: ctx.config.auth.jwtSecret });
      const now = Math.floor(Date.now() / 1000);
      expectProblem(await me(jwt.sign(claims, { noTimestamp: true })), 401);
      expectProblem(await me(jwt.sign(claims)), 401);
      expectProblem(await me(jwt.sign({ ...claims, exp: now + 60 }, { noTimestamp: true })), 401);
      expectProblem(await me(jwt.sign({ ...claims, iat: now, exp: now + 10 * 365 * 86_400 })), 401);
      expectProblem(await me(jwt.sign({ ...claims, iat: now + 3600, exp: now + 3700 })), 401);
      await me(jwt.sign({ ...claims, iat: now, exp: now + 60 })).expect(200);
    });

    it('refuses a correctly signed token that is not an access token', async () => {
      const [, payload] = owner.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const jwt = new JwtService({ secret: ctx.config.auth.jwtSecret });
      expectProblem(await me(jwt.sign({ ...claims, typ: 'refresh' })), 401);
      expectProblem(await me(owner.refreshToken), 401);
    });
  });

  describe('refresh tokens and sessions', () => {
    it('rotates: each refresh token works once and yields a new pair', async () => {
      const owner = await signUp(ctx.app);
      const first = await request(server)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: owner.refreshToken })
        .expect(200);
      expect(first.body.refreshToken).not.toBe(owner.refreshToken);
      expect(first.body.sessionId).toBeDefined();
      await request(server)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${first.body.accessToken}`)
        .expect(200);
      const second = await request(server)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
      expect(second.body.sessionId).toBe(first.body.sessionId);
    });

    it('revokes the whole family when a rotated token is presented again', async () => {
      const owner = await signUp(ctx.app);
      const rotated = await request(server)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: owner.refreshToken })
        .expect(200);
      const reuse = await request(server)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: owner.refreshToken });
      expectProblem(reuse, 401);
      // The legitimate newer token and every access token of the session are dead too.
      expectProblem(
        await request(server)
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: rotated.body.refreshToken }),
        401,
      );
      expectProblem(
        await request(server)
          .get('/api/v1/me')
          .set('Authorization', `Bearer ${rotated.body.accessToken}`),
        401,
      );
      expectProblem(
        await request(server).get('/api/v1/me').set('Authorization', `Bearer ${owner.accessToken}`),
        401,
      );
    });

    it('drops rotated tokens after a day and ended sessions after a month', async () => {
      const owner = await signUp(ctx.app);
      const count = async (table: string, column: string, value: string): Promise<number> => {
        const rows: { n: number | string }[] = await ctx.dataSource.query(
          `SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`,
          [value],
        );
        return Number(rows[0]?.n ?? 0);
      };
      const first = await request(server)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: owner.refreshToken })
        .expect(200);
      expect(await count('refresh_tokens', 'sessionId', owner.sessionId)).toBe(2);
      await ctx.dataSource
        .createQueryBuilder()
        .update('refresh_tokens')
        .set({ rotatedAt: new Date(Date.now() - 2 * 86_400_000) })
        .where('sessionId = :id AND rotatedAt IS NOT NULL', { id: owner.sessionId })
        .execute();
      await request(server)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
      // The day-old token is gone; the one rotated just now stays to catch reuse.
      expect(await count('refresh_tokens', 'sessionId', owner.sessionId)).toBe(2);
      await ctx.dataSource
        .createQueryBuilder()
        .update('sessions')
        .set({ revokedAt: new Date(Date.now() - 31 * 86_400_000), revokedReason: 'logout' })
        .where('id = :id', { id: owner.sessionId })
        .execute();
      await login(ctx.app, owner.user.email, owner.password);
      expect(await count('sessions', 'id', owner.sessionId)).toBe(0);
      expect(await count('refresh_tokens', 'sessionId', owner.sessionId)).toBe(0);
    });

    it('refuses unknown and malformed refresh tokens', async () => {
      expectProblem(
        await request(server).post('/api/v1/auth/refresh').send({ refreshToken: 'nope' }),
        401,
      );
      expectProblem(await request(server).post('/api/v1/auth/refresh').send({}), 401);
      expectProblem(
        await request(server).post('/api/v1/auth/refresh').send({ refreshToken: 12 }),
        400,
      );
    });

    it('stores refresh tokens hashed, never as issued', async () => {
      const owner = await signUp(ctx.app);
      const rows: { tokenHash: string }[] = await ctx.dataSource.query(
        'SELECT tokenHash FROM refresh_tokens',
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((r) => r.tokenHash === owner.refreshToken)).toBe(false);
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
    });

    it('logout revokes the session: its access and refresh tokens answer 401', async () => {
      const owner = await signUp(ctx.app);
      await request(server)
        .post('/api/v1/auth/logout')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(204);
      expectProblem(
        await request(server).get('/api/v1/me').set('Authorization', `Bearer ${owner.accessToken}`),
        401,
      );
      expectProblem(
        await request(server)
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: owner.refreshToken }),
        401,
      );
      expectProblem(await request(server).post('/api/v1/auth/logout'), 401);
    });

    it('lists the own sessions and revokes another one at once', async () => {
      const owner = await signUp(ctx.app);
      const laptop = await request(server)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', freshAddress())
        .set('User-Agent', 'laptop-browser')
        .send({ email: owner.user.email, password: owner.password })
        .expect(200);
      const list = await request(server)
        .get('/api/v1/auth/sessions')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(200);
      expect(list.body.items).toHaveLength(2);
      const current = list.body.items.find((s: { current: boolean }) => s.current);
      expect(current.id).not.toBe(laptop.body.sessionId);
      const other = list.body.items.find((s: { id: string }) => s.id === laptop.body.sessionId);
      expect(other).toMatchObject({ userAgent: 'laptop-browser', current: false });
      await request(server)
        .get(`/api/v1/auth/sessions/${laptop.body.sessionId}`)
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(200);
      await request(server)
        .delete(`/api/v1/auth/sessions/${laptop.body.sessionId}`)
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(204);
      expectProblem(
        await request(server)
          .get('/api/v1/me')
          .set('Authorization', `Bearer ${laptop.body.accessToken}`),
        401,
      );
      const after = await request(server)
        .get('/api/v1/auth/sessions')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(200);
      expect(after.body.items.map((s: { id: string }) => s.id)).toEqual([current.id]);
      expectProblem(
        await request(server)
          .delete(`/api/v1/auth/sessions/${laptop.body.sessionId}`)
          .set('Authorization', `Bearer ${owner.accessToken}`),
        404,
      );
    });

    it('signs out every other session and keeps the current one', async () => {
      const owner = await signUp(ctx.app);
      const phone = await login(ctx.app, owner.user.email, owner.password);
      const tablet = await login(ctx.app, owner.user.email, owner.password);
      await request(server)
        .post('/api/v1/auth/sessions/revoke-others')
        .set('Authorization', `Bearer ${phone.accessToken}`)
        .expect(204);
      await request(server)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${phone.accessToken}`)
        .expect(200);
      for (const token of [owner.accessToken, tablet.accessToken]) {
        expectProblem(
          await request(server).get('/api/v1/me').set('Authorization', `Bearer ${token}`),
          401,
        );
      }
    });

    it("answers 404 for another user's session and 400 for a non-UUID id", async () => {
      const owner = await signUp(ctx.app);
      const admin = await createUserWithRole(ctx.app, owner.accessToken, 'admin');
      const url = `/api/v1/auth/sessions/${admin.sessionId}`;
      const auth = `Bearer ${owner.accessToken}`;
      expectProblem(await request(server).get(url).set('Authorization', auth), 404);
      expectProblem(await request(server).delete(url).set('Authorization', auth), 404);
      const bad = await request(server)
        .delete('/api/v1/auth/sessions/not-a-uuid')
        .set('Authorization', `Bearer ${owner.accessToken}`);
      expectProblem(bad, 400);
      expect(bad.body.errors[0].path).toBe('id');
      // The admin's session is untouched.
      await request(server)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${admin.accessToken}`)
        .expect(200);
    });

    it('expires a session after its lifetime even with a valid access token', async () => {
      const owner = await signUp(ctx.app);
      await ctx.dataSource
        .createQueryBuilder()
        .update('sessions')
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where('userId = :id', { id: owner.user.id })
        .execute();
      expectProblem(
        await request(server).get('/api/v1/me').set('Authorization', `Bearer ${owner.accessToken}`),
        401,
      );
      expectProblem(
        await request(server)
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: owner.refreshToken }),
        401,
      );
    });

    it('signs in with the new password after a change, and signs other sessions out', async () => {
      const owner = await signUp(ctx.app);
      const other = await login(ctx.app, owner.user.email, owner.password);
      const newPassword = 'a-brand-new-passphrase-77';
      expectProblem(
        await request(server)
          .post('/api/v1/me/password')
          .set('Authorization', `Bearer ${owner.accessToken}`)
          .send({ currentPassword: 'wrong-password-1', newPassword }),
        400,
      );
      expectProblem(
        await request(server)
          .post('/api/v1/me/password')
          .set('Authorization', `Bearer ${owner.accessToken}`)
          .send({ currentPassword: owner.password, newPassword: '1234567890' }),
        400,
      );
      await request(server)
        .post('/api/v1/me/password')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .send({ currentPassword: owner.password, newPassword })
        .expect(204);
      await request(server)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(200);
      expectProblem(
        await request(server).get('/api/v1/me').set('Authorization', `Bearer ${other.accessToken}`),
        401,
      );
      await login(ctx.app, owner.user.email, newPassword);
    });
  });
});

describe(`auth: concurrent first sign-ups (${TEST_DB})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('lets exactly one of several simultaneous first sign-ups claim the installation', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        request(ctx.app.getHttpServer())
          .post('/api/v1/auth/signup')
          .send({
            organizationName: `Race ${i}`,
            fullName: 'Racer',
            email: uniqueEmail('racer'),
            password: DEFAULT_PASSWORD,
          }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 403, 403, 403]);
  });
});
