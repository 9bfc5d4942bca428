import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createEmployee, signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import {
  type AgentEvent,
  enrollDevice,
  naiveReports,
  prng,
  sendEvents,
} from './report-fixtures.js';

// Ingestion, background recomputes and report-time recomputes all at once: nothing may be lost.
describe(`rollups under concurrent ingestion on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let owner: SignedUp;

  beforeAll(async () => {
    ctx = await startTestApp();
    owner = await signUp(ctx.app);
    // Delete the seeded rules so that the reference needs none.
    const list = await request(ctx.app.getHttpServer())
      .get('/api/v1/productivity-rules')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(200);
    for (const r of list.body.items) {
      await request(ctx.app.getHttpServer())
        .delete(`/api/v1/productivity-rules/${r.id}`)
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(204);
    }
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('ends exact after late, out-of-order and concurrent batches with reports in between', async () => {
    const e = await createEmployee(ctx.app, owner.accessToken, { timeZone: 'Europe/Berlin' });
    const tokens = [
      await enrollDevice(ctx.app, owner.accessToken, e.email),
      await enrollDevice(ctx.app, owner.accessToken, e.email),
    ];
    const rnd = prng(42);
    const start = Date.parse('2026-10-23T20:00:00Z');
    const all: AgentEvent[] = [];
    const batches: { token: string; events: AgentEvent[] }[] = [];
    for (let b = 0; b < 16; b++) {
      const events: AgentEvent[] = [];
      for (let i = 0; i < 25; i++) {
        const s = start + Math.floor(rnd() * 4 * 86_400) * 1000;
        const len = (30 + Math.floor(rnd() * 5400)) * 1000;
        events.push({
          id: randomUUID(),
          kind: rnd() < 0.2 ? 'idle' : 'active',
          start: new Date(s).toISOString(),
          end: new Date(s + len).toISOString(),
          app: ['Code', 'Slack', 'Word'][Math.floor(rnd() * 3)],
        });
      }
      all.push(...events);
      batches.push({ token: tokens[b % 2], events });
    }
    const summary = () =>
      request(ctx.app.getHttpServer())
        .get('/api/v1/reports/summary?from=2026-10-23&to=2026-10-28')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(200);
    // Batches in random order, two at a time, each sent twice, with summaries racing them.
    const order = batches.map((b) => ({ b, k: rnd() })).sort((x, y) => x.k - y.k);
    for (let i = 0; i < order.length; i += 2) {
      await Promise.all([
        ...order
          .slice(i, i + 2)
          .flatMap(({ b }) => [
            sendEvents(ctx.app, b.token, b.events),
            sendEvents(ctx.app, b.token, b.events),
          ]),
        summary(),
        summary(),
      ]);
    }
    const expected = naiveReports(
      [{ id: e.id, fullName: e.fullName, timeZone: 'Europe/Berlin', teamId: null }],
      new Map([[e.id, all]]),
      [],
      '2026-10-23',
      '2026-10-28',
    ).summary[0];
    const res = await summary();
    expect(res.body.rows).toHaveLength(1);
    expect(res.body.rows[0]).toMatchObject({
      activeSeconds: expected.activeSeconds,
      idleSeconds: expected.idleSeconds,
      neutralSeconds: expected.activeSeconds,
    });
    // The same after every background pass has finished.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await summary()).body.rows[0].activeSeconds).toBe(expected.activeSeconds);
  });
});
