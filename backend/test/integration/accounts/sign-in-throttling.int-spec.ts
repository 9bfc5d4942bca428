import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import request from 'supertest';
import {
  MAX_FAILED_LOGINS,
  MAX_FAILED_LOGINS_PER_ACCOUNT,
  MAX_LINK_REQUESTS,
} from '#src/modules/accounts/auth/login-throttle.service.js';
import { base32Decode, totp } from '#src/modules/accounts/mfa/totp.js';
import { signUp, uniqueEmail, type SignedUp } from '#test/factories/accounts.factory.js';
import { SoftAuthenticator } from '#test/support/soft-authenticator.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { drainJobs, eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';

const PROBLEM = /^application\/problem\+json/;

function expectProblem(res: request.Response, status: number, code?: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(res.body).toMatchObject({ status });
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
  if (code) expect(res.body.type).toBe(`https://calltimex.dev/problems/${code}`);
}

function expectRetryAfter(res: request.Response): void {
  const seconds = Number(res.headers['retry-after']);
  expect(Number.isInteger(seconds)).toBe(true);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(15 * 60);
}

describe(`sign-in throttling and sign-in links (${TEST_DB})`, () => {
  let ctx: TestContext;
  let jobs: TestJobs;
  let server: ReturnType<TestContext['app']['getHttpServer']>;
  let net = 0;
  // Each test gets its own /24 (TRUST_PROXY_HOPS=1), so address limits stay apart.
  const freshNet = () => {
    net++;
    let host = 0;
    return () => `10.${Math.floor(net / 200)}.${net % 200}.${++host}`;
  };

  beforeAll(async () => {
    ctx = await startTestApp({
      ALLOW_SIGNUP: 'true',
      TRUST_PROXY_HOPS: '1',
      PUBLIC_URL: 'https://ctx.example',
    });
    jobs = await startTestJobs(ctx);
    server = ctx.app.getHttpServer();
  });
  afterAll(async () => {
    await jobs.close();
    await ctx.close();
  });

  const loginFrom = (address: string, body: object) =>
    request(server).post('/api/v1/auth/login').set('X-Forwarded-For', address).send(body);
  const requestLink = (address: string, body: object) =>
    request(server).post('/api/v1/auth/sign-in-link').set('X-Forwarded-For', address).send(body);
  const consumeLink = (address: string, body: object) =>
    request(server)
      .post('/api/v1/auth/sign-in-link/consume')
      .set('X-Forwarded-For', address)
      .send(body);

  /** Every mail in the outbox (no SMTP_URL: the real mail job writes .eml files there). */
  async function outbox(): Promise<ParsedMail[]> {
    await drainJobs(ctx);
    const dir = join(ctx.dataDir, 'outbox');
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    } catch {
      return [];
    }
    return Promise.all(files.map((f) => simpleParser(readFileSync(join(dir, f)))));
  }

  const toAddress = (mail: ParsedMail) =>
    (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((t) =>
      t.value.map((v) => v.address?.toLowerCase()),
    );

  async function linkMailsTo(email: string): Promise<ParsedMail[]> {
    return (await outbox()).filter(
      (m) =>
        toAddress(m).includes(email.toLowerCase()) &&
        m.headers.get('x-calltimex-template') === 'sign-in-link',
    );
  }

  function tokenOf(mail: ParsedMail): string {
    const match = /https:\/\/ctx\.example\/sign-in-link\?token=([A-Za-z0-9_-]+)/.exec(
      mail.text ?? '',
    );
    expect(match).not.toBeNull();
    return match?.[1] ?? '';
  }

  async function newLinkFor(owner: SignedUp, address: string): Promise<string> {
    const before = new Set((await linkMailsTo(owner.user.email)).map(tokenOf));
    await requestLink(address, { email: owner.user.email }).expect(202);
    return eventually(async () =>
      (await linkMailsTo(owner.user.email)).map(tokenOf).find((t) => !before.has(t)),
    );
  }

  it('one attacker address cannot lock the owner out from another address', async () => {
    const owner = await signUp(ctx.app);
    const attacker = freshNet()();
    const statuses: number[] = [];
    for (let i = 0; i < MAX_FAILED_LOGINS + 5; i++) {
      const res = await loginFrom(attacker, {
        email: owner.user.email,
        password: `wrong-password-${i}`,
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expectProblem(res, 429);
        expectRetryAfter(res);
      }
    }
    expect(statuses).toEqual([...Array(MAX_FAILED_LOGINS).fill(401), ...Array(5).fill(429)]);
    // The right password from the attacker's address is refused too: the limit is not an oracle.
    expectProblem(
      await loginFrom(attacker, { email: owner.user.email, password: owner.password }),
      429,
    );
    const home = freshNet()();
    const res = await loginFrom(home, { email: owner.user.email, password: owner.password });
    expect(res.status).toBe(200);
    expect(typeof res.body.accessToken).toBe('string');
  });

  it(`limits one address across emails, and one email from one address, at ${MAX_FAILED_LOGINS} (unknown emails alike)`, async () => {
    const address = freshNet()();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await loginFrom(address, { email: uniqueEmail('spray'), password: 'wrong-password' }).expect(
        401,
      );
    }
    const sprayed = await loginFrom(address, { email: uniqueEmail('spray'), password: 'x' });
    expectProblem(sprayed, 429, 'rate-limited');
    expectRetryAfter(sprayed);

    const ghost = uniqueEmail('ghost');
    const other = freshNet()();
    const statuses: number[] = [];
    for (let i = 0; i < MAX_FAILED_LOGINS + 2; i++) {
      statuses.push((await loginFrom(other, { email: ghost, password: `wrong-${i}` })).status);
    }
    expect(statuses).toEqual([...Array(MAX_FAILED_LOGINS).fill(401), 429, 429]);
    const locked = await loginFrom(other, { email: ghost, password: 'again' });
    expectProblem(locked, 429, 'sign-in-link-available');
    expectRetryAfter(locked);
  });

  it('an email attacked from many addresses is throttled, and its owner signs in with a link by mail', async () => {
    const owner = await signUp(ctx.app);
    const attackers = freshNet();
    // Spread so that no single address reaches its own limit.
    const addresses = Array.from(
      { length: Math.ceil(MAX_FAILED_LOGINS_PER_ACCOUNT / (MAX_FAILED_LOGINS - 1)) },
      () => attackers(),
    );
    for (let i = 0; i < MAX_FAILED_LOGINS_PER_ACCOUNT; i++) {
      await loginFrom(addresses[i % addresses.length], {
        email: owner.user.email,
        password: `wrong-password-${i}`,
      }).expect(401);
    }
    // Now even the owner, from a fresh address and with the right password, gets a 429 that
    // points to the way in.
    const home = freshNet()();
    const throttled = await loginFrom(home, {
      email: owner.user.email,
      password: owner.password,
    });
    expectProblem(throttled, 429, 'sign-in-link-available');
    expectRetryAfter(throttled);
    expect(throttled.body.detail).toMatch(/sign-in link/i);

    const token = await newLinkFor(owner, home);
    const signedIn = await consumeLink(home, { token });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({
      tokenType: 'Bearer',
      user: { id: owner.user.id, email: owner.user.email },
    });
    // Like login, the console's session: the refresh token only in the HttpOnly cookie.
    expect(signedIn.body.refreshToken).toBeUndefined();
    const cookie = String(signedIn.headers['set-cookie'] ?? '');
    expect(cookie).toMatch(/ctx_refresh=[^;]+;.*HttpOnly/);
    expect(cookie).toContain('Path=/api/v1/auth/refresh');
    await request(server)
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${signedIn.body.accessToken}`)
      .expect(200);
    // Single use.
    expectProblem(await consumeLink(home, { token }), 401);
    // The attack goes on: password sign-in stays throttled for everyone.
    expectProblem(
      await loginFrom(freshNet()(), { email: owner.user.email, password: owner.password }),
      429,
      'sign-in-link-available',
    );
  });

  it('a link request always answers 202 alike, mails only real accounts, and stores the token hashed', async () => {
    const owner = await signUp(ctx.app);
    await ctx.dataSource.query('UPDATE users SET locale = ? WHERE id = ?', ['ru', owner.user.id]);
    const address = freshNet()();
    const ghost = uniqueEmail('nobody');
    const unknown = await requestLink(address, { email: ghost }).expect(202);
    const known = await requestLink(address, { email: owner.user.email.toUpperCase() }).expect(202);
    expect(unknown.body).toEqual({ status: 'accepted' });
    expect(known.body).toEqual(unknown.body);
    const [mail] = await eventually(async () => {
      const found = await linkMailsTo(owner.user.email);
      return found.length > 0 && found;
    });
    expect(mail.subject).toBe('Ссылка для входа в CallTimeX');
    expect(mail.html || '').toContain('Войти');
    expect((await outbox()).some((m) => toAddress(m).includes(ghost))).toBe(false);
    const token = tokenOf(mail);
    const rows: { tokenHash: string }[] = await ctx.dataSource.query(
      'SELECT tokenHash FROM sign_in_links WHERE userId = ?',
      [owner.user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].tokenHash).not.toContain(token);
  });

  it(`limits link requests per address (${MAX_LINK_REQUESTS}), with Retry-After, and validates the body`, async () => {
    const address = freshNet()();
    for (const body of [{}, { email: 'not-an-email' }, { email: 42 }, { email: 'a@b.io', x: 1 }]) {
      expectProblem(await requestLink(address, body), 400);
    }
    for (let i = 0; i < MAX_LINK_REQUESTS; i++) {
      await requestLink(address, { email: uniqueEmail('probe') }).expect(202);
    }
    const limited = await requestLink(address, { email: uniqueEmail('probe') });
    expectProblem(limited, 429, 'rate-limited');
    expectRetryAfter(limited);
    await requestLink(freshNet()(), { email: uniqueEmail('probe') }).expect(202);
  });

  it('mails at most 3 links per user and hour from one address, answering further requests alike', async () => {
    const owner = await signUp(ctx.app);
    const attacker = freshNet()();
    for (let i = 0; i < 5; i++) {
      const res = await requestLink(attacker, { email: owner.user.email }).expect(202);
      expect(res.body).toEqual({ status: 'accepted' });
    }
    await drainJobs(ctx);
    expect(await linkMailsTo(owner.user.email)).toHaveLength(3);

    // The attacker's requests do not spend the owner's: from home a link still comes, and works.
    const home = freshNet()();
    const token = await newLinkFor(owner, home);
    expect(await linkMailsTo(owner.user.email)).toHaveLength(4);
    const signedIn = await consumeLink(home, { token });
    expect(signedIn.status).toBe(200);
  });

  it('bounds the mail many addresses can cause at 30 links per user and hour', async () => {
    const owner = await signUp(ctx.app);
    const addresses = freshNet();
    for (let a = 0; a < 11; a++) {
      const address = addresses();
      for (let i = 0; i < 3; i++) {
        await requestLink(address, { email: owner.user.email }).expect(202);
      }
    }
    await drainJobs(ctx);
    expect(await linkMailsTo(owner.user.email)).toHaveLength(30);
  });

  it('refuses unknown, malformed and expired links with 401 or 400 problems', async () => {
    const owner = await signUp(ctx.app);
    const address = freshNet()();
    expectProblem(await consumeLink(address, { token: 'x'.repeat(43) }), 401);
    expectProblem(await consumeLink(address, { token: 'short' }), 400);
    expectProblem(await consumeLink(address, {}), 400);
    const token = await newLinkFor(owner, address);
    await ctx.dataSource
      .createQueryBuilder()
      .update('sign_in_links')
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .execute();
    expectProblem(await consumeLink(address, { token }), 401);
  });

  it('still asks for the MFA code: without it the link stays usable; a wrong code uses it up', async () => {
    const owner = await signUp(ctx.app);
    const auth = (req: request.Test) => req.set('Authorization', `Bearer ${owner.accessToken}`);
    const setup = await auth(request(server).post('/api/v1/me/mfa/setup')).expect(201);
    const secret = base32Decode(setup.body.secret as string);
    await auth(request(server).post('/api/v1/me/mfa/enable'))
      .send({ code: totp(secret, new Date()) })
      .expect(200);
    const address = freshNet()();

    const token = await newLinkFor(owner, address);
    expectProblem(await consumeLink(address, { token }), 401, 'mfa-required');
    const signedIn = await consumeLink(address, { token, mfaCode: totp(secret, new Date()) });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.id).toBe(owner.user.id);

    const second = await newLinkFor(owner, address);
    const valid = new Set(
      [-2, -1, 0, 1, 2].map((d) => totp(secret, new Date(Date.now() + d * 30_000))),
    );
    const wrong = ['000000', '111111', '222222'].find((c) => !valid.has(c)) ?? '333333';
    expectProblem(
      await consumeLink(address, { token: second, mfaCode: wrong }),
      401,
      'mfa-code-invalid',
    );
    expectProblem(
      await consumeLink(address, { token: second, mfaCode: totp(secret, new Date()) }),
      401,
      'unauthorized',
    );
  });

  it('a passkey-only account is not let in by a link alone: it asks for the second factor', async () => {
    const owner = await signUp(ctx.app);
    const auth = (req: request.Test) => req.set('Authorization', `Bearer ${owner.accessToken}`);
    const authenticator = new SoftAuthenticator('ctx.example', 'https://ctx.example');
    const start = await auth(request(server).post('/api/v1/me/mfa/passkeys/options')).expect(200);
    await auth(request(server).post('/api/v1/me/mfa/passkeys'))
      .send({
        challengeId: start.body.challengeId,
        name: 'Soft key',
        response: authenticator.register(start.body.options as { challenge: string }),
      })
      .expect(201);
    const address = freshNet()();

    const token = await newLinkFor(owner, address);
    const refused = await consumeLink(address, { token });
    expectProblem(refused, 401, 'mfa-required');
    expect(refused.body.methods).toContain('passkey');
    expect(refused.body.accessToken).toBeUndefined();
    // No ticket: the link is finished only by sending it again with a factor, never around it.
    expect(refused.body.mfaTicket).toBeUndefined();
    expectProblem(
      await consumeLink(address, { token, mfaCode: '000000' }),
      401,
      'mfa-code-invalid',
    );
  });
});
