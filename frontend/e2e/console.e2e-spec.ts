import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectCspViolations, launch, screenshot, seriousViolations, settled } from './browser';
import { submitDialog as submitDialog_ } from './dialogs';
import { startServer, type RunningServer } from './server';

jest.setTimeout(180_000);

interface SummaryRow {
  employeeId: string;
  fullName: string;
  activeSeconds: number;
  idleSeconds: number;
  productiveSeconds: number;
  neutralSeconds: number;
  unproductiveSeconds: number;
}

const COLUMNS = [
  'activeSeconds',
  'idleSeconds',
  'productiveSeconds',
  'neutralSeconds',
  'unproductiveSeconds',
] as const;

const DAY_MS = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
const at = (time: string) => `${yesterday}T${time}:00Z`;

function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

describe('console against the real embedded server', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let paths: Set<string>;
  let cspViolations: string[] = [];
  let token = '';
  let enrollmentToken = '';
  // What the page did lately, shown when a step fails.
  const pageLog: string[] = [];
  const employees: Record<string, string> = {};

  const apiGet = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  const has = (path: string) => paths.has(`/api/v1${path}`);

  const submitDialog = (button: string) =>
    submitDialog_(
      page,
      button,
      () => `page:\n${pageLog.slice(-30).join('\n')}\nserver log:\n${server.logs().slice(-4000)}`,
    );

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    cspViolations = await collectCspViolations(context);
    page = await context.newPage();
    const note = (line: string) =>
      pageLog.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    page.on('request', (r) => note(`-> ${r.method()} ${r.url()}`));
    page.on('response', (r) => note(`<- ${r.status()} ${r.url()}`));
    page.on('console', (m) => note(`console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => note(`pageerror: ${e.message}`));
    const doc = (await (await fetch(`${server.url}/api/docs-json`)).json()) as {
      paths: Record<string, unknown>;
    };
    paths = new Set(Object.keys(doc.paths));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('serves the console at / and keeps the API answering beside it', async () => {
    const html = await fetch(`${server.url}/reports`, { headers: { Accept: 'text/html' } });
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<ctx-root ');
    const root = await fetch(server.url, { headers: { Accept: '*/*' } });
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<ctx-root ');
    const unknown = await fetch(`${server.url}/no-such-page`, { headers: { Accept: '*/*' } });
    expect(unknown.status).toBe(404);
    const health = await fetch(`${server.url}/api/v1/health`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const missing = await fetch(`${server.url}/api/v1/no-such-route`, {
      headers: { Accept: 'text/html' },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('problem+json');
  });

  it('signs up the organization on first run', async () => {
    await page.goto('/');
    await page.waitForURL(/\/sign-in/);
    await screenshot(page, 'en-sign-in');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Create the organization' }).click();
    await page.getByLabel('Organization name').fill('Acme Ltd');
    await page.getByLabel('Your full name').fill('Olga Owner');
    await page.getByLabel('Email').fill('owner@acme.test');
    await page.getByLabel('Password').fill('Correct-Horse-Battery-9');
    await screenshot(page, 'en-setup');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/dashboard/);
    // The console keeps its access token in memory only, and the browser may drop the sign-up
    // answer's body once the page moves on: the test signs in on its own, as an API client does.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Refresh-Token-Delivery': 'body' },
      body: JSON.stringify({ email: 'owner@acme.test', password: 'Correct-Horse-Battery-9' }),
    });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { accessToken: string }).accessToken;
    expect(token).toBeTruthy();
  });

  it('creates a team and employees', async () => {
    await page.goto('/people');
    await page.getByRole('tab', { name: 'Teams' }).click();
    await page.getByRole('button', { name: 'Add team' }).click();
    await page.getByRole('dialog').getByLabel('Team name').fill('Support');
    await submitDialog('Create');
    await page.getByRole('cell', { name: 'Support', exact: true }).waitFor();

    await page.getByRole('tab', { name: 'Employees' }).click();
    for (const [name, email] of [
      ['Ada Lovelace', 'ada@acme.test'],
      ['Bob Builder', 'bob@acme.test'],
    ] as const) {
      await page.getByRole('button', { name: 'Add employee' }).click();
      const dialog = page.getByRole('dialog');
      // The time zone is left as proposed (the browser's, UTC here): typing in it would open
      // Chromium's native suggestion list, which can eat the next click.
      expect(await dialog.getByLabel('Time zone').inputValue()).toBe('UTC');
      await dialog.getByLabel('Full name').fill(name);
      await dialog.getByLabel('Email').fill(email);
      await dialog.getByRole('combobox', { name: 'Team' }).click();
      await page.getByRole('option', { name: 'Support' }).click();
      // The select's panel closes with an animation; a click on Create before it is gone is lost
      // (the form is never submitted: no request, no error shown).
      await page.getByRole('listbox').waitFor({ state: 'detached' });
      await submitDialog('Create');
      await page.getByRole('cell', { name, exact: true }).waitFor();
    }
    const list = await apiGet<{ items: { id: string; email: string; teamId: string | null }[] }>(
      '/employees',
    );
    for (const e of list.items) employees[e.email] = e.id;
    expect(Object.keys(employees).sort()).toEqual(['ada@acme.test', 'bob@acme.test']);
    expect(list.items.every((e) => e.teamId)).toBe(true);
  });

  it('creates an enrollment token with install instructions', async () => {
    await page.goto('/devices');
    await page.getByRole('button', { name: 'New enrollment token' }).first().click();
    await submitDialog('Create');
    enrollmentToken = (await page.getByTestId('token-value').textContent())?.trim() ?? '';
    expect(enrollmentToken.length).toBeGreaterThan(10);
    await page.getByRole('tab', { name: 'Install the agent' }).click();
    // The Linux command carries the token and this server; no Windows installer is named until
    // IT puts one on the server.
    const linux = await page.getByTestId('install-linux').textContent();
    expect(linux).toContain(`--token ${enrollmentToken}`);
    expect(linux).toContain(`${server.url}/api/v1/agent/install.sh`);
    expect(await page.getByTestId('no-windows').count()).toBe(1);
  });

  it('takes events through the agent API', async () => {
    const enroll = async (email: string, hostname: string) => {
      const res = await fetch(`${server.url}/api/v1/agent/enroll`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          enrollmentToken,
          employeeEmail: email,
          hostname,
          os: 'Windows 11',
          agentVersion: '1.0.0',
        }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { deviceToken: string }).deviceToken;
    };
    const send = async (deviceToken: string, events: object[]) => {
      const res = await fetch(`${server.url}/api/v1/agent/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${deviceToken}` },
        body: JSON.stringify({ events }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { accepted: number; rejected: unknown[] };
      expect(body.rejected).toEqual([]);
      return body.accepted;
    };
    const ada = await enroll('ada@acme.test', 'ADA-PC');
    const bob = await enroll('bob@acme.test', 'BOB-PC');
    const now = Date.now();
    const midnight = Date.parse(`${today}T00:00:00Z`);
    expect(
      await send(ada, [
        {
          id: randomUUID(),
          kind: 'active',
          start: at('09:00'),
          end: at('10:00'),
          app: 'Code',
          title: 'main.ts',
        },
        {
          id: randomUUID(),
          kind: 'active',
          start: at('10:00'),
          end: at('10:30'),
          app: 'Chrome',
          url: 'https://github.com/acme/app',
        },
        {
          id: randomUUID(),
          kind: 'active',
          start: at('10:30'),
          end: at('11:00'),
          app: 'Chrome',
          url: 'https://www.youtube.com/watch?v=1',
        },
        { id: randomUUID(), kind: 'idle', start: at('11:00'), end: at('11:15') },
        // Ada is working right now, too (never reaching back into yesterday's figures).
        {
          id: randomUUID(),
          kind: 'active',
          start: new Date(Math.max(now - 20 * 60_000, midnight)).toISOString(),
          end: new Date(Math.max(now - 60_000, midnight + 1000)).toISOString(),
          app: 'Code',
        },
      ]),
    ).toBe(5);
    // Some of today, too, so the dashboard has a day to show (never before today's midnight).
    const from = Math.max(midnight, now - 3 * 3600_000);
    const to = now - 25 * 60_000;
    if (to - from > 15 * 60_000) {
      const third = Math.floor((to - from) / 3);
      const slot = (i: number) => ({
        start: new Date(from + i * third).toISOString(),
        end: new Date(from + (i + 1) * third).toISOString(),
      });
      await send(ada, [
        { id: randomUUID(), kind: 'active', ...slot(0), app: 'Code', title: 'report.ts' },
        {
          id: randomUUID(),
          kind: 'active',
          ...slot(1),
          app: 'Chrome',
          url: 'https://docs.google.com/d/1',
        },
        {
          id: randomUUID(),
          kind: 'active',
          ...slot(2),
          app: 'Chrome',
          url: 'https://news.ycombinator.com/',
        },
      ]);
      await send(bob, [
        { id: randomUUID(), kind: 'active', ...slot(0), app: 'Slack' },
        { id: randomUUID(), kind: 'active', ...slot(1), app: 'Excel', title: 'Q4.xlsx' },
        { id: randomUUID(), kind: 'idle', ...slot(2) },
      ]);
    }
    expect(
      await send(bob, [
        { id: randomUUID(), kind: 'active', start: at('09:00'), end: at('09:45'), app: 'Slack' },
      ]),
    ).toBe(1);
  });

  async function expectSummaryMatchesApi(): Promise<SummaryRow[]> {
    const api = await apiGet<{ rows: SummaryRow[] }>(
      `/reports/summary?from=${yesterday}&to=${yesterday}`,
    );
    await page.goto(`/reports?from=${yesterday}&to=${yesterday}`);
    await settled(page);
    const table = page.getByTestId('summary-table');
    for (const row of api.rows) {
      const tr = table.locator(`tr[data-employee="${row.employeeId}"]`);
      await tr.waitFor();
      for (const col of COLUMNS) {
        const cell = tr.locator(`td[data-col="${col}"]`);
        expect(await cell.getAttribute('data-seconds')).toBe(String(row[col]));
        expect((await cell.textContent())?.trim()).toBe(clock(row[col]));
      }
    }
    expect(await table.locator('tr[data-employee]').count()).toBe(api.rows.length);
    return api.rows;
  }

  it('shows the API’s numbers on the summary page, to the second', async () => {
    const rows = await expectSummaryMatchesApi();
    const ada = rows.find((r) => r.employeeId === employees['ada@acme.test'])!;
    expect(ada.activeSeconds).toBe(2 * 3600);
    expect(ada.idleSeconds).toBe(15 * 60);
    await screenshot(page, 'en-reports-summary');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('sorts the summary table', async () => {
    await page.getByRole('button', { name: 'Employee' }).click();
    const names = await page
      .getByTestId('summary-table')
      .locator('tbody tr td:first-child')
      .allTextContents();
    expect(names.map((n) => n.trim())).toEqual(['Ada Lovelace', 'Bob Builder']);
  });

  it('loads the calendar when a custom period is asked for, and reports that period', async () => {
    await page.goto(`/reports?from=${today}&to=${today}`);
    await settled(page);
    // Until then the period is a button: the datepicker is not part of the first screen.
    expect(await page.locator('mat-date-range-input').count()).toBe(0);
    await page.getByTestId('range-period').click();
    const calendar = page.locator('mat-calendar');
    await calendar.waitFor();
    const cell = (day: string) =>
      calendar.getByRole('button', {
        name: new Date(`${day}T12:00:00Z`).toLocaleDateString('en-US', {
          month: 'long',
          day: 'numeric',
          year: 'numeric',
          timeZone: 'UTC',
        }),
        exact: true,
      });
    const otherMonth = yesterday.slice(0, 7) !== today.slice(0, 7);
    if (otherMonth) await page.getByRole('button', { name: 'Previous month' }).click();
    await cell(yesterday).click();
    if (otherMonth) await page.getByRole('button', { name: 'Next month' }).click();
    const summary = page.waitForRequest(
      (r) => r.url().includes('/reports/summary') && r.url().includes(`from=${yesterday}`),
    );
    await cell(today).click();
    expect(new URL((await summary).url()).searchParams.get('to')).toBe(today);
    await page.waitForURL((url) => url.searchParams.get('from') === yesterday);
    expect(new URL(page.url()).searchParams.get('to')).toBe(today);
  });

  it('on a phone, the closed drawer builds its links when opened and they navigate', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto('/dashboard');
      await settled(page);
      // Not only hidden: not built (a desktop's open drawer has them at once).
      expect(await page.locator('mat-sidenav a').count()).toBe(0);
      await page.getByRole('button', { name: 'Open menu' }).click();
      const drawer = page.getByRole('navigation', { name: 'Main navigation' });
      await drawer.getByRole('link', { name: 'Reports' }).click();
      await page.waitForURL(/\/reports/);
      await settled(page);
      expect(await page.locator('mat-sidenav.mat-drawer-opened').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('on a phone, builds the dashboard’s lower half when it scrolls into view', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto('/dashboard');
      await settled(page);
      // Below a phone's first screen: a placeholder of the same height, nothing built behind it.
      const placeholder = page.locator('.below-fold');
      expect(await placeholder.count()).toBe(1);
      expect(await page.getByTestId('attendance-today').count()).toBe(0);
      expect(await page.getByText('Who is working').count()).toBe(0);
      await placeholder.scrollIntoViewIfNeeded();
      await page.getByTestId('attendance-today').waitFor();
      await page.getByText('Who is working').waitFor();
      expect(await placeholder.count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('shows one employee’s day timeline with the API’s numbers', async () => {
    const id = employees['ada@acme.test'];
    const api = await apiGet<{ activeSeconds: number; idleSeconds: number; spans: unknown[] }>(
      `/reports/timeline?employeeId=${id}&day=${yesterday}`,
    );
    await page.goto(`/reports/timeline/${id}?day=${yesterday}`);
    await settled(page);
    expect((await page.getByTestId('day-active').textContent())?.trim()).toBe(
      clock(api.activeSeconds),
    );
    expect((await page.getByTestId('day-idle').textContent())?.trim()).toBe(clock(api.idleSeconds));
    expect(await page.getByTestId('span-table').locator('tbody tr').count()).toBe(api.spans.length);
    await screenshot(page, 'en-reports-timeline');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('reclassifies past data when a rule is added', async () => {
    const before = await apiGet<{ rows: SummaryRow[] }>(
      `/reports/summary?from=${yesterday}&to=${yesterday}`,
    );
    await page.goto('/rules');
    await settled(page);
    await page.getByTestId('add-rule').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Applies to' }).click();
    await page.getByRole('option', { name: 'Site' }).click();
    await dialog.getByLabel('Name').fill('github.com');
    await dialog.getByRole('combobox', { name: 'Class' }).click();
    await page.getByRole('option', { name: 'Unproductive' }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await submitDialog('Create');
    await page.getByRole('cell', { name: 'github.com', exact: true }).waitFor();
    await screenshot(page, 'en-rules');

    const rows = await expectSummaryMatchesApi();
    const id = employees['ada@acme.test'];
    const was = before.rows.find((r) => r.employeeId === id)!;
    const now = rows.find((r) => r.employeeId === id)!;
    // Ada spent 30 minutes on github.com: that half hour moves to unproductive.
    expect(now.unproductiveSeconds - was.unproductiveSeconds).toBe(1800);
    expect(now.productiveSeconds + now.neutralSeconds + now.unproductiveSeconds).toBe(
      now.activeSeconds,
    );
  });

  it('exports a CSV with a live progress bar (or says the server has no exports)', async () => {
    await page.goto('/exports');
    await settled(page);
    if (!has('/exports')) {
      await page.getByTestId('unavailable').waitFor();
      return;
    }
    await page.getByTestId('new-export').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('From').fill(yesterday);
    await dialog.getByLabel('To').fill(today);
    await submitDialog('Start export');
    await page.locator('mat-progress-bar').first().waitFor();
    await page.getByTestId('download-export').first().waitFor({ timeout: 60_000 });
    const download = page.waitForEvent('download');
    await page.getByTestId('download-export').first().click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
  });

  it('completes a privacy access request (or says the server has none)', async () => {
    await page.goto('/privacy');
    await settled(page);
    if (!has('/privacy/requests')) {
      await page.getByTestId('unavailable').first().waitFor();
      return;
    }
    await page.getByTestId('new-privacy-request').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Employee' }).click();
    await page.getByRole('option', { name: /Bob Builder/ }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await submitDialog('File request');
    await page.getByTestId('privacy-table').waitFor();
    await page
      .getByTestId('privacy-status')
      .filter({ hasText: 'Completed' })
      .first()
      .waitFor({ timeout: 90_000 });
  });

  const PAGES = [
    ['dashboard', '/dashboard'],
    ['reports-summary', `/reports?from=${yesterday}&to=${today}`],
    ['reports-usage', `/reports?from=${yesterday}&to=${today}&tab=usage`],
    ['reports-timeline', () => `/reports/timeline/${employees['ada@acme.test']}?day=${yesterday}`],
    ['people', '/people'],
    ['devices', '/devices'],
    ['rules', '/rules'],
    ['exports', '/exports'],
    ['privacy', '/privacy'],
    ['billing', '/billing'],
    ['settings', '/settings'],
    ['audit', '/audit'],
    ['me', '/me'],
    ['policy', '/privacy/policy'],
  ] as const;

  async function tour(lang: string): Promise<void> {
    const problems: string[] = [];
    for (const [name, target] of PAGES) {
      await page.goto(typeof target === 'function' ? target() : target);
      await settled(page);
      await screenshot(page, `${lang}-${name}`);
      for (const v of await seriousViolations(page)) {
        problems.push(
          `${lang} ${name}: ${v.id} (${v.impact}) ${v.help} ${JSON.stringify(v.nodes)}`,
        );
      }
    }
    expect(problems).toEqual([]);
  }

  it('every page is accessible and gets a screenshot, in English', async () => {
    await tour('en');
    await page.goto('/dashboard');
    await settled(page);
    expect(await page.getByTestId('dashboard-active').textContent()).not.toBe('—');
  });

  it('switches to Russian at run time, with dates and numbers per locale', async () => {
    await page.goto(`/reports?from=${yesterday}&to=${yesterday}`);
    await settled(page);
    await page.getByTestId('language-menu').click();
    await page.getByTestId('lang-ru').click();
    await page.getByRole('heading', { name: 'Отчёты' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    await page.getByRole('link', { name: 'Сотрудники и команды' }).waitFor();
    await tour('ru');
  });

  it('switches to Ukrainian and keeps the choice across reloads', async () => {
    await page.getByTestId('language-menu').click();
    await page.getByTestId('lang-uk').click();
    await page.getByRole('link', { name: 'Звіти' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Працівники та команди' }).waitFor();
    await screenshot(page, 'uk-last-page');
    await page.getByTestId('language-menu').click();
    await page.getByTestId('lang-en').click();
    await page.getByRole('link', { name: 'Reports' }).waitFor();
  });

  it('has a dark theme that stays readable', async () => {
    await page.getByRole('button', { name: 'Switch light or dark theme' }).click();
    // The theme is applied by an effect after the click: wait for it, then check it.
    await page.waitForFunction(() => document.documentElement.classList.contains('dark-theme'));
    expect(await page.locator('html').getAttribute('class')).toContain('dark-theme');
    for (const [name, target] of [
      ['dashboard', '/dashboard'],
      ['reports-summary', `/reports?from=${yesterday}&to=${yesterday}`],
    ] as const) {
      await page.goto(target);
      await settled(page);
      await screenshot(page, `en-dark-${name}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.getByRole('button', { name: 'Switch light or dark theme' }).click();
  });

  it('lets the owner close the organization, warns on every page, and reopen it', async () => {
    await page.goto('/settings');
    await settled(page);
    const card = page.getByTestId('closure');
    page.once('dialog', (dialog) => void dialog.accept());
    await card.getByRole('button', { name: 'Close the organization' }).click();
    const banner = page.getByTestId('closure-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/deleted/i);
    const closure = await apiGet<{ closedAt: string; purgeAt: string }>(
      '/privacy/organization-closure',
    );
    expect(Date.parse(closure.purgeAt) - Date.parse(closure.closedAt)).toBe(30 * DAY_MS);
    await page.goto('/dashboard');
    await settled(page);
    await banner.waitFor();
    await screenshot(page, 'en-closed-banner');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto('/settings');
    await settled(page);
    await card.getByRole('button', { name: 'Reopen the organization' }).click();
    await banner.waitFor({ state: 'detached' });
    const res = await fetch(`${server.url}/api/v1/privacy/organization-closure`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ closed: false, closedAt: null, purgeAt: null });
  });

  it('signs out', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/sign-in/);
    expect((await context.cookies()).some((c) => c.name === 'ctx_refresh')).toBe(false);
    expect(cspViolations).toEqual([]);
  });
});
