import { join, normalize, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, net, protocol, shell } from 'electron';

export const APP_SCHEME = 'calltimex';
const APP_ORIGIN = `${APP_SCHEME}://app`;

export type Page = 'notice' | 'status' | 'settings';

/** Must run before `app` is ready. */
export function registerScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

/** Serves the renderer's files, and nothing outside their folder. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const { host, pathname } = new URL(request.url);
    const file = normalize(join(rendererDir, decodeURIComponent(pathname)));
    const inside = relative(rendererDir, file);
    if (host !== 'app' || inside.startsWith('..') || inside.includes(`..${sep}`)) {
      return new Response('not found', { status: 404 });
    }
    return net.fetch(pathToFileURL(file).toString());
  });
}

export function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`);
}

const open = new Map<Page, BrowserWindow>();

const SIZES: Record<Page, [number, number]> = {
  notice: [640, 620],
  status: [380, 360],
  settings: [460, 520],
};

export function showPage(page: Page, preload: string): BrowserWindow {
  const existing = open.get(page);
  if (existing && !existing.isDestroyed()) {
    existing.show();
    existing.focus();
    return existing;
  }
  const [width, height] = SIZES[page];
  const window = new BrowserWindow({
    width,
    height,
    show: false,
    autoHideMenuBar: true,
    title: 'CallTimeX',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  // Pages never navigate or open windows; links go to the browser.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => open.delete(page));
  open.set(page, window);
  void window.loadURL(`${APP_ORIGIN}/${page}.html`);
  return window;
}

export function closePage(page: Page): void {
  open.get(page)?.close();
}

export function allWindows(): BrowserWindow[] {
  return [...open.values()].filter((w) => !w.isDestroyed());
}
