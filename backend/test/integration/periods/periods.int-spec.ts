import { PeriodLocksService } from '#src/modules/period-locks/period-locks.service.js';
import { signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { sendEvents } from '../reports/report-fixtures.js';
import {
  active,
  client,
  expectProblem,
  figures,
  FROM,
  LOCKED,
  type Org,
  seedOrganization,
  TO,
} from './period-fixtures.js';

// Locked periods through the HTTP API on a real database: locking freezes the month's attendance
// and summary figures whatever is edited afterwards; unlocking needs owner/admin and a reason.

describe(`locked periods on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let org: Org;
  let foreign: SignedUp;
  const o = () => client(ctx, org.owner.accessToken);

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    org = await seedOrganization(ctx);
    foreign = await signUp(ctx.app);
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
  });

  it('lists the months of a year with their state', async () => {
    const res = await client(ctx, org.hr.accessToken).get('/api/v1/periods?year=2026').expect(200);
    expect(res.body.items).toHaveLength(12);
    expect(res.body.items[9]).toEqual({
      month: '2026-10',
      from: '2026-10-01',
      to: '2026-10-31',
      state: 'open',
      lockedAt: null,
      lockedByUserId: null,
    });
    expectProblem(await o().get('/api/v1/periods?year=20x6'), 400, 'validation-failed');
  });

  it('freezes attendance and summary figures: rules, schedules, holidays, absences and late data change nothing', async () => {
    const before = await figures(ctx, org.owner.accessToken);
    // The figures are the real ones: Tokyo's vacation, Berlin's sick day, overtime.
    const tokyoRows = before.attendance.rows.filter(
      (r: { employeeId: string }) => r.employeeId === org.tokyo.id,
    );
    expect(tokyoRows.find((r: { date: string }) => r.date === '2026-10-13').status).toBe('absence');
    expect(tokyoRows.find((r: { date: string }) => r.date === '2026-10-01').overtimeSeconds).toBe(
      7200,
    );
    const wider = await figures(ctx, org.owner.accessToken, '2026-09-28', '2026-11-02');

    const hr = client(ctx, org.hr.accessToken);
    const locked = await hr.post(`/api/v1/periods/${LOCKED}/lock`).expect(200);
    expect(locked.body).toMatchObject({
      month: LOCKED,
      state: 'locked',
      lockedByUserId: org.hr.user.id,
    });
    expect(await figures(ctx, org.owner.accessToken)).toEqual(before);

    // Everything that would move the figures if they were live:
    await o()
      .post('/api/v1/productivity-rules', {
        kind: 'app',
        pattern: 'Editor',
        productivity: 'productive',
      })
      .expect(201);
    await o()
      .post('/api/v1/productivity-rules', {
        kind: 'app',
        pattern: 'Game',
        productivity: 'unproductive',
      })
      .expect(201);
    await o()
      .patch(`/api/v1/work-schedules/${org.scheduleId}`, {
        days: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '10:00', end: '15:00' })),
        lateAfterMinutes: 30,
      })
      .expect(200);
    await o().post('/api/v1/holidays', { date: '2026-10-02', name: 'Late holiday' }).expect(201);
    await o()
      .post('/api/v1/holidays', { date: '2026-11-02', name: 'November holiday' })
      .expect(201);
    await o()
      .post('/api/v1/absences', {
        employeeId: org.berlin.id,
        from: '2026-10-05',
        to: '2026-10-06',
        kind: 'vacation',
      })
      .expect(201);
    await sendEvents(ctx.app, org.devices.get(org.tokyo.id)!, [
      active('2026-10-20T00:00:00', '2026-10-20T05:00:00'),
    ]);

    expect(await figures(ctx, org.owner.accessToken)).toEqual(before);
    // Outside the lock the edits apply: 2 November became a holiday, the summary splits by rule.
    const after = await figures(ctx, org.owner.accessToken, '2026-09-28', '2026-11-02');
    const nov2 = after.attendance.rows.filter((r: { date: string }) => r.date === '2026-11-02');
    expect(nov2.map((r: { status: string }) => r.status)).toEqual(['holiday', 'holiday']);
    expect(
      after.attendance.rows.filter(
        (r: { date: string }) => r.date < '2026-11-01' && r.date >= FROM,
      ),
    ).toEqual(
      wider.attendance.rows.filter(
        (r: { date: string }) => r.date < '2026-11-01' && r.date >= FROM,
      ),
    );
    const berlinSummary = after.summary.rows.find(
      (r: { employeeId: string }) => r.employeeId === org.berlin.id,
    );
    expect(berlinSummary.productiveSeconds).toBeGreaterThan(0);
    expect(berlinSummary.activeSeconds).toBe(
      wider.summary.rows.find((r: { employeeId: string }) => r.employeeId === org.berlin.id)
        .activeSeconds,
    );

    // The service other modules call: a 409 problem naming the month.
    const locks = ctx.app.get(PeriodLocksService);
    await expect(
      locks.assertOpen(org.owner.user.organizationId, '2026-10-30', '2026-11-02'),
    ).rejects.toMatchObject({
      status: 409,
      code: 'period-locked',
      extra: { period: LOCKED },
    });
    await expect(
      locks.assertOpen(org.owner.user.organizationId, '2026-11-01', '2026-11-30'),
    ).resolves.toBeUndefined();
    await expect(locks.assertOpen(foreign.user.organizationId, FROM, TO)).resolves.toBeUndefined();
    expect(
      await locks.lockedRanges(org.owner.user.organizationId, '2026-09-15', '2026-12-01'),
    ).toEqual([{ month: LOCKED, from: FROM, to: TO }]);
  }, 120_000);

  it('refuses bad locks and unlocks with a clear 4xx and changes nothing', async () => {
    const hr = client(ctx, org.hr.accessToken);
    const listed = async (): Promise<unknown> =>
      (await o().get('/api/v1/periods?year=2026').expect(200)).body.items as unknown;
    const state = await listed();
    for (const month of ['2026-13', '2026-1', '26-10', '2026-10-01', 'x']) {
      const res = await hr.post(`/api/v1/periods/${month}/lock`);
      expectProblem(res, 400, 'validation-failed');
      expect(res.body.detail).toContain('YYYY-MM');
    }
    const twice = await hr.post(`/api/v1/periods/${LOCKED}/lock`);
    expectProblem(twice, 409, 'period-already-locked');
    expect(twice.body.detail).toContain(LOCKED);
    expectProblem(await hr.post('/api/v1/periods/2026-12/lock'), 409, 'period-not-ended');
    expectProblem(await hr.post('/api/v1/periods/2027-01/lock'), 409, 'period-not-ended');
    expectProblem(
      await client(ctx, org.employeeUser.accessToken).post('/api/v1/periods/2026-09/lock'),
      403,
    );
    // Unlocking: owner/admin only, with a reason.
    expectProblem(
      await hr.post(`/api/v1/periods/${LOCKED}/unlock`, { reason: 'HR wants it' }),
      403,
    );
    const a = client(ctx, org.admin.accessToken);
    expectProblem(await a.post(`/api/v1/periods/${LOCKED}/unlock`, {}), 400, 'validation-failed');
    const blank = await a.post(`/api/v1/periods/${LOCKED}/unlock`, { reason: '   ' });
    expectProblem(blank, 400, 'validation-failed');
    expect(blank.body.detail).toContain('reason');
    expectProblem(
      await a.post(`/api/v1/periods/${LOCKED}/unlock`, { reason: 'x'.repeat(501) }),
      400,
    );
    expectProblem(
      await a.post(`/api/v1/periods/${LOCKED}/unlock`, { reason: 'ok', extra: 1 }),
      400,
    );
    expectProblem(
      await a.post('/api/v1/periods/2026-09/unlock', { reason: 'not locked' }),
      409,
      'period-not-locked',
    );
    // Another organization sees its own months only and cannot unlock ours.
    const f = client(ctx, foreign.accessToken);
    expect((await f.get('/api/v1/periods?year=2026').expect(200)).body.items[9].state).toBe('open');
    expectProblem(
      await f.post(`/api/v1/periods/${LOCKED}/unlock`, { reason: 'mine?' }),
      409,
      'period-not-locked',
    );
    expect(await listed()).toEqual(state);
  }, 60_000);

  it('unlocks with a reason (audited); the figures are live again', async () => {
    const frozen = await figures(ctx, org.owner.accessToken);
    const res = await client(ctx, org.admin.accessToken)
      .post(`/api/v1/periods/${LOCKED}/unlock`, { reason: 'Payroll correction for Berta' })
      .expect(200);
    expect(res.body).toMatchObject({ month: LOCKED, state: 'open', lockedAt: null });
    const live = await figures(ctx, org.owner.accessToken);
    expect(live).not.toEqual(frozen);
    const oct2 = live.attendance.rows.filter((r: { date: string }) => r.date === '2026-10-02');
    expect(oct2.map((r: { status: string }) => r.status)).toEqual(['holiday', 'holiday']);
    const audit = await o().get('/api/v1/audit?pageSize=100').expect(200);
    const actions = audit.body.items.filter((e: { action: string }) =>
      e.action.startsWith('period.'),
    );
    expect(actions.map((e: { action: string }) => e.action).sort()).toEqual([
      'period.locked',
      'period.unlocked',
    ]);
    expect(JSON.stringify(actions)).toContain('Payroll correction for Berta');
    // Locking again freezes the new figures.
    await client(ctx, org.owner.accessToken).post(`/api/v1/periods/${LOCKED}/lock`).expect(200);
    expect(await figures(ctx, org.owner.accessToken)).toEqual(live);
  }, 120_000);
});
