import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { base32Decode, totp } from '#src/modules/accounts/mfa/totp.js';
import {
  createEmployee,
  createTeam,
  createUserWithRole,
  DEFAULT_PASSWORD,
  signUp,
  type SignedUp,
} from '#test/factories/accounts.factory.js';
import {
  BrowserLike,
  startOidcProvider,
  type TestOidcProvider,
} from '#test/support/oidc-provider.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

describe(`OpenID Connect sign-in against a real provider (${TEST_DB})`, () => {
  let ctx: TestContext;
  let idp: TestOidcProvider;
  let owner: SignedUp;
  let appUrl: string;
  let orgId: string;
  let salesTeamId: string;
  const emails = {
    hr: 'hanna.hr@corp.example',
    plain: 'paul.plain@corp.example',
    mfa: 'mia.mfa@corp.example',
    unknown: 'nobody@corp.example',
    outsider: 'olga@elsewhere.example',
  };

  const api = () => request(ctx.app.getHttpServer());
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** Drives the whole browser flow for `account`; returns where the app finally sent the browser. */
  async function signInThroughProvider(account: string, browser = new BrowserLike()) {
    idp.autoLogin = account;
    const { url, response } = await browser.follow(
      `${appUrl}/api/v1/auth/oidc/${orgId}/start?returnTo=/reports`,
      (u) => u.origin === appUrl && !u.pathname.startsWith('/api/'),
    );
    return { url, response, browser };
  }

  /** The console's first step after the redirect: exchange the refresh cookie for an access token. */
  async function accessTokenFrom(browser: BrowserLike): Promise<string> {
    const res = await browser.request(`${appUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf': '1', origin: appUrl },
      body: '{}',
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  beforeAll(async () => {
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    ctx = await startTestApp({ PUBLIC_URL: appUrl, OIDC_ALLOW_HTTP: 'true' });
    await ctx.app.listen(port, '127.0.0.1');
    owner = await signUp(ctx.app);
    orgId = owner.organization.id;
    salesTeamId = (await createTeam(ctx.app, owner.accessToken, 'Sales')).id;
    await createEmployee(ctx.app, owner.accessToken, { fullName: 'Hanna Hr', email: emails.hr });
    idp = await startOidcProvider({
      redirectUris: [`${appUrl}/api/v1/auth/oidc/${orgId}/callback`],
      postLogoutRedirectUris: [`${appUrl}/sign-in`],
      accounts: [
        { sub: 'hanna', email: emails.hr, groups: ['ctx-hr', 'sales'], amr: ['pwd'] },
        { sub: 'paul', email: emails.plain, groups: [], amr: ['pwd'] },
        { sub: 'mia', email: emails.mfa, groups: ['ctx-hr'], amr: ['pwd', 'otp'] },
        { sub: 'nobody', email: emails.unknown, amr: ['pwd'] },
        { sub: 'olga', email: emails.outsider, amr: ['pwd'] },
      ],
    });
    await api()
      .put('/api/v1/sso/oidc')
      .set(bearer(owner.accessToken))
      .send({
        displayName: 'Corp IdP',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        scopes: 'openid email profile groups',
        roleClaim: 'groups',
        roleMap: [
          { value: 'ctx-hr', role: 'hr' },
          { value: 'ctx-admins', role: 'admin' },
        ],
        defaultRole: 'employee',
        teamClaim: 'groups',
        teamMap: [{ value: 'sales', team: 'Sales' }],
        jit: true,
        allowedDomains: ['corp.example'],
      })
      .expect(200);
  });

  afterAll(async () => {
    await idp?.close();
    await ctx?.close();
  });

  it('keeps the client secret write-only and reads the discovery document', async () => {
    const settings = await api().get('/api/v1/sso/oidc').set(bearer(owner.accessToken)).expect(200);
    expect(settings.body).toMatchObject({ source: 'console', clientSecretSet: true, jit: true });
    expect(JSON.stringify(settings.body)).not.toContain(idp.clientSecret);
    const stored = await ctx.dataSource.query<{ clientSecret: string }[]>(
      'SELECT * FROM oidc_providers',
    );
    expect(stored[0].clientSecret).not.toContain(idp.clientSecret);
    const discovery = await api()
      .post('/api/v1/sso/oidc/discovery')
      .set(bearer(owner.accessToken))
      .send({})
      .expect(200);
    expect(discovery.body).toMatchObject({
      ok: true,
      issuer: idp.issuer,
      endSessionEndpoint: expect.stringContaining(idp.issuer),
      codeChallengeMethodsSupported: expect.arrayContaining(['S256']),
    });
    const listed = await api().get('/api/v1/auth/oidc').expect(200);
    expect(listed.body.items).toEqual([
      {
        organizationId: orgId,
        displayName: 'Corp IdP',
        startUrl: `/api/v1/auth/oidc/${orgId}/start`,
      },
    ]);
  });

  it('refuses the settings to roles other than owner and admin', async () => {
    const hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
    await api().get('/api/v1/sso/oidc').set(bearer(hr.accessToken)).expect(403);
  });

  it('signs a new user in just in time, with role and team from the groups claim', async () => {
    const { url, browser } = await signInThroughProvider('hanna');
    expect(url.href).toBe(`${appUrl}/reports`);
    const token = await accessTokenFrom(browser);
    const me = await api().get('/api/v1/me').set(bearer(token)).expect(200);
    expect(me.body).toMatchObject({ email: emails.hr, role: 'hr' });
    const employees = await api()
      .get('/api/v1/employees')
      .set(bearer(owner.accessToken))
      .expect(200);
    const hanna = (employees.body.items as { email: string; teamId: string | null }[]).find(
      (e) => e.email === emails.hr,
    );
    expect(hanna?.teamId).toBe(salesTeamId);
    const links = await ctx.dataSource.query<{ subject: string }[]>(
      'SELECT * FROM oidc_identities',
    );
    expect(links.map((l) => l.subject)).toContain('hanna');
    // The second sign-in finds the same user through the (issuer, subject) link.
    const again = await signInThroughProvider('hanna');
    expect(
      (
        await api()
          .get('/api/v1/me')
          .set(bearer(await accessTokenFrom(again.browser)))
      ).body.id,
    ).toBe(me.body.id);
  });

  it('answers a callback whose state this browser did not start with 401', async () => {
    idp.autoLogin = 'paul';
    const starter = new BrowserLike();
    const { url } = await starter.follow(`${appUrl}/api/v1/auth/oidc/${orgId}/start`, (u) =>
      u.pathname.endsWith('/callback'),
    );
    // Another browser (no binding cookie) delivers the same code and state.
    const stolen = await new BrowserLike().request(url.href, {
      headers: { accept: 'application/json' },
    });
    expect(stolen.status).toBe(401);
    expect(((await stolen.json()) as { type: string }).type).toMatch(/oidc-state-mismatch$/);
    // A state that was never issued fails too, in the starting browser.
    const forged = new URL(url.href);
    forged.searchParams.set('state', 'forged-state-value');
    const res = await starter.request(forged.href, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(401);
  });

  it.each([
    ['audience', { aud: 'someone-else' }],
    ['issuer', { iss: 'https://evil.example' }],
    ['nonce', { nonce: 'replayed-nonce' }],
    ['expiry', { exp: Math.floor(Date.now() / 1000) - 3600 }],
  ])(
    'refuses an ID token with the wrong %s, signed with the provider key',
    async (_what, change) => {
      idp.autoLogin = 'paul';
      const browser = new BrowserLike();
      const { url } = await browser.follow(`${appUrl}/api/v1/auth/oidc/${orgId}/start`, (u) =>
        u.pathname.endsWith('/callback'),
      );
      idp.tamperIdToken = change;
      const res = await browser.request(url.href, { headers: { accept: 'application/json' } });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { type: string }).type).toMatch(/oidc-token-invalid$/);
    },
  );

  it('without just-in-time creation, refuses an unknown email; never admits another domain', async () => {
    let browser = new BrowserLike();
    idp.autoLogin = 'olga';
    let { url } = await browser.follow(`${appUrl}/api/v1/auth/oidc/${orgId}/start`, (u) =>
      u.pathname.endsWith('/callback'),
    );
    let res = await browser.request(url.href, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { type: string }).type).toMatch(/oidc-domain-not-allowed$/);

    await api()
      .put('/api/v1/sso/oidc')
      .set(bearer(owner.accessToken))
      .send({
        displayName: 'Corp IdP',
        issuer: idp.issuer,
        clientId: idp.clientId,
        jit: false,
      })
      .expect(200);
    idp.autoLogin = 'nobody';
    // A fresh browser: the provider would otherwise keep Olga signed in.
    browser = new BrowserLike();
    ({ url } = await browser.follow(`${appUrl}/api/v1/auth/oidc/${orgId}/start`, (u) =>
      u.pathname.endsWith('/callback'),
    ));
    res = await browser.request(url.href, { headers: { accept: 'text/html' } });
    // A browser lands on the sign-in page with the reason.
    expect(res.status).toBe(302);
    const location = res.headers.get('location');
    const users = await ctx.dataSource.query<{ email: string }[]>('SELECT email FROM users');
    await api()
      .put('/api/v1/sso/oidc')
      .set(bearer(owner.accessToken))
      .send({
        displayName: 'Corp IdP',
        issuer: idp.issuer,
        clientId: idp.clientId,
        jit: true,
      })
      .expect(200);
    expect(location).toBe(`${appUrl}/sign-in?ssoError=oidc-no-account`);
    expect(users.map((u) => u.email)).not.toContain(emails.unknown);
  });

  it('counts the provider MFA (amr) for the MFA policy; without it the user must enroll first', async () => {
    await api()
      .put('/api/v1/organizations/current/mfa-policy')
      .set(bearer(owner.accessToken))
      .send({ requiredRoles: ['hr', 'employee'] })
      .expect(200);

    const mia = await signInThroughProvider('mia');
    const miaToken = await accessTokenFrom(mia.browser);
    await api().get('/api/v1/employees').set(bearer(miaToken)).expect(200);

    const paul = await signInThroughProvider('paul');
    const paulToken = await accessTokenFrom(paul.browser);
    const blocked = await api()
      .get('/api/v1/reports/summary?from=2026-01-01&to=2026-01-02')
      .set(bearer(paulToken));
    expect(blocked.status).toBe(403);
    expect(blocked.body.type).toMatch(/mfa-enrollment-required$/);
    const overview = await api().get('/api/v1/me/mfa').set(bearer(paulToken)).expect(200);
    expect(overview.body).toMatchObject({
      required: true,
      enrollmentPending: true,
      totpEnabled: false,
    });
    await api().get('/api/v1/me').set(bearer(paulToken)).expect(200);

    // Enrolling TOTP lifts the restriction at once.
    const setup = await api().post('/api/v1/me/mfa/setup').set(bearer(paulToken)).expect(201);
    const secret = setup.body.secret as string;
    await api()
      .post('/api/v1/me/mfa/enable')
      .set(bearer(paulToken))
      .send({ code: totp(base32Decode(secret), new Date()) })
      .expect(200);
    await api()
      .get('/api/v1/reports/summary?from=2026-01-01&to=2026-01-02')
      .set(bearer(paulToken))
      .expect(200);

    // Now that Paul has a factor, a provider sign-in without MFA asks for it.
    const again = await signInThroughProvider('paul');
    expect(again.url.pathname).toBe('/sign-in');
    const ticket = new URLSearchParams(again.url.hash.slice(1)).get('mfaTicket');
    expect(ticket).toBeTruthy();
    await api().post('/api/v1/auth/mfa/complete').send({ ticket }).expect(401);
    const done = await api()
      .post('/api/v1/auth/mfa/complete')
      .set('X-Refresh-Token-Delivery', 'body')
      .send({ ticket, mfaCode: totp(base32Decode(secret), new Date()) })
      .expect(200);
    await api()
      .get('/api/v1/reports/summary?from=2026-01-01&to=2026-01-02')
      .set(bearer(done.body.accessToken as string))
      .expect(200);
    await api()
      .put('/api/v1/organizations/current/mfa-policy')
      .set(bearer(owner.accessToken))
      .send({ requiredRoles: [] })
      .expect(200);
  });

  it('signs out at the provider too (RP-initiated logout)', async () => {
    const { browser } = await signInThroughProvider('hanna');
    const token = await accessTokenFrom(browser);
    const res = await api().post('/api/v1/auth/oidc/logout').set(bearer(token)).expect(200);
    const end = new URL(res.body.endSessionUrl as string);
    expect(end.origin).toBe(idp.issuer);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${appUrl}/sign-in`);
    await api().get('/api/v1/me').set(bearer(token)).expect(401);
    const page = await browser.request(end.href);
    expect(page.status).toBe(200);
    expect(idp.logouts).toBe(1);
  });

  it('recovery codes work once each and are stored hashed', async () => {
    const user = await createUserWithRole(ctx.app, owner.accessToken, 'admin');
    const setup = await api()
      .post('/api/v1/me/mfa/setup')
      .set(bearer(user.accessToken))
      .expect(201);
    await api()
      .post('/api/v1/me/mfa/enable')
      .set(bearer(user.accessToken))
      .send({ code: totp(base32Decode(setup.body.secret as string), new Date()) })
      .expect(200);
    const codes = await api()
      .post('/api/v1/me/mfa/recovery-codes')
      .set(bearer(user.accessToken))
      .expect(201);
    expect(codes.body.codes).toHaveLength(10);
    expect(new Set(codes.body.codes).size).toBe(10);
    const rows = await ctx.dataSource.query<{ codeHash: string }[]>(
      'SELECT codeHash FROM mfa_recovery_codes',
    );
    expect(rows.some((r) => codes.body.codes.includes(r.codeHash))).toBe(false);
    const code = (codes.body.codes as string[])[3];
    const loginWith = (recoveryCode: string) =>
      api()
        .post('/api/v1/auth/login')
        .send({ email: user.user.email, password: DEFAULT_PASSWORD, recoveryCode });
    await loginWith(code.toUpperCase()).expect(200);
    const reused = await loginWith(code);
    expect(reused.status).toBe(401);
    expect(reused.body.type).toMatch(/mfa-code-invalid$/);
    const overview = await api().get('/api/v1/me/mfa').set(bearer(user.accessToken)).expect(200);
    expect(overview.body.recoveryCodesLeft).toBe(9);
  });
});
