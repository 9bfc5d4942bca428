import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { EmployeeEntity } from '#src/modules/accounts/entities/employee.entity.js';
import { ActivityDirtyDayEntity } from '#src/modules/activity/entities/activity-dirty-day.entity.js';
import { ActivityKeyEntity } from '#src/modules/activity/entities/activity-key.entity.js';
import { ActivitySpanEntity } from '#src/modules/activity/entities/activity-span.entity.js';
import { OrganizationSettingsEntity } from '#src/modules/agent/data-collection/organization-settings.entity.js';
import { DeviceEntity } from '#src/modules/agent/entities/device.entity.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { seedDevice, type SeededDevice } from '../agent/agent-fixtures.js';

const HOUR = 3_600_000;
// superagent would JSON-encode a Buffer sent as application/json; its typing wants a string back.
const asIs = (body: unknown) => body as string;

function span(startMs: number, minutes: number, extra: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    kind: 'active',
    start: new Date(startMs).toISOString(),
    end: new Date(startMs + minutes * 60_000).toISOString(),
    app: 'Code',
    ...extra,
  };
}

describe(`ingestion on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let device: SeededDevice;
  const base = Date.UTC(2026, 0, 5, 9);

  beforeAll(async () => {
    ctx = await startTestApp();
    device = await seedDevice(ctx.dataSource);
  });
  afterAll(async () => {
    await ctx.close();
  });

  const post = (body: unknown, token = device.deviceToken) =>
    request(ctx.app.getHttpServer())
      .post('/api/v1/agent/events')
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);

  const spans = () => ctx.dataSource.getRepository(ActivitySpanEntity);

  it('stores a batch, keys apps and sites, and marks the UTC days dirty', async () => {
    const events = [
      span(base, 30, { app: 'Visual Studio Code', title: 'main.ts' }),
      span(base + HOUR, 15, { app: 'Firefox', url: 'https://Docs.Example.com:8443/a?b=1' }),
      span(base + 2 * HOUR, 10, { kind: 'idle', app: 'ignored' }),
      span(Date.UTC(2026, 0, 5, 23, 50), 20, { app: 'visual studio code ' }),
    ];
    const res = await post({ events }).expect(200);
    expect(res.body).toEqual({
      accepted: 4,
      duplicates: 0,
      revised: 0,
      rejected: [],
      truncated: 0,
      sanitized: 0,
    });

    const stored = await spans().findBy({ deviceId: device.deviceId });
    expect(stored).toHaveLength(4);
    const byId = new Map(stored.map((s) => [s.eventId, s]));
    const first = byId.get(events[0].id)!;
    expect(first).toMatchObject({
      organizationId: device.organizationId,
      employeeId: device.employeeId,
      kind: 'active',
      startMs: base,
      endMs: base + 30 * 60_000,
      app: 'Visual Studio Code',
      title: 'main.ts',
      url: null,
    });
    expect(Number(first.startMs)).toBe(base);
    const keys = await ctx.dataSource
      .getRepository(ActivityKeyEntity)
      .findBy({ organizationId: device.organizationId });
    const keyById = new Map(keys.map((k) => [k.id, k]));
    expect(keyById.get(first.keyId!)).toMatchObject({
      kind: 'app',
      normalized: 'visual studio code',
    });
    // Same app in other case and spacing: the same key.
    expect(byId.get(events[3].id)!.keyId).toBe(first.keyId);
    const site = byId.get(events[1].id)!;
    expect(keyById.get(site.keyId!)).toMatchObject({ kind: 'site', name: 'docs.example.com' });
    expect(site.url).toBe('https://Docs.Example.com:8443/a?b=1');
    const idle = byId.get(events[2].id)!;
    expect([idle.keyId, idle.app]).toEqual([null, null]);

    const dirty = await ctx.dataSource
      .getRepository(ActivityDirtyDayEntity)
      .findBy({ employeeId: device.employeeId });
    expect(dirty.map((d) => d.utcDay).sort()).toEqual(['2026-01-05', '2026-01-06']);
    expect(dirty.every((d) => d.organizationId === device.organizationId)).toBe(true);
  });

  it('counts a re-sent batch as duplicates and does not mark days again', async () => {
    const events = [span(base + 5 * HOUR, 5), span(base + 6 * HOUR, 5)];
    await post({ events }).expect(200);
    await ctx.dataSource.getRepository(ActivityDirtyDayEntity).clear();
    const again = await post({ events }).expect(200);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await ctx.dataSource.getRepository(ActivityDirtyDayEntity).count()).toBe(0);
    const mixed = await post({ events: [events[0], span(base + 7 * HOUR, 5), events[0]] }).expect(
      200,
    );
    expect(mixed.body).toMatchObject({ accepted: 1, duplicates: 2 });
  });

  it('counts two identical batches sent at once exactly once', async () => {
    const events = Array.from({ length: 300 }, (_, i) => span(base + 10 * HOUR + i * 60_000, 1));
    const body = { events };
    const before = await spans().countBy({ deviceId: device.deviceId });
    const [a, b, c] = await Promise.all([post(body), post(body), post(body)]);
    for (const r of [a, b, c]) expect(r.status).toBe(200);
    const accepted = [a, b, c].map((r) => r.body.accepted as number);
    expect(accepted.reduce((x, y) => x + y, 0)).toBe(300);
    expect([a, b, c].map((r) => r.body.duplicates as number).reduce((x, y) => x + y, 0)).toBe(600);
    expect(await spans().countBy({ deviceId: device.deviceId })).toBe(before + 300);
  });

  it('counts overlapping batches racing in opposite orders exactly once (deadlocks are retried)', async () => {
    const events = Array.from({ length: 400 }, (_, i) => span(base + 90 * HOUR + i * 60_000, 1));
    const reversed = [...events].reverse();
    const middle = events.slice(100, 300);
    const before = await spans().countBy({ deviceId: device.deviceId });
    const results = await Promise.all([
      post({ events }),
      post({ events: reversed }),
      post({ events: middle }),
      post({ events: [...middle].reverse() }),
    ]);
    for (const r of results) expect(r.status).toBe(200);
    const accepted = results.reduce((n, r) => n + (r.body.accepted as number), 0);
    const duplicates = results.reduce((n, r) => n + (r.body.duplicates as number), 0);
    expect(accepted).toBe(400);
    expect(duplicates).toBe(400 + 200 + 200);
    expect(await spans().countBy({ deviceId: device.deviceId })).toBe(before + 400);
  });

  it('counts exactly for batch sizes that are padded to a statement size', async () => {
    for (const [n, offset] of [
      [3, 60],
      [501, 61],
      [129, 70],
    ] as const) {
      const events = Array.from({ length: n }, (_, i) =>
        span(base + offset * HOUR + i * 60_000, 1),
      );
      const first = await post({ events }).expect(200);
      expect(first.body).toMatchObject({ accepted: n, duplicates: 0 });
      const again = await post({ events }).expect(200);
      expect(again.body).toMatchObject({ accepted: 0, duplicates: n });
    }
  });

  it('counts outcomes in the Prometheus metrics', async () => {
    await post({ events: [span(base + 80 * HOUR, 5), { id: 'bad' }] }).expect(200);
    const res = await request(ctx.app.getHttpServer()).get('/metrics').expect(200);
    for (const outcome of ['accepted', 'duplicate', 'rejected', 'truncated', 'sanitized']) {
      expect(res.text).toMatch(
        new RegExp(`calltimex_ingested_events_total\\{outcome="${outcome}"\\} \\d+`),
      );
    }
  });

  it('never refuses a batch over a card-like number, and never stores one', async () => {
    // A random UUID whose digits across dashes form a Luhn-valid 15-digit run.
    const id = '20312160-7649-471d-8992-16d4817a86a9';
    const e = span(base + 95 * HOUR, 5, { title: 'Checkout 4111 1111 1111 1111 – Shop' });
    const res = await post({ events: [{ ...span(base + 96 * HOUR, 5), id }, e] }).expect(200);
    expect(res.body).toMatchObject({ accepted: 2, rejected: [] });
    const stored = await spans().findOneByOrFail({ deviceId: device.deviceId, eventId: e.id });
    expect(stored.title).toBe('Checkout [card number removed] – Shop');
  });

  it('accepts gzip bodies', async () => {
    const events = [span(base + 20 * HOUR, 5)];
    const res = await request(ctx.app.getHttpServer())
      .post('/api/v1/agent/events')
      .set('Authorization', `Bearer ${device.deviceToken}`)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize(asIs)
      .send(gzipSync(JSON.stringify({ events })))
      .expect(200);
    expect(res.body.accepted).toBe(1);
  });

  it('turns away a zip bomb with 413 after inflating no more than the limit', async () => {
    // ~20 KB on the wire, 50 MB inflated.
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    const res = await request(ctx.app.getHttpServer())
      .post('/api/v1/agent/events')
      .set('Authorization', `Bearer ${device.deviceToken}`)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize(asIs)
      .send(bomb);
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses more than 5,000 events with 413 and stores none of them', async () => {
    const events = Array.from({ length: 5001 }, (_, i) => ({
      id: randomUUID(),
      kind: 'idle',
      start: new Date(base - 100 * HOUR + i * 1000).toISOString(),
      end: new Date(base - 100 * HOUR + i * 1000 + 500).toISOString(),
    }));
    const before = await spans().count();
    const res = await post({ events });
    expect(res.status).toBe(413);
    expect(res.body.status).toBe(413);
    expect(await spans().count()).toBe(before);
  });

  it('refuses a body over 5 MB uncompressed with 413', async () => {
    const res = await post({ events: [span(base, 1, { title: 'x'.repeat(5.5 * 1024 * 1024) })] });
    expect(res.status).toBe(413);
  });

  it('rejects bad events one by one and stores the good ones', async () => {
    const now = Date.now();
    const good = span(base + 30 * HOUR, 5);
    const res = await post({
      events: [
        good,
        { ...span(base, 5), id: 'nope' },
        span(now + 5 * 60_000, 6), // ends 11 minutes ahead
        { ...span(base, 5), end: new Date(base).toISOString() },
        { ...span(base, 5), end: new Date(base + 25 * HOUR).toISOString() },
        { ...span(base, 5), kind: 'busy' },
        { ...span(base, 5), start: '2026-01-05 09:00' },
        42,
        { ...span(base, 5), title: 7 },
        span(now - 60_000, 1, { deviceId: randomUUID(), employeeId: randomUUID() }),
      ],
    }).expect(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected.map((r: { index: number }) => r.index)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect(res.body.rejected[1].reason).toMatch(/future/);
    expect(res.body.rejected[3].reason).toMatch(/24 hours/);
    const stored = await spans().findOneBy({ deviceId: device.deviceId, eventId: good.id });
    expect(stored).not.toBeNull();
  });

  it('truncates long titles and URLs, counting them', async () => {
    const e = span(base + 40 * HOUR, 5, {
      title: 'Т'.repeat(3000),
      url: `https://example.net/${'q'.repeat(4000)}`,
    });
    const res = await post({ events: [e, span(base + 41 * HOUR, 5)] }).expect(200);
    expect(res.body).toMatchObject({ accepted: 2, truncated: 1 });
    const stored = await spans().findOneByOrFail({ deviceId: device.deviceId, eventId: e.id });
    expect(stored.title).toBe('Т'.repeat(1024));
    expect(stored.url).toHaveLength(2048);
  });

  it.each([
    [{ events: [], extra: 1 }, 'extra'],
    [{}, 'events'],
    [{ events: 'many' }, 'events'],
    [[], ''],
  ])('answers a malformed envelope %j with 400', async (body, path) => {
    const res = await post(body).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('answers 401 without a token, with a made-up one, and for a revoked device', async () => {
    const body = { events: [span(base, 1)] };
    await request(ctx.app.getHttpServer()).post('/api/v1/agent/events').send(body).expect(401);
    await post(body, 'ctd_' + 'A'.repeat(43)).expect(401);
    await post(body, 'garbage').expect(401);
    const other = await seedDevice(ctx.dataSource, {
      organizationId: device.organizationId,
      employeeId: device.employeeId,
    });
    await post(body, other.deviceToken).expect(200);
    await ctx.dataSource
      .getRepository(DeviceEntity)
      .update({ id: other.deviceId }, { revokedAt: new Date() });
    const res = await post(body, other.deviceToken).expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 401 at once when the employee is deactivated', async () => {
    const other = await seedDevice(ctx.dataSource);
    const body = { events: [span(base, 1)] };
    await post(body, other.deviceToken).expect(200);
    await ctx.dataSource
      .getRepository(EmployeeEntity)
      .update({ id: other.employeeId }, { status: 'deactivated' });
    await post(body, other.deviceToken).expect(401);
  });

  it('keeps each organization’s data to itself, whatever an event claims', async () => {
    const other = await seedDevice(ctx.dataSource);
    const e = span(base + 50 * HOUR, 5, {
      organizationId: device.organizationId,
      employeeId: device.employeeId,
      deviceId: device.deviceId,
    });
    await post({ events: [e] }, other.deviceToken).expect(200);
    const stored = await spans().findBy({ eventId: e.id });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      deviceId: other.deviceId,
      organizationId: other.organizationId,
      employeeId: other.employeeId,
    });
    // The same app name in two organizations: two keys, one each.
    const keys = await ctx.dataSource
      .getRepository(ActivityKeyEntity)
      .findBy({ normalized: 'code' });
    expect(new Set(keys.map((k) => k.organizationId)).size).toBe(keys.length);
  });

  it('never stores a title or a full URL when the organization collects neither', async () => {
    const other = await seedDevice(ctx.dataSource);
    await ctx.dataSource.getRepository(OrganizationSettingsEntity).insert({
      organizationId: other.organizationId,
      collectTitles: false,
      urlMode: 'host',
    });
    const e = span(base, 5, {
      title: 'Salary review.xlsx',
      url: 'https://mail.example.com/inbox/1',
    });
    const res = await post({ events: [e] }, other.deviceToken).expect(200);
    expect(res.body.accepted).toBe(1);
    const stored = await spans().findOneByOrFail({ deviceId: other.deviceId, eventId: e.id });
    expect(stored.title).toBeNull();
    expect(stored.url).toBe('mail.example.com');
    const config = await request(ctx.app.getHttpServer())
      .get('/api/v1/agent/config')
      .set('Authorization', `Bearer ${other.deviceToken}`)
      .expect(200);
    expect(config.body).toEqual({ collectTitles: false, urlMode: 'host' });
  });
});
