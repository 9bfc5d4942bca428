import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, screenshot, settled, recordFailedApiCalls } from './browser';
import { startServer, type RunningServer } from './server';

jest.setTimeout(180_000);

const BACKEND_DIR = resolve(process.env['E2E_BACKEND_DIR'] ?? join(__dirname, '../../backend'));
const PASSWORD = 'Correct-Horse-Battery-9';
const SUFFIX = 'dc=corp,dc=example,dc=test';
const DORA = { uid: 'dora', password: 'dora-directory-pw-1', email: 'dora@corp.example.test' };

interface Directory {
  url: string;
  peopleDn: string;
  groupsDn: string;
  serviceDn: string;
  servicePassword: string;
  groupDns: Record<string, string>;
  stop(): Promise<void>;
}

/** The test OpenLDAP server (ldap-directory.mjs) as a child process; resolves once slapd binds. */
function startDirectory(directory: object): Promise<Directory> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(__dirname, 'ldap-directory.mjs'), BACKEND_DIR, JSON.stringify(directory)],
    // A piped stdin: the server stops by itself if this process goes away without SIGTERM.
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let output = '';
  return new Promise((done, fail) => {
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      done({
        ...(JSON.parse(line) as Omit<Directory, 'stop'>),
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', () => fail(new Error(`the test directory exited:\n${output}`)));
  });
}

/**
 * Issue #16 in Chromium: a real slapd; the owner connects the console to it on the Directory page,
 * tests the connection and runs the sync; then a directory user signs in with their directory
 * login and password (a wrong password is refused) and lands in the console.
 */
describe('signing in with the directory (LDAP) in Chromium', () => {
  let server: RunningServer;
  let ldap: Directory;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const failures: string[] = [];

  beforeAll(async () => {
    ldap = await startDirectory({
      suffix: SUFFIX,
      users: [
        {
          uid: DORA.uid,
          password: DORA.password,
          givenName: 'Dora',
          sn: 'Directory',
          mail: DORA.email,
        },
        {
          uid: 'carol',
          password: 'carol-directory-pw-1',
          givenName: 'Carol',
          sn: 'Outside',
          mail: 'carol@corp.example.test',
        },
      ],
      groups: [{ cn: 'calltimex-staff', members: [DORA.uid] }],
    });
    server = await startServer();
    browser = await launch();
    context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    recordFailedApiCalls(context, failures);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    await ldap?.stop();
  });

  it('signs up the owner', async () => {
    await page.goto('/setup');
    await page.getByLabel('Organization name').fill('Directory Ltd');
    await page.getByLabel('Your full name').fill('Olga Owner');
    await page.getByLabel('Email').fill('owner@directory.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/dashboard/);
  });

  it('connects the directory on the Directory page and tests the connection', async () => {
    await page.getByRole('link', { name: 'Directory (LDAP)' }).click();
    await page.waitForURL(/\/directory$/);
    await page.getByTestId('not-configured').waitFor();
    await page.getByTestId('enabled').getByRole('switch').click();
    await page.getByTestId('url').fill(ldap.url);
    await page.getByTestId('bind-dn').fill(ldap.serviceDn);
    await page.getByTestId('bind-password').fill(ldap.servicePassword);
    await page.getByTestId('base-dn').fill(ldap.peopleDn);
    await page.getByTestId('user-filter').fill('(objectClass=inetOrgPerson)');
    await page.getByTestId('group-base-dn').fill(ldap.groupsDn);
    await page.getByTestId('add-role-mapping').click();
    const mapping = page.getByTestId('role-mapping');
    await mapping.getByLabel('Group DN').fill(ldap.groupDns['calltimex-staff']);
    // A new row grants "Employee"; the select shows it.
    expect(await mapping.getByRole('combobox', { name: 'Role' }).textContent()).toContain(
      'Employee',
    );
    await page.getByTestId('save').click();
    await page.getByText('Directory settings saved.').waitFor();
    await page.getByTestId('not-configured').waitFor({ state: 'detached' });

    await page.getByTestId('test').click();
    const result = page.getByTestId('test-result');
    await result.waitFor();
    const shown = (await result.textContent()) ?? '';
    expect(shown).toContain('Connected: 2 users, 1 groups found.');
    // Dora is in the mapped group; Carol is in none and may not sign in.
    expect(shown).toMatch(/dora · dora@corp\.example\.test · Employee/);
    expect(shown).toMatch(/carol · carol@corp\.example\.test · not admitted/);
    expect(shown).toMatch(/calltimex-staff \(1 members\)\s*→ Employee/);
  });

  it('runs the sync, which creates the directory user', async () => {
    await page.getByTestId('no-runs').waitFor();
    await page.getByTestId('run-sync').click();
    await page.getByText('Sync started.').waitFor();
    const run = page.getByTestId('sync-run').first();
    const deadline = Date.now() + 60_000;
    for (;;) {
      const text = (await run.textContent().catch(() => null)) ?? '';
      if (/\b(done|failed)\b/.test(text)) break;
      if (Date.now() > deadline) {
        await screenshot(page, 'directory-sync');
        throw new Error(`the sync did not finish: ${text}`);
      }
      await page.waitForTimeout(500);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await settled(page);
    }
    const text = (await run.textContent()) ?? '';
    expect(text).toContain('done');
    expect(text).toContain('created 1, updated 0, deactivated 0');
  });

  it('signs the owner out', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/sign-in/);
  });

  it('refuses a wrong directory password on "Sign in with the directory"', async () => {
    await page.getByTestId('directory-sign-in-link').click();
    await page.waitForURL(/\/sign-in\/directory/);
    await page.getByRole('heading', { name: 'Sign in with the directory' }).waitFor();
    await page.getByTestId('directory-login').fill(DORA.uid);
    await page.getByTestId('directory-password').fill('not-the-directory-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Wrong email or password');
    expect(new URL(page.url()).pathname).toBe('/sign-in/directory');
  });

  it('signs the directory user in with the right password, into the console', async () => {
    await page.getByTestId('directory-password').fill(DORA.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await settled(page);
    await page.getByTestId('user-menu').click();
    expect(await page.locator('.user-box').textContent()).toMatch(/Dora Directory\s*· Employee/);
    await page.getByRole('menuitem', { name: 'My data' }).click();
    await page.waitForURL(/\/me$/);
    await page.getByRole('heading', { name: 'My data', level: 1 }).waitFor();
    await settled(page);
    // Synced as a tracked employee (createEmployees), so My data shows her own attendance.
    await page.getByTestId('my-attendance').waitFor();
    // The session is the directory user's, as the API sees it.
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
    expect(me).toMatchObject({ email: DORA.email, role: 'employee' });
    expect(failures).toEqual([]);
  });
});
