import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AWClient } from 'aw-client';
import { FileSecretStore } from '../src/core/adapters/file-secret-store.js';
import { LiveCollector } from '../src/core/activitywatch/collector.js';
import { AwServer } from '../src/core/activitywatch/server.js';
import { AwStore } from '../src/core/activitywatch/store.js';
import { Agent } from '../src/core/agent.js';
import { systemClock } from '../src/core/clock.js';
import { defaultConfig } from '../src/core/config.js';
import { enrollDevice } from '../src/core/enrollment.js';
import { FetchTransport } from '../src/core/http-transport.js';
import { silentLogger } from '../src/core/ports.js';
import { SqliteSpool } from '../src/core/spool/sqlite-spool.js';
import type { SpanState } from '../src/core/types.js';
import { BackendProcess, freePort } from './support/backend-process.js';
import { api } from './support/json-api.js';

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const S = 1000;

function cli(args: string[]): {
  pid: number;
  kill: (s: NodeJS.Signals) => void;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return {
    pid: child.pid!,
    kill: (s) => child.kill(s),
    done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr }))),
  };
}

/**
 * What ActivityWatch's own watchers send (aw-watcher-window: a heartbeat every second with
 * pulsetime 2; aw-watcher-afk: every 5 s with pulsetime timeout + poll = 185, pings at the last
 * input and, when the state changes, 1 ms after it; aw-watcher-web: every 20 s and on every tab
 * change, pulsetime 80), for a 10-minute session starting at `t0`:
 *
 *   0–120 s   Code "main.ts"               input all along
 *   120–200 s Firefox "Docs", tab docs.example.com (the tab was opened at 100 s, in the background)
 *   200–300 s Firefox "Mail", tab mail.example.com (reported until 580 s, in front or not)
 *   300–420 s Code "agent.ts"              last input at 330 s; afk known at 510 s (180 s timeout)
 *   420–600 s Slack "general"              input again at 560 s
 */
async function sendSession(port: number, t0: number, hostname: string): Promise<void> {
  const baseURL = `http://127.0.0.1:${port}`;
  const window = new AWClient('aw-watcher-window', { baseURL });
  const afk = new AWClient('aw-watcher-afk', { baseURL });
  const web = new AWClient('aw-client-web', { baseURL });
  const windowBucket = `aw-watcher-window_${hostname}`;
  const afkBucket = `aw-watcher-afk_${hostname}`;
  const webBucket = 'aw-watcher-web-firefox';
  expect(await window.ensureBucket(windowBucket, 'currentwindow', hostname)).toEqual({
    alreadyExist: false,
  });
  // A watcher restarting finds its bucket there (aw-server answers 304).
  expect(await window.ensureBucket(windowBucket, 'currentwindow', hostname)).toEqual({
    alreadyExist: true,
  });
  await afk.ensureBucket(afkBucket, 'afkstatus', hostname);
  await web.ensureBucket(webBucket, 'web.tab.current', 'unknown');

  const windowAt = (s: number): { app: string; title: string } =>
    s < 120
      ? { app: 'Code', title: 'main.ts — Code' }
      : s < 200
        ? { app: 'Firefox', title: 'Docs — Mozilla Firefox' }
        : s < 300
          ? { app: 'Firefox', title: 'Mail — Mozilla Firefox' }
          : s < 420
            ? { app: 'Code', title: 'agent.ts — Code' }
            : { app: 'Slack', title: 'general — Slack' };
  const lastInputAt = (s: number): number => (s < 330 ? s : s < 560 ? 330 : s);
  const tabAt = (s: number): { url: string; title: string } =>
    s < 200
      ? { url: 'https://docs.example.com/guide', title: 'Docs' }
      : { url: 'https://mail.example.com/inbox', title: 'Mail' };

  // As aw-watcher-web sends it (booleans, which aw-client's typing does not foresee).
  const webData = (s: number) =>
    ({ ...tabAt(s), audible: false, incognito: false, tabCount: 3 }) as unknown as Record<
      string,
      string
    >;
  const beats: Array<{ at: number; send: () => Promise<unknown> }> = [];
  for (let s = 0; s < 600; s++) {
    beats.push({
      at: s,
      send: () =>
        window.heartbeat(windowBucket, 2, {
          timestamp: new Date(t0 + s * S),
          duration: 0,
          data: windowAt(s),
        }),
    });
  }
  const ping = (status: 'afk' | 'not-afk', at: number, duration = 0) =>
    afk.heartbeat(afkBucket, 185, { timestamp: new Date(t0 + at), duration, data: { status } });
  let away = false;
  for (let s = 0; s < 600; s += 5) {
    const since = s - lastInputAt(s);
    const input = lastInputAt(s) * S;
    const steps: Array<() => Promise<unknown>> = [];
    if (away && since < 180) {
      steps.push(
        () => ping('afk', input),
        () => ping('not-afk', input + 1),
      );
      away = false;
    } else if (!away && since >= 180) {
      steps.push(
        () => ping('not-afk', input),
        () => ping('afk', input + 1, since),
      );
      away = true;
    } else if (away) {
      steps.push(() => ping('afk', input + 1, since));
    } else {
      steps.push(() => ping('not-afk', input));
    }
    beats.push({
      at: s + 0.5,
      send: async () => {
        for (const step of steps) await step();
      },
    });
  }
  for (let s = 100; s < 600; s += 20) {
    beats.push({
      at: s + 0.25,
      send: () =>
        web.heartbeat(webBucket, 80, {
          timestamp: new Date(t0 + s * S),
          duration: 0,
          data: webData(s),
        }),
    });
  }
  // Tab switch at 200 s.
  beats.push({
    at: 200.1,
    send: () =>
      web.heartbeat(webBucket, 80, {
        timestamp: new Date(t0 + 200 * S),
        duration: 0,
        data: webData(200),
      }),
  });
  beats.sort((a, b) => a.at - b.at);
  for (const beat of beats) await beat.send();

  // The server answers what aw-server would.
  const events = await window.getEvents(windowBucket, { limit: 2 });
  expect(events.map((e) => [e.data.app, e.duration])).toEqual([
    ['Slack', 179],
    ['Code', 119],
  ]);
  expect(await window.countEvents(windowBucket)).toBe(5);
}

