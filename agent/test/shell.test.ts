// The Electron shell's own logic, against the stub in support/electron-stub.ts (see jest.config).
import { join } from 'node:path';
import { registerHandlers, type Handlers } from '../src/main/ipc.js';
import { serveRenderer, showPage } from '../src/main/windows.js';
import { recorded } from './support/electron-stub.js';

const fromApp = { senderFrame: { url: 'calltimex://app/settings.html' } };

describe('the Electron shell (with Electron stubbed)', () => {
  beforeAll(() => {
    const ok = { ok: true } as const;
    const handlers: Handlers = {
      'status:get': () => {
        throw new Error('not used');
      },
      'notice:get': () => null,
      'notice:acknowledge': () => ok,
      'pause:set': ({ paused }) => (paused ? ok : { ok: false, error: 'resumed' }),
      'settings:get': () => ({
        serverUrl: null,
        employeeEmail: null,
        enrolled: false,
        startAtLogin: false,
      }),
      'settings:enroll': () => ok,
      'settings:start-at-login': () => ok,
      'screenshots:list': () => [],
      'screenshots:delete': () => ok,
    };
    registerHandlers(handlers);
  });

  it('registers every channel of the contract', () => {
    expect([...recorded.handlers.keys()].sort()).toEqual([
      'notice:acknowledge',
      'notice:get',
      'pause:set',
      'screenshots:delete',
      'screenshots:list',
      'settings:enroll',
      'settings:get',
      'settings:start-at-login',
      'status:get',
    ]);
  });

  it('validates payloads before calling a handler', async () => {
    const pause = recorded.handlers.get('pause:set')!;
    await expect(Promise.resolve(pause(fromApp, { paused: true }))).resolves.toEqual({ ok: true });
    expect(() => pause(fromApp, { paused: 'yes' })).toThrow('invalid payload on pause:set');
    expect(() => pause(fromApp, { paused: true, extra: 1 })).toThrow('invalid payload');
    const enroll = recorded.handlers.get('settings:enroll')!;
    expect(() =>
      enroll(fromApp, {
        serverUrl: 'javascript:alert(1)',
        enrollmentToken: 't',
        employeeEmail: 'a@b',
      }),
    ).toThrow('invalid payload');
  });

  it('answers only the agent’s own pages', () => {
    const get = recorded.handlers.get('notice:get')!;
    expect(get(fromApp, null)).toBeNull();
    expect(() => get({ senderFrame: { url: 'https://evil.example/' } }, null)).toThrow(
      'unexpected page',
    );
    expect(() => get({ senderFrame: null }, null)).toThrow('unexpected page');
  });

  it('serves the renderer folder and nothing outside it', async () => {
    const dir = '/opt/agent/renderer';
    serveRenderer(dir);
    const handler = recorded.protocolHandlers.get('calltimex')!;
    const status = async (url: string) => ((await handler({ url })) as Response).status;
    expect(await status('calltimex://app/notice.html')).toBe(200);
    expect(recorded.fetched.at(-1)).toBe(`file://${join(dir, 'notice.html')}`);
    for (const attack of [
      'calltimex://app/%2e%2e/%2e%2e/etc/passwd',
      'calltimex://app/..%2f..%2fetc%2fpasswd',
      'calltimex://app/..%5c..%5cwindows%5cwin.ini',
      'calltimex://app/a/../../../etc/passwd',
    ]) {
      const before = recorded.fetched.length;
      const answer = await status(attack);
      // Either refused, or resolved to a file inside the folder.
      if (answer !== 404) expect(recorded.fetched.at(-1)!.startsWith(`file://${dir}/`)).toBe(true);
      else expect(recorded.fetched).toHaveLength(before);
    }
    expect(await status('calltimex://other/notice.html')).toBe(404);
    expect(recorded.fetched.every((url) => url.startsWith(`file://${dir}/`))).toBe(true);
  });

  it('opens pages isolated and sandboxed, from the app scheme', () => {
    showPage('notice', '/opt/agent/preload/preload.cjs');
    const window = recorded.windows.at(-1)!;
    expect(window.options.webPreferences).toMatchObject({
      preload: '/opt/agent/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(window.loaded).toEqual(['calltimex://app/notice.html']);
  });
});
