import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { StatusView } from '../src/shared/ipc.js';
import { serveDirectory } from './support/static-server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const rendererDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));

const baseStatus: StatusView = {
  state: 'tracking',
  detail: 'tracking',
  enrolled: true,
  queued: 12,
  dropped: 0,
  rejected: 0,
  lastUploadAt: '2026-11-02T10:00:00.000Z',
  paused: false,
  pauseRemainingMinutes: 45,
  serverUrl: 'https://ctx.example',
  employeeEmail: 'ann@example.com',
};

interface DoubleSetup {
  notice?: unknown;
  status?: StatusView;
  settings?: unknown;
  enrollAnswer?: unknown;
  screenshots?: unknown[];
  deleteAnswer?: unknown;
}

/** Stands in for the preload: records each call, answers what the test says. */
function installDouble(setup: DoubleSetup): void {
  const calls: Array<[string, unknown]> = [];
  const listeners: Array<(s: unknown) => void> = [];
  const record = (name: string, arg: unknown, answer: unknown) => {
    calls.push([name, arg]);
    return Promise.resolve(answer);
  };
  Object.assign(globalThis, {
    __calls: calls,
    __push: (s: unknown) => listeners.forEach((l) => l(s)),
    calltimex: {
      getStatus: () => record('getStatus', null, setup.status),
      getNotice: () => record('getNotice', null, setup.notice ?? null),
      acknowledgeNotice: (v: unknown) => record('acknowledgeNotice', v, { ok: true }),
      setPaused: (p: unknown) => record('setPaused', p, { ok: true }),
      getSettings: () => record('getSettings', null, setup.settings),
      enroll: (input: unknown) => record('enroll', input, setup.enrollAnswer ?? { ok: true }),
      setStartAtLogin: (e: unknown) => record('setStartAtLogin', e, { ok: true }),
      listScreenshots: () => record('listScreenshots', null, setup.screenshots ?? []),
      deleteScreenshot: (id: unknown) => {
        const answer = setup.deleteAnswer ?? { ok: true };
        if ((answer as { ok: boolean }).ok) {
          setup.screenshots = (setup.screenshots ?? []).map((s) =>
            (s as { id: string }).id === id ? { ...(s as object), state: 'deleted' } : s,
          );
        }
        return record('deleteScreenshot', id, answer);
      },
      onStatus: (l: (s: unknown) => void) => {
        listeners.push(l);
        return () => undefined;
      },
    },
  });
}

