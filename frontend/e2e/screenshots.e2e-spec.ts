import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
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

jest.setTimeout(240_000);

const PASSWORD = 'Correct-Horse-Battery-9';
const MINUTE = 60_000;

/** sharp as the backend resolves it (the backend depends on it; the console does not). */
type Sharp = (options: {
  create: {
    width: number;
    height: number;
    channels: 3;
    background: { r: number; g: number; b: number };
    noise?: { type: 'gaussian'; mean: number; sigma: number };
  };
}) => { jpeg(options: { quality: number }): { toBuffer(): Promise<Buffer> } };
const sharp = createRequire(join(__dirname, '../../backend/package.json'))('sharp') as Sharp;

/** A screen-sized JPEG of one colour with some noise, as an agent would upload. */
function jpeg([r, g, b]: readonly [number, number, number]): Promise<Buffer> {
  return sharp({
    create: {
      width: 960,
      height: 600,
      channels: 3,
      background: { r, g, b },
      noise: { type: 'gaussian', mean: 128, sigma: 20 },
    },
  })
    .jpeg({ quality: 75 })
    .toBuffer();
}

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
/** A time as the day page and playback show it: the console's short time (here in UTC, the viewer's zone). */
const shortTime = (ms: number) =>
  new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: 'UTC' }).format(ms);
/** Text to find, with any run of spaces (ICU puts a narrow no-break space before AM) matching any. */
const loose = (text: string) =>
  new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));

/**
 * Screenshots from an empty installation, in Chromium:
 * - the owner signs up, publishes a monitoring notice that covers screenshots and turns them on
 *   in the Privacy page's Screenshots tab;
 * - an employee's computer, played over HTTP as the agent does, enrolls, acknowledges the notice,
 *   reports activity and uploads two screenshots;
 * - HR opens the employee's day, sees the thumbnails over the spans, opens the playback and steps
 *   through it with the keyboard;
 * - the employee sees "My screenshots" on /me, who viewed them, and deletes one.
 */
