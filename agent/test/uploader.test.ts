import { AgentApi } from '../src/core/api-client.js';
import { FetchTransport } from '../src/core/http-transport.js';
import type { Clock, Logger } from '../src/core/ports.js';
import { SqliteSpool } from '../src/core/spool/sqlite-spool.js';
import type { Span } from '../src/core/types.js';
import { Uploader } from '../src/core/uploader.js';
import { FakeServer, json, type Handler } from './support/fake-server.js';

interface Sent {
  id: string;
}

function eventsOf(body: string): Sent[] {
  return (JSON.parse(body) as { events: Sent[] }).events;
}

function fakeClock(): Clock & { waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    now: () => 1_800_000_000_000,
    sleep: (ms) => (waits.push(ms), Promise.resolve()),
  };
}

function recordingLogger(): Logger & { warnings: Array<Record<string, unknown>> } {
  const warnings: Array<Record<string, unknown>> = [];
  return {
    warnings,
    info: () => undefined,
    warn: (message, fields) => warnings.push({ message, ...fields }),
    error: () => undefined,
  };
}

function fill(spool: SqliteSpool, count: number, title = 'work'): string[] {
  const spans: Span[] = Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    kind: 'active',
    app: 'code',
    title,
    start: Date.UTC(2026, 10, 2, 9) + i * 10_000,
    end: Date.UTC(2026, 10, 2, 9) + i * 10_000 + 5000,
  }));
  spool.checkpoint({ committed: spans, tail: { spans: [], open: false, lastAt: 1 }, at: 1 });
  return spans.map((s) => s.id);
}

/** The server side of exactly-once: it remembers ids like the real backend does. */
function dedupingHandler(seen: Set<string>) {
  return (body: string) => {
    let accepted = 0;
    let duplicates = 0;
    for (const e of eventsOf(body)) {
      if (seen.has(e.id)) duplicates += 1;
      else {
        seen.add(e.id);
        accepted += 1;
      }
    }
    return { accepted, duplicates, rejected: [] };
  };
}

