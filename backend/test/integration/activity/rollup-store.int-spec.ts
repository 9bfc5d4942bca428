import { setTimeout as sleep } from 'node:timers/promises';
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
});
