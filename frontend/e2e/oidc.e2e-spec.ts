import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, settled } from './browser';
import { startServer, type RunningServer } from './server';

jest.setTimeout(180_000);

const BACKEND_DIR = resolve(process.env['E2E_BACKEND_DIR'] ?? join(__dirname, '../../backend'));
const OWNER = { email: 'owner@oidc.test', password: 'Correct-Horse-Battery-9' };
const CLIENT = { clientId: 'calltimex-e2e', clientSecret: 'e2e-client-secret-0123456789abcdef' };

/** The test OpenID provider (oidc-provider) as a child process; resolves with its issuer. */
function startIdp(config: object): Promise<{ issuer: string; stop: () => void }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(__dirname, 'oidc-idp.mjs'), BACKEND_DIR, JSON.stringify(config)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((done, fail) => {
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (line)
        done({ issuer: (JSON.parse(line) as { issuer: string }).issuer, stop: () => child.kill() });
    });
    child.once('exit', () => fail(new Error(`the test IdP exited:\n${output}`)));
  });
}

describe('signing in with OpenID Connect in Chromium', () => {
  let server: RunningServer;
  let idp: { issuer: string; stop: () => void };
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const failures: string[] = [];

  beforeAll(async () => {
    server = await startServer((url) => ({ PUBLIC_URL: url, OIDC_ALLOW_HTTP: 'true' }));
    const signup = await fetch(`${server.url}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-refresh-token-delivery': 'body' },
      body: JSON.stringify({ organizationName: 'Oidc Ltd', fullName: 'Olive Owner', ...OWNER }),
    });
    expect(signup.status).toBe(201);
    const owner = (await signup.json()) as { accessToken: string; organization: { id: string } };
    idp = await startIdp({
      ...CLIENT,
      redirectUris: [`${server.url}/api/v1/auth/oidc/${owner.organization.id}/callback`],
      postLogoutRedirectUris: [`${server.url}/sign-in`],
      accounts: [
        {
          sub: 'ada',
          email: 'ada@corp.example',
          givenName: 'Ada',
          familyName: 'Admin',
          groups: ['ctx-admins'],
          amr: ['pwd', 'otp'],
        },
      ],
    });
    const saved = await fetch(`${server.url}/api/v1/sso/oidc`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.accessToken}` },
      body: JSON.stringify({
        displayName: 'Corp IdP',
        issuer: idp.issuer,
        ...CLIENT,
        scopes: 'openid email profile groups',
        roleClaim: 'groups',
        roleMap: [{ value: 'ctx-admins', role: 'admin' }],
        jit: true,
      }),
    });
    expect(saved.status).toBe(200);
    browser = await launch();
    context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    page = await context.newPage();
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin !== server.url) return;
      if (response.status() === 404 || response.status() >= 500) {
        failures.push(`${response.status()} ${response.request().method()} ${url.pathname}`);
      }
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    idp?.stop();
    await server?.stop();
  });

  it('offers the provider on the sign-in page and signs a new admin in through it', async () => {
    await page.goto('/sign-in');
    const button = page.getByTestId('sso-sign-in');
    await button.waitFor();
    expect(await button.textContent()).toContain('Sign in with Corp IdP');
    await button.click();
    await page.waitForURL((u) => u.origin === idp.issuer);
    await page.fill('#login', 'ada');
    await page.click('#idp-submit');
    await page.waitForURL((u) => u.origin === server.url && !u.pathname.startsWith('/sign-in'));
    await settled(page);
    // The console restored the session from the refresh cookie the callback set.
    const me = await page.evaluate(async () => {
      const refresh = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf': '1' },
        body: '{}',
      });
      const { accessToken } = (await refresh.json()) as { accessToken: string };
      const res = await fetch('/api/v1/me', {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      return (await res.json()) as { email: string; role: string };
    });
    expect(me).toMatchObject({ email: 'ada@corp.example', role: 'admin' });
    await page.getByRole('link', { name: 'Single sign-on' }).click();
    await page.getByTestId('sso-test').click();
    await page.getByTestId('sso-discovery').waitFor();
    expect(await page.getByTestId('sso-discovery').textContent()).toContain(idp.issuer);
    expect(failures).toEqual([]);
  });
});
