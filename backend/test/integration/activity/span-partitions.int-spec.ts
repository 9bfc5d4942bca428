import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PartitionedSpans1796470797669 } from '#src/database/migrations/1796470797669-PartitionedSpans.js';
import { IngestLockMovesNoted1796500000000 } from '#src/database/migrations/1796500000000-IngestLockMovesNoted.js';
import { JobQueue } from '#src/jobs/job-queue.js';
import {
  monthIndex,
  monthStartMs,
  type SpanPartition,
  SpanPartitions,
} from '#src/modules/activity/partitions/span-partitions.js';
import { ErasureService } from '#src/modules/privacy/erasure/erasure.service.js';
import { RetentionService } from '#src/modules/privacy/retention/retention.service.js';
import { createEmployee, signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { drainJobs, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { enrollDevice } from '../reports/report-fixtures.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const utc = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min);
const iso = (ms: number) => new Date(ms).toISOString();

interface Ev {
  id: string;
  kind: 'active' | 'idle';
  start: string;
  end: string;
  app?: string;
  rev?: number;
}

const ev = (id: string, startMs: number, endMs: number, rev = 0): Ev => ({
  id,
  kind: 'active',
  start: iso(startMs),
  end: iso(endMs),
  app: 'Editor',
  ...(rev > 0 ? { rev } : {}),
});

interface Worker {
  employeeId: string;
  token: string;
}

/**
 * The span table partitioned by month (MariaDB; SQLite keeps one table and must behave the same
 * from the outside): partitions made ahead by the job, ingestion keeping one row per event across
 * partitions, reports over a month boundary, erasure of one person in every month, and retention
 * dropping whole months while deleting the rows of the month that straddles the cutoff.
 */
describe(`span table by month (${TEST_DB})`, () => {
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  let partitions: SpanPartitions;

  beforeAll(async () => {
    // A second organization, for retention across organizations.
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app);
    partitions = ctx.app.get(SpanPartitions);
    // January to May 2026 get partitions of their own, as if the job had run then.
    await partitions.ensureAhead(utc(2026, 1, 10), 4);
  });
  afterAll(async () => {
    await drainJobs(ctx).catch(() => undefined);
    await jobs.close();
    await ctx.close();
  });

  const server = () => ctx.app.getHttpServer() as Parameters<typeof request>[0];
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function worker(token = owner.accessToken): Promise<Worker> {
    const employee = await createEmployee(ctx.app, token, { timeZone: 'UTC' });
    return { employeeId: employee.id, token: await enrollDevice(ctx.app, token, employee.email) };
  }

  async function post(w: Worker, events: Ev[]) {
    const res = await request(server()).post('/api/v1/agent/events').set(auth(w.token)).send({
      events,
    });
    expect(res.status).toBe(200);
    return res.body as { accepted: number; duplicates: number; revised: number };
  }

  /** Every stored row of an event, with the partition it is in (null on SQLite). */
  async function rowsOf(eventId: string) {
    const rows = await ctx.dataSource.query<Record<string, string | number>[]>(
      'SELECT startMs, endMs, rev FROM activity_spans WHERE eventId = ? ORDER BY startMs',
      [eventId],
    );
    const list = await partitions.list();
    return rows.map((r) => ({
      startMs: Number(r.startMs),
      endMs: Number(r.endMs),
      rev: Number(r.rev),
      partition: list.length ? holder(list, Number(r.startMs)) : null,
    }));
  }

  const holder = (list: SpanPartition[], ms: number) =>
    list.find((p) => p.endMs === null || p.endMs > ms)?.name;

  const expectedPartition = (ms: number) => (TEST_DB === 'mysql' ? monthName(ms) : null);
  const monthName = (ms: number) => `p${iso(ms).slice(0, 7).replace('-', '')}`;

  async function countOf(employeeId: string, partition?: string): Promise<number> {
    const from = partition ? `activity_spans PARTITION (${partition})` : 'activity_spans';
    const [row] = await ctx.dataSource.query<{ n: string | number }[]>(
      `SELECT COUNT(*) AS n FROM ${from} WHERE employeeId = ?`,
      [employeeId],
    );
    return Number(row.n);
  }

  describe('partitions ahead', () => {
    it('gives each month from now to three ahead its own partition, once, from two callers at once', async () => {
      // Two months past the last month with a partition (the database outlives a run).
      const last = (await partitions.list()).filter((p) => p.endMs !== null).at(-1)?.endMs;
      const month = monthIndex(last ?? Date.now()) + 2;
      const now = monthStartMs(month) + 19 * DAY + 12 * HOUR;
      const [a, b] = await Promise.all([
        partitions.ensureAhead(now, 3),
        partitions.ensureAhead(now, 3),
      ]);
      const list = await partitions.list();
      if (TEST_DB === 'sqlite') {
        expect([a, b, list]).toEqual([[], [], []]);
        return;
      }
      // One caller made them, the other found nothing left to do: the month before (whatever
      // was before `month`), the month itself and three after it.
      const expected = [-1, 0, 1, 2, 3].map((i) => monthName(monthStartMs(month + i)));
      expect([...a, ...b].sort()).toEqual(expected);
      expect(a.length === 0 || b.length === 0).toBe(true);
      for (let m = month; m <= month + 3; m++) {
        const i = list.findIndex((p) => p.endMs === monthStartMs(m + 1));
        expect(i).toBeGreaterThan(0);
        expect(list[i].name).toBe(monthName(monthStartMs(m)));
        expect(list[i - 1].endMs).toBe(monthStartMs(m));
      }
      expect(list.at(-1)).toMatchObject({ name: 'pmax', endMs: null });
      expect(await partitions.ensureAhead(now, 3)).toEqual([]);
    });

    it('is a scheduled job that puts back a month missing ahead', async () => {
      const queue = ctx.app.get(JobQueue);
      await drainJobs(ctx);
      const now = Date.now();
      const third = monthIndex(now) + 3;
      if (TEST_DB === 'mysql') {
        // The third month ahead folded into the partition after it, as if the job had not run yet.
        const list = await partitions.list();
        const i = list.findIndex((p) => p.endMs === monthStartMs(third + 1));
        const [gone, next] = [list[i], list[i + 1]];
        expect(gone.name).toBe(monthName(monthStartMs(third)));
        await ctx.dataSource.query(
          `ALTER TABLE activity_spans REORGANIZE PARTITION ${gone.name}, ${next.name} INTO ` +
            `(PARTITION ${next.name} VALUES LESS THAN (${next.endMs ?? 'MAXVALUE'}))`,
        );
        expect((await partitions.list()).some((p) => p.name === gone.name)).toBe(false);
      }
      await queue.enqueue('activity.partitions', { organizationId: null });
      await drainJobs(ctx);
      const list = await partitions.list();
      const failed = (await queue.counts()).reduce((sum, c) => sum + c.counts.failed, 0);
      expect(failed).toBe(0);
      if (TEST_DB === 'sqlite') {
        expect(list).toEqual([]);
        return;
      }
      expect(list.find((p) => p.endMs === monthStartMs(third + 1))?.name).toBe(
        monthName(monthStartMs(third)),
      );
      expect(list.find((p) => p.endMs === monthStartMs(third))).toBeDefined();
    });
  });

  describe('one row per event across partitions', () => {
    let w: Worker;
    beforeAll(async () => {
      w = await worker();
    });

    it('keeps a re-sent batch a duplicate', async () => {
      const t = utc(2026, 1, 12, 9);
      const batch = [0, 1, 2].map((i) => ev(randomUUID(), t + i * HOUR, t + i * HOUR + 30 * MIN));
      expect(await post(w, batch)).toMatchObject({ accepted: 3, duplicates: 0 });
      expect(await post(w, batch)).toMatchObject({ accepted: 0, duplicates: 3 });
      for (const e of batch) expect(await rowsOf(e.id)).toHaveLength(1);
    });

    it('moves a revised span to the month of its new start, and back, and keeps late copies duplicates', async () => {
      const id = randomUUID();
      const jan = utc(2026, 1, 31, 23, 50);
      expect(await post(w, [ev(id, jan, jan + 20 * MIN)])).toMatchObject({ accepted: 1 });
      expect(await rowsOf(id)).toEqual([
        { startMs: jan, endMs: jan + 20 * MIN, rev: 0, partition: expectedPartition(jan) },
      ]);

      // Corrected: it began after midnight, in February.
      const feb = utc(2026, 2, 1, 0, 5);
      expect(await post(w, [ev(id, feb, feb + 15 * MIN, 1)])).toMatchObject({
        accepted: 1,
        revised: 1,
      });
      expect(await rowsOf(id)).toEqual([
        { startMs: feb, endMs: feb + 15 * MIN, rev: 1, partition: expectedPartition(feb) },
      ]);

      // The first sending and the revision again, late: nothing changes.
      expect(await post(w, [ev(id, jan, jan + 20 * MIN), ev(id, feb, feb + 15 * MIN, 1)])).toEqual(
        expect.objectContaining({ accepted: 0, duplicates: 2, revised: 0 }),
      );
      expect(await rowsOf(id)).toHaveLength(1);

      // Moved back into January by a later revision; the older ones stay duplicates.
      const back = utc(2026, 1, 31, 23, 55);
      expect(await post(w, [ev(id, back, back + 10 * MIN, 2)])).toMatchObject({ revised: 1 });
      expect(
        await post(w, [
          ev(id, jan, jan + 20 * MIN),
          ev(id, feb, feb + 15 * MIN, 1),
          ev(id, back, back + 10 * MIN, 2),
        ]),
      ).toMatchObject({ accepted: 0, duplicates: 3 });
      expect(await rowsOf(id)).toEqual([
        { startMs: back, endMs: back + 10 * MIN, rev: 2, partition: expectedPartition(back) },
      ]);
    });

    it('keeps a revision that came before its first sending, in another month', async () => {
      const id = randomUUID();
      const march = utc(2026, 3, 1, 0, 10);
      const feb = utc(2026, 2, 28, 23, 40);
      expect(await post(w, [ev(id, march, march + 30 * MIN, 1)])).toMatchObject({ accepted: 1 });
      // The first sending, lost and retried, arrives after it with its own start.
      expect(await post(w, [ev(id, feb, feb + 50 * MIN)])).toMatchObject({
        accepted: 0,
        duplicates: 1,
      });
      expect(await rowsOf(id)).toEqual([
        { startMs: march, endMs: march + 30 * MIN, rev: 1, partition: expectedPartition(march) },
      ]);
    });

    it('takes back a late first sending of a device whose first move came one batch before', async () => {
      const fresh = await worker();
      // Whether the device's ingest lock says it has moves (MySQL/MariaDB; null on SQLite).
      const movesNoted = async () => {
        if (TEST_DB !== 'mysql') return null;
        const [row] = await ctx.dataSource.query<{ movesNoted: number }[]>(
          'SELECT l.movesNoted FROM activity_ingest_locks l JOIN devices d ON d.id = l.deviceId ' +
            'WHERE d.employeeId = ?',
          [fresh.employeeId],
        );
        return Number(row.movesNoted) === 1;
      };
      const mysql = TEST_DB === 'mysql';
      const t = utc(2026, 3, 10, 9);
      expect(await post(fresh, [ev(randomUUID(), t, t + 10 * MIN)])).toMatchObject({
        accepted: 1,
      });
      expect(await movesNoted()).toBe(mysql ? false : null);
      const id = randomUUID();
      expect(await post(fresh, [ev(id, t + HOUR, t + HOUR + 20 * MIN, 1)])).toMatchObject({
        accepted: 1,
      });
      expect(await movesNoted()).toBe(mysql ? true : null);
      expect(await post(fresh, [ev(id, t + 50 * MIN, t + HOUR + 30 * MIN)])).toMatchObject({
        accepted: 0,
        duplicates: 1,
      });
      expect(await rowsOf(id)).toEqual([
        {
          startMs: t + HOUR,
          endMs: t + HOUR + 20 * MIN,
          rev: 1,
          partition: expectedPartition(t + HOUR),
        },
      ]);
    });

    it('stores one row however many copies and revisions of an event race each other', async () => {
      const id = randomUUID();
      const april = utc(2026, 4, 30, 23, 0);
      const may = utc(2026, 5, 1, 0, 30);
      const first = ev(id, april, april + 45 * MIN);
      const revision = ev(id, may, may + 20 * MIN, 1);
      const batches = [[first], [revision], [first, revision], [first], [revision], [first]];
      const results = await Promise.all(batches.map((b) => post(w, b)));
      expect(await rowsOf(id)).toEqual([
        { startMs: may, endMs: may + 20 * MIN, rev: 1, partition: expectedPartition(may) },
      ]);
      // Whatever the order, the event was new once and revised at most once.
      const inserted = results.reduce((sum, r) => sum + r.accepted - r.revised, 0);
      expect(inserted).toBe(1);
      expect(results.reduce((sum, r) => sum + r.revised, 0)).toBeLessThanOrEqual(1);
      const april30 = await summary(w.employeeId, '2026-04-30');
      const may1 = await summary(w.employeeId, '2026-05-01');
      expect([april30, may1]).toEqual([0, 20 * 60]);
    });
  });

  async function summary(employeeId: string, from: string, to = from): Promise<number> {
    const res = await request(server())
      .get(`/api/v1/reports/summary?from=${from}&to=${to}`)
      .set(auth(owner.accessToken))
      .expect(200);
    const row = (res.body.rows as { employeeId: string; activeSeconds: number }[]).find(
      (r) => r.employeeId === employeeId,
    );
    return row?.activeSeconds ?? 0;
  }

  describe('reports over a month boundary', () => {
    it('sums a range across two partitions and splits a span over midnight between the days', async () => {
      const w = await worker();
      // 30 min on 30 January, 1 h over midnight into February, 45 min on 2 February.
      const a = utc(2026, 1, 30, 10);
      const b = utc(2026, 1, 31, 23, 30);
      const c = utc(2026, 2, 2, 14);
      expect(
        await post(w, [
          ev(randomUUID(), a, a + 30 * MIN),
          ev(randomUUID(), b, b + HOUR),
          ev(randomUUID(), c, c + 45 * MIN),
        ]),
      ).toMatchObject({ accepted: 3 });
      expect(await summary(w.employeeId, '2026-01-30', '2026-02-02')).toBe((30 + 60 + 45) * 60);
      expect(await summary(w.employeeId, '2026-01-31')).toBe(30 * 60);
      expect(await summary(w.employeeId, '2026-02-01', '2026-02-28')).toBe((30 + 45) * 60);

      const timeline = async (day: string) =>
        (
          await request(server())
            .get(`/api/v1/reports/timeline?employeeId=${w.employeeId}&day=${day}`)
            .set(auth(owner.accessToken))
            .expect(200)
        ).body.spans as { start: string; end: string; seconds: number }[];
      const instants = (spans: { start: string; end: string; seconds: number }[]) =>
        spans.map((s) => [Date.parse(s.start), Date.parse(s.end), s.seconds]);
      expect(instants(await timeline('2026-01-31'))).toEqual([[b, utc(2026, 2, 1), 30 * 60]]);
      expect(instants(await timeline('2026-02-01'))).toEqual([
        [utc(2026, 2, 1), b + HOUR, 30 * 60],
      ]);
    });
  });

  /** One span on the 15th of each month from January to April 2026, and one on 10 and 20 March. */
  async function monthlySpans(w: Worker): Promise<number[]> {
    const starts = [
      utc(2026, 1, 15, 9),
      utc(2026, 2, 15, 9),
      utc(2026, 3, 10, 9),
      utc(2026, 3, 20, 9),
      utc(2026, 4, 15, 9),
    ];
    const result = await post(
      w,
      starts.map((s) => ev(randomUUID(), s, s + 30 * MIN)),
    );
    expect(result.accepted).toBe(starts.length);
    return starts;
  }

  describe('erasure of one person', () => {
    it('deletes their rows in every partition and no one else’s', async () => {
      const alice = await worker();
      const bob = await worker();
      await monthlySpans(alice);
      const bobStarts = await monthlySpans(bob);
      // A revision of Alice's moved across months: listed as a move, which goes too.
      const moved = randomUUID();
      await post(alice, [ev(moved, utc(2026, 2, 27, 8), utc(2026, 2, 27, 9))]);
      await post(alice, [ev(moved, utc(2026, 3, 2, 8), utc(2026, 3, 2, 9), 1)]);
      const months = ['p202601', 'p202602', 'p202603', 'p202604'];
      if (TEST_DB === 'mysql') {
        for (const p of months) expect(await countOf(alice.employeeId, p)).toBeGreaterThan(0);
        expect(await movesOf(alice.employeeId)).toBe(1);
      }
      const bobBefore = await ctx.dataSource.query<unknown[]>(
        'SELECT eventId, startMs, endMs, rev FROM activity_spans WHERE employeeId = ? ORDER BY startMs',
        [bob.employeeId],
      );
      expect(bobBefore).toHaveLength(bobStarts.length);

      await ctx.app.get(ErasureService).erase(owner.organization.id, alice.employeeId, []);

      expect(await countOf(alice.employeeId)).toBe(0);
      if (TEST_DB === 'mysql') {
        for (const p of months) expect(await countOf(alice.employeeId, p)).toBe(0);
        expect(await movesOf(alice.employeeId)).toBe(0);
      }
      expect(
        await ctx.dataSource.query(
          'SELECT eventId, startMs, endMs, rev FROM activity_spans WHERE employeeId = ? ORDER BY startMs',
          [bob.employeeId],
        ),
      ).toEqual(bobBefore);
    });
  });

  async function movesOf(employeeId: string): Promise<number> {
    const [row] = await ctx.dataSource.query<{ n: string | number }[]>(
      'SELECT COUNT(*) AS n FROM activity_span_moves WHERE employeeId = ?',
      [employeeId],
    );
    return Number(row.n);
  }

  describe('retention', () => {
    it('drops the months every organization is done with and deletes only the rows before each cutoff', async () => {
      // A second organization keeps 60 days, this one 30: on 14 April 2026 the cutoffs are
      // 13 February and 15 March. Months ending by 13 February go whole; the rest by rows.
      const other = await signUp(ctx.app);
      const setDays = (token: string, rawActivityDays: number) =>
        request(server())
          .patch('/api/v1/privacy/retention')
          .set(auth(token))
          .send({ rawActivityDays })
          .expect(200);
      await setDays(owner.accessToken, 30);
      await setDays(other.accessToken, 60);
      const now = new Date(utc(2026, 4, 14));
      const ownCutoff = now.getTime() - 30 * DAY;
      const otherCutoff = now.getTime() - 60 * DAY;
      expect([iso(ownCutoff), iso(otherCutoff)]).toEqual([
        iso(utc(2026, 3, 15)),
        iso(utc(2026, 2, 13)),
      ]);

      // Only these two organizations' spans are in the table now.
      await ctx.dataSource.query('DELETE FROM activity_spans');
      const ann = await worker();
      const carl = await worker(other.accessToken);
      const annStarts = await monthlySpans(ann);
      const carlStarts = await monthlySpans(carl);
      // Exactly on the cutoff: kept.
      await post(ann, [ev(randomUUID(), ownCutoff, ownCutoff + MIN)]);
      annStarts.push(ownCutoff);

      const { droppedMonths } = await ctx.app.get(RetentionService).purgeAll(now);

      const starts = async (employeeId: string) =>
        (
          await ctx.dataSource.query<{ startMs: string | number }[]>(
            'SELECT startMs FROM activity_spans WHERE employeeId = ? ORDER BY startMs',
            [employeeId],
          )
        ).map((r) => Number(r.startMs));
      expect(await starts(ann.employeeId)).toEqual(
        annStarts.filter((s) => s >= ownCutoff).sort((x, y) => x - y),
      );
      expect(await starts(carl.employeeId)).toEqual(carlStarts.filter((s) => s >= otherCutoff));
      if (TEST_DB === 'sqlite') {
        expect(droppedMonths).toEqual([]);
        return;
      }
      // January (and everything before it) went whole; February holds Carl's row still.
      expect(droppedMonths).toEqual(['p202512', 'p202601']);
      const names = (await partitions.list()).map((p) => p.name);
      expect(names).not.toContain('p202601');
      expect(names.slice(0, 3)).toEqual(['p202602', 'p202603', 'p202604']);
      expect(await countOf(carl.employeeId, 'p202602')).toBe(1);
      expect(await countOf(ann.employeeId, 'p202602')).toBe(0);
      expect(await countOf(ann.employeeId, 'p202603')).toBe(2);
      expect(await countOf(ann.employeeId, 'p202604')).toBe(1);

      // Run again the next day: nothing more goes whole, nothing kept is touched.
      const again = await ctx.app.get(RetentionService).purgeAll(new Date(now.getTime() + DAY));
      expect(again.droppedMonths).toEqual([]);
      expect(await starts(carl.employeeId)).toEqual(
        carlStarts.filter((s) => s >= otherCutoff + DAY),
      );
    });
  });

  describe('conversion of an existing table (migration PartitionedSpans)', () => {
    it('keeps every row, gives each month from the oldest span to three ahead a partition, and can run again', async () => {
      const w = await worker();
      const starts = [utc(2025, 6, 3, 9), utc(2025, 11, 20, 9), utc(2026, 2, 1, 9)];
      expect(
        await post(
          w,
          starts.map((s) => ev(randomUUID(), s, s + 30 * MIN)),
        ),
      ).toMatchObject({ accepted: 3 });
      const everyRow = () =>
        ctx.dataSource.query<unknown[]>(
          'SELECT deviceId, eventId, employeeId, startMs, endMs, rev, title FROM activity_spans ORDER BY deviceId, eventId',
        );
      const before = await everyRow();
      const migration = new PartitionedSpans1796470797669();
      // Its table's later column goes first and comes back last, as the migrations run: the
      // schema is left as the other test files of this database expect it.
      const later = new IngestLockMovesNoted1796500000000();
      const runner = ctx.dataSource.createQueryRunner();
      try {
        // Back to the table as an installation before this release has it.
        await later.down(runner);
        await migration.down(runner);
        expect(await partitions.list()).toEqual([]);
        await migration.up(runner);
        // A run cut short is run again: nothing changes the second time.
        const layout = await partitions.list();
        await migration.up(runner);
        expect(await partitions.list()).toEqual(layout);
        await later.up(runner);
      } finally {
        await runner.release();
      }
      expect(await everyRow()).toEqual(before);
      const list = await partitions.list();
      if (TEST_DB === 'sqlite') {
        expect(list).toEqual([]);
        return;
      }
      const from = monthIndex(starts[0]);
      const to = monthIndex(Date.now()) + 3;
      expect(list.map((p) => p.name)).toEqual([
        ...Array.from({ length: to - from + 1 }, (_, i) => monthName(monthStartMs(from + i))),
        'pmax',
      ]);
      expect(list.map((p) => p.endMs)).toEqual([
        ...Array.from({ length: to - from + 1 }, (_, i) => monthStartMs(from + i + 1)),
        null,
      ]);
      for (const s of starts) expect(await rowsIn(monthName(s), s)).toBe(1);
    });
  });

  /** How many rows with this start are in the partition (read from the partition itself). */
  async function rowsIn(partition: string, startMs: number): Promise<number> {
    const [row] = await ctx.dataSource.query<{ n: string | number }[]>(
      `SELECT COUNT(*) AS n FROM activity_spans PARTITION (${partition}) WHERE startMs = ?`,
      [startMs],
    );
    return Number(row.n);
  }
});
