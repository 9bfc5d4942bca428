import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectCspViolations, launch, screenshot, settled, recordFailedApiCalls } from './browser';
import { submitDialog } from './dialogs';
import { startServer, type RunningServer } from './server';

jest.setTimeout(180_000);

const PASSWORD = 'Correct-Horse-Battery-9';
// Last week: in the past whatever the hour, so manual time there is never "in the future".
const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);

/**
 * The employee → manager journey: the employee adds manual time to last week and submits it, the
 * team's manager sends it back with a comment, the employee submits again, the manager approves.
 */
describe('timesheets in the console: employee → manager', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const failures: string[] = [];
  let ownerToken = '';
  let eveId = '';

  const call = async <T>(path: string, method = 'GET', body?: unknown, token = ownerToken) => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  async function user(email: string, role: string, employeeId?: string): Promise<string> {
    const invited = await call<{ token: string }>('/invitations', 'POST', {
      email,
      role,
      firstName: role,
      lastName: 'Tester',
      ...(employeeId ? { employeeId } : {}),
    });
    await call('/invitations/accept', 'POST', { token: invited.token, password: PASSWORD }, '');
    const login = await call<{ user: { id: string } }>(
      '/auth/login',
      'POST',
      { email, password: PASSWORD },
      '',
    );
    return login.user.id;
  }

  async function signedIn(email: string): Promise<Page> {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    await collectCspViolations(context);
    recordFailedApiCalls(context, failures);
    contexts.push(context);
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    return page;
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    const signup = await call<{ accessToken: string }>(
      '/auth/signup',
      'POST',
      {
        organizationName: 'Acme Ltd',
        fullName: 'Olga Owner',
        email: 'owner@acme.test',
        password: PASSWORD,
      },
      '',
    );
    ownerToken = signup.accessToken;
    const team = await call<{ id: string }>('/teams', 'POST', { name: 'Support' });
    const eve = await call<{ id: string }>('/employees', 'POST', {
      fullName: 'Eve Employee',
      email: 'eve@acme.test',
      teamId: team.id,
    });
    eveId = eve.id;
    await user('eve@acme.test', 'employee', eve.id);
    const managerId = await user('max@acme.test', 'manager');
    await call(`/teams/${team.id}/managers`, 'PUT', { userIds: [managerId] });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('the employee adds manual time and submits the week; the manager sends it back, then approves', async () => {
    const eve = await signedIn('eve@acme.test');
    await eve.goto(`/timesheets?day=${lastWeek}`);
    await settled(eve);
    await eve.getByTestId('empty').waitFor();
    await eve.getByTestId('add-manual').click();
    const dialog = eve.getByRole('dialog');
    await dialog.getByLabel('From (HH:MM)').fill('09:00');
    await dialog.getByLabel('To (HH:MM)').fill('10:30');
    await dialog.getByLabel('Note').fill('Client workshop');
    await submitDialog(eve, 'Add manual time');
    await eve.getByTestId('entry').waitFor();
    expect(await eve.getByTestId('entry').textContent()).toContain('Client workshop');
    await eve.getByTestId('submit-sheet').click();
    await eve.getByTestId('sheet-status').filter({ hasText: 'Submitted' }).waitFor();
    await screenshot(eve, 'ts-employee-submitted');

    const max = await signedIn('max@acme.test');
    await max.goto('/timesheets/approvals');
    await settled(max);
    const waiting = max.getByTestId('waiting-sheet');
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain('Eve Employee');
    await waiting.getByTestId('return-sheet').click();
    await max.getByRole('dialog').getByLabel('Comment').fill('Which project was it?');
    await submitDialog(max, 'Send back');
    await max.getByText('No timesheet waits for a decision.').waitFor();

    await eve.reload();
    await settled(eve);
    const comment = eve.getByTestId('returned-comment');
    await comment.waitFor();
    expect(await comment.textContent()).toContain('Which project was it?');
    await eve.getByTestId('submit-sheet').click();
    await eve.getByTestId('sheet-status').filter({ hasText: 'Submitted' }).waitFor();

    await max.reload();
    await settled(max);
    await max.getByTestId('waiting-sheet').getByTestId('approve-sheet').click();
    await max.getByText('No timesheet waits for a decision.').waitFor();
    await max.getByText('No manual time waits for a decision.').waitFor();

    const sheet = await call<{ status: string; manualSeconds: number }>(
      `/timesheets?employeeId=${eveId}&day=${lastWeek}`,
    );
    expect(sheet).toMatchObject({ status: 'approved', manualSeconds: 5400 });
    expect(failures).toEqual([]);
  });
});
