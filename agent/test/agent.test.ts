import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSecretStore } from '../src/core/adapters/file-secret-store.js';
import { Agent } from '../src/core/agent.js';
import { defaultConfig, type AgentConfig } from '../src/core/config.js';
import { enrollDevice } from '../src/core/enrollment.js';
import { FetchTransport } from '../src/core/http-transport.js';
import type { ActivitySource, Clock, ForegroundActivity, IdleSource } from '../src/core/ports.js';
import { silentLogger } from '../src/core/ports.js';
import { SqliteSpool } from '../src/core/spool/sqlite-spool.js';
import type { WireEvent } from '../src/core/types.js';
import { FakeServer, json } from './support/fake-server.js';

class ManualWorld implements Clock, ActivitySource, IdleSource {
  at = Date.UTC(2026, 10, 2, 9);
  foreground: ForegroundActivity | null = { app: 'code', title: 'main.ts' };
  idle = 0;
  now = () => this.at;
  sleep = () => Promise.resolve();
  current = () => Promise.resolve(this.foreground);
  idleSeconds = () => Promise.resolve(this.idle);
}

describe('the agent in Node, against a scripted server', () => {
  const server = new FakeServer();
  let url: string;
  let dir: string;
  let notice: { status: number; body?: unknown };
  const acknowledgements: unknown[] = [];

  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ctx-agent-'));
    server.requests.length = 0;
    acknowledgements.length = 0;
    notice = { status: 404 };
    server.handler = (req, res) => {
      if (req.url === '/api/v1/agent/enroll') {
        const body = JSON.parse(req.body);
        if (body.enrollmentToken !== 'good-token') {
          return json(res, 404, { status: 404, title: 'Not Found', detail: 'unknown token' });
        }
        return json(res, 201, { deviceId: 'device-1', deviceToken: 'device-secret' });
      }
      if (req.headers.authorization !== 'Bearer device-secret') {
        return json(res, 401, { status: 401, title: 'Unauthorized', detail: 'no' });
      }
      if (req.url?.startsWith('/api/v1/agent/notice?') || req.url === '/api/v1/agent/notice') {
        return notice.status === 200
          ? json(res, 200, notice.body)
          : json(res, notice.status, { status: notice.status, title: 'x', detail: 'x' });
      }
      if (req.url === '/api/v1/agent/notice/acknowledgements') {
        acknowledgements.push(JSON.parse(req.body));
        return json(res, 201, {});
      }
      if (req.url === '/api/v1/agent/config') {
        return json(res, 200, { collectTitles: false, urlMode: 'host' });
      }
      if (req.url === '/api/v1/agent/events') {
        const n = (JSON.parse(req.body) as { events: unknown[] }).events.length;
        return json(res, 200, { accepted: n, duplicates: 0, rejected: [] });
      }
      return json(res, 404, { status: 404, title: 'Not Found', detail: req.url });
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function makeAgent(config: AgentConfig, world: ManualWorld) {
    const spool = new SqliteSpool(join(dir, 'spool.sqlite'));
    const agent = await Agent.create({
      config,
      activity: world,
      idle: world,
      clock: world,
      spool,
      secrets: new FileSecretStore(join(dir, 'secrets.json')),
      transport: new FetchTransport(5000),
      logger: silentLogger,
    });
    return { agent, spool };
  }

  async function enrolled(): Promise<AgentConfig> {
    return enrollDevice(
      { serverUrl: `${url}/`, enrollmentToken: 'good-token', employeeEmail: 'ann@example.com' },
      defaultConfig(),
      new FetchTransport(5000),
      new FileSecretStore(join(dir, 'secrets.json')),
    );
  }

  async function runFor(agent: Agent, world: ManualWorld, seconds: number): Promise<void> {
    for (let t = 0; t < seconds; t += 5) {
      await agent.tick();
      world.at += 5000;
    }
    await agent.tick();
  }

  function queuedEvents(spool: SqliteSpool): WireEvent[] {
    return spool.peek(10_000, 100_000_000).map((e) => JSON.parse(e.json) as WireEvent);
  }

  it('records nothing before enrollment', async () => {
    const world = new ManualWorld();
    const { agent, spool } = await makeAgent(defaultConfig(), world);
    await runFor(agent, world, 60);
    agent.shutdown();
    expect(agent.trackingState(world.at)).toBe('not-enrolled');
    expect(spool.stats().queued).toBe(0);
    spool.close();
  });

  it('enrolls, keeps the token out of the config file, and refuses a bad token', async () => {
    const config = await enrolled();
    expect(config).toMatchObject({
      serverUrl: url,
      deviceId: 'device-1',
      employeeEmail: 'ann@example.com',
    });
    expect(JSON.stringify(config)).not.toContain('device-secret');
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    const body = JSON.parse(server.requests[0]!.body);
    expect(body).toMatchObject({
      enrollmentToken: 'good-token',
      employeeEmail: 'ann@example.com',
      agentVersion: '0.1.0',
    });
    expect(typeof body.hostname).toBe('string');
    await expect(
      enrollDevice(
        { serverUrl: url, enrollmentToken: 'bad', employeeEmail: 'ann@example.com' },
        defaultConfig(),
        new FetchTransport(5000),
        new FileSecretStore(join(dir, 'other.json')),
      ),
    ).rejects.toThrow('unknown token');
  });

  it('tracks only after the notice is acknowledged, and sends the acknowledgement', async () => {
    notice = { status: 200, body: { version: 2, text: 'We record…', language: 'en' } };
    const world = new ManualWorld();
    const { agent, spool } = await makeAgent(await enrolled(), world);
    await agent.refreshFromServer();
    expect(agent.status().pendingNotice).toMatchObject({ version: 2 });
    await runFor(agent, world, 60);
    expect(agent.trackingState(world.at)).toBe('notice-pending');
    await agent.notice.acknowledge(2);
    expect(acknowledgements).toEqual([{ version: 2, language: 'en' }]);
    const from = world.at;
    await runFor(agent, world, 60);
    agent.shutdown();
    const events = queuedEvents(spool);
    expect(events).toHaveLength(1);
    expect(Date.parse(events[0]!.start)).toBe(from);
    // The organization's settings (no titles) apply on top of the local ones.
    expect(events[0]).toEqual(expect.objectContaining({ kind: 'active', app: 'code' }));
    expect(events[0]!.title).toBeUndefined();

    // A new notice version needs a new acknowledgement.
    notice = { status: 200, body: { version: 3, text: 'Now also sites', language: 'en' } };
    await agent.refreshFromServer();
    expect(agent.trackingState(world.at)).toBe('notice-pending');
    spool.close();
  });

  it('tracks at once when the organization has no notice (404)', async () => {
    const world = new ManualWorld();
    const { agent, spool } = await makeAgent(await enrolled(), world);
    await agent.refreshFromServer();
    expect(agent.trackingState(world.at)).toBe('tracking');
    spool.close();
  });

  it('does not track while it has never reached the server', async () => {
    notice = { status: 503 };
    const world = new ManualWorld();
    const { agent, spool } = await makeAgent(await enrolled(), world);
    await agent.refreshFromServer();
    expect(agent.trackingState(world.at)).toBe('notice-unknown');
    spool.close();
  });

  it('keeps an acknowledgement made offline and sends it later', async () => {
    notice = { status: 200, body: { version: 'v7', text: 'Notice', language: 'uk' } };
    const world = new ManualWorld();
    const { agent, spool } = await makeAgent(await enrolled(), world);
    await agent.refreshFromServer();
    const handler = server.handler;
    server.handler = (req, res) => {
      if (req.url?.endsWith('/acknowledgements')) res.destroy();
      else return handler(req, res, 0);
    };
    await agent.notice.acknowledge('v7');
    expect(agent.trackingState(world.at)).toBe('tracking');
    expect(acknowledgements).toEqual([]);
    server.handler = handler;
    await agent.refreshFromServer();
    expect(acknowledgements).toEqual([{ version: 'v7', language: 'uk' }]);
    spool.close();
  });

  it('makes private time a gap, idle time idle, and uploads the day', async () => {
    const world = new ManualWorld();
    const config = { ...(await enrolled()), pauseAllowanceMinutes: 10 };
    const { agent, spool } = await makeAgent(config, world);
    await agent.refreshFromServer();
    const t0 = world.at;
    await runFor(agent, world, 600);
    expect(await agent.pause()).toBe(true);
    await runFor(agent, world, 300);
    await agent.resume();
    await runFor(agent, world, 300);
    world.idle = 0;
    for (let t = 0; t < 400; t += 5) {
      world.idle = t;
      await agent.tick();
      world.at += 5000;
    }
    agent.shutdown();
    const events = queuedEvents(spool).map((e) => [
      e.kind,
      (Date.parse(e.start) - t0) / 1000,
      (Date.parse(e.end) - t0) / 1000,
    ]);
    expect(events).toEqual([
      ['active', 0, 600],
      ['active', 900, 1200],
      ['idle', 1200, 1600],
    ]);
    await agent.uploader.drain();
    expect(spool.stats()).toMatchObject({ queued: 0, delivered: 3 });
    spool.close();
  });

  it('gets spans to the server within a minute of their end, and corrects them when idle comes', async () => {
    // The server as the real one keeps events: by id, a higher revision replaces.
    const stored = new Map<string, WireEvent & { arrivedAt: number }>();
    const world = new ManualWorld();
    const handler = server.handler;
    server.handler = (req, res) => {
      if (req.url !== '/api/v1/agent/events') return handler(req, res, 0);
      const { events } = JSON.parse(req.body) as { events: WireEvent[] };
      for (const e of events) {
        const before = stored.get(e.id);
        if (!before || (before.rev ?? 0) < (e.rev ?? 0))
          stored.set(e.id, { ...e, arrivedAt: world.at });
      }
      return json(res, 200, { accepted: events.length, duplicates: 0, rejected: [] });
    };
    // The default configuration: 5 s samples, idle after 5 minutes.
    const { agent, spool } = await makeAgent(await enrolled(), world);
    await agent.refreshFromServer();
    const t0 = world.at;
    const tick = async (): Promise<void> => {
      await agent.tick();
      await agent.uploader.step();
      world.at += 5000;
    };
    const at = (e: WireEvent) => [
      e.kind,
      e.app,
      (Date.parse(e.start) - t0) / 1000,
      (Date.parse(e.end) - t0) / 1000,
    ];
    for (let t = 0; t < 120; t += 5) await tick();
    world.foreground = { app: 'firefox', title: 'Docs' };
    for (let t = 120; t < 180; t += 5) await tick();
    // The code span ended at 120 s; it was on the server at the next sample.
    const code = [...stored.values()].find((e) => e.app === 'code')!;
    expect(at(code)).toEqual(['active', 'code', 0, 120]);
    expect(code.arrivedAt - t0).toBeLessThanOrEqual(125_000);
    // The span in progress is there too, at most half a minute behind.
    const firefox = [...stored.values()].find((e) => e.app === 'firefox')!;
    expect((world.at - Date.parse(firefox.end)) / 1000).toBeLessThanOrEqual(35);
    // The person leaves at 180 s; idle is known 5 minutes later and corrects what was sent.
    for (let t = 180, idle = 0; t < 600; t += 5, idle += 5) {
      world.idle = idle;
      await tick();
    }
    agent.shutdown();
    await agent.uploader.drain();
    const final = [...stored.values()].map(at).sort((a, b) => Number(a[2]) - Number(b[2]));
    expect(final).toEqual([
      ['active', 'code', 0, 120],
      ['active', 'firefox', 120, 180],
      ['idle', undefined, 180, 600],
    ]);
    expect(spool.stats()).toMatchObject({ queued: 0 });
    expect(spool.stats().lastUploadAt).toEqual(expect.any(Number));
    server.handler = handler;
    spool.close();
  });

  it('asks for the notice in the person’s language and trusts an acknowledgement made elsewhere', async () => {
    notice = {
      status: 200,
      body: { version: 4, text: 'Текст', language: 'uk', acknowledged: true },
    };
    const world = new ManualWorld();
    const spool = new SqliteSpool(join(dir, 'spool.sqlite'));
    const agent = await Agent.create({
      config: await enrolled(),
      activity: world,
      idle: world,
      clock: world,
      spool,
      secrets: new FileSecretStore(join(dir, 'secrets.json')),
      transport: new FetchTransport(5000),
      logger: silentLogger,
      language: 'uk',
    });
    await agent.refreshFromServer();
    expect(server.requests.map((r) => r.url)).toContain('/api/v1/agent/notice?language=uk');
    expect(agent.trackingState(world.at)).toBe('tracking');
    expect(acknowledgements).toEqual([]);
    spool.close();
  });

  it('keeps events the server refuses for an unacknowledged notice (403) and fetches the notice', async () => {
    const world = new ManualWorld();
    const { agent, spool } = await makeAgent(await enrolled(), world);
    await agent.refreshFromServer();
    await runFor(agent, world, 30);
    agent.shutdown();
    const handler = server.handler;
    server.handler = (req, res) => {
      if (req.url === '/api/v1/agent/events') {
        return json(res, 403, {
          status: 403,
          title: 'Monitoring notice not acknowledged',
          detail: 'v9',
        });
      }
      if (req.url?.startsWith('/api/v1/agent/notice')) {
        return json(res, 200, { version: 9, text: 'New', language: 'en', acknowledged: false });
      }
      return handler(req, res, 0);
    };
    const result = await agent.uploader.step();
    expect(result).toEqual({ kind: 'retry', waitMs: 30_000 });
    expect(spool.stats().queued).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(agent.status().pendingNotice).toMatchObject({ version: 9 });
    server.handler = handler;
    spool.close();
  });

  it('stops recording while the organization is closed, keeps what it has, and resumes when reopened', async () => {
    const world = new ManualWorld();
    const config = await enrolled();
    const { agent, spool } = await makeAgent(config, world);
    await agent.refreshFromServer();
    await runFor(agent, world, 30);
    // Spans are committed once the idle look-back (5 min) has passed them.
    world.foreground = { app: 'terminal', title: 'build' };
    await runFor(agent, world, 400);
    expect(agent.status().tracking).toBe('tracking');
    const handler = server.handler;
    const closed = (res: Parameters<typeof json>[0]) =>
      json(res, 403, {
        type: 'https://calltimex.dev/problems/organization-closed',
        status: 403,
        title: 'Organization closed',
        detail: 'closed',
        purgeAt: '2026-12-24T00:00:00.000Z',
      });
    server.handler = (req, res) =>
      req.url?.startsWith('/api/v1/agent/') ? closed(res) : handler(req, res, 0);

    const result = await agent.uploader.step();
    expect(result.kind).toBe('retry');
    expect(agent.status().tracking).toBe('organization-closed');
    const kept = spool.stats().queued;
    expect(kept).toBeGreaterThan(0);
    world.foreground = { app: 'mail', title: 'private letter' };
    await runFor(agent, world, 60);
    expect(queuedEvents(spool).some((e) => e.app === 'mail')).toBe(false);

    // A restart remembers it: nothing is recorded until the server answers again.
    agent.shutdown();
    spool.close();
    const again = await makeAgent(config, world);
    expect(again.agent.status().tracking).toBe('organization-closed');
    await again.agent.refreshFromServer();
    expect(again.agent.status().tracking).toBe('organization-closed');

    server.handler = handler;
    await again.agent.refreshFromServer();
    expect(again.agent.status().tracking).toBe('tracking');
    await runFor(again.agent, world, 30);
    again.agent.shutdown();
    expect(queuedEvents(again.spool).some((e) => e.app === 'mail')).toBe(true);
    await again.agent.uploader.drain();
    expect(again.spool.stats().queued).toBe(0);
    again.spool.close();
  });
});
