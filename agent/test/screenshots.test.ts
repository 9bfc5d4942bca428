import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { FileSecretStore } from '../src/core/adapters/file-secret-store.js';
import { Agent, DEVICE_TOKEN_KEY } from '../src/core/agent.js';
import { defaultConfig, type AgentConfig } from '../src/core/config.js';
import { FetchTransport } from '../src/core/http-transport.js';
import type {
  ActivitySource,
  Clock,
  ForegroundActivity,
  IdleSource,
  Logger,
  ScreenCapture,
} from '../src/core/ports.js';
import type { RgbaImage } from '../src/core/screenshots/raster.js';
import { SqliteSpool } from '../src/core/spool/sqlite-spool.js';
import { FakeServer, json, ScreenshotServer } from './support/fake-server.js';

const MINUTE = 60_000;
/** Monday 2 November 2026, 09:00 UTC. */
const MONDAY_9 = Date.UTC(2026, 10, 2, 9);

/** The agent's world on a virtual clock: `sleep` moves time on at once. */
class World implements Clock, ActivitySource, IdleSource, ScreenCapture {
  at = MONDAY_9;
  foreground: ForegroundActivity | null = { app: 'code', title: 'main.ts — Code' };
  /** Seconds without input, as a function of the time. */
  idleAt: (at: number) => number = () => 0;
  colour: [number, number, number] = [40, 120, 200];
  reads = 0;
  sleeps: number[] = [];
  /** Runs while the screen is read (what is in front may change meanwhile). */
  duringCapture: () => void = () => undefined;
  now = () => this.at;
  sleep = (ms: number, signal?: AbortSignal) => {
    this.sleeps.push(ms);
    if (!signal?.aborted) this.at += Math.max(0, ms);
    return Promise.resolve();
  };
  current = () => Promise.resolve(this.foreground);
  idleSeconds = () => Promise.resolve(this.idleAt(this.at));
  capture = (): Promise<RgbaImage> => {
    this.reads += 1;
    this.duringCapture();
    const [r, g, b] = this.colour;
    const data = Buffer.alloc(320 * 200 * 4);
    for (let i = 0; i < data.length; i += 4) data.set([r, g, b, 255], i);
    return Promise.resolve({ width: 320, height: 200, data });
  };
}

