import request from 'supertest';
import { DEFAULT_PASSWORD, signUp, uniqueEmail } from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';

const PROBLEM = /^application\/problem\+json/;

function expectProblem(res: request.Response, status: number, code?: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(res.body).toMatchObject({ status });
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
  if (code) expect(String(res.body.type)).toMatch(new RegExp(`${code}$`));
}

/** A Set-Cookie line (the refresh cookie unless named), split into its attributes. */
function refreshCookie(
  res: request.Response,
  name = 'ctx_refresh',
): { value: string; attributes: string[] } {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  const line = (raw ?? []).find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie in ${JSON.stringify(raw)}`);
  const [pair, ...attributes] = line.split(';').map((p) => p.trim());
  return { value: pair.slice(name.length + 1), attributes };
}

function policyOf(res: request.Response): Map<string, string> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values.join(' ')] as [string, string];
      }),
  );
}

const PUBLIC_ORIGIN = 'https://time.example.com:8443';

describe(`console session cookie (${TEST_DB})`, () => {
  let ctx: TestContext;
  let server: ReturnType<TestContext['app']['getHttpServer']>;
  let clientNo = 0;
  const freshAddress = () => `203.0.113.${++clientNo}`;

  beforeAll(async () => {
    ctx = await startTestApp({
      ALLOW_SIGNUP: 'true',
      TRUST_PROXY_HOPS: '1',
      PUBLIC_URL: `${PUBLIC_ORIGIN}/`,
    });
    server = ctx.app.getHttpServer();
  });
  afterAll(async () => {
    await ctx.close();
  });

  const consoleLogin = async (email: string, proto = 'http') =>
    request(server)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', freshAddress())
      .set('X-Forwarded-Proto', proto)
      .send({ email, password: DEFAULT_PASSWORD });

  const cookieRefresh = (value: string, headers: Record<string, string> = { 'X-CSRF': '1' }) => {
    const req = request(server).post('/api/v1/auth/refresh').set('Cookie', `ctx_refresh=${value}`);
    for (const [name, v] of Object.entries(headers)) req.set(name, v);
    return req.send({});
  };

  it('login puts the refresh token in an HttpOnly, SameSite=Strict cookie scoped to refresh', async () => {
    const owner = await signUp(ctx.app);
    const res = await consoleLogin(owner.user.email);
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body).not.toHaveProperty('refreshToken');
    const cookie = refreshCookie(res);
    expect(cookie.value.length).toBeGreaterThan(30);
    const attrs = cookie.attributes.map((a) => a.toLowerCase());
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=strict');
    expect(attrs).toContain('path=/api/v1/auth/refresh');
    expect(attrs).not.toContain('secure');
    expect(attrs.some((a) => a.startsWith('max-age='))).toBe(true);
    // Beside it, a hint the console's script may read: only that a session may exist, no secret.
    const hint = refreshCookie(res, 'ctx_session');
    expect(hint.value).toBe('1');
    const hintAttrs = hint.attributes.map((a) => a.toLowerCase());
    expect(hintAttrs).not.toContain('httponly');
    expect(hintAttrs).toContain('samesite=strict');
    expect(hintAttrs).toContain('path=/');
    // The access token works as before.
    await request(server)
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
  });

  it('marks the cookie Secure when the request came over TLS (through the trusted proxy)', async () => {
    const owner = await signUp(ctx.app);
    const res = await consoleLogin(owner.user.email, 'https');
    expect(res.status).toBe(200);
    expect(refreshCookie(res).attributes.map((a) => a.toLowerCase())).toContain('secure');
  });

  it('sign-up sets the cookie too; X-Refresh-Token-Delivery: body returns it in the body instead', async () => {
    const signup = await request(server).post('/api/v1/auth/signup').send({
      organizationName: 'Cookie Ltd',
      fullName: 'Carla Cookie',
      email: uniqueEmail(),
      password: DEFAULT_PASSWORD,
    });
    expect(signup.status).toBe(201);
    expect(signup.body).toMatchObject({ accessToken: expect.any(String), user: { role: 'owner' } });
    expect(signup.body).not.toHaveProperty('refreshToken');
    expect(refreshCookie(signup).value).toBeTruthy();

    const body = await request(server)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', freshAddress())
      .set('X-Refresh-Token-Delivery', 'body')
      .send({ email: signup.body.user.email, password: DEFAULT_PASSWORD });
    expect(body.status).toBe(200);
    expect(body.body.refreshToken).toEqual(expect.any(String));
    expect(body.headers['set-cookie']).toBeUndefined();
  });

  it('rotates the cookie on refresh; the old cookie is then refused and the session revoked', async () => {
    const owner = await signUp(ctx.app);
    const first = refreshCookie(await consoleLogin(owner.user.email)).value;
    const res = await cookieRefresh(first);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer' });
    expect(res.body).not.toHaveProperty('refreshToken');
    const second = refreshCookie(res);
    expect(second.value).not.toBe(first);
    expect(second.attributes.map((a) => a.toLowerCase())).toContain('httponly');
    await request(server)
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);

    const reused = await cookieRefresh(first);
    expectProblem(reused, 401);
    // The refused cookie is cleared (expired at once) so the browser stops sending it.
    expect(refreshCookie(reused).attributes.join(';')).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(refreshCookie(reused, 'ctx_session').attributes.join(';')).toMatch(
      /Expires=Thu, 01 Jan 1970/,
    );
    // Reuse revokes the whole family: the successor is dead too.
    expectProblem(await cookieRefresh(second.value), 401);
  });

  it('refuses a cookie refresh without X-CSRF with 403 problem+json, and keeps the token', async () => {
    const owner = await signUp(ctx.app);
    const cookie = refreshCookie(await consoleLogin(owner.user.email)).value;
    expectProblem(await cookieRefresh(cookie, {}), 403, 'csrf');
    // The refused request did not use the token up.
    expect((await cookieRefresh(cookie)).status).toBe(200);
  });

  it('refuses a cookie refresh from another origin or site with 403 problem+json', async () => {
    const owner = await signUp(ctx.app);
    const cookie = refreshCookie(await consoleLogin(owner.user.email)).value;
    expectProblem(
      await cookieRefresh(cookie, { 'X-CSRF': '1', Origin: 'https://evil.example' }),
      403,
      'csrf',
    );
    expectProblem(
      await cookieRefresh(cookie, { 'X-CSRF': '1', 'Sec-Fetch-Site': 'cross-site' }),
      403,
      'csrf',
    );
    // The browser's own origin passes (Host as the client sent it).
    const sameOrigin = await request(server)
      .post('/api/v1/auth/refresh')
      .set('Cookie', `ctx_refresh=${cookie}`)
      .set('X-CSRF', '1')
      .set('Host', 'console.example:8443')
      .set('Origin', 'http://console.example:8443')
      .send({});
    expect(sameOrigin.status).toBe(200);
    // PUBLIC_URL's origin passes too, whatever Host a proxy forwarded (nginx drops ports).
    const viaPublicUrl = await request(server)
      .post('/api/v1/auth/refresh')
      .set('Cookie', `ctx_refresh=${refreshCookie(sameOrigin).value}`)
      .set('X-CSRF', '1')
      .set('Host', 'internal-name')
      .set('Origin', PUBLIC_ORIGIN)
      .send({});
    expect(viaPublicUrl.status).toBe(200);
  });

  it('answers 401 without a token in the body or a cookie', async () => {
    expectProblem(
      await request(server).post('/api/v1/auth/refresh').set('X-CSRF', '1').send({}),
      401,
    );
  });

  it('logout revokes the session and clears the cookie', async () => {
    const owner = await signUp(ctx.app);
    const login = await consoleLogin(owner.user.email);
    const cookie = refreshCookie(login).value;
    const out = await request(server)
      .post('/api/v1/auth/logout')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(204);
    const cleared = refreshCookie(out);
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toContain('Path=/api/v1/auth/refresh');
    expect(refreshCookie(out, 'ctx_session').attributes.join(';')).toMatch(
      /Expires=Thu, 01 Jan 1970/,
    );
    expectProblem(await cookieRefresh(cookie), 401);
  });

  it('sends a strict Content-Security-Policy on API answers', async () => {
    const res = await request(server).get('/api/v1/health');
    const policy = policyOf(res);
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'self'");
    expect(policy.get('form-action')).toBe("'self'");
    expect(policy.get('style-src')).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{16,}'$/);
    // Screenshots are shown through the console's own object URLs.
    expect(policy.get('img-src')).toBe("'self' data: blob:");
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
    for (const value of policy.values()) expect(value).not.toContain('unsafe-eval');
    expect(policy.get('script-src')).not.toContain('unsafe-inline');
    // A fresh nonce for every answer.
    const again = policyOf(await request(server).get('/api/v1/health'));
    expect(again.get('style-src')).not.toBe(policy.get('style-src'));
  });

  it('gives Swagger UI its own policy: inline styles, still no inline script', async () => {
    const res = await request(server).get('/api/docs').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
    const policy = policyOf(res);
    expect(policy.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    // Swagger UI's page has no inline script the policy would block.
    expect(res.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    expect(res.text).not.toMatch(/\son[a-z]+=/i);
  });
});
