import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  collectCspViolations,
  launch,
  screenshot,
  seriousViolations,
  settled,
  recordFailedApiCalls,
} from './browser';
import { fillFields, submitDialog as submitOpenDialog } from './dialogs';
import { startServer, type RunningServer } from './server';

jest.setTimeout(180_000);

const PASSWORD = 'Correct-Horse-Battery-9';
const DAY_MS = 86_400_000;
const dayBefore = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);
const today = dayBefore(0);
// A holiday of our own three days ago: in the past, so the attendance report has its row.
const ownHoliday = dayBefore(3);

interface Holiday {
  id: string;
  date: string;
  name: string;
}

/**
 * The working-time journey from an empty installation: the owner (HR) sets up a schedule and
 * holidays, adds an employee and gives them a login, the employee requests leave, their team's
 * manager approves it, and attendance shows the leave and the holiday; in en, ru and uk.
 */
describe('working time in the console, from an empty installation', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;
  const contexts: BrowserContext[] = [];
  const csp: string[][] = [];
  const failures: string[] = [];
  let token = '';
  let eveId = '';
  let teamId = '';
  let leave: string[] = [];

  const apiGet = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  /** A browser context that records CSP violations and every API answer of 404 or 5xx. */
  async function newContext(): Promise<BrowserContext> {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    csp.push(await collectCspViolations(context));
    recordFailedApiCalls(context, failures);
    contexts.push(context);
    return context;
  }

  /** Submits the open dialog and waits until it is gone (see dialogs.ts); a screenshot if not. */
  async function submitDialog(on: Page, button: string | RegExp): Promise<void> {
    try {
      await submitOpenDialog(on, button);
    } catch (error) {
      await screenshot(on, 'wt-failed-dialog');
      throw error;
    }
  }

  /**
   * Picks an option of a mat-select of the open dialog (the page behind may have a select of the
   * same name, e.g. a Team filter) and waits until its panel has closed (else clicks get lost).
   */
  async function choose(on: Page, combobox: string | RegExp, option: string | RegExp) {
    await on.getByRole('dialog').getByRole('combobox', { name: combobox }).click();
    await on.getByRole('option', { name: option }).click();
    await on.getByRole('listbox').waitFor({ state: 'detached' });
  }

  async function signIn(on: Page, email: string): Promise<void> {
    // Accepting the invitation signed this tab in: start from a signed-out browser.
    await on.context().clearCookies();
    await on.goto('/sign-in');
    await on.getByLabel('Email').fill(email);
    await on.getByLabel('Password').fill(PASSWORD);
    await on.getByRole('button', { name: 'Sign in', exact: true }).click();
    await on.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }

  /** Invites a user through People › Console users; returns the invitation's token. */
  async function invite(email: string, role: string, employee?: string | RegExp): Promise<string> {
    await page.goto('/people');
    await page.getByRole('tab', { name: 'Console users' }).click();
    await page.getByTestId('invite').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Email').fill(email);
    await choose(page, 'Role', role);
    if (employee) await choose(page, 'Their own employee record', employee);
    await submitDialog(page, 'Send invitation');
    const link = (await page.locator('.notice pre.code').textContent())?.trim() ?? '';
    const inviteToken = new URL(link).searchParams.get('token');
    expect(inviteToken).toBeTruthy();
    return inviteToken!;
  }

  async function accept(inviteToken: string): Promise<Page> {
    const context = await newContext();
    const tab = await context.newPage();
    await tab.goto(`/accept-invitation?token=${encodeURIComponent(inviteToken)}`);
    await tab.getByLabel('Password').fill(PASSWORD);
    await tab.getByRole('button', { name: 'Set password and join' }).click();
    // The invitation signs the new user in and takes them to their start page.
    await tab.waitForURL((url) => !url.pathname.startsWith('/accept-invitation'));
    return tab;
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    owner = await newContext();
    page = await owner.newPage();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('signs up the owner, who is told to create a work schedule first', async () => {
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
    expect(token).toBeTruthy();

    await page.goto('/attendance');
    await settled(page);
    const hint = page.getByTestId('hint-no-schedule');
    await hint.waitFor();
    await page.getByTestId('hint-no-holidays').waitFor();
    await hint.getByRole('link', { name: 'Create a work schedule' }).click();
    await page.waitForURL(/\/schedules/);
    await settled(page);
    expect(await page.getByTestId('empty').textContent()).toContain('No work schedules yet');
  });

  it('creates a work schedule in the weekly editor, refusing a night shift in words', async () => {
    await page.getByTestId('add-schedule').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Office, every day');
    await dialog.getByLabel('Grace before late (minutes)').fill('10');
    // A new schedule is Monday to Friday; this shop opens at the weekend too.
    await dialog.getByRole('checkbox', { name: 'Saturday' }).check();
    await dialog.getByRole('checkbox', { name: 'Sunday' }).check();
    // The time fields last (see the holiday below): only clicks follow them.
    await dialog.getByLabel('Monday end').fill('08:00');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const error = dialog.getByTestId('day-error-1');
    await error.waitFor();
    expect(await error.textContent()).toContain('Night shifts');
    await dialog.getByLabel('Monday end').fill('17:00');
    await dialog.getByRole('button', { name: 'Same hours on every working day' }).click();
    await dialog.getByRole('switch', { name: /Default for everyone/ }).click();
    await submitDialog(page, 'Create');
    const row = page.getByTestId('schedule-table').getByRole('row', { name: /Office, every day/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Default');
    const schedules = await apiGet<{
      items: {
        default: boolean;
        lateAfterMinutes: number;
        days: { start: string; end: string }[];
      }[];
    }>('/work-schedules');
    expect(schedules.items).toHaveLength(1);
    expect(schedules.items[0]).toMatchObject({ default: true, lateAfterMinutes: 10 });
    expect(schedules.items[0].days).toHaveLength(7);
    expect(schedules.items[0].days.every((d) => d.start === '09:00' && d.end === '17:00')).toBe(
      true,
    );
    await screenshot(page, 'wt-en-schedules');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('adds a holiday and imports a year of public holidays', async () => {
    const year = ownHoliday.slice(0, 4);
    await page.goto(`/holidays?year=${year}`);
    await settled(page);
    await page
      .getByTestId('empty')
      .getByRole('button', { name: 'Import your country’s holidays' })
      .waitFor();
    await page.getByTestId('add-holiday').click();
    const dialog = page.getByRole('dialog');
    // Date and time inputs last: Chromium keeps the keyboard in a date field's segments, so text
    // typed into the next field right after may land there and be lost.
    await fillFields([
      { locator: dialog.getByLabel('Name'), value: 'Founders’ Day' },
      { locator: dialog.getByLabel('Date'), value: ownHoliday },
    ]);
    expect(await dialog.getByLabel('Name').inputValue()).toBe('Founders’ Day');
    await submitDialog(page, 'Create');
    await page.getByRole('cell', { name: 'Founders’ Day', exact: true }).waitFor();

    await page.getByTestId('import-holidays').click();
    await choose(page, 'Country', 'Germany');
    await submitDialog(page, 'Import');
    const result = page.getByTestId('import-result');
    await result.waitFor();
    const holidays = await apiGet<{ items: Holiday[] }>(`/holidays?year=${year}`);
    const imported = holidays.items.length - 1;
    expect(imported).toBeGreaterThanOrEqual(9);
    expect(await result.textContent()).toContain(
      `Public holidays of Germany for ${year} imported: ${imported}.`,
    );
    expect(await page.getByTestId('holiday-table').locator('tbody tr').count()).toBe(
      holidays.items.length,
    );
    await screenshot(page, 'wt-en-holidays');
    expect(await seriousViolations(page)).toEqual([]);

    // Two days of leave in the past (so attendance has them), on days that are no holiday.
    const all = new Set(holidays.items.map((h) => h.date));
    if (ownHoliday.slice(0, 4) !== today.slice(0, 4)) {
      for (const h of (await apiGet<{ items: Holiday[] }>(`/holidays?year=${today.slice(0, 4)}`))
        .items) {
        all.add(h.date);
      }
    }
    for (let n = 1; leave.length < 2 && n < 40; n++) {
      const day = dayBefore(n);
      if (all.has(day)) leave = [];
      else leave = [day, ...leave];
    }
    expect(leave).toHaveLength(2);
  });

  it('adds a team and an employee', async () => {
    await page.goto('/people');
    await page.getByRole('tab', { name: 'Teams' }).click();
    await page.getByTestId('add-team').click();
    await page.getByRole('dialog').getByLabel('Team name').fill('Support');
    await submitDialog(page, 'Create');
    await page.getByRole('cell', { name: 'Support', exact: true }).waitFor();

    await page.getByRole('tab', { name: 'Employees' }).click();
    await page.getByTestId('add-employee').click();
    const dialog = page.getByRole('dialog');
    // The time zone is left as proposed (the browser's, UTC here): typing in it would open
    // Chromium's native suggestion list, which can eat the next click.
    expect(await dialog.getByLabel('Time zone').inputValue()).toBe('UTC');
    await dialog.getByLabel('Full name').fill('Eve Employee');
    await dialog.getByLabel('Email').fill('eve@acme.test');
    await choose(page, 'Team', 'Support');
    await submitDialog(page, 'Create');
    await page.getByRole('cell', { name: 'Eve Employee', exact: true }).waitFor();
    const employees = await apiGet<{ items: { id: string; teamId: string }[] }>('/employees');
    eveId = employees.items[0].id;
    teamId = employees.items[0].teamId;
    expect(eveId).toBeTruthy();
  });

  let evePage: Page;
  let managerPage: Page;

  it('gives the employee a login linked to her record, and the team a manager', async () => {
    const eveInvite = await invite('eve@acme.test', 'Employee', /Eve Employee/);
    const maxInvite = await invite('max@acme.test', 'Manager');
    evePage = await accept(eveInvite);
    managerPage = await accept(maxInvite);
    const users = await apiGet<{
      items: { id: string; email: string; employeeId: string | null }[];
    }>('/users?pageSize=200');
    expect(users.items.find((u) => u.email === 'eve@acme.test')?.employeeId).toBe(eveId);
    const max = users.items.find((u) => u.email === 'max@acme.test')!;
    await page.goto('/people');
    await page.getByRole('tab', { name: 'Teams' }).click();
    await page.getByRole('button', { name: 'Managers of Support' }).click();
    await page.getByRole('dialog').getByRole('combobox', { name: 'Managers' }).click();
    await page.getByRole('option', { name: 'max@acme.test' }).click();
    // A multiple select stays open after a choice: close it, and wait until it is gone.
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await submitDialog(page, 'Save');
    const team = await apiGet<{ managerUserIds: string[] }>(`/teams/${teamId}`);
    expect(team.managerUserIds).toEqual([max.id]);
  });

  it('lets the employee sign in and request leave for herself', async () => {
    await signIn(evePage, 'eve@acme.test');
    await evePage.goto('/me');
    await settled(evePage);
    await evePage.getByTestId('my-attendance').getByTestId('attendance-grid').waitFor();
    await evePage.getByTestId('request-leave').click();
    const dialog = evePage.getByRole('dialog');
    await fillFields([
      { locator: dialog.getByLabel('Note (optional)'), value: 'Family visit' },
      { locator: dialog.getByLabel('First day'), value: leave[0] },
      { locator: dialog.getByLabel('Last day'), value: leave[1] },
    ]);
    expect(await dialog.getByLabel('Note (optional)').inputValue()).toBe('Family visit');
    await submitDialog(evePage, 'Send request');
    const status = evePage.getByTestId('absence-status');
    await status.filter({ hasText: 'Waiting for approval' }).waitFor();
    // 20 days a year by default; both days are working days of her every-day schedule.
    await evePage.getByTestId('balance-remaining').filter({ hasText: '18 days' }).waitFor();
    await screenshot(evePage, 'wt-en-me');
    expect(await seriousViolations(evePage)).toEqual([]);
  });

  it('lets her team’s manager approve it', async () => {
    await signIn(managerPage, 'max@acme.test');
    await managerPage.goto('/absences');
    await settled(managerPage);
    const requests = managerPage.getByTestId('requests');
    const item = requests.locator('li.request').filter({ hasText: 'Eve Employee' });
    await item.waitFor();
    expect(await item.textContent()).toContain('Family visit');
    expect(await item.textContent()).toContain('18 days left of 20');
    await screenshot(managerPage, 'wt-en-absences-manager');
    await item.getByRole('button', { name: 'Approve' }).click();
    await requests.getByTestId('empty').waitFor();
    const calendar = managerPage.getByTestId('absence-calendar');
    const month = leave[1].slice(0, 7);
    if (month !== today.slice(0, 7)) await managerPage.goto(`/absences?month=${month}`);
    await calendar
      .locator(`tr[data-employee="${eveId}"] td[data-date="${leave[1]}"][data-status="approved"]`)
      .waitFor();
    expect(await seriousViolations(managerPage)).toEqual([]);

    await evePage.reload();
    await evePage.getByTestId('absence-status').filter({ hasText: 'Approved' }).waitFor();
  });

  it('shows the leave and the holiday in the attendance grid, with totals and a drill-down', async () => {
    for (const [day, status] of [
      [leave[0], 'absence'],
      [leave[1], 'absence'],
      [ownHoliday, 'holiday'],
    ] as const) {
      await page.goto(`/attendance?month=${day.slice(0, 7)}`);
      await settled(page);
      const cell = page
        .getByTestId('attendance-grid')
        .locator(`tr[data-employee="${eveId}"] td[data-date="${day}"]`);
      await cell.waitFor();
      expect(await cell.getAttribute('data-status')).toBe(status);
      const label = await cell.locator('a').getAttribute('aria-label');
      expect(label).toContain(status === 'holiday' ? 'Holiday' : 'On leave');
    }
    const month = leave[1].slice(0, 7);
    await page.goto(`/attendance?month=${month}`);
    await settled(page);
    const row = page.getByTestId('attendance-grid').locator(`tr[data-employee="${eveId}"]`);
    const onLeave = leave.filter((d) => d.startsWith(month)).length;
    expect((await row.locator('td[data-col="daysOnLeave"]').textContent())?.trim()).toBe(
      String(onLeave),
    );
    expect(await page.getByTestId('hint-no-schedule').count()).toBe(0);
    await screenshot(page, 'wt-en-attendance');
    expect(await seriousViolations(page)).toEqual([]);

    await row.locator(`td[data-date="${leave[1]}"] a`).click();
    await page.waitForURL(new RegExp(`/reports/timeline/${eveId}\\?day=${leave[1]}`));
    await page.getByTestId('day-totals').waitFor();
  });

  it('counts today’s attendance on the dashboard', async () => {
    await page.goto('/dashboard');
    await settled(page);
    const card = page.getByTestId('attendance-today');
    await card.waitFor();
    const rows = await apiGet<{ rows: { employeeId: string; status: string }[] }>(
      `/reports/attendance?from=${today}&to=${today}`,
    );
    const eve = rows.rows.find((r) => r.employeeId === eveId);
    if (eve?.status === 'absent') {
      expect(await card.getByTestId('today-absent').textContent()).toContain('Eve Employee');
    } else {
      // Today is a holiday or she is on leave: the card says so rather than counting nothing.
      expect(eve).toBeDefined();
    }
  });

  it('shows the grid and the absences in Russian and Ukrainian', async () => {
    const month = leave[1].slice(0, 7);
    await page.goto(`/attendance?month=${month}`);
    await settled(page);
    await page.getByTestId('language-menu').click();
    await page.getByTestId('lang-ru').click();
    await page.getByRole('heading', { level: 1, name: 'Посещаемость' }).waitFor();
    expect(await page.getByTestId('attendance-grid').textContent()).toContain('Сотрудник');
    expect(
      await page
        .getByTestId('attendance-grid')
        .locator(`td[data-date="${leave[1]}"] a`)
        .first()
        .getAttribute('aria-label'),
    ).toContain('Отпуск или больничный');
    expect(await page.locator('ctx-attendance-grid .legend').textContent()).toContain('Праздник');
    await screenshot(page, 'wt-ru-attendance');
    await page.goto(`/absences?month=${month}`);
    await settled(page);
    await page.getByRole('heading', { level: 1, name: 'Отсутствия' }).waitFor();
    expect(await page.getByTestId('absence-calendar').textContent()).toContain('Eve Employee');
    expect(await page.locator('ctx-absence-calendar .legend').textContent()).toContain(
      'Больничный',
    );
    await screenshot(page, 'wt-ru-absences');
    for (const path of ['/schedules', `/holidays?year=${ownHoliday.slice(0, 4)}`]) {
      await page.goto(path);
      await settled(page);
      await page.getByRole('heading', { level: 1, name: /Графики работы|Праздники/ }).waitFor();
    }

    await page.getByTestId('language-menu').click();
    await page.getByTestId('lang-uk').click();
    await page.getByRole('heading', { level: 1, name: 'Свята' }).waitFor();
    await page.goto(`/attendance?month=${month}`);
    await settled(page);
    await page.getByRole('heading', { level: 1, name: 'Відвідуваність' }).waitFor();
    expect(await page.locator('ctx-attendance-grid .legend').textContent()).toContain('Свято');
    await screenshot(page, 'wt-uk-attendance');
    await page.goto(`/absences?month=${month}`);
    await settled(page);
    await page.getByRole('heading', { level: 1, name: 'Відсутності' }).waitFor();
    expect(await page.locator('ctx-absence-calendar .legend').textContent()).toContain(
      'Лікарняний',
    );
    await screenshot(page, 'wt-uk-absences');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('language-menu').click();
    await page.getByTestId('lang-en').click();
    await page.getByRole('heading', { level: 1, name: 'Absences' }).waitFor();
  });

  it('answered no request with 404 or 5xx, and no page broke the content security policy', () => {
    expect(failures).toEqual([]);
    expect(csp.flat()).toEqual([]);
  });
});
