import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  collectCspViolations,
  launch,
  screenshot,
  seriousViolations,
  recordFailedApiCalls,
} from './browser';
import { startServer, type RunningServer } from './server';

jest.setTimeout(180_000);

const OWNER = { email: 'owner@tokens.test', password: 'Correct-Horse-Battery-9' };

/**
 * API access from an empty installation: the owner creates a scoped token in the console, uses it,
 * creates the SCIM token and provisions a user with it, then revokes the first token.
 */
describe('API access in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let csp: string[] = [];
  const failures: string[] = [];
  let reportsToken = '';

  const call = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
    });

  async function shownToken(): Promise<string> {
    const value = page.getByTestId('api-token-value');
    await value.waitFor();
    return ((await value.textContent()) ?? '').trim();
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    const signup = await fetch(`${server.url}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ organizationName: 'Tokens Ltd', fullName: 'Olga Owner', ...OWNER }),
    });
    expect(signup.status).toBe(201);
    context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    csp = await collectCspViolations(context);
    recordFailedApiCalls(context, failures);
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('creates a scoped token that works once copied, and only for its scopes', async () => {
    await page.getByRole('link', { name: 'API access' }).click();
    await page.getByRole('heading', { level: 1, name: 'API access' }).waitFor();
    await page.getByText('No API tokens yet').waitFor();
    await page.getByTestId('api-token-name').fill('Reports bot');
    await page.getByRole('checkbox', { name: /reports:read/ }).check();
    await page.getByTestId('create-api-token').click();
    const token = await shownToken();
    expect(token).toMatch(/^ctx_pat_/);
    reportsToken = token;
    await page.getByRole('cell', { name: /Reports bot/ }).waitFor();
    await screenshot(page, 'api-access');
    expect(await seriousViolations(page)).toEqual([]);

    const summary = await call(`/api/v1/reports/summary?from=2026-01-01&to=2026-01-01`, token);
    expect(summary.status).toBe(200);
    const employees = await call('/api/v1/employees', token);
    expect(employees.status).toBe(403);
    expect(((await employees.json()) as { missingScopes: string[] }).missingScopes).toEqual([
      'employees:read',
    ]);

    await page.reload();
    await page.getByRole('cell', { name: /Reports bot/ }).waitFor();
    await page.getByText('Not used yet').waitFor({ state: 'detached' });
  });

  it('gives IT the SCIM base URL and a SCIM token that provisions users', async () => {
    const base = ((await page.getByTestId('scim-base-url').textContent()) ?? '').trim();
    expect(base).toBe(`${server.url}/scim/v2`);
    await page.getByTestId('create-scim-token').click();
    await page.getByText(/Token “SCIM provisioning” created/).waitFor();
    const token = await shownToken();
    expect(token).toMatch(/^ctx_svc_/);
    const created = await call('/scim/v2/Users', token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'ivy@tokens.test',
        name: { givenName: 'Ivy', familyName: 'Idp' },
      }),
    });
    expect(created.status).toBe(201);
    const people = await fetch(`${server.url}${base.slice(server.url.length)}/Users`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await people.json()) as { totalResults: number }).totalResults).toBe(2);
  });

  it('revokes a token: it stops working at once', async () => {
    const row = page.getByRole('row', { name: /Reports bot/ });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Revoked').waitFor();
    const after = await call('/api/v1/reports/summary?from=2026-01-01&to=2026-01-01', reportsToken);
    expect(after.status).toBe(401);
  });

  it('answered no request with 404 or 5xx, and broke no content security policy', () => {
    expect(failures).toEqual([]);
    expect(csp).toEqual([]);
  });
});