describe('renderer pages in Chromium, with the preload API replaced by a double', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDirectory>>;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
    server = await serveDirectory(rendererDir);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(pageName: string, setup: DoubleSetup, locale = 'en-US'): Promise<Page> {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(installDouble, setup);
    await page.goto(`${server.url}/${pageName}.html`);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    return page;
  }

  const calls = (page: Page) =>
    page.evaluate(() => (globalThis as unknown as { __calls: unknown[] }).__calls);

  it('shows the notice as text and acknowledges its version', async () => {
    const text = 'We record apps and sites.\n<img src=x onerror="document.title=1">';
    const page = await open('notice', { notice: { version: 3, text, language: 'en' } });
    await expect(page.locator('#notice-text').textContent()).resolves.toBe(text);
    expect(await page.locator('#notice-text img').count()).toBe(0);
    await expect(page.locator('#notice-version').textContent()).resolves.toBe('3');
    await page.getByRole('button', { name: 'I have read this notice' }).click();
    await page.getByText('Thank you.').waitFor();
    expect(await calls(page)).toContainEqual(['acknowledgeNotice', 3]);
    expect(await page.locator('#accept').isHidden()).toBe(true);
    await page.context().close();
  });

  it('says when the organization has no notice', async () => {
    const page = await open('notice', { notice: null });
    await expect(page.locator('#notice-text').textContent()).resolves.toContain(
      'no monitoring notice',
    );
    expect(await page.locator('#accept').isHidden()).toBe(true);
    await page.context().close();
  });

  it('speaks Russian and Ukrainian', async () => {
    const ru = await open(
      'notice',
      { notice: { version: 1, text: 'Текст', language: 'ru' } },
      'ru-RU',
    );
    await expect(ru.locator('h1').textContent()).resolves.toBe('Уведомление о мониторинге');
    await ru.context().close();
    const uk = await open('status', { status: baseStatus }, 'uk-UA');
    await expect(uk.locator('#state').textContent()).resolves.toBe('Триває облік робочого часу');
    await uk.context().close();
  });

  it('shows the status, follows pushed updates, and pauses', async () => {
    const page = await open('status', { status: baseStatus });
    await expect(page.locator('#state').textContent()).resolves.toBe('Recording working time');
    await expect(page.locator('#queued').textContent()).resolves.toBe('12');
    await expect(page.locator('#pause-left').textContent()).resolves.toContain('45 min');
    await page.evaluate((s) => (globalThis as unknown as { __push(s: unknown): void }).__push(s), {
      ...baseStatus,
      state: 'offline',
      queued: 340,
    });
    await expect(page.locator('#queued').textContent()).resolves.toBe('340');
    await expect(page.locator('body').getAttribute('data-state')).resolves.toBe('offline');
    await page.getByRole('button', { name: 'Pause for private time' }).click();
    await page.waitForFunction(() =>
      (globalThis as unknown as { __calls: unknown[][] }).__calls.some((c) => c[0] === 'setPaused'),
    );
    expect(await calls(page)).toContainEqual(['setPaused', true]);
    await page.context().close();
  });

  it('lists the person’s screenshots and deletes one', async () => {
    const none = await open('status', { status: baseStatus });
    expect(await none.locator('#screenshots').isHidden()).toBe(true);
    await none.context().close();
    const screenshots = [
      {
        id: 'a1',
        capturedAt: '2026-11-02T10:40:00.000Z',
        width: 1920,
        height: 1080,
        state: 'queued',
      },
      {
        id: 'b2',
        capturedAt: '2026-11-02T10:30:00.000Z',
        width: 1920,
        height: 1080,
        state: 'uploaded',
      },
    ];
    const page = await open('status', { status: baseStatus, screenshots });
    await expect(page.locator('#screenshots h2').textContent()).resolves.toBe('Screenshots');
    await expect(page.locator('li[data-id="a1"]').textContent()).resolves.toContain('not sent yet');
    await expect(page.locator('li[data-id="b2"]').textContent()).resolves.toContain('sent');
    await page.locator('li[data-id="b2"]').getByRole('button', { name: 'Delete' }).click();
    await page.locator('li[data-id="b2"]', { hasText: 'deleted' }).waitFor();
    expect(await calls(page)).toContainEqual(['deleteScreenshot', 'b2']);
    expect(await page.locator('li[data-id="b2"] button').count()).toBe(0);
    await page.context().close();
  });

  it('shows why a screenshot could not be deleted', async () => {
    const page = await open('status', {
      status: baseStatus,
      screenshots: [
        {
          id: 'c3',
          capturedAt: '2026-11-01T08:00:00.000Z',
          width: 8,
          height: 8,
          state: 'uploaded',
        },
      ],
      deleteAnswer: { ok: false, error: 'the time to delete it has passed' },
    });
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('the time to delete it has passed').waitFor();
    await page.context().close();
  });

  it('does not offer a pause when no private time is left', async () => {
    const page = await open('status', { status: { ...baseStatus, pauseRemainingMinutes: 0 } });
    expect(await page.locator('#pause').isDisabled()).toBe(true);
    await page.context().close();
  });

  it('enrolls from the settings page, validating first', async () => {
    const settings = { serverUrl: null, employeeEmail: null, enrolled: false, startAtLogin: false };
    const page = await open('settings', { settings });
    await expect(page.locator('#enrollment').textContent()).resolves.toContain('not connected');
    await page.locator('#server').fill('https://ctx.example');
    await page.locator('#token').fill('tok-123');
    await page.locator('#email').fill('not-an-email');
    await page.getByRole('button', { name: 'Connect this computer' }).click();
    await expect(page.locator('#result').textContent()).resolves.toBe('Please check the fields.');
    expect((await calls(page)).filter((c) => (c as unknown[])[0] === 'enroll')).toEqual([]);
    await page.locator('#email').fill('  ann@example.com ');
    await page.getByRole('button', { name: 'Connect this computer' }).click();
    await page.getByText('Saved').waitFor();
    expect(await calls(page)).toContainEqual([
      'enroll',
      {
        serverUrl: 'https://ctx.example',
        enrollmentToken: 'tok-123',
        employeeEmail: 'ann@example.com',
      },
    ]);
    await expect(page.locator('#token').inputValue()).resolves.toBe('');
    await page.locator('#start-at-login').check();
    await page.getByText('Saved').waitFor();
    expect(await calls(page)).toContainEqual(['setStartAtLogin', true]);
    await page.context().close();
  });

  it('shows the server error when enrollment fails', async () => {
    const settings = { serverUrl: null, employeeEmail: null, enrolled: false, startAtLogin: false };
    const page = await open('settings', {
      settings,
      enrollAnswer: { ok: false, error: 'HTTP 404: employee not found' },
    });
    await page.locator('#server').fill('https://ctx.example');
    await page.locator('#token').fill('tok');
    await page.locator('#email').fill('bob@example.com');
    await page.getByRole('button', { name: 'Connect this computer' }).click();
    await page.getByText('HTTP 404: employee not found').waitFor();
    await page.context().close();
  });
});