/** A seeded generator (mulberry32): random capture moments that a test can repeat. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function recordingLogger(): Logger & {
  lines: Array<{ message: string } & Record<string, unknown>>;
} {
  const lines: Array<{ message: string } & Record<string, unknown>> = [];
  const log = (message: string, fields?: Record<string, unknown>) =>
    lines.push({ message, ...fields });
  return { lines, info: log, warn: log, error: log };
}

describe('screenshots in the agent, against the contract’s fake server', () => {
  const server = new FakeServer();
  let url = '';
  let dir = '';
  let world: World;
  let shots: ScreenshotServer;
  let notice: { status: number; body?: unknown };
  const open: SqliteSpool[] = [];

  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ctx-shots-'));
    world = new World();
    shots = new ScreenshotServer(() => world.at);
    notice = { status: 404 };
    server.requests.length = 0;
    server.handler = (req, res) => {
      if (req.headers.authorization !== 'Bearer device-secret') {
        return json(res, 401, { status: 401, title: 'Unauthorized', detail: 'no' });
      }
      if (shots.handle(req, res)) return;
      if (req.url.startsWith('/api/v1/agent/notice/acknowledgements')) return json(res, 201, {});
      if (req.url.startsWith('/api/v1/agent/notice')) {
        return notice.status === 200
          ? json(res, 200, notice.body)
          : json(res, notice.status, { status: notice.status, title: 'x', detail: 'x' });
      }
      if (req.url === '/api/v1/agent/config') {
        return json(res, 200, { collectTitles: true, urlMode: 'host' });
      }
      if (req.url === '/api/v1/agent/events') {
        const n = (JSON.parse(req.body) as { events: unknown[] }).events.length;
        return json(res, 200, { accepted: n, duplicates: 0, rejected: [] });
      }
      return json(res, 404, { status: 404, title: 'Not Found', detail: req.url });
    };
  });
  afterEach(() => {
    for (const spool of open.splice(0)) spool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function enrolledConfig(patch: Partial<AgentConfig> = {}): AgentConfig {
    return {
      ...defaultConfig(),
      serverUrl: url,
      deviceId: 'device-1',
      employeeEmail: 'ann@example.com',
      ...patch,
    };
  }

  async function makeAgent(
    options: {
      config?: AgentConfig;
      random?: () => number;
      logger?: Logger;
      spool?: SqliteSpool;
      screen?: ScreenCapture | null;
      /** false: the test makes the server unreachable on purpose. */
      reachable?: boolean;
    } = {},
  ) {
    const secrets = new FileSecretStore(join(dir, 'secrets.json'));
    await secrets.set(DEVICE_TOKEN_KEY, 'device-secret');
    const spool = options.spool ?? new SqliteSpool(join(dir, 'spool.sqlite'));
    open.push(spool);
    const taken: string[] = [];
    const logger = options.logger ?? recordingLogger();
    const agent = await Agent.create({
      config: options.config ?? enrolledConfig(),
      activity: world,
      idle: world,
      clock: world,
      spool,
      secrets,
      transport: new FetchTransport(30_000),
      logger,
      screen: options.screen === undefined ? world : options.screen,
      onScreenshot: (shot) => taken.push(shot.id),
      screenshotUploaderOptions: { baseDelayMs: 1000, maxDelayMs: 60_000, random: () => 0.5 },
      ...(options.random ? { random: options.random } : {}),
    });
    await agent.refreshFromServer();
    if (options.reachable !== false && agent.notice.knowledge().kind === 'unknown') {
      throw new Error(`the test server was not reached: ${JSON.stringify(logger)}`);
    }
    return { agent, spool, taken };
  }

  /** Runs the capture loop on the virtual clock up to `until`. */
  async function runUntil(agent: Agent, until: number): Promise<void> {
    await agent.screenshots.run(new AbortController().signal, until);
  }

  describe('gating: nothing is captured unless everything allows it', () => {
    it('captures when the policy is on and the person works', async () => {
      const { agent, spool, taken } = await makeAgent();
      const outcome = await agent.screenshots.attempt();
      expect(outcome.kind).toBe('captured');
      expect(world.reads).toBe(1);
      expect(taken).toHaveLength(1);
      expect(spool.screenshotStats().queued).toBe(1);
    });

    it('is off by default: before the server answers, when it says off, and on a 404', async () => {
      // Never asked (the server could not be reached): off.
      server.handler = (_req, res) => {
        res.destroy();
      };
      const offline = await makeAgent({ reachable: false });
      expect(offline.agent.screenshots.policy().enabled).toBe(false);
      await runUntil(offline.agent, world.at + 3 * 3600_000);
      open.splice(0).forEach((s) => s.close());
      rmSync(join(dir, 'spool.sqlite'));

      server.handler = (req, res) => (shots.handle(req, res) ? undefined : json(res, 404, {}));
      shots.policy = { ...shots.policy, enabled: false, reason: 'off' };
      const off = await makeAgent();
      expect(off.agent.screenshots.policy()).toMatchObject({ enabled: false, reason: 'off' });
      await expect(off.agent.screenshots.attempt()).resolves.toMatchObject({
        kind: 'skipped',
        reason: 'disabled',
      });
      await runUntil(off.agent, world.at + 3 * 3600_000);

      // An older server without the endpoint.
      shots.policy = null;
      await off.agent.refreshFromServer();
      expect(off.agent.screenshots.policy().enabled).toBe(false);
      await runUntil(off.agent, world.at + 3600_000);
      expect(world.reads).toBe(0);
      expect(off.spool.listScreenshots(0)).toEqual([]);
    });

    it('takes none before the notice is acknowledged', async () => {
      notice = { status: 200, body: { version: 2, text: 'We record…', language: 'en' } };
      const { agent, spool } = await makeAgent();
      await expect(agent.screenshots.attempt()).resolves.toMatchObject({
        reason: 'not-tracking',
        detail: 'notice-pending',
      });
      await runUntil(agent, world.at + 3600_000);
      expect(world.reads).toBe(0);
      // The policy names a newer notice version than the one acknowledged here: still none.
      await agent.notice.acknowledge(2);
      shots.policy = { ...shots.policy, noticeVersion: 3 };
      await agent.refreshFromServer();
      await expect(agent.screenshots.attempt()).resolves.toMatchObject({
        reason: 'notice-not-acknowledged',
      });
      shots.policy = { ...shots.policy, noticeVersion: 2 };
      await agent.refreshFromServer();
      await expect(agent.screenshots.attempt()).resolves.toMatchObject({ kind: 'captured' });
      expect(spool.screenshotStats().queued).toBe(1);
    });

    it('takes none while paused, suspended or outside work hours', async () => {
      const config = enrolledConfig({
        workHours: { timeZone: 'UTC', days: { mon: [['09:00', '17:00']] } },
      });
      const { agent } = await makeAgent({ config });
      await agent.pause();
      await expect(agent.screenshots.attempt()).resolves.toMatchObject({ detail: 'paused' });
      await runUntil(agent, world.at + 30 * MINUTE);
      await agent.resume();
      await agent.setSuspended(true);
      await expect(agent.screenshots.attempt()).resolves.toMatchObject({ detail: 'suspended' });
      await agent.setSuspended(false);
      world.at = Date.UTC(2026, 10, 2, 17, 30);
      await expect(agent.screenshots.attempt()).resolves.toMatchObject({
        detail: 'outside-work-hours',
      });
      await runUntil(agent, Date.UTC(2026, 10, 3, 8, 59));
      expect(world.reads).toBe(0);
    });

    it('takes none while the person is idle', async () => {
      const { agent } = await makeAgent();
      world.idleAt = () => 301;
      await expect(agent.screenshots.attempt()).resolves.toEqual({
        kind: 'skipped',
        reason: 'idle',
      });
      await runUntil(agent, world.at + 3600_000);
      expect(world.reads).toBe(0);
    });

    it('never captures an excluded application or site (subdomains too), by the organization or the device', async () => {
      shots.policy = {
        ...shots.policy,
        excludedApps: ['KeePassXC', 'bank*'],
        excludedSites: ['bank.example', '*.health.example'],
      };
      const config = enrolledConfig();
      config.privacy = { ...config.privacy, excludedApps: ['signal'] };
      const { agent } = await makeAgent({ config });
      const excluded: ForegroundActivity[] = [
        { app: 'keepassxc', title: 'Passwords' },
        { app: 'BankingApp' },
        { app: 'Signal', title: 'Chats' },
        { app: 'firefox', title: 'Login', url: 'https://online.bank.example/login' },
        { app: 'firefox', title: 'Login', url: 'bank.example' },
        { app: 'chromium', title: 'Results — my.health.example — Chromium' },
      ];
      for (const foreground of excluded) {
        world.foreground = foreground;
        await expect(agent.screenshots.attempt()).resolves.toMatchObject({ reason: 'excluded' });
      }
      expect(world.reads).toBe(0);
      for (const foreground of [
        { app: 'firefox', title: 'News', url: 'https://notbank.example/' },
        { app: 'code', title: 'bank.ts' },
      ]) {
        world.foreground = foreground;
        await expect(agent.screenshots.attempt()).resolves.toMatchObject({ kind: 'captured' });
      }
    });

    it('drops a capture when an excluded application came to the front while the screen was read', async () => {
      shots.policy = { ...shots.policy, excludedApps: ['KeePassXC'] };
      const { agent, spool } = await makeAgent();
      world.duringCapture = () => (world.foreground = { app: 'KeePassXC' });
      await expect(agent.screenshots.attempt()).resolves.toMatchObject({ reason: 'excluded' });
      expect(spool.listScreenshots(0)).toEqual([]);
    });

    it('takes none when input or what is in front cannot be read', async () => {
      const { agent } = await makeAgent();
      world.idleSeconds = () => Promise.reject(new Error('X server gone'));
      await expect(agent.screenshots.attempt()).resolves.toMatchObject({ reason: 'idle' });
      world.idleSeconds = () => Promise.resolve(0);
      world.current = () => Promise.reject(new Error('X server gone'));
      await expect(agent.screenshots.attempt()).resolves.toMatchObject({
        reason: 'excluded',
        detail: 'what is in front could not be read',
      });
      expect(world.reads).toBe(0);
      // Nothing in front (the desktop) is fine.
      world.current = () => Promise.resolve(null);
      await expect(agent.screenshots.attempt()).resolves.toMatchObject({ kind: 'captured' });
    });

    it('takes none where the platform gives no screen (Wayland)', async () => {
      const { agent } = await makeAgent({ screen: null });
      await expect(agent.screenshots.attempt()).resolves.toMatchObject({ reason: 'no-screen' });
      await runUntil(agent, world.at + 3600_000);
      expect(world.reads).toBe(0);
    });
  });

  describe('scheduling on the agent’s virtual clock', () => {
    it('captures at the start of every interval (and at once in the one under way)', async () => {
      shots.policy = { ...shots.policy, intervalSeconds: 600, randomize: false };
      world.at = MONDAY_9 + 3 * MINUTE;
      const { agent, spool } = await makeAgent();
      await runUntil(agent, MONDAY_9 + 63 * MINUTE);
      const times = spool
        .listScreenshots(0)
        .map((s) => new Date(s.capturedAt).toISOString().slice(11, 19))
        .reverse();
      expect(times).toEqual([
        '09:03:00',
        '09:10:00',
        '09:20:00',
        '09:30:00',
        '09:40:00',
        '09:50:00',
        '10:00:00',
      ]);
    });

    it('moves a moment that finds the person idle later in its interval, never into idle time or the next interval', async () => {
      shots.policy = { ...shots.policy, intervalSeconds: 600, randomize: false };
      const { agent, spool } = await makeAgent();
      world.idleAt = (at) =>
        at >= MONDAY_9 + 15 * MINUTE && at < MONDAY_9 + 35 * MINUTE ? 400 : 0;
      await runUntil(agent, MONDAY_9 + 55 * MINUTE);
      const times = spool
        .listScreenshots(0)
        .map((s) => new Date(s.capturedAt).toISOString().slice(11, 19))
        .reverse();
      // 09:20–09:30 was idle throughout: none. At 09:30 the person was still away: at 09:35, back.
      expect(times).toEqual(['09:00:00', '09:10:00', '09:35:00', '09:40:00', '09:50:00']);
    });

    it('randomized, with breaks: at most one per interval, never in a break', async () => {
      shots.policy = { ...shots.policy, intervalSeconds: 600, randomize: true };
      const breaks: Array<[number, number]> = [
        [MONDAY_9 + 10 * MINUTE, MONDAY_9 + 38 * MINUTE],
        [MONDAY_9 + 55 * MINUTE, MONDAY_9 + 58 * MINUTE],
        [MONDAY_9 + 73 * MINUTE, MONDAY_9 + 79 * MINUTE],
      ];
      const inBreak = (at: number) => breaks.some(([from, to]) => at >= from && at < to);
      world.idleAt = (at) => (inBreak(at) ? 400 : 0);
      for (const seed of [7, 8, 9, 10]) {
        open.splice(0).forEach((spool) => spool.close());
        rmSync(join(dir, 'spool.sqlite'), { force: true });
        world.at = MONDAY_9;
        const { agent, spool } = await makeAgent({ random: seeded(seed) });
        await runUntil(agent, MONDAY_9 + 2 * 3600_000);
        const times = spool.listScreenshots(0).map((s) => s.capturedAt);
        expect(times.filter(inBreak)).toEqual([]);
        const slots = times.map((t) => Math.floor((t - MONDAY_9) / (10 * MINUTE)));
        expect(new Set(slots).size).toBe(slots.length);
        // 09:10–09:30 was a break throughout. Every other interval ends with working time, where a
        // moment that found the person away is moved to, whatever the random draws.
        expect([...slots].sort((a, b) => a - b)).toEqual([0, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      }
    });

    it('randomized: once at a random moment within each interval', async () => {
      shots.policy = { ...shots.policy, intervalSeconds: 600, randomize: true };
      const { agent, spool } = await makeAgent({ random: seeded(20) });
      await runUntil(agent, MONDAY_9 + 3 * 3600_000);
      const times = spool.listScreenshots(0).map((s) => s.capturedAt);
      const slots = times.map((t) => Math.floor((t - MONDAY_9) / (10 * MINUTE)));
      expect(new Set(slots).size).toBe(18);
      expect([...slots].sort((a, b) => a - b)).toEqual(Array.from({ length: 18 }, (_, i) => i));
      const offsets = times.map((t) => (t - MONDAY_9) % (10 * MINUTE));
      // Spread over the interval, not on its boundaries.
      expect(offsets.filter((o) => o === 0)).toHaveLength(0);
      expect(new Set(offsets).size).toBe(18);
      expect(Math.min(...offsets)).toBeLessThan(3 * MINUTE);
      expect(Math.max(...offsets)).toBeGreaterThan(7 * MINUTE);
    });

    it('takes one per interval also across a restart', async () => {
      shots.policy = { ...shots.policy, intervalSeconds: 3600, randomize: true };
      const first = await makeAgent({ random: () => 0.1 });
      await runUntil(first.agent, MONDAY_9 + 30 * MINUTE);
      expect(first.spool.listScreenshots(0)).toHaveLength(1);
      first.spool.close();
      open.splice(0);
      // A restart within the same hour draws a later moment: it is not taken.
      const again = await makeAgent({ random: () => 0.9 });
      await runUntil(again.agent, MONDAY_9 + 60 * MINUTE);
      expect(again.spool.listScreenshots(0)).toHaveLength(1);
      await runUntil(again.agent, MONDAY_9 + 120 * MINUTE);
      expect(again.spool.listScreenshots(0)).toHaveLength(2);
    });
  });

  describe('upload', () => {
    it('sends the downscaled JPEG as multipart, and a re-send after a lost answer is a duplicate', async () => {
      shots.policy = { ...shots.policy, maxWidth: 160, quality: 90 };
      const { agent, spool } = await makeAgent();
      const outcome = await agent.screenshots.attempt();
      if (outcome.kind !== 'captured') throw new Error(outcome.reason);
      // The server stores the image, then the connection drops before its answer.
      shots.failNext = [{ status: 0, afterStoring: true }];
      await expect(agent.screenshotUploader.step()).resolves.toMatchObject({ kind: 'retry' });
      expect(spool.screenshotStats().queued).toBe(1);
      await expect(agent.screenshotUploader.step()).resolves.toEqual({
        kind: 'sent',
        id: outcome.shot.id,
        duplicate: true,
      });
      expect(shots.answers.map((a) => a.status)).toEqual([0, 200]);
      expect(shots.stored.size).toBe(1);
      const stored = shots.stored.get(outcome.shot.id)!;
      expect(stored.capturedAt).toBe(new Date(MONDAY_9).toISOString());
      expect(stored.contentType).toBe('image/jpeg');
      const decoded = jpeg.decode(stored.image, { useTArray: true });
      expect([decoded.width, decoded.height]).toEqual([160, 100]);
      const centre = (50 * 160 + 80) * 4;
      const pixel = [...decoded.data.subarray(centre, centre + 3)];
      pixel.forEach((v, i) => expect(Math.abs(v - world.colour[i]!)).toBeLessThanOrEqual(4));
      expect(spool.screenshotStats()).toMatchObject({ queued: 0, uploaded: 1 });
      expect(spool.getScreenshot(outcome.shot.id)).toMatchObject({ state: 'uploaded' });
      await expect(agent.screenshotUploader.step()).resolves.toEqual({ kind: 'empty' });
    });

    it('drops an image refused with 403 screenshots-disabled, never sends it again, and turns capture off', async () => {
      const { agent, spool } = await makeAgent();
      await agent.screenshots.attempt();
      await agent.screenshots.attempt();
      shots.accepting = false;
      shots.policy = { ...shots.policy, enabled: false, reason: 'off' };
      const policyReads = () =>
        server.requests.filter((r) => r.url === '/api/v1/agent/screenshot-policy').length;
      const before = policyReads();
      await expect(agent.screenshotUploader.step()).resolves.toMatchObject({
        kind: 'refused',
        status: 403,
      });
      expect(agent.screenshots.policy().enabled).toBe(false);
      await agent.screenshotUploader.drain();
      expect(spool.screenshotStats()).toMatchObject({ queued: 0, refused: 2, uploaded: 0 });
      expect(shots.answers.map((a) => a.status)).toEqual([403, 403]);
      shots.accepting = true;
      await agent.screenshotUploader.drain();
      expect(shots.answers).toHaveLength(2);
      expect(shots.stored.size).toBe(0);
      await new Promise((r) => setTimeout(r, 100));
      expect(policyReads()).toBeGreaterThan(before);
    });

    it('retries with growing backoff on 5xx and network failures, then delivers once', async () => {
      const { agent, spool } = await makeAgent();
      await agent.screenshots.attempt();
      shots.failNext = [{ status: 503 }, { status: 500 }, { status: 502 }];
      world.sleeps.length = 0;
      await agent.screenshotUploader.drain();
      expect(shots.answers.map((a) => a.status)).toEqual([503, 500, 502, 201]);
      expect(world.sleeps).toEqual([750, 1500, 3000]);
      expect(spool.screenshotStats()).toMatchObject({ queued: 0, uploaded: 1 });
      expect(shots.stored.size).toBe(1);
    });

    it('keeps the images while the server is unreachable', async () => {
      const { agent, spool } = await makeAgent();
      await agent.screenshots.attempt();
      server.handler = (_req, res) => {
        res.destroy();
      };
      for (let i = 0; i < 3; i += 1) {
        await expect(agent.screenshotUploader.step()).resolves.toMatchObject({ kind: 'retry' });
      }
      expect(spool.screenshotStats().queued).toBe(1);
    });
  });

  describe('the person deletes their own', () => {
    it('from the spool before upload (it is then never sent), on the server after, within the window', async () => {
      const { agent, spool } = await makeAgent();
      const a = await agent.screenshots.attempt();
      world.at += 10 * MINUTE;
      const b = await agent.screenshots.attempt();
      if (a.kind !== 'captured' || b.kind !== 'captured') throw new Error('not captured');
      await expect(agent.screenshots.delete(a.shot.id)).resolves.toEqual({
        ok: true,
        where: 'spool',
      });
      await agent.screenshotUploader.drain();
      expect([...shots.stored.keys()]).toEqual([b.shot.id]);
      await expect(agent.screenshots.delete(b.shot.id)).resolves.toEqual({
        ok: true,
        where: 'server',
      });
      expect(shots.stored.get(b.shot.id)!.deleted).toBe(true);
      expect(agent.screenshots.list().map((s) => [s.id, s.state])).toEqual([
        [b.shot.id, 'deleted'],
        [a.shot.id, 'deleted'],
      ]);
      expect(spool.screenshotStats().queued).toBe(0);
    });

    it('is refused by the server once the window has passed, and for an unknown id', async () => {
      const { agent } = await makeAgent();
      const a = await agent.screenshots.attempt();
      if (a.kind !== 'captured') throw new Error('not captured');
      await agent.screenshotUploader.drain();
      world.at += 25 * 3600_000;
      await expect(agent.screenshots.delete(a.shot.id)).resolves.toMatchObject({
        ok: false,
        reason: 'window-passed',
      });
      await expect(
        agent.screenshots.delete('00000000-0000-4000-8000-000000000000'),
      ).resolves.toMatchObject({ ok: false, reason: 'unknown' });
      expect(shots.stored.get(a.shot.id)!.deleted).toBe(false);
    });

    it('deletes the server copy of one deleted while it was being uploaded', async () => {
      const { agent, spool } = await makeAgent();
      const a = await agent.screenshots.attempt();
      if (a.kind !== 'captured') throw new Error('not captured');
      const handler = server.handler;
      server.handler = async (req, res, index) => {
        if (req.method === 'POST' && req.url === '/api/v1/agent/screenshots') {
          await agent.screenshots.delete(a.shot.id);
        }
        return handler(req, res, index);
      };
      await agent.screenshotUploader.drain();
      expect(shots.stored.get(a.shot.id)).toMatchObject({ deleted: true });
      expect(spool.getScreenshot(a.shot.id)).toMatchObject({ state: 'deleted' });
    });
  });

  it('keeps the spool within its byte cap: the oldest unsent go first, and it is logged', async () => {
    const logger = recordingLogger();
    const probe = new SqliteSpool(':memory:');
    const { agent: sizer } = await makeAgent({ spool: probe });
    const sized = await sizer.screenshots.attempt();
    if (sized.kind !== 'captured') throw new Error('not captured');
    const size = sized.shot.bytes;
    const spool = new SqliteSpool(join(dir, 'capped.sqlite'), {
      ...defaultConfig().spool,
      maxScreenshotBytes: size * 3 + 10,
    });
    const { agent } = await makeAgent({ spool, logger });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      world.at += 10 * MINUTE;
      const outcome = await agent.screenshots.attempt();
      if (outcome.kind === 'captured') ids.push(outcome.shot.id);
    }
    expect(spool.screenshotStats()).toMatchObject({ queued: 3, dropped: 2 });
    expect(spool.screenshotStats().queuedBytes).toBeLessThanOrEqual(size * 3 + 10);
    await agent.screenshotUploader.drain();
    expect([...shots.stored.keys()].sort()).toEqual(ids.slice(2).sort());
    const warnings = logger.lines.filter((l) => l.message.startsWith('screenshot spool full'));
    expect(warnings.flatMap((w) => w.dropped as string[])).toEqual(ids.slice(0, 2));
  });
});
