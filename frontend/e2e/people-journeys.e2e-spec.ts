import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  collectCspViolations,
  launch,
  recordFailedApiCalls,
  screenshot,
  seriousViolations,
  settled,
} from './browser';
import { startServer, type RunningServer } from './server';

jest.setTimeout(240_000);

const PASSWORD = 'Correct-Horse-Battery-9';

/**
 * The manager's and the employee's journeys from an empty installation. The owner's part (people,
 * devices, invitations) goes through the API, as HR's own journey is tested elsewhere; what the
 * manager and the employee do is done in Chromium:
 * - the manager accepts the invitation and is signed in by it, is told what to ask HR for while
 *   they manage no team, then sees their team on the dashboard and opens a day of one of their
 *   people (and not of someone else's team);
 * - the employee accepts theirs, sees their own day, week and apps, who viewed their data (the
 *   manager, a moment ago), files an access request and downloads the ZIP; then the same page in
 *   Russian and Ukrainian.
 */
describe('the manager’s and the employee’s journeys', () => {
  let server: RunningServer;
  let browser: Browser;
  const failures: string[] = [];
  const csp: string[][] = [];
  let ownerToken = '';
  let supportId = '';
  const invitations: Record<'manager' | 'employee', string> = { manager: '', employee: '' };
  let managerUserId = '';

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(ownerToken ? { Authorization: `Bearer ${ownerToken}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };

  async function newContext(locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1280, height: 900 },
      locale,
      timezoneId: 'UTC',
      acceptDownloads: true,
    });
    // Filled as violations happen: kept by reference and read at the end.
    csp.push(await collectCspViolations(context));
    recordFailedApiCalls(context, failures);
    return { context, page: await context.newPage() };
  }

  async function accept(page: Page, token: string): Promise<void> {
    await page.goto(`/accept-invitation?token=${encodeURIComponent(token)}`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set password and join' }).click();
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    const signup = await api<{ accessToken: string }>('POST', '/auth/signup', {
      organizationName: 'Acme Ltd',
      fullName: 'Olga Owner',
      email: 'owner@acme.test',
      password: PASSWORD,
    });
    ownerToken = signup.accessToken;
    supportId = (await api<{ id: string }>('POST', '/teams', { name: 'Support' })).id;
    const sales = await api<{ id: string }>('POST', '/teams', { name: 'Sales' });
    await api('POST', '/employees', {
      fullName: 'Ann Agent',
      email: 'ann@acme.test',
      teamId: supportId,
    });
    await api('POST', '/employees', {
      fullName: 'Bob Seller',
      email: 'bob@acme.test',
      teamId: sales.id,
    });

    // Ann's and Bob's computers report the last half hour (a span in progress, as agents send).
    const { token } = await api<{ token: string }>('POST', '/agent/enrollment-tokens', {});
    const now = Date.now();
    for (const [email, app] of [
      ['ann@acme.test', 'Zendesk'],
      ['bob@acme.test', 'Salesforce'],
    ] as const) {
      const enrolled = await api<{ deviceToken: string }>('POST', '/agent/enroll', {
        enrollmentToken: token,
        employeeEmail: email,
        hostname: `${email.split('@')[0]}-pc`,
        os: 'Linux',
        agentVersion: '0.1.0',
      });
      const res = await fetch(`${server.url}/api/v1/agent/events`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${enrolled.deviceToken}`,
        },
        body: JSON.stringify({
          events: [
            {
              id: randomUUID(),
              kind: 'active',
              start: new Date(now - 30 * 60_000).toISOString(),
              end: new Date(now - 60_000).toISOString(),
              app,
              title: `${app} — queue`,
            },
          ],
        }),
      });
      expect(res.status).toBe(200);
    }

    for (const role of ['manager', 'employee'] as const) {
      const invited = await api<{ token: string }>('POST', '/invitations', {
        email: role === 'manager' ? 'max@acme.test' : 'ann@acme.test',
        role,
        firstName: role === 'manager' ? 'Max' : 'Ann',
        lastName: role === 'manager' ? 'Manager' : 'Agent',
      });
      invitations[role] = invited.token;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  describe('manager', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => ({ context, page } = await newContext()));
    afterAll(async () => context.close());

    it('accepts the invitation, is signed in by it, and is told what to ask HR for', async () => {
      await accept(page, invitations.manager);
      await page.waitForURL(/\/dashboard/);
      await page.getByText('You do not manage a team yet').waitFor();
      expect(await page.getByText('People & teams → Teams → Managers').count()).toBe(1);
      managerUserId = (
        await api<{ items: { id: string; email: string }[] }>('GET', '/users?pageSize=100')
      ).items.find((u) => u.email === 'max@acme.test')!.id;
    });

    it('sees their team once HR makes them its manager, and opens a day of one of their people', async () => {
      await api('PUT', `/teams/${supportId}/managers`, { userIds: [managerUserId] });
      await page.reload();
      await settled(page);
      const ann = page.getByRole('link', { name: 'Ann Agent' });
      await ann.waitFor();
      // Bob is in Sales, not one of Max's teams.
      expect(await page.getByRole('link', { name: 'Bob Seller' }).count()).toBe(0);
      await ann.click();
      await page.waitForURL(/\/reports\/timeline\//);
      await settled(page);
      await page.getByText('Zendesk').first().waitFor();
      await screenshot(page, 'manager-day-of-ann');
      expect(await seriousViolations(page)).toEqual([]);
    });
  });

  describe('employee', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => ({ context, page } = await newContext()));
    afterAll(async () => context.close());

    it('accepts the invitation and lands on their own day, week and apps', async () => {
      await accept(page, invitations.employee);
      // An employee reads no one else's data: their start page is their own.
      await page.waitForURL(/\/me/);
      await settled(page);
      await page.getByRole('heading', { name: 'My data' }).waitFor();
      const week = page.getByTestId('my-week');
      await week.getByText('Zendesk').first().waitFor();
      expect(await page.getByText('not linked to a tracked employee').count()).toBe(0);
    });

    it('sees that the manager viewed their day', async () => {
      const viewed = page.locator('mat-card', { hasText: 'Who viewed my data' });
      await viewed.getByText('Max Manager').first().waitFor();
      expect(await viewed.textContent()).toContain('timeline');
    });

    it('files an access request and downloads the ZIP', async () => {
      await page.getByRole('button', { name: 'Request a copy' }).click();
      const requests = page.locator('mat-card', { hasText: 'My requests' });
      let download = requests.getByTestId('download-my-data');
      for (let i = 0; i < 60 && (await download.count()) === 0; i++) {
        await new Promise((r) => setTimeout(r, 500));
        await page.reload();
        await settled(page);
        download = page
          .locator('mat-card', { hasText: 'My requests' })
          .getByTestId('download-my-data');
      }
      const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
      expect(file.suggestedFilename()).toMatch(/^my-data-.+\.zip$/);
      const bytes = readFileSync(await file.path());
      // A ZIP starts with the local file header signature.
      expect(bytes.subarray(0, 4).toString('hex')).toBe('504b0304');
      await screenshot(page, 'employee-my-data');
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('reads the same page in Russian and in Ukrainian', async () => {
      const texts = {
        ru: { heading: 'Мои данные', week: 'Моя неделя', requests: 'Мои запросы' },
        uk: { heading: 'Мої дані', week: 'Мій тиждень', requests: 'Мої запити' },
      } as const;
      for (const lang of ['ru', 'uk'] as const) {
        await page.getByTestId('language-menu').click();
        await page.getByTestId(`lang-${lang}`).click();
        await page.getByRole('heading', { name: texts[lang].heading }).waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        await page.getByText(texts[lang].week).first().waitFor();
        await page.getByText(texts[lang].requests).first().waitFor();
        await page.getByTestId('my-week').getByText('Zendesk').first().waitFor();
        await settled(page);
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, `employee-my-data-${lang}`);
      }
    });
  });

  it('no request answered 404 or 500, and no CSP violation', () => {
    expect(failures).toEqual([]);
    expect(csp.flat()).toEqual([]);
  });
});
