import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, screenshot, settled, recordFailedApiCalls } from './browser';
import { submitDialog as submitOpenDialog } from './dialogs';
import { startServer, type RunningServer } from './server';

jest.setTimeout(180_000);

const PASSWORD = 'Correct-Horse-Battery-9';
const DAY_MS = 86_400_000;
const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
// The month before the current one (UTC), e.g. "2026-11", and how the console names it.
const now = new Date();
const lastMonthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
const lastMonth = lastMonthStart.toISOString().slice(0, 7);
const lastMonthName = lastMonthStart.toLocaleString('en-US', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * The projects journey from an empty installation: the owner (HR) creates a client, a project and
 * a window-title allocation rule in the console; the employee's tracked time (sent as an agent
 * would) shows up as the project's hours in the project report and on the employee's own
 * "My day by project" page, where she allocates the rest; HR then locks last month.
 */
describe('projects in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token = '';
  const contexts: BrowserContext[] = [];
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

  /** A browser context that records every API answer of 404 or 5xx. */
  async function newContext(): Promise<BrowserContext> {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    recordFailedApiCalls(context, failures);
    contexts.push(context);
    return context;
  }

  /** Submits the open dialog and waits until it is gone (see dialogs.ts); a screenshot if not. */
  async function submitDialog(on: Page, button: string | RegExp): Promise<void> {
    try {
      await submitOpenDialog(on, button);
    } catch (error) {
      await screenshot(on, 'projects-failed-dialog');
      throw error;
    }
  }

  /** Picks an option of a mat-select of the open dialog and waits until its panel has closed. */
  async function choose(on: Page, combobox: string | RegExp, option: string | RegExp) {
    await on.getByRole('dialog').getByRole('combobox', { name: combobox }).click();
    await on.getByRole('option', { name: option }).click();
    await on.getByRole('listbox').waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    page = await (await newContext()).newPage();
    // The console asks before locking a period (window.confirm).
    page.on('dialog', (d) => void d.accept());
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
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

  it('creates a client, a project and a title rule; the report shows the allocated hours', async () => {
    await page.goto('/projects');
    await settled(page);
    await screenshot(page, 'projects-empty');
    expect(await page.getByTestId('empty').textContent()).toContain('Create the first project');

    await page.getByTestId('add-client').click();
    await page.getByRole('dialog').getByLabel('Client name').fill('Globex');
    await submitDialog(page, 'Create');
    await page.locator('mat-chip', { hasText: 'Globex' }).waitFor();

    await page.getByTestId('add-project').click();
    await page.getByRole('dialog').getByLabel('Name').fill('Web shop');
    await choose(page, 'Client', 'Globex');
    await page.getByRole('dialog').getByLabel('Hourly rate').fill('80');
    await submitDialog(page, 'Create');
    const projectRow = page.getByTestId('project-table').getByRole('row', { name: /Web shop/ });
    await projectRow.waitFor();
    expect(await projectRow.textContent()).toContain('Globex');

    await page.getByTestId('to-rules').click();
    await page.waitForURL(/\/projects\/rules/);
    await settled(page);
    await page.getByTestId('add-rule').click();
    await page.getByRole('dialog').getByLabel('Pattern').fill('WEB-*');
    await choose(page, 'Project', 'Web shop');
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
  });

  it('shows the employee her day by project, and lets her allocate the rest', async () => {
    // HR gives Eve a login linked to her employee record (People › Console users).
    await page.goto('/people');
    await page.getByRole('tab', { name: 'Console users' }).click();
    await page.getByTestId('invite').click();
    await page.getByRole('dialog').getByLabel('Email').fill('eve@acme.test');
    await choose(page, 'Role', 'Employee');
    await choose(page, 'Their own employee record', /Eve Employee/);
    await submitDialog(page, 'Send invitation');
    const link = (await page.locator('.notice pre.code').textContent())?.trim() ?? '';
    const inviteToken = new URL(link).searchParams.get('token');
    expect(inviteToken).toBeTruthy();

    const eve = await (await newContext()).newPage();
    await eve.goto(`/accept-invitation?token=${encodeURIComponent(inviteToken!)}`);
    await eve.getByLabel('Password').fill(PASSWORD);
    await eve.getByRole('button', { name: 'Set password and join' }).click();
    // The invitation signs her in; she signs in again from a signed-out browser.
    await eve.waitForURL((url) => !url.pathname.startsWith('/accept-invitation'));
    await eve.context().clearCookies();
    await eve.goto('/sign-in');
    await eve.getByLabel('Email').fill('eve@acme.test');
    await eve.getByLabel('Password').fill(PASSWORD);
    await eve.getByRole('button', { name: 'Sign in', exact: true }).click();
    await eve.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    await eve.goto('/projects/my-day');
    await settled(eve);
    await eve.getByTestId('my-day').fill(yesterday);
    const totals = eve.getByTestId('day-totals');
    await expectText(totals, 'Tracked 3 h, of which 1 h not allocated to a project.');
    await screenshot(eve, 'projects-my-day');

    await eve.getByRole('checkbox', { name: /11:00/ }).check();
    await eve.getByTestId('allocate-project').click();
    await eve.getByRole('option', { name: 'Web shop' }).click();
    await eve.getByRole('listbox').waitFor({ state: 'detached' });
    await eve.getByTestId('allocate').click();
    await eve.getByTestId('all-allocated').waitFor();
    await expectText(totals, 'Tracked 3 h, of which 0 h not allocated to a project.');

    // HR's report now counts all three hours for the project.
    await page.goto('/projects/report');
    await settled(page);
    await expectText(
      page.getByTestId('report-totals'),
      'Total 3 h, unallocated 0 h, billable amount 240 EUR',
    );
  });

  it('lets HR lock last month on the Locked periods page', async () => {
    await page.goto(`/periods?year=${lastMonth.slice(0, 4)}`);
    await settled(page);
    const table = page.getByTestId('periods-table');
    await table.getByRole('button', { name: `Lock ${lastMonthName}`, exact: true }).click();
    const row = table.getByRole('row', { name: new RegExp(lastMonthName) });
    await row.locator('[data-state="locked"]').waitFor();
    expect(await row.textContent()).toContain('Locked');
    await screenshot(page, 'projects-period-locked');
  });

  it('answered no request with 404 or 5xx', () => {
    expect(failures).toEqual([]);
  });
});

/** Waits until the element's text contains `text` (pages reload their data after an action). */
async function expectText(
  locator: ReturnType<Page['getByTestId']>,
  text: string,
  timeout = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.textContent().catch(() => '')) ?? '';
    if (last.includes(text)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(last).toContain(text);
}
