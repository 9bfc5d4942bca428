import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectCspViolations, launch, settled } from './browser';
import { startServer, type RunningServer } from './server';

jest.setTimeout(180_000);

const OWNER = { email: 'owner@session.test', password: 'Correct-Horse-Battery-9' };

/** Everything the page's scripts can read from storage, as one string. */
async function storageDump(page: Page): Promise<string> {
  return page.evaluate(() => {
    const dump = (s: Storage) =>
      Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`);
    return [...dump(localStorage), ...dump(sessionStorage), document.cookie].join('\n');
  });
}

describe('console session and CSP in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let violations: string[];
  let accessToken = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    violations = await collectCspViolations(context);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('serves index.html with a fresh nonce that matches its CSP header', async () => {
    const nonces = [];
    // A navigation, `/`, and index.html asked for by name (never the static file's placeholder).
    for (const path of ['/sign-in', '/', '/index.html']) {
      const res = await fetch(`${server.url}${path}`, { headers: { Accept: 'text/html' } });
      const html = await res.text();
      const policy = res.headers.get('content-security-policy') ?? '';
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce).toBeTruthy();
      expect(html).toContain(`ngcspnonce="${nonce}"`);
      expect(html).not.toContain('__CSP_NONCE__');
      // No inline script or event handler: script-src 'self' would block them.
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toMatch(/script-src 'self'(;|$)/);
      nonces.push(nonce);
    }
    expect(new Set(nonces).size).toBe(3);
  });

  it('paints the product name before any script runs, and the first page replaces it', async () => {
    // Scripts off: what a slow phone shows while the scripts are still on their way.
    const bare = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false });
    try {
      const still = await bare.newPage();
      await still.goto('/sign-in');
      const splash = still.locator('ctx-root .boot-splash');
      await expect(splash.isVisible()).resolves.toBe(true);
      expect(await splash.textContent()).toBe('CallTimeX');
      expect(await splash.getAttribute('aria-hidden')).toBe('true');
      // In the middle of the screen.
      const box = (await splash.boundingBox())!;
      const viewport = still.viewportSize()!;
      expect(Math.abs(box.y + box.height / 2 - viewport.height / 2)).toBeLessThan(2);
    } finally {
      await bare.close();
    }
    await page.goto('/setup');
    await page.getByRole('button', { name: 'Create organization' }).waitFor();
    expect(await page.locator('.boot-splash').count()).toBe(0);
  });

  it('signs up; the refresh token is an HttpOnly cookie and storage holds no token', async () => {
    await page.goto('/setup');
    await page.getByLabel('Organization name').fill('Session Ltd');
    await page.getByLabel('Your full name').fill('Sam Session');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    // The answer is read on its way to the page (the browser may drop a body once the page moves
    // on); the page gets it unchanged, Set-Cookie included.
    let answered: (body: { accessToken: string; refreshToken?: string }) => void;
    const signup = new Promise<{ accessToken: string; refreshToken?: string }>(
      (resolve) => (answered = resolve),
    );
    await page.route('**/api/v1/auth/signup', async (route) => {
      const response = await route.fetch();
      answered((await response.json()) as { accessToken: string; refreshToken?: string });
      await route.fulfill({ response });
    });
    await page.getByRole('button', { name: 'Create organization' }).click();
    const body = await signup;
    await page.unroute('**/api/v1/auth/signup');
    expect(body.refreshToken).toBeUndefined();
    accessToken = body.accessToken;
    await page.waitForURL(/\/dashboard/);

    const cookies = await context.cookies();
    const refresh = cookies.find((c) => c.name === 'ctx_refresh');
    expect(refresh).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/v1/auth/refresh',
    });
    const dump = await storageDump(page);
    expect(dump).not.toContain(accessToken);
    expect(dump).not.toContain(refresh!.value);
    expect(dump).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);
  });

  it('stays signed in across a reload, from the cookie alone', async () => {
    const before = (await context.cookies()).find((c) => c.name === 'ctx_refresh')!.value;
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh'));
    await page.reload();
    const answer = await refreshed;
    expect(answer.status()).toBe(200);
    expect(answer.request().headers()['x-csrf']).toBe('1');
    await page.waitForURL(/\/dashboard/);
    await page.getByTestId('user-menu').waitFor();
    // Rotated: a new cookie replaced the one used.
    const after = (await context.cookies()).find((c) => c.name === 'ctx_refresh')!.value;
    expect(after).not.toBe(before);
    expect(await storageDump(page)).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);

    // A new tab of the same browser is signed in too.
    const second = await context.newPage();
    await second.goto('/people');
    await second.getByRole('tab', { name: 'Teams' }).waitFor();
    expect(second.url()).toContain('/people');
    await second.close();
  });

  it('reports no CSP violation on the main pages, dialogs and menus included', async () => {
    for (const target of [
      '/dashboard',
      '/people',
      '/devices',
      '/reports',
      '/rules',
      '/exports',
      '/privacy',
      '/settings',
      '/audit',
      '/me',
    ]) {
      await page.goto(target);
      await settled(page);
      expect(page.url()).toContain(target);
    }
    await page.goto('/people');
    await page.getByRole('tab', { name: 'Teams' }).click();
    await page.getByRole('button', { name: 'Add team' }).click();
    await page.getByRole('dialog').getByLabel('Team name').fill('Night shift');
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await page.getByRole('cell', { name: 'Night shift', exact: true }).waitFor();
    await page.getByTestId('language-menu').click();
    await page.getByTestId('lang-en').click();
    await page.goto('/api/docs');
    await page.locator('.swagger-ui').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });

  it('a page script cannot break the policy: an injected inline script is refused', async () => {
    await page.goto('/dashboard');
    await page.getByTestId('user-menu').waitFor();
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false;
    });
    expect(ran).toBe(false);
    expect(violations.some((v) => v.includes('script-src'))).toBe(true);
    violations.length = 0;
  });

  it('signs out: the cookie is gone and a reload stays signed out', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/sign-in/);
    expect((await context.cookies()).find((c) => c.name === 'ctx_refresh')).toBeUndefined();
    await page.reload();
    await page.waitForURL(/\/sign-in/);
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    const res = await fetch(`${server.url}/api/v1/me`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(res.status).toBe(401);
    expect(violations).toEqual([]);
  });
});
