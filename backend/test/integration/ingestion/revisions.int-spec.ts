import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createEmployee, signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { enrollDevice } from '../reports/report-fixtures.js';

const MIN = 60_000;

interface Ev {
  id: string;
  kind: 'active' | 'idle';
  start: string;
  end: string;
  app?: string;
  title?: string;
  rev?: unknown;
  deleted?: unknown;
}

function ev(
  id: string,
  kind: 'active' | 'idle',
  startMs: number,
  endMs: number,
  extra: Partial<Ev> = {},
): Ev {
  return {
    id,
    kind,
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    ...(kind === 'active' ? { app: 'Code', title: 'main.ts' } : {}),
    ...extra,
  };
}

// The agent sends a span before it is final and corrects it when idle is decided later: a higher
// revision of an event replaces it, reports follow at once, an older one stays a duplicate.
describe(`event revisions on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let owner: SignedUp;
  let token = '';
  let employeeId = '';

  beforeAll(async () => {
    ctx = await startTestApp();
    owner = await signUp(ctx.app);
    const employee = await createEmployee(ctx.app, owner.accessToken, { timeZone: 'UTC' });
    employeeId = employee.id;
    token = await enrollDevice(ctx.app, owner.accessToken, employee.email);
  });
  afterAll(async () => {
    await ctx.close();
  });

  const post = (events: Ev[]) =>
    request(ctx.app.getHttpServer())
      .post('/api/v1/agent/events')
      .set('Authorization', `Bearer ${token}`)
      .send({ events })
      .expect(200);

  async function summary(day: string): Promise<{ activeSeconds: number; idleSeconds: number }> {
    const res = await request(ctx.app.getHttpServer())
      .get(`/api/v1/reports/summary?from=${day}&to=${day}`)
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(200);
    const row = (res.body.rows as { employeeId: string }[]).find(
      (r) => r.employeeId === employeeId,
    ) as { activeSeconds: number; idleSeconds: number } | undefined;
    return row
      ? { activeSeconds: row.activeSeconds, idleSeconds: row.idleSeconds }
      : { activeSeconds: 0, idleSeconds: 0 };
  }

  async function stored(id: string) {
    const rows: Record<string, unknown>[] = await ctx.dataSource.query(
      'SELECT kind, startMs, endMs, app, title, rev FROM activity_spans WHERE eventId = ?',
      [id],
    );
    return rows.map((r) => ({
      kind: r.kind,
      startMs: Number(r.startMs),
      endMs: Number(r.endMs),
      app: r.app,
      title: r.title,
      rev: Number(r.rev),
    }))[0];
  }

  it('replaces an event by a later revision and counts the correction at once', async () => {
    const t = Date.UTC(2026, 3, 6, 9);
    const id = randomUUID();
    // Sent early: ten minutes of work, still open.
    expect((await post([ev(id, 'active', t, t + 10 * MIN)])).body).toMatchObject({
      accepted: 1,
      duplicates: 0,
      revised: 0,
    });
    expect(await summary('2026-04-06')).toEqual({ activeSeconds: 600, idleSeconds: 0 });

    // Idle decided later: the last four minutes were idle. The span shrinks, an idle one follows.
    const idle = randomUUID();
    const res = await post([
      ev(id, 'active', t, t + 6 * MIN, { rev: 1 }),
      ev(idle, 'idle', t + 6 * MIN, t + 10 * MIN),
    ]);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 0, revised: 1, rejected: [] });
    expect(await stored(id)).toEqual({
      kind: 'active',
      startMs: t,
      endMs: t + 6 * MIN,
      app: 'Code',
      title: 'main.ts',
      rev: 1,
    });
    expect(await summary('2026-04-06')).toEqual({ activeSeconds: 360, idleSeconds: 240 });

    // The same revision again, and the first one arriving late: duplicates, nothing changes.
    expect(
      (
        await post([
          ev(id, 'active', t, t + 6 * MIN, { rev: 1 }),
          ev(id, 'active', t, t + 10 * MIN, { rev: 0 }),
        ])
      ).body,
    ).toMatchObject({ accepted: 0, duplicates: 2, revised: 0 });
    expect((await stored(id)).endMs).toBe(t + 6 * MIN);
    expect(await summary('2026-04-06')).toEqual({ activeSeconds: 360, idleSeconds: 240 });
  });

  it('recounts the day a revised span left as well as the day it is in now', async () => {
    const id = randomUUID();
    const before = Date.UTC(2026, 3, 7, 23, 50);
    await post([ev(id, 'active', before, before + 20 * MIN)]);
    expect(await summary('2026-04-07')).toEqual({ activeSeconds: 600, idleSeconds: 0 });
    expect(await summary('2026-04-08')).toEqual({ activeSeconds: 600, idleSeconds: 0 });
    // Corrected: it was all after midnight, and idle.
    const after = Date.UTC(2026, 3, 8, 0, 5);
    await post([ev(id, 'idle', after, after + 5 * MIN, { rev: 3 })]);
    expect(await summary('2026-04-07')).toEqual({ activeSeconds: 0, idleSeconds: 0 });
    expect(await summary('2026-04-08')).toEqual({ activeSeconds: 0, idleSeconds: 300 });
    expect(await stored(id)).toMatchObject({ kind: 'idle', app: null, title: null, rev: 3 });
  });

  it('retracts a span: it counts for nothing, leaves no name and stays retracted', async () => {
    const t = Date.UTC(2026, 3, 9, 10);
    const id = randomUUID();
    await post([ev(id, 'active', t, t + 15 * MIN, { title: 'secret.txt' })]);
    expect(await summary('2026-04-09')).toEqual({ activeSeconds: 900, idleSeconds: 0 });
    const res = await post([ev(id, 'active', t, t + 15 * MIN, { rev: 2, deleted: true })]);
    expect(res.body).toMatchObject({ accepted: 1, revised: 1 });
    expect(await summary('2026-04-09')).toEqual({ activeSeconds: 0, idleSeconds: 0 });
    expect(await stored(id)).toEqual({
      kind: 'idle',
      startMs: t,
      endMs: t,
      app: null,
      title: null,
      rev: 2,
    });
    const timeline = await request(ctx.app.getHttpServer())
      .get(`/api/v1/reports/timeline?employeeId=${employeeId}&day=2026-04-09`)
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(200);
    expect(timeline.body.spans).toEqual([]);
    // A late copy of the first sending cannot bring it back.
    expect((await post([ev(id, 'active', t, t + 15 * MIN, { rev: 1 })])).body).toMatchObject({
      accepted: 0,
      duplicates: 1,
    });
    expect(await summary('2026-04-09')).toEqual({ activeSeconds: 0, idleSeconds: 0 });
  });

  it('applies a first sending and its revision arriving in one batch', async () => {
    const t = Date.UTC(2026, 3, 10, 8);
    const id = randomUUID();
    const res = await post([
      ev(id, 'active', t, t + 2 * MIN),
      ev(id, 'active', t, t + 3 * MIN, { rev: 1 }),
    ]);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 0, revised: 1 });
    expect(await stored(id)).toMatchObject({ endMs: t + 3 * MIN, rev: 1 });
    expect(await summary('2026-04-10')).toEqual({ activeSeconds: 180, idleSeconds: 0 });
  });

  it('rejects a bad revision or retraction one by one, with a reason', async () => {
    const t = Date.UTC(2026, 3, 11, 8);
    const good = ev(randomUUID(), 'active', t, t + MIN, { rev: 5 });
    const bad: Ev[] = [
      ev(randomUUID(), 'active', t, t + MIN, { rev: -1 }),
      ev(randomUUID(), 'active', t, t + MIN, { rev: 1.5 }),
      ev(randomUUID(), 'active', t, t + MIN, { rev: '2' }),
      ev(randomUUID(), 'active', t, t + MIN, { rev: 2 ** 31 }),
      ev(randomUUID(), 'active', t, t + MIN, { deleted: true }),
      ev(randomUUID(), 'active', t, t + MIN, { rev: 1, deleted: 'yes' }),
    ];
    const res = await post([good, ...bad]);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected).toEqual([
      { index: 1, reason: 'rev must be an integer from 0 to 2147483647' },
      { index: 2, reason: 'rev must be an integer from 0 to 2147483647' },
      { index: 3, reason: 'rev must be an integer from 0 to 2147483647' },
      { index: 4, reason: 'rev must be an integer from 0 to 2147483647' },
      { index: 5, reason: 'deleted needs rev 1 or more' },
      { index: 6, reason: 'deleted must be a boolean' },
    ]);
    // A first sending may carry any revision: the agent spooled a correction before it could
    // send the original.
    expect(await stored(good.id)).toMatchObject({ rev: 5, endMs: t + MIN });
  });
});