describe('Uploader against a local HTTP server', () => {
  const server = new FakeServer();
  let url: string;
  let spool: SqliteSpool;
  let clock: ReturnType<typeof fakeClock>;
  let logger: ReturnType<typeof recordingLogger>;
  let uploader: Uploader;

  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());

  beforeEach(() => {
    server.requests.length = 0;
    spool = new SqliteSpool(':memory:');
    clock = fakeClock();
    logger = recordingLogger();
    const api = new AgentApi(url, new FetchTransport(5000), () => Promise.resolve('device-token'));
    uploader = new Uploader(spool, () => api, clock, logger, { random: () => 0.5 });
  });
  afterEach(() => spool.close());

  it('sends gzip with the device token and marks events delivered only after the answer', async () => {
    const ids = fill(spool, 3);
    let queuedDuringRequest = -1;
    server.handler = (req, res) => {
      queuedDuringRequest = spool.stats().queued;
      json(res, 200, { accepted: 3, duplicates: 0, rejected: [] });
    };
    await uploader.drain();
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/api/v1/agent/events' });
    expect(request!.headers['content-encoding']).toBe('gzip');
    expect(request!.headers.authorization).toBe('Bearer device-token');
    expect(request!.rawBytes).toBeLessThan(Buffer.byteLength(request!.body));
    expect(eventsOf(request!.body).map((e) => e.id)).toEqual(ids);
    expect(eventsOf(request!.body)[0]).toEqual({
      id: ids[0],
      kind: 'active',
      app: 'code',
      title: 'work',
      start: '2026-11-02T09:00:00.000Z',
      end: '2026-11-02T09:00:05.000Z',
    });
    expect(queuedDuringRequest).toBe(3);
    expect(spool.stats()).toMatchObject({ queued: 0, delivered: 3 });
  });

  it('honours 429 Retry-After before trying again', async () => {
    fill(spool, 2);
    server.handler = (req, res, index) =>
      index === 0
        ? json(
            res,
            429,
            { status: 429, title: 'Too Many Requests', detail: 'slow down' },
            { 'retry-after': '7' },
          )
        : json(res, 200, { accepted: 2, duplicates: 0, rejected: [] });
    await uploader.drain();
    expect(server.requests).toHaveLength(2);
    expect(clock.waits).toHaveLength(1);
    expect(clock.waits[0]).toBeGreaterThanOrEqual(7000);
    expect(clock.waits[0]).toBeLessThan(7300);
    expect(spool.stats().queued).toBe(0);
  });

  it('backs off exponentially with jitter on 5xx and network errors', async () => {
    fill(spool, 1);
    server.handler = (req, res, index) => {
      if (index < 4) json(res, 503, { status: 503, title: 'Unavailable', detail: 'db down' });
      else if (index === 4) res.destroy();
      else json(res, 200, { accepted: 1, duplicates: 0, rejected: [] });
    };
    await uploader.drain();
    // random() = 0.5 → three quarters of 1 s, 2 s, 4 s, 8 s, 16 s.
    expect(clock.waits).toEqual([750, 1500, 3000, 6000, 12000]);
    expect(spool.stats()).toMatchObject({ queued: 0, delivered: 1 });
  });

  it('splits a batch the server finds too large (413) until it fits', async () => {
    const ids = fill(spool, 40);
    const seen = new Set<string>();
    const answer = dedupingHandler(seen);
    server.handler = (req, res) => {
      if (eventsOf(req.body).length > 7) {
        json(res, 413, { status: 413, title: 'Payload Too Large', detail: 'too many events' });
      } else json(res, 200, answer(req.body));
    };
    await uploader.drain();
    expect([...seen].sort()).toEqual([...ids].sort());
    const sizes = server.requests.map((r) => eventsOf(r.body).length);
    expect(Math.max(...sizes.filter((_, i) => i > 0))).toBeLessThanOrEqual(40);
    expect(spool.stats()).toMatchObject({ queued: 0, delivered: 40, rejected: 0 });
  });

  it('drops one event the server refuses even alone (413), and logs it', async () => {
    fill(spool, 1);
    const big: Span = { id: 'big', kind: 'active', title: 'z'.repeat(5000), start: 0, end: 1000 };
    spool.checkpoint({ committed: [big], tail: { spans: [], open: false, lastAt: 2 }, at: 2 });
    server.handler = (req, res) =>
      req.body.includes('zzzz')
        ? json(res, 413, { status: 413, title: 'Payload Too Large', detail: 'event too large' })
        : json(res, 200, { accepted: 1, duplicates: 0, rejected: [] });
    await uploader.drain();
    expect(spool.stats()).toMatchObject({ queued: 0, delivered: 1, rejected: 1 });
    expect(logger.warnings).toEqual([
      expect.objectContaining({ id: 'big', status: 413, reason: 'event too large' }),
    ]);
  });

  it('counts duplicates as delivered and drops rejected events with their reason', async () => {
    const ids = fill(spool, 5);
    server.handler = (req, res) =>
      json(res, 200, {
        accepted: 2,
        duplicates: 1,
        rejected: [
          { index: 1, reason: 'end must be after start' },
          { index: 3, reason: 'ends more than 10 minutes in the future' },
        ],
      });
    await uploader.drain();
    expect(spool.stats()).toMatchObject({ queued: 0, delivered: 2, duplicates: 1, rejected: 2 });
    expect(logger.warnings.map((w) => w.id)).toEqual([ids[1], ids[3]]);
  });

  it('re-sends after a lost answer, and the server sees each event once', async () => {
    const ids = fill(spool, 30);
    const seen = new Set<string>();
    const answer = dedupingHandler(seen);
    server.handler = (req, res, index) => {
      const result = answer(req.body);
      // The server stored the batch, but the answer never arrives.
      if (index % 2 === 0) res.destroy();
      else json(res, 200, result);
    };
    await uploader.drain();
    expect(seen.size).toBe(30);
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(spool.stats()).toMatchObject({ queued: 0 });
    expect(spool.stats().delivered + spool.stats().duplicates).toBe(30);
  });

  it('keeps batches within 5,000 events and 5 MB', async () => {
    // About 1.3 KB each: the 5 MB bound, not the 5,000 count, cuts these batches.
    fill(spool, 12_000, 't'.repeat(1200));
    server.handler = (req, res) =>
      json(res, 200, { accepted: eventsOf(req.body).length, duplicates: 0, rejected: [] });
    await uploader.drain();
    const sizes = server.requests.map((r) => eventsOf(r.body).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(12_000);
    for (const r of server.requests) {
      expect(eventsOf(r.body).length).toBeLessThanOrEqual(5000);
      expect(Buffer.byteLength(r.body)).toBeLessThanOrEqual(5_000_000);
    }
    expect(Math.max(...sizes)).toBeLessThan(5000);
    expect(server.requests.length).toBeGreaterThanOrEqual(4);
  });

  it('keeps everything when the device token is refused (401)', async () => {
    fill(spool, 2);
    server.handler = (req, res) =>
      json(res, 401, { status: 401, title: 'Unauthorized', detail: 'device token revoked' });
    const result = await uploader.step();
    expect(result.kind).toBe('retry');
    expect(uploader.status().state).toBe('unauthorized');
    expect(spool.stats().queued).toBe(2);
  });

  it('asks for the notice after a 403, but only rarely again when the organization is closed', async () => {
    fill(spool, 2);
    let forbidden = 0;
    const api = new AgentApi(url, new FetchTransport(5000), () => Promise.resolve('device-token'));
    const waiting = new Uploader(spool, () => api, clock, logger, {
      random: () => 0.5,
      onForbidden: () => (forbidden += 1),
      forbiddenDelayMs: 30_000,
      maxDelayMs: 300_000,
    });
    const forbidden403 =
      (problem: string): Handler =>
      (req, res) =>
        json(res, 403, {
          type: `https://calltimex.dev/problems/${problem}`,
          status: 403,
          title: 'Forbidden',
          detail: problem,
        });
    server.handler = forbidden403('notice-not-acknowledged');
    expect(await waiting.step()).toEqual({ kind: 'retry', waitMs: 30_000 });
    expect(forbidden).toBe(1);

    server.handler = forbidden403('organization-closed');
    expect(await waiting.step()).toEqual({ kind: 'retry', waitMs: 300_000 });
    expect(forbidden).toBe(1);
    expect(waiting.status().state).toBe('unauthorized');
    expect(spool.stats().queued).toBe(2);
  });

  it('treats an unexpected 200 body as a failure and keeps the events', async () => {
    fill(spool, 2);
    server.handler = (req, res) => json(res, 200, { ok: true });
    const result = await uploader.step();
    expect(result.kind).toBe('retry');
    expect(spool.stats().queued).toBe(2);
  });
});

describe('Uploader concurrency', () => {
  it('shares one request between concurrent callers', async () => {
    const spool = new SqliteSpool(':memory:');
    fill(spool, 3);
    let calls = 0;
    const poster = {
      postEvents: async (events: string[]) => {
        calls += 1;
        await new Promise((r) => setTimeout(r, 20));
        return { accepted: events.length, duplicates: 0, rejected: [] };
      },
    };
    const uploader = new Uploader(spool, () => poster, fakeClock(), recordingLogger());
    const [a, b] = await Promise.all([uploader.step(), uploader.step()]);
    expect(calls).toBe(1);
    expect(a).toEqual(b);
    expect(spool.stats()).toMatchObject({ queued: 0, delivered: 3 });
    spool.close();
  });
});
