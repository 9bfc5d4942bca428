import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  createEmployee,
  createTeam,
  createUserWithRole,
  signUp,
  type SignedUp,
  type TestTeam,
} from '#test/factories/accounts.factory.js';
import { RollupService } from '#src/modules/activity/rollups/rollup.service.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import {
  type AgentEvent,
  enrollDevice,
  naiveReports,
  type Person,
  prng,
  type RuleSpec,
  sendEvents,
} from './report-fixtures.js';

// 'Code' and 'code ' are one application; 'Café' and 'Cafe' are two, on every database.
const APPS = ['Code', 'code ', 'Slack', 'Terminal', 'Steam', 'Excel', 'Café', 'Cafe'];
const URLS = [
  'https://github.com/calltimex/pulls',
  'https://www.youtube.com/watch?v=1',
  'https://m.youtube.com/shorts',
  'https://Docs.Example.com:8443/a?b=1',
  'https://news.example.com/',
  'https://intranet.test/',
];
const WINDOW_START = Date.parse('2026-03-26T12:00:00Z');
const FROM = '2026-03-27';
const TO = '2026-03-30';

/** A device's day: consecutive spans with gaps, crossing midnights, whole seconds. */
function deviceEvents(seed: number, count: number): AgentEvent[] {
  const rnd = prng(seed);
  const events: AgentEvent[] = [];
  let t = WINDOW_START + Math.floor(rnd() * 3600) * 1000;
  for (let i = 0; i < count; i++) {
    const length = (60 + Math.floor(rnd() * 3 * 3600)) * 1000;
    const idle = rnd() < 0.2;
    const withUrl = !idle && rnd() < 0.45;
    events.push({
      id: randomUUID(),
      kind: idle ? 'idle' : 'active',
      start: new Date(t).toISOString(),
      end: new Date(t + length).toISOString(),
      ...(idle ? {} : { app: withUrl ? 'Firefox' : APPS[Math.floor(rnd() * APPS.length)] }),
      ...(withUrl ? { url: URLS[Math.floor(rnd() * URLS.length)] } : {}),
      title: `window ${i}`,
    });
    t +=
      length +
      Math.floor(rnd() * 2 * 3600) * 1000 -
      (rnd() < 0.15 ? Math.floor(length / 2000) * 1000 : 0);
  }
  return events;
}

