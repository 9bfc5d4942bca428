import request from 'supertest';
import { BinaryRollupKeys1796600000000 } from '#src/database/migrations/1796600000000-BinaryRollupKeys.js';
import { RollupService } from '#src/modules/activity/rollups/rollup.service.js';
import { signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { drainJobs } from '../jobs/test-worker.js';
import { seedPerson, type Person } from '../privacy/privacy-fixtures.js';

/**
 * The rollup tables' ids and days compare byte for byte (utf8mb4_bin on MySQL/MariaDB, as SQLite
 * always does): the migration keeps every row, changes what an equality matches, and a report
 * asked with ids of any text still answers 4xx.
 */
describe(`rollup keys compared byte for byte (${TEST_DB})`, () => {
  let ctx: TestContext;
  let owner: SignedUp;
  let person: Person;

  beforeAll(async () => {
    ctx = await startTestApp({ SWEEP_INTERVAL_SECONDS: '3600' });
    owner = await signUp(ctx.app);
    person = await seedPerson(ctx, owner.accessToken, 'Keys');
    if (TEST_DB === 'sqlite') await drainJobs(ctx);
    await ctx.app.get(RollupService).recompute(person.employee.id);
  });
  afterAll(async () => {
    await ctx.close();
  });

  const organizationId = () => owner.organization.id;
  const rollupRows = async () => ({
    totals: await ctx.dataSource.query<unknown[]>(
      'SELECT employeeId, day, organizationId, activeMs, classTeamId FROM activity_day_totals WHERE organizationId = ? ORDER BY day',
      [organizationId()],
    ),
    keysets: await ctx.dataSource.query<unknown[]>(
      'SELECT employeeId, day, keysetId, ms FROM activity_day_keysets WHERE organizationId = ? ORDER BY day, keysetId',
      [organizationId()],
    ),
    states: await ctx.dataSource.query<unknown[]>(
      'SELECT employeeId, timeZone FROM activity_rollup_states WHERE organizationId = ?',
      [organizationId()],
    ),
  });
  const matchesUpperCased = async () => {
    const [row] = await ctx.dataSource.query<{ n: number | string }[]>(
      'SELECT COUNT(*) AS n FROM activity_day_totals WHERE employeeId = ?',
      [person.employee.id.toUpperCase()],
    );
    return Number(row.n) > 0;
  };

  it('keeps every rollup row through the migration down and up; afterwards an id matches only itself', async () => {
    const before = await rollupRows();
    expect(before.totals.length).toBeGreaterThan(0);
    expect(before.keysets.length).toBeGreaterThan(0);
    expect(before.states).toHaveLength(1);
    expect(await matchesUpperCased()).toBe(false);
    const migration = new BinaryRollupKeys1796600000000();
    const runner = ctx.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      expect(await rollupRows()).toEqual(before);
      // Back to the server's default collation on MariaDB (case-insensitive); SQLite is unchanged.
      expect(await matchesUpperCased()).toBe(TEST_DB === 'mysql');
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await rollupRows()).toEqual(before);
    expect(await matchesUpperCased()).toBe(false);
  });

  it('answers reports asked with ids outside ASCII with a 4xx, and still counts the person', async () => {
    const server = ctx.app.getHttpServer();
    const ask = (path: string) =>
      request(server).get(path).set('Authorization', `Bearer ${owner.accessToken}`);
    const range = 'from=2026-11-01&to=2026-11-03';
    for (const path of [
      `/api/v1/reports/usage?${range}&employeeId=${encodeURIComponent('жёлудь-😀')}`,
      `/api/v1/reports/summary?${range}&teamId=${encodeURIComponent('команда')}`,
      `/api/v1/reports/timeline?day=2026-11-02&employeeId=${encodeURIComponent('ÿ'.repeat(36))}`,
    ]) {
      const res = await ask(path);
      // The path in the expectation says which request failed.
      expect({ path, clientError: res.status >= 400 && res.status < 500 }).toEqual({
        path,
        clientError: true,
      });
    }
    const summary = await ask(`/api/v1/reports/summary?${range}`).expect(200);
    const row = (
      summary.body as { rows: { employeeId: string; activeSeconds: number }[] }
    ).rows.find((r) => r.employeeId === person.employee.id);
    expect(row?.activeSeconds).toBe(900);
  });
});