describe('ActivityWatch as a source, against the real backend', () => {
  const work = mkdtempSync(join(tmpdir(), 'ctx-aw-'));
  let backend: BackendProcess;
  let server = '';
  let ownerToken = '';
  let employeeId = '';
  const email = 'ava@acme.test';

  async function enrollmentToken(): Promise<string> {
    return (
      await api<{ token: string }>('POST', `${server}/agent/enrollment-tokens`, ownerToken, {})
    ).token;
  }

  async function summary(day: string) {
    const res = await api<{
      rows: Array<{ employeeId: string; activeSeconds: number; idleSeconds: number }>;
    }>('GET', `${server}/reports/summary?from=${day}&to=${day}`, ownerToken);
    return res.rows.find((r) => r.employeeId === employeeId) ?? null;
  }

  async function usage(day: string): Promise<Record<string, number>> {
    const res = await api<{ rows: Array<{ kind: string; name: string; seconds: number }> }>(
      'GET',
      `${server}/reports/usage?from=${day}&to=${day}&employeeId=${employeeId}`,
      ownerToken,
    );
    return Object.fromEntries(res.rows.map((r) => [`${r.kind}:${r.name}`, r.seconds]));
  }

  beforeAll(async () => {
    backend = new BackendProcess(await freePort(), join(work, 'server-data'));
    await backend.start();
    server = `${backend.url}/api/v1`;
    ownerToken = (
      await api<{ accessToken: string }>('POST', `${server}/auth/signup`, null, {
        organizationName: 'Acme',
        fullName: 'Olga Owner',
        email: 'owner@acme.test',
        password: 'correct-horse-battery-staple-1',
      })
    ).accessToken;
    employeeId = (
      await api<{ id: string }>('POST', `${server}/employees`, ownerToken, {
        fullName: 'Ava Watcher',
        email,
      })
    ).id;
  });

  afterAll(async () => {
    await backend?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('counts the watchers’ heartbeats (aw-client) in summary and usage as ActivityWatch’s canonical view does', async () => {
    const home = join(work, 'live');
    mkdirSync(home);
    const secrets = new FileSecretStore(join(home, 'secrets.json'));
    const config = await enrollDevice(
      { serverUrl: backend.url, enrollmentToken: await enrollmentToken(), employeeEmail: email },
      defaultConfig(),
      new FetchTransport(5000),
      secrets,
    );
    const spool = new SqliteSpool(join(home, 'spool.sqlite'));
    const agent = await Agent.create({
      config,
      activity: { current: () => Promise.resolve(null) },
      idle: { idleSeconds: () => Promise.resolve(0) },
      clock: systemClock,
      spool,
      secrets,
      transport: new FetchTransport(5000),
      logger: silentLogger,
    });
    await agent.refreshFromServer();
    const pending = agent.notice.pending();
    if (pending) await agent.notice.acknowledge(pending.version);
    expect(agent.trackingState(Date.now())).toBe('tracking');

    const store = new AwStore(join(home, 'activitywatch.sqlite'));
    const aw = new AwServer({ store, port: 0 });
    const port = await aw.start();
    const collector = new LiveCollector(store, () => null);
    const filter = (p: { kind: string; app?: string; title?: string; url?: string }): SpanState =>
      p.kind === 'idle'
        ? { kind: 'idle' }
        : agent.filter(p.app ? { app: p.app, title: p.title, url: p.url } : null);

    // Two days ago, 09:00 UTC; the agent was running (recording allowed) from 08:59.
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const t0 = Date.parse(`${day}T09:00:00Z`);
    collector.noteGate(t0 - 60 * S, true);
    await sendSession(port, t0, 'ws-ava');
    collector.noteGate(t0 + 900 * S, true);
    agent.record(collector.combine(t0 + 900 * S, filter));
    await agent.uploader.drain();
    expect(spool.stats()).toMatchObject({ queued: 0, rejected: 0 });
    // Nothing changed since: combining again hands out nothing.
    expect(collector.combine(t0 + 960 * S, filter)).toEqual([]);

    // ActivityWatch's canonical view of this session, worked out by hand:
    //   window events (heartbeats merged, pulsetime 2): Code 0–119, Firefox/Docs 120–199,
    //   Firefox/Mail 200–299, Code 300–419, Slack 420–599; flood (5 s) shares each 1 s gap:
    //   Code 0–119.5, Docs 119.5–199.5, Mail 199.5–299.5, Code 299.5–419.5, Slack 419.5–599.
    //   afk events: not-afk 0–330, afk 330.001–560, not-afk 560.001–595; flooded: the 1 ms gaps
    //   shared: not-afk 0–330.0005, afk 330.0005–560.0005, not-afk 560.0005–595.
    //   events = window ∩ not-afk: Code 119.5 + 30.5005, Firefox 80 + 100, Slack 34.9995;
    //   duration 365 s; afk 230 s.
    //   web (pulsetime 80): docs 100–180, mail 200–580; ∩ Firefox windows (119.5–299.5):
    //   docs 119.5–180 (60.5 s), mail 200–299.5 (99.5 s) — all of it while not afk.
    const canonical = {
      activeMs: 365_000,
      afkMs: 230_000,
      apps: { Code: 150_000.5, Firefox: 180_000, Slack: 34_999.5 },
      domains: { 'docs.example.com': 60_500, 'mail.example.com': 99_500 },
    };
    const seconds = (ms: number) => Math.round(ms / 1000);
    expect(await summary(day)).toMatchObject({
      activeSeconds: seconds(canonical.activeMs),
      idleSeconds: seconds(canonical.afkMs),
    });
    // CallTimeX names a span with a URL by its site: the browser's time without a tab URL stays
    // the app's, so app + its sites = ActivityWatch's app time.
    const used = await usage(day);
    expect(used).toEqual({
      'app:Code': seconds(canonical.apps.Code),
      'app:Slack': seconds(canonical.apps.Slack),
      'app:Firefox': seconds(canonical.apps.Firefox - 60_500 - 99_500),
      'site:docs.example.com': seconds(canonical.domains['docs.example.com']),
      'site:mail.example.com': seconds(canonical.domains['mail.example.com']),
    });

    // A correction in ActivityWatch (an event deleted there) reaches the server as a retraction.
    const slack = store.events(`aw-watcher-window_ws-ava`, { limit: 1 })[0]!;
    const client = new AWClient('aw-webui', { baseURL: `http://127.0.0.1:${port}` });
    await client.deleteEvent('aw-watcher-window_ws-ava', slack.id);
    agent.record(collector.combine(t0 + 1000 * S, filter));
    await agent.uploader.drain();
    expect(await summary(day)).toMatchObject({ activeSeconds: 365 - 35, idleSeconds: 230 });
    expect((await usage(day))['app:Slack']).toBeUndefined();

    await aw.stop();
    store.close();
    spool.close();
  }, 120_000);

  it('serves only localhost, refuses web pages and answers bad input with 400', async () => {
    const store = new AwStore(join(work, 'guard.sqlite'));
    const aw = new AwServer({ store, port: 0 });
    const port = await aw.start();
    const base = `http://127.0.0.1:${port}/api/0`;
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    expect((await fetch(`${base}/info`)).status).toBe(200);
    expect(
      (await post('/buckets/b', { client: 'c', type: 'currentwindow', hostname: 'h' })).status,
    ).toBe(200);
    // A web page may not fake activity; a browser extension (aw-watcher-web) may report.
    const beat = { timestamp: new Date().toISOString(), duration: 0, data: { app: 'x' } };
    expect(
      (await post('/buckets/b/heartbeat?pulsetime=2', beat, { origin: 'https://evil.example' }))
        .status,
    ).toBe(403);
    const fromExtension = await post('/buckets/b/heartbeat?pulsetime=2', beat, {
      origin: 'moz-extension://0f1e2d3c',
    });
    expect(fromExtension.status).toBe(200);
    expect(fromExtension.headers.get('access-control-allow-origin')).toBe(
      'moz-extension://0f1e2d3c',
    );
    // DNS rebinding: a request addressed to another host name is refused.
    const rebound = await new Promise<number>((resolve, reject) => {
      void import('node:http').then(({ request }) => {
        const req = request(
          { host: '127.0.0.1', port, path: '/api/0/info', headers: { host: 'attacker.example' } },
          (res) => resolve(res.statusCode ?? 0),
        );
        req.on('error', reject);
        req.end();
      });
    });
    expect(rebound).toBe(403);
    for (const [path, body, message] of [
      ['/buckets/b/heartbeat?pulsetime=2', '{not json', 'the body is not JSON'],
      [
        '/buckets/b/heartbeat?pulsetime=2',
        { timestamp: 'yesterday', data: {} },
        'timestamp must be',
      ],
      [
        '/buckets/b/heartbeat?pulsetime=2',
        { timestamp: beat.timestamp, duration: -1, data: {} },
        'duration must be',
      ],
      ['/buckets/b/heartbeat?pulsetime=2', { timestamp: beat.timestamp, data: [] }, 'data must be'],
      ['/buckets/b/heartbeat', beat, 'pulsetime must be'],
      ['/buckets/b/events', [beat, { timestamp: 1 }], 'event 1: timestamp must be'],
      ['/buckets/c', { client: 'c' }, 'type must be a string'],
    ] as const) {
      const res = await post(path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(((await res.json()) as { message: string }).message).toContain(message);
    }
    expect((await post('/buckets/nope/heartbeat?pulsetime=2', beat)).status).toBe(404);
    await aw.stop();
    store.close();
  });

  it('imports an aw-server export with import-aw, and a second import adds nothing', async () => {
    // An export as aw-server writes it (GET /api/0/export), of the same session a day earlier.
    const source = new AwStore(join(work, 'exporting.sqlite'));
    const aw = new AwServer({ store: source, port: 0 });
    const port = await aw.start();
    const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    await sendSession(port, Date.parse(`${day}T09:00:00Z`), 'ws-ava');
    const exported = await (await fetch(`http://127.0.0.1:${port}/api/0/export`)).text();
    await aw.stop();
    source.close();
    const file = join(work, 'aw-buckets-export.json');
    writeFileSync(file, exported);
    expect(Object.keys((JSON.parse(exported) as { buckets: object }).buckets)).toHaveLength(3);

    const home = join(work, 'import-home');
    const enroll = await cli([
      'enroll',
      '--home',
      home,
      '--server',
      backend.url,
      '--token',
      await enrollmentToken(),
      '--email',
      email,
    ]).done;
    expect(enroll.code).toBe(0);
    expect((await cli(['notice', '--home', home, '--accept']).done).code).toBe(0);

    const first = await cli(['import-aw', file, '--home', home]).done;
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/read \d+ events from 3 buckets: [1-9]\d* spans queued/);
    expect(first.stdout).toContain('uploaded');
    const once = { summary: await summary(day), usage: await usage(day) };
    expect(once.summary).toMatchObject({ activeSeconds: 365, idleSeconds: 230 });
    expect(once.usage).toMatchObject({ 'site:docs.example.com': 61, 'site:mail.example.com': 100 });

    const second = await cli(['import-aw', file, '--home', home]).done;
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 spans queued (nothing new: imported before)');
    expect({ summary: await summary(day), usage: await usage(day) }).toEqual(once);

    // A file that is not an export is refused with a clear message.
    writeFileSync(join(work, 'bad.json'), JSON.stringify({ hello: 'world' }));
    const bad = await cli(['import-aw', join(work, 'bad.json'), '--home', home]).done;
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('holds no ActivityWatch bucket');
  }, 120_000);

  it('run --source activitywatch: live heartbeats reach the reports within seconds; SIGTERM exits 0', async () => {
    const home = join(work, 'cli-live');
    const enroll = await cli([
      'enroll',
      '--home',
      home,
      '--server',
      backend.url,
      '--token',
      await enrollmentToken(),
      '--email',
      email,
    ]).done;
    expect(enroll.code).toBe(0);
    expect((await cli(['notice', '--home', home, '--accept']).done).code).toBe(0);
    const configFile = join(home, 'config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    config.sampling = {
      intervalSeconds: 0.25,
      idleThresholdSeconds: 180,
      maxSpanSeconds: 900,
      publishSeconds: 1,
    };
    writeFileSync(configFile, JSON.stringify(config));
    const port = await freePort();
    const run = cli([
      'run',
      '--source',
      'activitywatch',
      '--aw-port',
      String(port),
      '--home',
      home,
    ]);
    const baseURL = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 15_000;
    for (;;) {
      const up = await fetch(`${baseURL}/api/0/info`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline)
        throw new Error(
          `the agent did not serve: ${(await Promise.race([run.done, Promise.resolve(null)]))?.stderr ?? ''}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
    const window = new AWClient('aw-watcher-window', { baseURL });
    const afk = new AWClient('aw-watcher-afk', { baseURL });
    await window.ensureBucket('aw-watcher-window_live', 'currentwindow', 'live');
    await afk.ensureBucket('aw-watcher-afk_live', 'afkstatus', 'live');
    const today = new Date().toISOString().slice(0, 10);
    const before = (await summary(today))?.activeSeconds ?? 0;
    const started = Date.now();
    let reported = 0;
    while (Date.now() - started < 20_000) {
      const now = new Date();
      await window.heartbeat('aw-watcher-window_live', 2, {
        timestamp: now,
        duration: 0,
        data: { app: 'Terminal', title: 'make' },
      });
      await afk.heartbeat('aw-watcher-afk_live', 185, {
        timestamp: now,
        duration: 0,
        data: { status: 'not-afk' },
      });
      reported = ((await summary(today))?.activeSeconds ?? 0) - before;
      if (reported >= 3) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    // Fresh: seconds of activity are in the reports while it goes on.
    expect(reported).toBeGreaterThanOrEqual(3);
    expect(Date.now() - started).toBeLessThan(20_000);

    const status = await cli(['status', '--home', home]).done;
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(
      new RegExp(
        `^agent: +running \\(pid ${run.pid} since .*activitywatch on 127.0.0.1:${port}\\)$`,
        'm',
      ),
    );

    const stopAt = Date.now();
    run.kill('SIGTERM');
    const done = await run.done;
    expect(done.code).toBe(0);
    expect(Date.now() - stopAt).toBeLessThan(15_000);
    // Everything heard until the stop was uploaded.
    const after = await cli(['status', '--home', home]).done;
    expect(after.stdout).toMatch(/^queued: +0 events/m);
    expect(((await summary(today))?.activeSeconds ?? 0) - before).toBeGreaterThanOrEqual(reported);
  }, 90_000);
});
