import fc from 'fast-check';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { sendEvents } from '../reports/report-fixtures.js';
import { active, client, figures, LOCKED, type Org, seedOrganization } from './period-fixtures.js';

// Property: whatever is edited after a month is locked (productivity rules, work schedules,
// holidays, absences, late activity), its attendance and summary figures stay exactly the same.

type Edit =
  | { kind: 'rule'; app: string; productivity: string }
  | { kind: 'schedule'; weekdays: number[]; start: number; length: number; late: number }
  | { kind: 'holiday'; day: number; november: boolean }
  | { kind: 'absence'; tokyo: boolean; day: number; length: number; absence: string }
  | { kind: 'activity'; tokyo: boolean; day: number; hours: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('rule' as const),
    app: fc.constantFrom('Editor', 'Game', 'Browser'),
    productivity: fc.constantFrom('productive', 'neutral', 'unproductive'),
  }),
  fc.record({
    kind: fc.constant('schedule' as const),
    weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }),
    start: fc.integer({ min: 0, max: 12 }),
    length: fc.integer({ min: 1, max: 11 }),
    late: fc.integer({ min: 0, max: 60 }),
  }),
  fc.record({
    kind: fc.constant('holiday' as const),
    day: fc.integer({ min: 1, max: 28 }),
    november: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('absence' as const),
    tokyo: fc.boolean(),
    day: fc.integer({ min: 1, max: 30 }),
    length: fc.integer({ min: 0, max: 5 }),
    absence: fc.constantFrom('vacation', 'sick', 'other'),
  }),
  fc.record({
    kind: fc.constant('activity' as const),
    tokyo: fc.boolean(),
    day: fc.integer({ min: 1, max: 31 }),
    hours: fc.integer({ min: 1, max: 6 }),
  }),
);

const two = (n: number) => String(n).padStart(2, '0');

describe(`a locked period's figures never change on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let org: Org;

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    org = await seedOrganization(ctx);
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  async function apply(e: Edit): Promise<void> {
    const o = client(ctx, org.owner.accessToken);
    let res;
    switch (e.kind) {
      case 'rule':
        res = await o.post('/api/v1/productivity-rules', {
          kind: 'app',
          pattern: e.app,
          productivity: e.productivity,
        });
        break;
      case 'schedule':
        res = await o.patch(`/api/v1/work-schedules/${org.scheduleId}`, {
          days: e.weekdays.map((weekday) => ({
            weekday,
            start: `${two(e.start)}:00`,
            end: `${two(e.start + e.length)}:00`,
          })),
          lateAfterMinutes: e.late,
        });
        break;
      case 'holiday':
        res = await o.post('/api/v1/holidays', {
          date: `2026-${e.november ? '11' : '10'}-${two(e.day)}`,
          name: 'Edited',
        });
        break;
      case 'absence': {
        const to = Math.min(30, e.day + e.length);
        res = await o.post('/api/v1/absences', {
          employeeId: e.tokyo ? org.tokyo.id : org.berlin.id,
          from: `2026-10-${two(e.day)}`,
          to: `2026-${to === 30 && e.day + e.length > 30 ? '11-02' : `10-${two(to)}`}`,
          kind: e.absence,
        });
        break;
      }
      case 'activity': {
        const employee = e.tokyo ? org.tokyo : org.berlin;
        const day = `2026-10-${two(e.day)}`;
        await sendEvents(ctx.app, org.devices.get(employee.id)!, [
          active(`${day}T10:00:00`, `${day}T${two(10 + e.hours)}:00:00`, 'Browser'),
        ]);
        return;
      }
    }
    // Edits may be refused (a duplicate holiday or rule, overlapping absences): never a 5xx.
    expect(res.status).toBeLessThan(500);
  }

  it('keeps attendance rows, totals and the summary identical after any edits', async () => {
    const o = client(ctx, org.owner.accessToken);
    await o.post(`/api/v1/periods/${LOCKED}/lock`).expect(200);
    const frozen = await figures(ctx, org.owner.accessToken);
    expect(frozen.attendance.rows.length).toBe(62);
    expect(frozen.summary.rows.length).toBe(2);
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        for (const e of edits) await apply(e);
        expect(await figures(ctx, org.owner.accessToken)).toEqual(frozen);
      }),
      { numRuns: 12, seed: 1414 },
    );
  }, 300_000);
});
