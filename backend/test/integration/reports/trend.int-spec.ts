import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  createEmployee,
  createTeam,
  createUserWithRole,
  signUp,
  type SignedUp,
  type TestEmployee,
} from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { enrollDevice, prng, sendEvents, type AgentEvent } from './report-fixtures.js';

interface TrendDay {
  day: string;
  employees: number;
  activeSeconds: number;
  idleSeconds: number;
  productiveSeconds: number;
  neutralSeconds: number;
  unproductiveSeconds: number;
}

const DAYS = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'];
const ZONES = ['Europe/Kyiv', 'America/New_York', 'Asia/Almaty'];

describe(`the trend report on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let owner: SignedUp;
  const people: TestEmployee[] = [];
  let teamA = '';
  const http = () => request(ctx.app.getHttpServer());
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    ctx = await startTestApp();
    owner = await signUp(ctx.app);
    teamA = (await createTeam(ctx.app, owner.accessToken, 'Support')).id;
    const teamB = (await createTeam(ctx.app, owner.accessToken, 'Sales')).id;
    const random = prng(7);
    for (let i = 0; i < 5; i++) {
      const employee = await createEmployee(ctx.app, owner.accessToken, {
        fullName: `Person ${i}`,
        teamId: i < 3 ? teamA : teamB,
        timeZone: ZONES[i % ZONES.length],
      });
      people.push(employee);
      const device = await enrollDevice(ctx.app, owner.accessToken, employee.email);
      // Spans scattered over the days and nights around them, so local days differ by zone.
      const events: AgentEvent[] = [];
      let at = Date.parse('2026-11-01T18:00:00Z');
      while (at < Date.parse('2026-11-06T06:00:00Z')) {
        const length = Math.round(60_000 + random() * 50 * 60_000);
        const idle = random() < 0.2;
        events.push({
          id: randomUUID(),
          kind: idle ? 'idle' : 'active',
          start: new Date(at).toISOString(),
          end: new Date(at + length).toISOString(),
          ...(idle
            ? {}
            : random() < 0.5
              ? { app: 'Code' }
              : { app: 'Chrome', url: 'https://github.com/x' }),
        });
        at += length + Math.round(random() * 3 * 3_600_000);
      }
      await sendEvents(ctx.app, device, events);
    }
    await http()
      .post('/api/v1/productivity-rules')
      .set(auth(owner.accessToken))
      .send({ kind: 'app', pattern: 'Code', productivity: 'productive' })
      .expect(201);
  });
  afterAll(async () => {
    await ctx.close();
  });

  async function trend(token: string, query: string): Promise<TrendDay[]> {
    const res = await http().get(`/api/v1/reports/trend?${query}`).set(auth(token)).expect(200);
    return res.body.days as TrendDay[];
  }

  /** The same day from the summary: the sum of its rows. */
  async function fromSummary(
    token: string,
    day: string,
    teamId?: string,
    only?: string,
  ): Promise<TrendDay> {
    const res = await http()
      .get(`/api/v1/reports/summary?from=${day}&to=${day}${teamId ? `&teamId=${teamId}` : ''}`)
      .set(auth(token))
      .expect(200);
    const rows = (
      res.body.rows as (Omit<TrendDay, 'day' | 'employees'> & { employeeId: string })[]
    ).filter((r) => !only || r.employeeId === only);
    const sum = (k: keyof Omit<TrendDay, 'day' | 'employees'>) =>
      rows.reduce((s, r) => s + r[k], 0);
    return {
      day,
      employees: rows.length,
      activeSeconds: sum('activeSeconds'),
      idleSeconds: sum('idleSeconds'),
      productiveSeconds: sum('productiveSeconds'),
      neutralSeconds: sum('neutralSeconds'),
      unproductiveSeconds: sum('unproductiveSeconds'),
    };
  }

  it('gives every day of the range, each equal to the summary of that day', async () => {
    const days = await trend(owner.accessToken, `from=2026-11-01&to=2026-11-06`);
    expect(days.map((d) => d.day)).toEqual(['2026-11-01', ...DAYS, '2026-11-06']);
    for (const d of days) expect(d).toEqual(await fromSummary(owner.accessToken, d.day));
    expect(days.some((d) => d.activeSeconds > 0 && d.productiveSeconds > 0)).toBe(true);
    for (const d of days) {
      expect(d.productiveSeconds + d.neutralSeconds + d.unproductiveSeconds).toBe(d.activeSeconds);
    }
  });

  it('narrows to a team and to one person, and keeps a manager to their teams', async () => {
    const team = await trend(owner.accessToken, `from=${DAYS[0]}&to=${DAYS[3]}&teamId=${teamA}`);
    for (const d of team) expect(d).toEqual(await fromSummary(owner.accessToken, d.day, teamA));
    const one = people[1];
    const person = await trend(
      owner.accessToken,
      `from=${DAYS[0]}&to=${DAYS[3]}&employeeId=${one.id}`,
    );
    for (const d of person) {
      expect(d).toEqual(await fromSummary(owner.accessToken, d.day, undefined, one.id));
      expect(d.employees).toBeLessThanOrEqual(1);
    }

    const manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
      managesTeamIds: [teamA],
    });
    expect(await trend(manager.accessToken, `from=${DAYS[0]}&to=${DAYS[3]}`)).toEqual(team);
    // Someone of another team is not theirs to see.
    await http()
      .get(`/api/v1/reports/trend?from=${DAYS[0]}&to=${DAYS[3]}&employeeId=${people[4].id}`)
      .set(auth(manager.accessToken))
      .expect(404);
  });

  it('refuses bad ranges and ids with 400, and records who looked at a person', async () => {
    for (const query of [
      'from=2026-11-05&to=2026-11-01',
      'from=2026-02-30&to=2026-03-01',
      'from=2026-01-01&to=2026-04-05',
      'from=x&to=y',
      'from=2026-11-01&to=2026-11-02&employeeId=nope',
      'from=2026-11-01&to=2026-11-02&teamId[]=a',
    ]) {
      const res = await http().get(`/api/v1/reports/trend?${query}`).set(auth(owner.accessToken));
      expect([query, res.status]).toEqual([query, 400]);
    }
    const exactly = await trend(owner.accessToken, 'from=2026-01-01&to=2026-04-03');
    expect(exactly).toHaveLength(93);

    const log = await http()
      .get(`/api/v1/audit?action=data.viewed&subjectEmployeeId=${people[1].id}&pageSize=50`)
      .set(auth(owner.accessToken))
      .expect(200);
    const details = (log.body.items as { details: { report?: string } }[]).map(
      (e) => e.details.report,
    );
    expect(details).toContain('trend');
  });

  it('compares teams: each row the sum of its people’s summary rows, a manager sees their own', async () => {
    const range = `from=${DAYS[0]}&to=${DAYS[3]}`;
    const res = await http()
      .get(`/api/v1/reports/teams?${range}`)
      .set(auth(owner.accessToken))
      .expect(200);
    const rows = res.body.rows as (Omit<TrendDay, 'day'> & { teamId: string | null })[];
    const summary = await http()
      .get(`/api/v1/reports/summary?${range}`)
      .set(auth(owner.accessToken))
      .expect(200);
    const teamOf = new Map(people.map((e) => [e.id, e.teamId]));
    const expected = new Map<string | null, Omit<TrendDay, 'day'>>();
    for (const r of summary.body.rows as (Omit<TrendDay, 'day' | 'employees'> & {
      employeeId: string;
    })[]) {
      const team = teamOf.get(r.employeeId) ?? null;
      const e = expected.get(team) ?? {
        employees: 0,
        activeSeconds: 0,
        idleSeconds: 0,
        productiveSeconds: 0,
        neutralSeconds: 0,
        unproductiveSeconds: 0,
      };
      e.employees += 1;
      e.activeSeconds += r.activeSeconds;
      e.idleSeconds += r.idleSeconds;
      e.productiveSeconds += r.productiveSeconds;
      e.neutralSeconds += r.neutralSeconds;
      e.unproductiveSeconds += r.unproductiveSeconds;
      expected.set(team, e);
    }
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const { teamId, ...figures } = row;
      expect(figures).toEqual(expected.get(teamId));
    }
    expect(rows[0].activeSeconds).toBeGreaterThanOrEqual(rows[1].activeSeconds);

    const manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
      managesTeamIds: [teamA],
    });
    const theirs = await http()
      .get(`/api/v1/reports/teams?${range}`)
      .set(auth(manager.accessToken))
      .expect(200);
    expect((theirs.body.rows as { teamId: string }[]).map((r) => r.teamId)).toEqual([teamA]);
    await http()
      .get('/api/v1/reports/teams?from=2026-11-05&to=2026-11-01')
      .set(auth(owner.accessToken))
      .expect(400);
  });
});
