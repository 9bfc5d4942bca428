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

jest.setTimeout(420_000);

const PASSWORD = 'Correct-Horse-Battery-9';
// The console loads the default demo (50 people, 30 days) as a job; on a busy machine that takes
// a while, and so does removing it person by person.
const JOB_MS = 300_000;

interface DemoStatus {
  state: string;
  canLoad: boolean;
  counts: { teams: number; employees: number; rules: number };
}

/**
 * Demo data from an empty embedded installation (where the console offers it without
 * ALLOW_DEMO_DATA): the owner signs up, loads the demo from the empty dashboard, sees it marked
 * and filled (dashboard figures, report rows, a person's day with its top apps), removes it in one
 * action, and the console is empty again.
 */
describe('demo data in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token = '';
  let csp: string[] = [];
  const failures: string[] = [];

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${path} → ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  };

  beforeAll(async () => {
    // No DATABASE_URL: embedded mode, where the demo is offered by default.
    server = await startServer();
    browser = await launch();
    context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    csp = await collectCspViolations(context);
    recordFailedApiCalls(context, failures);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('offers the demo on the empty dashboard of a new organization', async () => {
    await page.goto('/');
    await page.waitForURL(/\/sign-in/);
    await page.getByRole('link', { name: 'Create the organization' }).click();
    await page.getByLabel('Organization name').fill('Acme Ltd');
    await page.getByLabel('Your full name').fill('Olga Owner');
    await page.getByLabel('Email').fill('owner@acme.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/dashboard/);
    // The console keeps its token in memory: the test signs in on its own for its API checks.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Refresh-Token-Delivery': 'body' },
      body: JSON.stringify({ email: 'owner@acme.test', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { accessToken: string }).accessToken;

    const offer = page.getByTestId('demo-offer');
    await offer.getByText('Nothing to show yet').waitFor();
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    expect(await api<DemoStatus>('/demo')).toMatchObject({ state: 'none', canLoad: true });
    await settled(page);
    await screenshot(page, 'demo-offer');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('loads the demo: the banner marks it and the dashboard fills', async () => {
    await page.getByTestId('demo-load').click();
    const banner = page.getByTestId('demo-banner');
    await banner
      .getByText('Demo data — these people and figures are generated.')
      .waitFor({ timeout: JOB_MS });
    await page.getByTestId('demo-offer').waitFor({ state: 'detached' });
    const status = await api<DemoStatus>('/demo');
    expect(status).toMatchObject({ state: 'loaded', canLoad: false });
    expect(status.counts.employees).toBe(50);

    // The demo's weekdays end today: last week has activity whatever day this runs.
    await page.getByTestId('range-preset').click();
    await page.getByRole('option', { name: 'Last week' }).click();
    await settled(page);
    const active = page.getByTestId('dashboard-active');
    await expectText(active, (text) => /\d/.test(text) && !/^0\s*m$/.test(text.trim()));
    await screenshot(page, 'demo-dashboard');
  });

  it('lists the demo people in reports and opens a person’s day', async () => {
    // A day with activity, and someone who worked on it (the demo skips weekends and some days).
    const trend = await api<{ days: { day: string; activeSeconds: number }[] }>(
      `/reports/trend?from=${daysAgo(13)}&to=${daysAgo(0)}`,
    );
    const day = trend.days.filter((d) => d.activeSeconds > 0).at(-2)?.day;
    expect(day).toBeDefined();
    const summary = await api<{ rows: { fullName: string; activeSeconds: number }[] }>(
      `/reports/summary?from=${day}&to=${day}`,
    );
    const person = summary.rows.find((r) => r.activeSeconds > 0);
    expect(person).toBeDefined();

    await page.goto(`/reports?from=${day}&to=${day}`);
    await settled(page);
    const table = page.getByTestId('summary-table');
    await table.getByRole('link', { name: person!.fullName, exact: true }).waitFor();
    expect(await table.locator('tr[data-employee]').count()).toBeGreaterThan(1);
    await table.getByRole('link', { name: person!.fullName, exact: true }).click();
    await page.waitForURL(/\/reports\/timeline\//);
    await settled(page);
    await page.getByRole('heading', { name: person!.fullName }).waitFor();
    await expectText(page.getByTestId('day-active'), (text) => text !== '0:00:00');
    expect(await page.getByTestId('span-table').locator('tr[mat-row]').count()).toBeGreaterThan(0);
    // The person's own top apps of that day.
    const usage = page.getByTestId('day-usage');
    expect(await usage.locator('li').count()).toBeGreaterThan(0);
    await usage.scrollIntoViewIfNeeded();
    await screenshot(page, 'demo-person-day');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('removes the demo in one action and leaves the console empty', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('demo-remove').click();
    await page.getByTestId('demo-banner').waitFor({ state: 'detached', timeout: JOB_MS });
    expect(await api<DemoStatus>('/demo')).toMatchObject({
      state: 'none',
      canLoad: true,
      counts: { teams: 0, employees: 0, rules: 0 },
    });
    expect(await api<{ total: number }>('/employees?pageSize=1')).toMatchObject({ total: 0 });

    await page.goto('/dashboard');
    await page.getByTestId('demo-offer').getByText('Nothing to show yet').waitFor();
    await page.goto(`/reports?from=${daysAgo(29)}&to=${daysAgo(0)}`);
    await settled(page);
    await page.getByText('No activity in this period.').waitFor();
    expect(await page.getByTestId('summary-table').count()).toBe(0);
    await screenshot(page, 'demo-removed');
  });

  it('no request answered 404 or 500, and no CSP violation', () => {
    expect(failures).toEqual([]);
    expect(csp).toEqual([]);
  });
});

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Waits until the element's text passes `ok` (figures arrive after the page). */
async function expectText(
  locator: ReturnType<Page['getByTestId']>,
  ok: (text: string) => boolean,
): Promise<void> {
  let text = '';
  for (let i = 0; i < 100; i++) {
    text = ((await locator.textContent()) ?? '').trim();
    if (ok(text)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`unexpected text: "${text}"`);
}