describe(`reports on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let owner: SignedUp;
  let teamA: TestTeam;
  let teamB: TestTeam;
  const people: Person[] = [];
  const emails = new Map<string, string>();
  const events = new Map<string, AgentEvent[]>();
  const rules: RuleSpec[] = [];
  const api = () => request(ctx.app.getHttpServer());
  const get = (path: string, token = owner.accessToken) =>
    api().get(path).set('Authorization', `Bearer ${token}`);

  async function addRule(rule: RuleSpec): Promise<void> {
    const res = await api()
      .post('/api/v1/productivity-rules')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send(rule);
    expect(res.status).toBe(201);
    rules.push(rule);
  }

  async function expectReportsToMatchReference(from = FROM, to = TO): Promise<void> {
    const expected = naiveReports(people, events, rules, from, to);
    const summary = await get(`/api/v1/reports/summary?from=${from}&to=${to}`).expect(200);
    expect(summary.body.from).toBe(from);
    expect(summary.body.to).toBe(to);
    const rows = new Map<string, Record<string, unknown>>(
      summary.body.rows.map((r: { employeeId: string }) => [r.employeeId, r]),
    );
    expect(rows.size).toBe(expected.summary.length);
    for (const e of expected.summary) {
      const r = rows.get(e.employeeId)!;
      expect(r).toMatchObject({
        activeSeconds: e.activeSeconds,
        idleSeconds: e.idleSeconds,
        productiveSeconds: e.productiveSeconds,
        neutralSeconds: e.neutralSeconds,
        unproductiveSeconds: e.unproductiveSeconds,
      });
      expect(Date.parse(r.firstActivityAt as string)).toBe(e.firstActivityMs);
      expect(Date.parse(r.lastActivityAt as string)).toBe(e.lastActivityMs);
    }
    const usage = await get(`/api/v1/reports/usage?from=${from}&to=${to}`).expect(200);
    const got = new Map<string, number>(
      usage.body.rows.map((r: { kind: string; name: string; seconds: number }) => [
        `${r.kind}|${r.name.trim().toLowerCase()}`,
        r.seconds,
      ]),
    );
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected.usage));
    const seconds = usage.body.rows.map((r: { seconds: number }) => r.seconds);
    expect(seconds).toEqual([...seconds].sort((a: number, b: number) => b - a));
  }

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    owner = await signUp(ctx.app);
    teamA = await createTeam(ctx.app, owner.accessToken, 'Alpha');
    teamB = await createTeam(ctx.app, owner.accessToken, 'Beta');
    const zones: [string, string | null][] = [
      ['Europe/Berlin', teamA.id],
      ['America/New_York', teamB.id],
      ['Asia/Kolkata', null],
      ['Pacific/Chatham', teamA.id],
    ];
    let seed = 1;
    for (const [timeZone, teamId] of zones) {
      const e = await createEmployee(ctx.app, owner.accessToken, {
        fullName: `Person ${timeZone}`,
        timeZone,
        ...(teamId ? { teamId } : {}),
      });
      people.push({ id: e.id, fullName: e.fullName, timeZone, teamId });
      emails.set(e.id, e.email);
      const all: AgentEvent[] = [];
      for (let d = 0; d < 2; d++) {
        const token = await enrollDevice(ctx.app, owner.accessToken, e.email);
        const evs = deviceEvents(seed++, 40);
        all.push(...evs);
        // Two batches, the first sent twice: a re-sent batch is not new time.
        const first = await sendEvents(ctx.app, token, evs.slice(0, 20));
        expect(first.accepted).toBe(20);
        const again = await sendEvents(ctx.app, token, evs.slice(0, 20));
        expect(again).toMatchObject({ accepted: 0, duplicates: 20 });
        const broken = [
          { id: randomUUID(), kind: 'active', start: evs[0].end, end: evs[0].start, app: 'Code' },
          {
            id: randomUUID(),
            kind: 'active',
            start: evs[0].start,
            end: new Date(Date.parse(evs[0].start) + 25 * 3_600_000).toISOString(),
            app: 'Code',
          },
        ] as AgentEvent[];
        const second = await sendEvents(ctx.app, token, [...evs.slice(20), ...broken]);
        expect(second.accepted).toBe(20);
        expect(second.rejected.map((r) => r.index)).toEqual([20, 21]);
      }
      events.set(e.id, all);
    }
    // Start from no rules at all: the reference knows only the rules this test adds.
    const list = await get('/api/v1/productivity-rules').expect(200);
    expect(list.body.items.length).toBeGreaterThan(10);
    for (const r of list.body.items) {
      await api()
        .delete(`/api/v1/productivity-rules/${r.id}`)
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(204);
    }
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('counts exactly like a second-by-second reference with no rules', async () => {
    await expectReportsToMatchReference();
  });

  it('applies organization and team rules added after the data, at once', async () => {
    await addRule({ kind: 'app', pattern: 'CODE', productivity: 'productive' });
    await addRule({ kind: 'app', pattern: 'steam', productivity: 'unproductive' });
    await addRule({ kind: 'site', pattern: 'youtube.com', productivity: 'unproductive' });
    await addRule({ kind: 'site', pattern: 'example.com', productivity: 'productive' });
    await addRule({ kind: 'site', pattern: 'news.example.com', productivity: 'unproductive' });
    await addRule({
      kind: 'site',
      pattern: 'youtube.com',
      productivity: 'productive',
      teamId: teamA.id,
    });
    await addRule({
      kind: 'app',
      pattern: 'Slack',
      productivity: 'unproductive',
      teamId: teamB.id,
    });
    await expectReportsToMatchReference();
    // Once the background refresh has stored the new split, the answer is the same.
    await ctx.app.get(RollupService).settled(owner.organization.id);
    const stale = await ctx.dataSource.query(
      'SELECT COUNT(*) AS n FROM activity_day_totals t JOIN productivity_rule_sets s ON s.organizationId = t.organizationId WHERE t.classRevision <> s.revision',
    );
    expect(Number(stale[0].n)).toBe(0);
    await expectReportsToMatchReference();
    await expectReportsToMatchReference('2026-03-29', '2026-03-29');
  });

  it('counts the usage of one employee and of one team, each with its own union', async () => {
    const [berlin] = people;
    const expected = naiveReports([berlin], events, rules, FROM, TO);
    const res = await get(
      `/api/v1/reports/usage?from=${FROM}&to=${TO}&employeeId=${berlin.id}`,
    ).expect(200);
    const got = Object.fromEntries(
      res.body.rows.map((r: { kind: string; name: string; seconds: number }) => [
        `${r.kind}|${r.name.trim().toLowerCase()}`,
        r.seconds,
      ]),
    );
    expect(got).toEqual(Object.fromEntries(expected.usage));
    const youtube = res.body.rows.find((r: { name: string }) => r.name === 'www.youtube.com');
    // The organization's class, whatever the team says.
    if (youtube) expect(youtube.productivity).toBe('unproductive');

    const teamPeople = people.filter((p) => p.teamId === teamA.id);
    const teamExpected = naiveReports(teamPeople, events, rules, FROM, TO);
    const team = await get(
      `/api/v1/reports/summary?from=${FROM}&to=${TO}&teamId=${teamA.id}`,
    ).expect(200);
    expect(team.body.rows.map((r: { employeeId: string }) => r.employeeId).sort()).toEqual(
      teamExpected.summary.map((r) => r.employeeId).sort(),
    );
  });

  it('shows a day timeline whose active time equals that day in the summary', async () => {
    const berlin = people[0];
    const day = '2026-03-29';
    const expected = naiveReports([berlin], events, rules, day, day);
    const res = await get(`/api/v1/reports/timeline?employeeId=${berlin.id}&day=${day}`).expect(
      200,
    );
    expect(res.body).toMatchObject({ employeeId: berlin.id, day, timeZone: 'Europe/Berlin' });
    expect(res.body.activeSeconds).toBe(expected.summary[0]?.activeSeconds ?? 0);
    expect(res.body.idleSeconds).toBe(expected.summary[0]?.idleSeconds ?? 0);
    const spans = res.body.spans as {
      start: string;
      end: string;
      kind: string;
      productivity: string | null;
    }[];
    for (let i = 1; i < spans.length; i++) {
      expect(Date.parse(spans[i].start)).toBeGreaterThanOrEqual(Date.parse(spans[i - 1].end));
    }
    // The DST day in Berlin: offsets change from +01:00 to +02:00 during it.
    expect(
      spans.some((s) => s.start.endsWith('+01:00')) ||
        spans.some((s) => s.start.endsWith('+02:00')),
    ).toBe(true);
    expect(spans.filter((s) => s.kind === 'idle').every((s) => s.productivity === null)).toBe(true);
  });

  it('recounts an employee whose time zone changes', async () => {
    const person = people[2];
    const res = await api()
      .patch(`/api/v1/employees/${person.id}`)
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({ timeZone: 'America/Los_Angeles' });
    expect(res.status).toBe(200);
    person.timeZone = 'America/Los_Angeles';
    await expectReportsToMatchReference();
  });

  it('classifies under the new team’s rules after an employee moves', async () => {
    const person = people[3];
    const res = await api()
      .patch(`/api/v1/employees/${person.id}`)
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({ teamId: teamB.id });
    expect(res.status).toBe(200);
    person.teamId = teamB.id;
    await expectReportsToMatchReference();
    await addRule({ kind: 'site', pattern: 'github.com', productivity: 'unproductive' });
    await expectReportsToMatchReference();
    await ctx.app.get(RollupService).settled(owner.organization.id);
    await expectReportsToMatchReference();
  });

  it('scopes reports to what the caller may see', async () => {
    const [berlin, newYork] = people;
    const manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
      managesTeamIds: [teamA.id],
    });
    const summary = await get(
      `/api/v1/reports/summary?from=${FROM}&to=${TO}`,
      manager.accessToken,
    ).expect(200);
    const ids = summary.body.rows.map((r: { employeeId: string }) => r.employeeId).sort();
    expect(ids).toEqual(
      people
        .filter((p) => p.teamId === teamA.id)
        .map((p) => p.id)
        .sort(),
    );
    await get(
      `/api/v1/reports/summary?from=${FROM}&to=${TO}&teamId=${teamB.id}`,
      manager.accessToken,
    ).expect(404);
    await get(
      `/api/v1/reports/usage?from=${FROM}&to=${TO}&employeeId=${newYork.id}`,
      manager.accessToken,
    ).expect(404);
    await get(
      `/api/v1/reports/timeline?employeeId=${newYork.id}&day=${FROM}`,
      manager.accessToken,
    ).expect(404);
    await get(
      `/api/v1/reports/timeline?employeeId=${berlin.id}&day=${FROM}`,
      manager.accessToken,
    ).expect(200);

    const self = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: newYork.id,
    });
    const own = await get(`/api/v1/reports/summary?from=${FROM}&to=${TO}`, self.accessToken).expect(
      200,
    );
    expect(own.body.rows.map((r: { employeeId: string }) => r.employeeId)).toEqual([newYork.id]);
    await get(
      `/api/v1/reports/usage?from=${FROM}&to=${TO}&employeeId=${berlin.id}`,
      self.accessToken,
    ).expect(404);
    await get(
      `/api/v1/reports/usage?from=${FROM}&to=${TO}&employeeId=${newYork.id}`,
      self.accessToken,
    ).expect(200);
    await get(
      `/api/v1/reports/timeline?employeeId=${newYork.id}&day=${FROM}`,
      self.accessToken,
    ).expect(200);
    // Another team of the organization is outside this employee's scope: 404, as if it did not exist.
    await get(
      `/api/v1/reports/summary?from=${FROM}&to=${TO}&teamId=${teamA.id}`,
      self.accessToken,
    ).expect(404);
    // Their own team narrows nothing: still only their own row.
    const ownTeam = await get(
      `/api/v1/reports/summary?from=${FROM}&to=${TO}&teamId=${newYork.teamId}`,
      self.accessToken,
    ).expect(200);
    expect(ownTeam.body.rows.map((r: { employeeId: string }) => r.employeeId)).toEqual([
      newYork.id,
    ]);

    const hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
    const all = await get(`/api/v1/reports/summary?from=${FROM}&to=${TO}`, hr.accessToken).expect(
      200,
    );
    expect(all.body.rows).toHaveLength(people.length);

    // Another organization's ids answer 404; its own reports are empty.
    const other = await signUp(ctx.app);
    const foreignTeam = await createTeam(ctx.app, other.accessToken);
    await get(
      `/api/v1/reports/usage?from=${FROM}&to=${TO}&employeeId=${berlin.id}`,
      other.accessToken,
    ).expect(404);
    await get(
      `/api/v1/reports/timeline?employeeId=${berlin.id}&day=${FROM}`,
      other.accessToken,
    ).expect(404);
    await get(
      `/api/v1/reports/summary?from=${FROM}&to=${TO}&teamId=${teamA.id}`,
      other.accessToken,
    ).expect(404);
    await get(`/api/v1/reports/summary?from=${FROM}&to=${TO}&teamId=${foreignTeam.id}`).expect(404);
    const empty = await get(
      `/api/v1/reports/summary?from=${FROM}&to=${TO}`,
      other.accessToken,
    ).expect(200);
    expect(empty.body.rows).toEqual([]);
    const emptyUsage = await get(
      `/api/v1/reports/usage?from=${FROM}&to=${TO}`,
      other.accessToken,
    ).expect(200);
    expect(emptyUsage.body.rows).toEqual([]);
    await api().get(`/api/v1/reports/summary?from=${FROM}&to=${TO}`).expect(401);
  });

  it.each([
    ['summary without from', '/api/v1/reports/summary?to=2026-03-01'],
    ['summary without to', '/api/v1/reports/summary?from=2026-03-01'],
    ['a day in another format', '/api/v1/reports/summary?from=03/01/2026&to=2026-03-02'],
    ['a day that does not exist', '/api/v1/reports/summary?from=2026-02-30&to=2026-03-02'],
    ['month 13', '/api/v1/reports/usage?from=2026-13-01&to=2026-13-02'],
    ['from after to', '/api/v1/reports/summary?from=2026-03-05&to=2026-03-01'],
    ['a range over 366 days', '/api/v1/reports/summary?from=2024-01-01&to=2025-01-01'],
    [
      'a teamId that is no UUID',
      '/api/v1/reports/summary?from=2026-03-01&to=2026-03-02&teamId=abc',
    ],
    [
      'an employeeId that is no UUID',
      '/api/v1/reports/usage?from=2026-03-01&to=2026-03-02&employeeId=1',
    ],
    ['an unknown parameter', '/api/v1/reports/summary?from=2026-03-01&to=2026-03-02&limit=5'],
    [
      'a repeated parameter',
      '/api/v1/reports/summary?from=2026-03-01&from=2026-03-02&to=2026-03-02',
    ],
    ['a huge value', `/api/v1/reports/summary?from=${'9'.repeat(5000)}&to=2026-03-02`],
    ['timeline without employee', '/api/v1/reports/timeline?day=2026-03-01'],
    [
      'timeline with a bad day',
      `/api/v1/reports/timeline?employeeId=${randomUUID()}&day=2026-02-31`,
    ],
  ])('answers 400 for %s', async (_what, path) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.length).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown employee, and accepts a range of exactly 366 days', async () => {
    await get(`/api/v1/reports/timeline?employeeId=${randomUUID()}&day=2026-03-01`).expect(404);
    await get(
      `/api/v1/reports/usage?from=2026-03-01&to=2026-03-02&employeeId=${randomUUID()}`,
    ).expect(404);
    await get(
      `/api/v1/reports/summary?from=2026-03-01&to=2026-03-02&teamId=${randomUUID()}`,
    ).expect(404);
    await get('/api/v1/reports/summary?from=2024-01-01&to=2024-12-31').expect(200);
  });
});
