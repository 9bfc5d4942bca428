import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import {
  collectCspViolations,
  launch,
  recordFailedApiCalls,
  screenshot,
  seriousViolations,
  settled,
} from './browser';
import { submitDialog } from './dialogs';
import { startServer, type RunningServer } from './server';
// The agent's install test uses the same workstation: one list of what it has.
import { curlOnlyPath } from '../../agent/test/support/curl-only-machine';

jest.setTimeout(240_000);

const PASSWORD = 'Correct-Horse-Battery-9';

/**
 * IT's journey from an empty installation: the owner signs up, connects the organization's SMTP
 * server on the Settings page and sends a test mail (to a real SMTP server on the loopback), creates
 * an enrollment token on the Devices page, copies the Linux command from the install tab (with the organization's email
 * domain), runs it on a "workstation" that has only curl, and sees the computer in the device list.
 */
describe('IT installs the agent from the console', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const failures: string[] = [];
  let csp: string[] = [];
  const work = mkdtempSync(join(tmpdir(), 'ctx-it-journey-'));
  let ownerToken = '';
  let command = '';
  // The install script enrolls `<login name>@<domain>`.
  const login = userInfo().username.toLowerCase();
  const received: { to: string[]; data: string }[] = [];
  let smtp: SMTPServer;
  let smtpPort = 0;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    smtpPort = (smtp.server.address() as AddressInfo).port;
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
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    rmSync(work, { recursive: true, force: true });
  });

  it('signs up the owner, who finds an empty device list that says what to do', async () => {
    await page.goto('/setup');
    await page.getByLabel('Organization name').fill('Acme Ltd');
    await page.getByLabel('Your full name').fill('Ivan IT');
    await page.getByLabel('Email').fill('it@acme.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/dashboard/);
    const login_ = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Refresh-Token-Delivery': 'body' },
      body: JSON.stringify({ email: 'it@acme.test', password: PASSWORD }),
    });
    ownerToken = ((await login_.json()) as { accessToken: string }).accessToken;
    // The person whose workstation it is (HR's import is its own journey).
    const employee = await fetch(`${server.url}/api/v1/employees`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ownerToken}` },
      body: JSON.stringify({ fullName: 'Wanda Workstation', email: `${login}@acme.test` }),
    });
    expect(employee.status).toBe(201);

    await page.getByRole('link', { name: 'Devices' }).click();
    await page.waitForURL(/\/devices/);
    await settled(page);
    expect(await page.getByText('No devices enrolled yet').count()).toBe(1);
  });

  it('connects the SMTP server on the Settings page and gets the test mail', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(/\/settings/);
    await settled(page);
    const card = page.getByTestId('mail-server');
    expect(await card.getByTestId('mail-route').textContent()).toContain('nobody receives them');
    await card.getByLabel('SMTP server').fill('127.0.0.1');
    await card.getByLabel('Port').fill(String(smtpPort));
    await card.getByLabel('Security').click();
    await page.getByRole('option', { name: /None/ }).click();
    await card.getByLabel('Sender').fill('Acme IT <it@acme.test>');
    await card.getByTestId('save-mail-server').click();
    await card.getByText('Mail goes through the server below.').waitFor();

    await card.getByLabel('To', { exact: true }).fill('it@acme.test');
    await card.getByTestId('send-test-mail').click();
    const result = card.getByTestId('test-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/Sent to it@acme\.test\. The server answered: 250/);
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(['it@acme.test']);
    expect(received[0].data).toContain('From: Acme IT <it@acme.test>');
    expect(received[0].data).toContain('Subject: CallTimeX: test mail for Acme Ltd');
    await screenshot(page, 'settings-mail-server');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('creates an enrollment token and finds the command, the download and its SHA-256', async () => {
    await page.getByRole('link', { name: 'Devices' }).click();
    await page.waitForURL(/\/devices/);
    await settled(page);
    await page.getByTestId('create-token').click();
    await submitDialog(page, 'Create');
    const token = ((await page.getByTestId('token-value').textContent()) ?? '').trim();
    expect(token.length).toBeGreaterThan(20);

    await page.getByRole('tab', { name: 'Install the agent' }).click();
    await page.getByLabel('Email domain of your employees').fill('acme.test');
    const linux = page.getByTestId('install-linux');
    await linux.waitFor();
    // The command follows the field as it is typed: read it once it names the domain.
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="install-linux"]')?.textContent?.includes('acme.test'),
      undefined,
      { timeout: 10_000 },
    );
    command = ((await linux.textContent()) ?? '').trim();
    expect(command).toBe(
      `curl -fsSL ${server.url}/api/v1/agent/install.sh | sh -s -- --token ${token} --email-domain acme.test`,
    );
    const downloads = page.getByTestId('downloads');
    await downloads.waitFor();
    const row = downloads.getByRole('row', { name: new RegExp(`linux-${process.arch}`) });
    await row.waitFor();
    const listed = (await (await fetch(`${server.url}/api/v1/agent/downloads`)).json()) as {
      items: { file: string; sha256: string }[];
    };
    const bundle = listed.items.find((d) => d.file.endsWith(`linux-${process.arch}.tar.gz`))!;
    expect(await row.textContent()).toContain(bundle.sha256);
    expect(await row.getByRole('link').getAttribute('href')).toBe(
      `/api/v1/agent/downloads/${bundle.file}`,
    );
    // No Windows installer was put on this server: the tab says how to get one, names none.
    expect(await page.getByTestId('no-windows').textContent()).toContain('electron-builder');
    await screenshot(page, 'devices-install-tab');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('runs the command on a computer with only curl, and the device appears in the list', async () => {
    const bin = curlOnlyPath(join(work, 'bin'));
    const home = join(work, 'home');
    mkdirSync(home);
    const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
      // --no-start: this test machine has no desktop session for the agent to watch.
      const child = spawn('/bin/sh', ['-c', `${command} --no-start`], {
        env: { HOME: home, PATH: bin, LANG: 'C' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => resolve({ code, out }));
    });
    expect(run).toEqual({ code: 0, out: expect.stringContaining(`for ${login}@acme.test`) });
    expect(
      readFileSync(join(home, '.config', 'autostart', 'calltimex-agent.desktop'), 'utf8'),
    ).toContain('calltimex-agent run');

    await page.getByRole('tab', { name: 'Devices' }).first().click();
    await page.reload();
    await settled(page);
    const device = page.getByRole('row', { name: new RegExp(hostname()) });
    await device.waitFor();
    const text = (await device.textContent()) ?? '';
    expect(text).toContain('Wanda Workstation');
    expect(text).toContain('0.1.0');
    expect(text).toContain('Active');
    await screenshot(page, 'devices-enrolled');
    expect(failures).toEqual([]);
    expect(csp).toEqual([]);
  });
});
