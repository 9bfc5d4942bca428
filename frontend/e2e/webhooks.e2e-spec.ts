import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  collectCspViolations,
  launch,
  screenshot,
  seriousViolations,
  settled,
  recordFailedApiCalls,
} from './browser';
import { fillFields, submitDialog } from './dialogs';
import { startServer, type RunningServer } from './server';

jest.setTimeout(180_000);

const PASSWORD = 'Correct-Horse-Battery-9';

interface Hit {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * The owner sets up a webhook in the console against a real receiver on the loopback (allowed by
 * WEBHOOKS_ALLOWED_NETWORKS), copies the secret shown once, sends a test event that the receiver
 * first refuses, and reads the delivery log; then a real flow (a new employee) arrives signed.
 */
describe('webhooks in the console', () => {
  let server: RunningServer;
  let receiver: Server;
  let receiverUrl = '';
  const hits: Hit[] = [];
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const failures: string[] = [];
  let csp: string[] = [];
  let token = '';
  let secret = '';

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        // The first attempt is refused: the log shows the 500, the retry delivers.
        res.statusCode = hits.length === 1 ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    server = await startServer({
      WEBHOOKS_ALLOWED_NETWORKS: '127.0.0.1/32',
      WEBHOOKS_RETRY_BASE_MS: '300',
    });
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
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
  });

  it('signs up the owner, who finds Webhooks in the navigation and an empty list', async () => {
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
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.waitForURL(/\/webhooks/);
    await settled(page);
    expect(await page.getByTestId('empty').textContent()).toContain('No webhooks yet');
  });

  it('creates a webhook and shows its secret once', async () => {
    await page.getByTestId('create-webhook').click();
    const dialog = page.getByRole('dialog');
    await fillFields([
      { locator: dialog.getByLabel('URL'), value: receiverUrl },
      { locator: dialog.getByLabel('Description'), value: 'HR system' },
    ]);
    await dialog.getByRole('checkbox', { name: /Employee created/ }).check();
    await submitDialog(page, 'Create');
    secret = ((await page.getByTestId('secret-value').textContent()) ?? '').trim();
    expect(secret).toMatch(/^whsec_/);
    const row = page.getByTestId('webhooks').getByRole('row', { name: /HR system/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Employee created');
    expect(await row.textContent()).toContain(secret.slice(-4));
    await screenshot(page, 'webhooks-created');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('sends a test event: the log shows it delivered after a refused first attempt', async () => {
    await page.getByRole('button', { name: 'Send test event' }).first().click();
    const log = page.getByTestId('deliveries');
    await log.waitFor();
    for (let i = 0; i < 40; i++) {
      const text = (await log.textContent()) ?? '';
      if (text.includes('Delivered')) break;
      await new Promise((r) => setTimeout(r, 250));
      await log.getByRole('button', { name: 'Refresh' }).click();
      await settled(page);
    }
    const row = page.getByTestId('delivery-log').getByRole('row', { name: /Test event/ });
    expect(await row.textContent()).toContain('Delivered');
    expect(await row.textContent()).toContain('204');
    expect(hits).toHaveLength(2);
    await screenshot(page, 'webhooks-delivery-log');
  });

  it('a new employee arrives at the receiver, signed with the secret shown once', async () => {
    const created = await fetch(`${server.url}/api/v1/employees`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ fullName: 'Eve Employee', email: 'eve@acme.test' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (let i = 0; i < 80 && hits.length < 3; i++) await new Promise((r) => setTimeout(r, 100));
    const hit = hits[2];
    expect(JSON.parse(hit.body)).toMatchObject({
      type: 'employee.created',
      data: { employeeId: id },
    });
    const timestamp = String(hit.headers['x-calltimex-timestamp']);
    const expected =
      'v1=' + createHmac('sha256', secret).update(`${timestamp}.${hit.body}`).digest('hex');
    expect(hit.headers['x-calltimex-signature']).toBe(expected);
    expect(failures).toEqual([]);
    expect(csp).toEqual([]);
  });
});
