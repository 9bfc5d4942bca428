import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSecretStore } from '../src/core/adapters/file-secret-store.js';
import { X11Source } from '../src/core/adapters/x11-native.js';
import { Agent, DEVICE_TOKEN_KEY } from '../src/core/agent.js';
import { systemClock } from '../src/core/clock.js';
import { defaultConfig, type AgentConfig } from '../src/core/config.js';
import { FetchTransport } from '../src/core/http-transport.js';
import { silentLogger } from '../src/core/ports.js';
import { SqliteSpool } from '../src/core/spool/sqlite-spool.js';
import type { WireEvent } from '../src/core/types.js';
import { FakeServer, json } from './support/fake-server.js';
import { VirtualDisplay, type TestWindow } from './support/xvfb.js';

/**
 * A real X server: Xvfb with openbox, real X clients (xmessage) whose class and title xdotool
 * sets, focus switched and the pointer moved with xdotool. The session is a 10-minute working
 * session compressed 20 times (30 s): sampling every 0.25 s (5 s), idle after 3 s (60 s), the
 * span in progress sent every 1.5 s (30 s), "within a minute" = within 3 s.
 */
const COMPRESSION = 20;
const INTERVAL_MS = 250;
const IDLE_THRESHOLD_S = 3;
const PUBLISH_S = 1.5;
const WITHIN_A_MINUTE_MS = 60_000 / COMPRESSION;
// A boundary is where the action was, give or take one sampling interval and the time xdotool and
// the window manager take to act.
const TOLERANCE_MS = INTERVAL_MS + 250;

interface Stored extends WireEvent {
  firstArrival: number;
}

/** The server's side: events kept by id, a higher revision replacing, as the real server does. */
function recordingServer(server: FakeServer, stored: Map<string, Stored>): void {
  server.handler = (req, res) => {
    if (req.url === '/api/v1/agent/events') {
      const { events } = JSON.parse(req.body) as { events: WireEvent[] };
      for (const e of events) {
        const before = stored.get(e.id);
        if (!before || (before.rev ?? 0) < (e.rev ?? 0)) {
          stored.set(e.id, { ...e, firstArrival: before?.firstArrival ?? Date.now() });
        }
      }
      return json(res, 200, { accepted: events.length, duplicates: 0, rejected: [] });
    }
    if (req.url === '/api/v1/agent/config') {
      return json(res, 200, { collectTitles: true, urlMode: 'host' });
    }
    // No monitoring notice in this organization.
    return json(res, 404, { status: 404, title: 'Not Found', detail: req.url });
  };
}

/** Adjacent versions of one state (sent separately) joined: what a report would draw. */
function joined(events: WireEvent[]): Array<{ key: string; start: number; end: number }> {
  const out: Array<{ key: string; start: number; end: number }> = [];
  const sorted = events
    .filter((e) => !e.deleted)
    .map((e) => ({
      key: e.kind === 'idle' ? 'idle' : `${e.app} | ${e.title}`,
      start: Date.parse(e.start),
      end: Date.parse(e.end),
    }))
    .sort((a, b) => a.start - b.start);
  for (const e of sorted) {
    const last = out.at(-1);
    if (last && last.key === e.key && e.start - last.end <= INTERVAL_MS * 2 + 1000) {
      last.end = Math.max(last.end, e.end);
    } else {
      out.push({ ...e });
    }
  }
  return out;
}

