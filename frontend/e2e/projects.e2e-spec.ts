import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, screenshot, settled } from './browser';
import { submitDialog } from './dialogs';
import { startServer, type RunningServer } from './server';

jest.setTimeout(180_000);

const PASSWORD = 'Correct-Horse-Battery-9';
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/**
 * The owner creates a project and a window-title allocation rule in the console; the employee's
 * tracked time (sent as an agent would) shows up as the project's hours in the project report.
 */
describe('projects in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token = '';
  const failures: string[] = [];

  const call = async (
    path: string,
    body: unknown,
    bearer = token,
  ): Promise<Record<string, unknown>> => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  };

  async function choose(combobox: string, option: string | RegExp): Promise<void> {
    await page.getByRole('dialog').getByRole('combobox', { name: combobox }).click();
    await page.getByRole('option', { name: option }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    context.on('response', (response) => {
      const url = new URL(response.url());
      if (!url.pathname.startsWith('/api/')) return;
      const open =
        url.pathname === '/api/v1/privacy/organization-closure' && response.status() === 404;
      if ((response.status() === 404 || response.status() >= 500) && !open)
        failures.push(`${response.status()} ${response.request().method()} ${url.pathname}`);
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('signs up and records an employee’s tracked time', async () => {
    await page.goto('/setup');
    await page.getByLabel('Organization name').fill('Acme Ltd');
    await page.getByLabel('Your full name').fill('Olga Owner');
    await page.getByLabel('Email').fill('owner@acme.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/dashboard/);
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Refresh-Token-Delivery': 'body' },
      body: JSON.stringify({ email: 'owner@acme.test', password: PASSWORD }),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
    await call('/employees', { fullName: 'Eve Employee', email: 'eve@acme.test', timeZone: 'UTC' });
    const enrollment = await call('/agent/enrollment-tokens', {});
    const device = await call(
      '/agent/enroll',
      {
        enrollmentToken: enrollment['token'],
        employeeEmail: 'eve@acme.test',
        hostname: 'ws-1',
        os: 'Linux',
        agentVersion: '1.0.0',
      },
      '',
    );
    const events = await call(
      '/agent/events',
      {
        events: [
          {
            id: randomUUID(),
            kind: 'active',
            start: `${yesterday}T09:00:00Z`,
            end: `${yesterday}T11:00:00Z`,
            app: 'Firefox',
            url: 'https://acme.atlassian.net/browse/WEB-12',
            title: 'WEB-12 Checkout page',
          },
          {
            id: randomUUID(),
            kind: 'active',
            start: `${yesterday}T11:00:00Z`,
            end: `${yesterday}T12:00:00Z`,
            app: 'Slack',
            title: 'general',
          },
        ],
      },
      device['deviceToken'] as string,
    );
    expect(events['accepted']).toBe(2);
  });

  it('creates a project and a title rule; the report shows the allocated hours', async () => {
    await page.goto('/projects');
    await settled(page);
    await screenshot(page, 'projects-empty');
    expect(await page.getByTestId('empty').textContent()).toContain('Create the first project');
    await page.getByTestId('add-project').click();
    await page.getByRole('dialog').getByLabel('Name').fill('Web shop');
    await page.getByRole('dialog').getByLabel('Hourly rate').fill('80');
    await submitDialog(page, 'Create');
    await page
      .getByTestId('project-table')
      .getByRole('row', { name: /Web shop/ })
      .waitFor();

    await page.getByTestId('to-rules').click();
    await page.waitForURL(/\/projects\/rules/);
    await settled(page);
    await page.getByTestId('add-rule').click();
    await page.getByRole('dialog').getByLabel('Pattern').fill('WEB-*');
    await choose('Project', 'Web shop');
    await submitDialog(page, 'Create');
    await page
      .getByTestId('rule-table')
      .getByRole('row', { name: /WEB-\*/ })
      .waitFor();

    await page.goto('/projects/report');
    await settled(page);
    const totals = page.getByTestId('report-totals');
    await totals.waitFor();
    expect(await totals.textContent()).toContain(
      'Total 3 h, unallocated 1 h, billable amount 160 EUR',
    );
    const row = page.getByTestId('report-table').getByRole('row', { name: /Web shop/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('2 h');
    await screenshot(page, 'projects-report');
    expect(failures).toEqual([]);
  });
});