describe('screenshots: turned on under a notice, played back by HR, kept by the employee', () => {
  let server: RunningServer;
  let browser: Browser;
  const failures: string[] = [];
  const csp: string[][] = [];
  let ownerToken = '';
  let employeeId = '';
  let deviceToken = '';
  const invitations: Record<'hr' | 'employee', string> = { hr: '', employee: '' };
  const shots: { id: string; at: number }[] = [];
  /**
   * When the agent's activity ends. All of it (half an hour) lies in one UTC day: in a day's first
   * 31 minutes it is moved back into the day before. The HR and employee pages are pinned to this
   * time, so "today" on them is that day even when the test crosses midnight.
   */
  const dataNow = (() => {
    const now = Date.now();
    return now % (24 * 60 * MINUTE) < 31 * MINUTE ? now - 31 * MINUTE : now;
  })();

  const api = async <T>(
    method: string,
    path: string,
    body?: unknown,
    token = ownerToken,
  ): Promise<T> => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };

  async function newContext(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    csp.push(await collectCspViolations(context));
    recordFailedApiCalls(context, failures);
    const page = await context.newPage();
    // Date only: timers keep running.
    await page.clock.setFixedTime(dataNow);
    return { context, page };
  }

  async function accept(page: Page, token: string): Promise<void> {
    await page.goto(`/accept-invitation?token=${encodeURIComponent(token)}`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set password and join' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/accept-invitation'));
    await settled(page);
  }

  /** Every <img> under the locator has loaded a picture (not a broken image). */
  async function loadedImages(page: Page, selector: string): Promise<number> {
    await page.waitForFunction(
      (s) => {
        const images = [...document.querySelectorAll<HTMLImageElement>(s)];
        return images.length > 0 && images.every((i) => i.complete && i.naturalWidth > 0);
      },
      selector,
      { timeout: 20_000 },
    );
    return page.locator(selector).count();
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  describe('owner', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => ({ context, page } = await newContext()));
    afterAll(async () => context.close());

    it('creates the organization on the empty installation', async () => {
      await page.goto('/');
      await page.waitForURL(/\/sign-in/);
      await page.getByRole('link', { name: 'Create the organization' }).click();
      await page.getByLabel('Organization name').fill('Acme Ltd');
      await page.getByLabel('Your full name').fill('Olga Owner');
      await page.getByLabel('Email').fill('owner@acme.test');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create organization' }).click();
      await page.waitForURL(/\/dashboard/);
      // The console keeps its token in memory: the test signs in as an API client for its setup.
      ownerToken = (
        await api<{ accessToken: string }>('POST', '/auth/login', {
          email: 'owner@acme.test',
          password: PASSWORD,
        })
      ).accessToken;
      employeeId = (
        await api<{ id: string }>('POST', '/employees', {
          fullName: 'Erin Employee',
          email: 'erin@acme.test',
        })
      ).id;
      for (const [role, email, firstName, lastName] of [
        ['hr', 'hanna@acme.test', 'Hanna', 'Resources'],
        ['employee', 'erin@acme.test', 'Erin', 'Employee'],
      ] as const) {
        invitations[role] = (
          await api<{ token: string }>('POST', '/invitations', { email, role, firstName, lastName })
        ).token;
      }
    });

    it('publishes a notice that covers screenshots and turns screenshots on', async () => {
      await page.goto('/privacy');
      await settled(page);
      await page.getByRole('tab', { name: 'Monitoring notice' }).click();
      await page
        .getByLabel('Notice text (English)')
        .fill(
          'We record working time and the applications used. Every 10 minutes a screenshot is ' +
            'taken; HR and your manager may view it, and you may delete it within 24 hours.',
        );
      await page.getByTestId('covers-screenshots').getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Publish new version' }).click();
      await page.getByText('Notice published.').waitFor();
      await page.getByText('Covers screenshots', { exact: true }).waitFor();

      await page.getByRole('tab', { name: 'Screenshots' }).click();
      const form = page.getByTestId('screenshot-settings');
      await form.waitFor();
      const toggle = form.getByRole('switch', { name: 'Take screenshots' });
      expect(await toggle.getAttribute('aria-checked')).toBe('false');
      await toggle.click();
      await form.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Screenshot settings saved').waitFor();
      expect(await toggle.getAttribute('aria-checked')).toBe('true');
      await screenshot(page, 'privacy-screenshots-on');
      // A snack bar replaced by the next one is hidden while it leaves, its button still
      // focusable: the page is checked once both have gone.
      await page
        .locator('mat-snack-bar-container')
        .first()
        .waitFor({ state: 'detached', timeout: 15_000 });
      expect(await seriousViolations(page)).toEqual([]);

      const settings = await api<{ organization: { enabled: boolean } }>(
        'GET',
        '/settings/screenshots',
      );
      expect(settings.organization.enabled).toBe(true);
    });
  });

  it('the employee’s agent acknowledges the notice, reports activity and uploads screenshots', async () => {
    const { token } = await api<{ token: string }>('POST', '/agent/enrollment-tokens', {});
    deviceToken = (
      await api<{ deviceToken: string }>(
        'POST',
        '/agent/enroll',
        {
          enrollmentToken: token,
          employeeEmail: 'erin@acme.test',
          hostname: 'erin-pc',
          os: 'Linux',
          agentVersion: '0.1.0',
        },
        '',
      )
    ).deviceToken;
    const before = await api<{ enabled: boolean; reason?: string; noticeVersion: number }>(
      'GET',
      '/agent/screenshot-policy',
      undefined,
      deviceToken,
    );
    expect(before).toMatchObject({ enabled: false, reason: 'notice-not-acknowledged' });
    await api(
      'POST',
      '/agent/notice/acknowledgements',
      { version: before.noticeVersion },
      deviceToken,
    );
    const policy = await api<{ enabled: boolean }>(
      'GET',
      '/agent/screenshot-policy',
      undefined,
      deviceToken,
    );
    expect(policy.enabled).toBe(true);

    const now = dataNow;
    await api(
      'POST',
      '/agent/events',
      {
        events: [
          {
            id: randomUUID(),
            kind: 'active',
            start: new Date(now - 30 * MINUTE).toISOString(),
            end: new Date(now - MINUTE).toISOString(),
            app: 'Zendesk',
            title: 'Zendesk — queue',
          },
        ],
      },
      deviceToken,
    );
    for (const [minutesAgo, colour] of [
      [20, [40, 90, 160]],
      [8, [160, 70, 40]],
    ] as const) {
      const id = randomUUID();
      const at = now - minutesAgo * MINUTE;
      const form = new FormData();
      form.set('id', id);
      form.set('capturedAt', new Date(at).toISOString());
      form.set(
        'image',
        new Blob([new Uint8Array(await jpeg(colour))], { type: 'image/jpeg' }),
        'screen.jpg',
      );
      const res = await fetch(`${server.url}/api/v1/agent/screenshots`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${deviceToken}` },
        body: form,
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ id, stored: true });
      shots.push({ id, at });
    }
  });

  describe('HR', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => ({ context, page } = await newContext()));
    afterAll(async () => context.close());

    it('opens the employee’s day and sees the thumbnails over the spans', async () => {
      await accept(page, invitations.hr);
      await page.goto(`/reports/timeline/${employeeId}`);
      await settled(page);
      await page.getByText('Zendesk').first().waitFor();
      const day = page.getByTestId('day-screenshots');
      await day.getByText('Screenshots of the day: 2').waitFor();
      // One mark over the timeline per capture, and a thumbnail for each, in time order.
      expect(await day.locator('.mark').count()).toBe(2);
      expect(await loadedImages(page, '[data-testid="day-screenshots"] img')).toBe(2);
      for (const shot of shots) {
        await day
          .getByRole('link', {
            name: loose(`Screenshot at ${shortTime(shot.at)}: open the playback`),
          })
          .waitFor();
        await day
          .getByAltText(loose(`Thumbnail of the screenshot at ${shortTime(shot.at)}`))
          .waitFor();
      }
      await screenshot(page, 'hr-day-with-screenshots');
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('plays the day back and steps through it with the keyboard', async () => {
      await page.getByTestId('day-screenshots').getByRole('link', { name: 'Play back' }).click();
      await page.waitForURL(new RegExp(`/reports/timeline/${employeeId}/playback`));
      await settled(page);
      const position = page.getByTestId('playback-position');
      const at = (i: number) => loose(`${i + 1} / 2 · ${shortTime(shots[i].at)}`);
      await position.getByText(at(0)).waitFor();
      expect(await loadedImages(page, '[data-testid="playback-image"]')).toBe(1);
      await page.getByAltText(loose(`Screenshot at ${shortTime(shots[0].at)}`)).waitFor();
      // The span the capture falls in: the agent's activity at that moment.
      await page.getByTestId('playback-span').getByText('Zendesk', { exact: true }).waitFor();

      await page.getByTestId('playback').focus();
      for (const [key, index] of [
        ['ArrowRight', 1],
        ['ArrowLeft', 0],
        ['End', 1],
        ['Home', 0],
        ['ArrowRight', 1],
      ] as const) {
        await page.keyboard.press(key);
        await position.getByText(at(index)).waitFor();
      }
      await page.getByAltText(loose(`Screenshot at ${shortTime(shots[1].at)}`)).waitFor();
      await loadedImages(page, '[data-testid="playback-image"]');
      // At the last one, next stays there.
      await page.keyboard.press('ArrowRight');
      await position.getByText(at(1)).waitFor();
      expect(await page.getByRole('button', { name: 'Next screenshot' }).isDisabled()).toBe(true);
      await screenshot(page, 'hr-playback');
      expect(await seriousViolations(page)).toEqual([]);
    });
  });

  describe('employee', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => ({ context, page } = await newContext()));
    afterAll(async () => context.close());

    it('sees their screenshots on /me and who viewed them', async () => {
      await accept(page, invitations.employee);
      await page.waitForURL(/\/me/);
      await page.getByRole('heading', { name: 'My data' }).waitFor();
      const card = page.getByTestId('my-screenshots-card');
      await card.getByText('My screenshots').waitFor();
      expect(await loadedImages(page, '[data-testid="my-screenshots"] img')).toBe(2);

      // HR's views are audited and shown to the person: the day's list, thumbnails, full images.
      const viewed = page.locator('mat-card', { hasText: 'Who viewed my data' });
      await viewed.getByText('Hanna Resources').first().waitFor();
      const text = (await viewed.textContent()) ?? '';
      for (const what of ['timeline', 'screenshots', 'screenshot-thumbnail', 'screenshot']) {
        expect(text).toContain(what);
      }
      await screenshot(page, 'employee-my-screenshots');
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('deletes one of them', async () => {
      const first = hhmm(shots[0].at);
      page.once('dialog', (dialog) => {
        expect(dialog.message()).toBe('Delete this screenshot? It cannot be restored.');
        void dialog.accept();
      });
      await page
        .getByTestId('my-screenshots')
        .getByRole('button', { name: `Delete the screenshot taken at ${first}` })
        .click();
      await page.getByText('Screenshot deleted').waitFor();
      await page
        .getByTestId('my-screenshots')
        .getByAltText(`Thumbnail of the screenshot at ${first}`)
        .waitFor({ state: 'detached' });
      expect(await loadedImages(page, '[data-testid="my-screenshots"] img')).toBe(1);

      const left = await api<{ items: { id: string }[] }>(
        'GET',
        `/screenshots?employeeId=${employeeId}&from=2020-01-01&to=2100-01-01`,
      );
      expect(left.items.map((s) => s.id)).toEqual([shots[1].id]);
    });
  });

  it('no request answered 404 or 500, and no CSP violation', () => {
    expect(failures).toEqual([]);
    expect(csp.flat()).toEqual([]);
  });
});