describe('the agent on a real X server (Xvfb + openbox + xdotool)', () => {
  let screen: VirtualDisplay;
  const server = new FakeServer();
  let url = '';
  let dir = '';

  beforeAll(async () => {
    screen = await VirtualDisplay.start();
    url = await server.start();
  });
  afterAll(async () => {
    screen?.stop();
    await server.stop();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ctx-x11-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the window in front, its class and UTF-8 title, and the time since input', async () => {
    const source = new X11Source(silentLogger, screen.display, screen.env);
    const editor = await screen.openWindow('Editor', 'Отчёт "Q4" — Editor');
    const browser = await screen.openWindow('Browser', 'Docs — Browser');
    await screen.focus(editor);
    expect(await source.current()).toEqual({ app: 'Editor', title: 'Отчёт "Q4" — Editor' });
    await screen.focus(browser);
    expect(await source.current()).toEqual({ app: 'Browser', title: 'Docs — Browser' });
    await screen.setTitle(browser, 'Mail — Browser');
    expect(await source.current()).toEqual({ app: 'Browser', title: 'Mail — Browser' });
    await screen.movePointer(100, 100);
    const fresh = await source.idleSeconds();
    await new Promise((r) => setTimeout(r, 1200));
    const later = await source.idleSeconds();
    expect(fresh).toBeLessThan(0.5);
    expect(later).toBeGreaterThanOrEqual(1.1);
    await screen.movePointer(200, 200);
    expect(await source.idleSeconds()).toBeLessThan(0.5);
    source.close();
    editor.close();
    browser.close();
  });

  it('turns a 10-minute session of real windows (compressed 20×) into the spans it was', async () => {
    const stored = new Map<string, Stored>();
    recordingServer(server, stored);
    const secrets = new FileSecretStore(join(dir, 'secrets.json'));
    await secrets.set(DEVICE_TOKEN_KEY, 'device-secret');
    const config: AgentConfig = {
      ...defaultConfig(),
      serverUrl: url,
      deviceId: 'device-1',
      employeeEmail: 'ann@example.com',
      sampling: {
        intervalSeconds: INTERVAL_MS / 1000,
        idleThresholdSeconds: IDLE_THRESHOLD_S,
        maxSpanSeconds: 900,
        publishSeconds: PUBLISH_S,
      },
    };
    const x11 = new X11Source(silentLogger, screen.display, screen.env);
    const spool = new SqliteSpool(join(dir, 'spool.sqlite'));
    const agent = await Agent.create({
      config,
      activity: x11,
      idle: x11,
      clock: systemClock,
      spool,
      secrets,
      transport: new FetchTransport(5000),
      logger: silentLogger,
      uploaderOptions: { pollMs: 200, baseDelayMs: 100, maxDelayMs: 500 },
    });
    await agent.refreshFromServer();
    expect(agent.trackingState(Date.now())).toBe('tracking');

    const editor = await screen.openWindow('Editor', 'main.ts — Editor');
    const browser = await screen.openWindow('Browser', 'Docs — Browser');
    const terminal = await screen.openWindow('Terminal', 'build — Terminal');
    await screen.focus(editor);

    // The person works (pointer input every 0.4 s) while `working` is set.
    let working = true;
    let stopped = false;
    let x = 10;
    const hands = (async () => {
      while (!stopped) {
        if (working) await screen.movePointer((x = (x + 37) % 900) + 10, 300);
        await new Promise((r) => setTimeout(r, 400));
      }
    })();

    const controller = new AbortController();
    const t0 = Date.now();
    const sampling = agent.sample(controller.signal);
    const uploads = agent.uploader.run(controller.signal);
    const marks: Record<string, number> = {};
    const at = async (ms: number, name: string, action: () => Promise<void>): Promise<void> => {
      const wait = t0 + ms - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await action();
      marks[name] = Date.now() - t0;
    };
    const focus = (w: TestWindow) => () => screen.focus(w);
    await at(4000, 'browser', focus(browser));
    await at(7000, 'editor again', async () => {
      await screen.setTitle(editor, 'agent.ts — Editor');
      await screen.focus(editor);
    });
    await at(10_000, 'away', async () => {
      // The last input, then none: idle from here, known 3 s later.
      await screen.movePointer(500, 500);
      working = false;
    });
    await at(17_000, 'back', async () => {
      // Back: the terminal is brought to the front (no input yet), then the pointer moves.
      await screen.focus(terminal);
      await screen.movePointer(600, 600);
      working = true;
    });
    await at(21_000, 'browser again', focus(browser));
    await at(25_000, 'new page', () => screen.setTitle(browser, 'Report — Browser'));
    await at(30_000, 'stop', () => Promise.resolve());
    controller.abort();
    stopped = true;
    await Promise.all([sampling, uploads, hands]);
    agent.shutdown();
    await agent.uploader.drain();
    expect(spool.stats().queued).toBe(0);

    const spans = joined([...stored.values()]);
    const dump = JSON.stringify(
      [...stored.values()].map((e) => [
        e.kind,
        e.title,
        Date.parse(e.start) - t0,
        Date.parse(e.end) - t0,
        e.firstArrival - t0,
        e.rev,
      ]),
    );
    if (process.env.X11_TEST_DEBUG) console.log(dump, marks);
    const expected: Array<[string, number, number]> = [
      ['Editor | main.ts — Editor', 0, marks.browser!],
      ['Browser | Docs — Browser', marks.browser!, marks['editor again']!],
      ['Editor | agent.ts — Editor', marks['editor again']!, marks.away!],
      ['idle', marks.away!, marks.back!],
      ['Terminal | build — Terminal', marks.back!, marks['browser again']!],
      ['Browser | Docs — Browser', marks['browser again']!, marks['new page']!],
      ['Browser | Report — Browser', marks['new page']!, marks.stop!],
    ];
    const got = spans.map((s) => [s.key, s.start - t0, s.end - t0] as [string, number, number]);
    expect(got.map((g) => g[0])).toEqual(expected.map((e) => e[0]));
    got.forEach(([key, start, end], i) => {
      const [, wantStart, wantEnd] = expected[i]!;
      expect({ key, start: Math.abs(start - wantStart) <= TOLERANCE_MS }).toEqual({
        key,
        start: true,
      });
      expect({ key, end: Math.abs(end - wantEnd) <= TOLERANCE_MS }).toEqual({ key, end: true });
    });
    // Second for second: the totals agree within a sampling interval per boundary.
    const total = (idle: boolean) =>
      spans.filter((s) => (s.key === 'idle') === idle).reduce((n, s) => n + s.end - s.start, 0);
    expect(Math.abs(total(true) - (marks.back! - marks.away!))).toBeLessThanOrEqual(
      2 * TOLERANCE_MS,
    );
    expect(
      Math.abs(total(false) - (marks.stop! - (marks.back! - marks.away!))),
    ).toBeLessThanOrEqual(4 * TOLERANCE_MS);
    // Fresh: every span was on the server within "a minute" of its end — or, for time that idle
    // corrected, within a minute of the idle being known (the threshold after the last input).
    const late = [...stored.values()]
      .map((e) => ({
        span: e.title ?? e.kind,
        lateMs:
          e.firstArrival - Date.parse(e.end) - (e.kind === 'idle' ? IDLE_THRESHOLD_S * 1000 : 0),
      }))
      .filter((e) => e.lateMs > WITHIN_A_MINUTE_MS);
    if (late.length > 0) console.log(dump);
    expect(late).toEqual([]);
    x11.close();
    spool.close();
    for (const w of [editor, browser, terminal]) w.close();
  }, 90_000);
});
