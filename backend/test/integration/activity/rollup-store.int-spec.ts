import { setTimeout as sleep } from 'node:timers/promises';
import { IN_LIST_MAX, placeholders } from '#src/database/raw-db.js';
import { ActivityReadRepository } from '#src/modules/activity/read-model/activity-read.repository.js';
import { RollupStore } from '#src/modules/activity/rollups/rollup-store.js';
import { RollupService } from '#src/modules/activity/rollups/rollup.service.js';
import { signUp } from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { drainJobs } from '../jobs/test-worker.js';
import { seedPerson, type Person } from '../privacy/privacy-fixtures.js';

const DAY = '2026-11-02';

/** A recompute's claim on the real database: what it takes, gives back, and who may hold it. */
describe(`rollup store claims (${TEST_DB})`, () => {
  let ctx: TestContext;
  let person: Person;
  let organizationId: string;
  let store: RollupStore;

  beforeAll(async () => {
    // No safety pass during the file: only its own claims touch the rows.
    ctx = await startTestApp({ SWEEP_INTERVAL_SECONDS: '3600' });
    const owner = await signUp(ctx.app);
    organizationId = owner.organization.id;
    person = await seedPerson(ctx, owner.accessToken, 'Rollup');
    // Embedded: the pass ingestion queued runs first. Server mode: no worker runs it here.
    if (TEST_DB === 'sqlite') await drainJobs(ctx);
    await ctx.app.get(RollupService).recompute(id());
    store = ctx.app.get(RollupStore);
  });
  afterAll(async () => {
    await ctx.close();
  });

  const id = () => person.employee.id;
  const query = <T>(sql: string) => ctx.dataSource.query<T[]>(sql, [id()]);
  const dirty = async () =>
    (await query<{ utcDay: string }>('SELECT utcDay FROM activity_dirty_days WHERE employeeId = ?'))
      .map((r) => r.utcDay)
      .sort();
  const storedZone = async () =>
    (
      await query<{ timeZone: string }>(
        'SELECT timeZone FROM activity_rollup_states WHERE employeeId = ?',
      )
    )[0]?.timeZone;
  const employeeZone = async () =>
    (await query<{ timeZone: string }>('SELECT timeZone FROM employees WHERE id = ?'))[0].timeZone;
  const markDirty = async () => {
    await query('DELETE FROM activity_dirty_days WHERE employeeId = ?');
    await ctx.dataSource.query(
      'INSERT INTO activity_dirty_days (employeeId, utcDay, organizationId) VALUES (?, ?, ?)',
      [id(), DAY, organizationId],
    );
  };

  it('gives the dirty days back when the recompute fails', async () => {
    await markDirty();
    const claim = await store.claim(id());
    try {
      expect(claim?.runs.flat()).toContain(DAY);
      expect(await claim?.spans(Date.UTC(2026, 10, 2), Date.UTC(2026, 10, 3))).toHaveLength(3);
    } finally {
      await claim?.rollback();
    }
    expect(await dirty()).toEqual([DAY]);
    expect(await storedZone()).toBe(await employeeZone());
  });

  it('takes the dirty days for good once committed; then there is nothing to claim', async () => {
    await markDirty();
    const claim = await store.claim(id());
    expect(await claim?.commit()).toBe(true);
    expect(await dirty()).toEqual([]);
    expect(await storedZone()).toBe(await employeeZone());
    expect(await store.claim(id())).toBeNull();
  });

  if (TEST_DB === 'sqlite') {
    it('refuses the commit of a claim another process took meanwhile; its days are dirty again', async () => {
      await markDirty();
      const first = await store.claim(id());
      // The second sees the first one's mark instead of a zone: it rebuilds every day.
      const second = await store.claim(id());
      expect(second?.runs.flat()).toContain(DAY);
      expect(await second?.commit()).toBe(true);
      expect(await first?.commit()).toBe(false);
      expect(await dirty()).toEqual([DAY]);
      expect(await storedZone()).toBe(await employeeZone());
    });

    it('rebuilds an employee whose claim was never committed (the process died)', async () => {
      await markDirty();
      const lost = await store.claim(id());
      expect(lost).not.toBeNull();
      expect(await dirty()).toEqual([]);
      expect(await storedZone()).not.toBe(await employeeZone());
      expect(await ctx.app.get(RollupService).recompute(id())).toBeGreaterThan(0);
      expect(await storedZone()).toBe(await employeeZone());
      expect(await dirty()).toEqual([]);
    });
  } else {
    it('makes a second claim of the same employee wait for the first (the state row lock)', async () => {
      await markDirty();
      const first = await store.claim(id());
      let waited = true;
      const second = store.claim(id()).then((claim) => {
        waited = false;
        return claim;
      });
      try {
        await sleep(300);
        expect(waited).toBe(true);
      } finally {
        expect(await first?.commit()).toBe(true);
      }
      // The first took the days: the second finds nothing left to do.
      expect(await second).toBeNull();
      expect(await dirty()).toEqual([]);
    });
  }

  it('reads the day totals of more people than one IN list holds, every row once', async () => {
    // Three lists: two full, one partial; ids out of order so the slices are not sorted ranges.
    const people = 2 * IN_LIST_MAX + 7;
    const ids = Array.from(
      { length: people },
      (_, i) => `inlist-${String((i * 7919) % people).padStart(6, '0')}`,
    );
    const days = ['2026-10-05', '2026-10-06'];
    const rows = ids.flatMap((employeeId, i) =>
      days.map((day, d) => [
        employeeId,
        day,
        organizationId,
        1000 * i + d,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        '',
        0,
      ]),
    );
    for (let i = 0; i < rows.length; i += 400) {
      const batch = rows.slice(i, i + 400);
      await ctx.dataSource.query(
        `INSERT INTO activity_day_totals (employeeId, day, organizationId, activeMs, idleMs,
           firstActiveMs, lastActiveMs, productiveMs, neutralMs, unproductiveMs, classRevision,
           classTeamId, generation) VALUES ${placeholders(batch.length, 13)}`,
        batch.flat(),
      );
    }
    try {
      const active = await store.activeDays(ids, days[0], days[1], 'primary');
      expect(active).toHaveLength(people * 2);
      expect(new Set(active.map((a) => `${a.employeeId}/${a.day}`)).size).toBe(people * 2);
      const byId = new Map(active.map((a) => [`${a.employeeId}/${a.day}`, a.activeMs]));
      expect(byId.get(`${ids[people - 1]}/${days[1]}`)).toBe(1000 * (people - 1) + 1);

      const totals = await ctx.app
        .get(ActivityReadRepository)
        .totals(ids, days[0], days[1], 'primary');
      expect(totals.map((t) => t.employeeId).sort()).toEqual([...ids].sort());
      const summed = new Map(totals.map((t) => [t.employeeId, t.activeMs]));
      ids.forEach((employeeId, i) => expect(summed.get(employeeId)).toBe(2000 * i + 1));
    } finally {
      await ctx.dataSource.query(
        "DELETE FROM activity_day_totals WHERE employeeId LIKE 'inlist-%'",
      );
    }
  });
});
