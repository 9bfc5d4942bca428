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
import { enrollDevice, sendEvents, type AgentEvent } from '../reports/report-fixtures.js';

// GET /reports/attendance against values worked out by hand, to the second: Berlin, New York and
// Tokyo employees, each one's DST day (2026-03-08 in New York, 2026-03-29 in Berlin), two devices
// overlapping, activity across local midnight, a holiday, an approved and a merely requested
// absence, an own schedule, a team's schedule and the organization's default.

interface Row {
  employeeId: string;
  date: string;
  status: string;
  scheduledSeconds: number;
  workedSeconds: number;
  arrivedAt: string | null;
  leftAt: string | null;
  lateSeconds: number;
  earlyLeaveSeconds: number;
  overtimeSeconds: number;
}

const H = 3600;
const z = (iso: string) => `${iso}.000Z`;

function row(
  employeeId: string,
  date: string,
  status: string,
  scheduledSeconds: number,
  workedSeconds = 0,
  arrivedAt: string | null = null,
  leftAt: string | null = null,
  lateSeconds = 0,
  earlyLeaveSeconds = 0,
  overtimeSeconds = 0,
): Row {
  return {
    employeeId,
    date,
    status,
    scheduledSeconds,
    workedSeconds,
    arrivedAt: arrivedAt && z(arrivedAt),
    leftAt: leftAt && z(leftAt),
    lateSeconds,
    earlyLeaveSeconds,
    overtimeSeconds,
  };
}

const byEmployeeThenDate = (a: Row, b: Row) =>
  a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : a.date < b.date ? -1 : 1;

function active(start: string, end: string, app = 'Editor'): AgentEvent {
  return { id: randomUUID(), kind: 'active', start: `${start}Z`, end: `${end}Z`, app };
}

describe(`attendance report on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let owner: SignedUp;
  let berlin: TestEmployee;
  let newYork: TestEmployee;
  let tokyo: TestEmployee;
  let gone: TestEmployee;
  let teamId: string;
  let otherTeamId: string;
  const api = () => request(ctx.app.getHttpServer());
  const get = (path: string, token = owner.accessToken) =>
    api().get(path).set('Authorization', `Bearer ${token}`);
  const post = (path: string, body: object, token = owner.accessToken) =>
    api().post(path).set('Authorization', `Bearer ${token}`).send(body);
  const patch = (path: string, body: object) =>
    api().patch(path).set('Authorization', `Bearer ${owner.accessToken}`).send(body);

  async function schedule(body: object): Promise<string> {
    const res = await post('/api/v1/work-schedules', body);
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    owner = await signUp(ctx.app);
    teamId = (await createTeam(ctx.app, owner.accessToken, 'Ops')).id;
    otherTeamId = (await createTeam(ctx.app, owner.accessToken, 'Other')).id;
    berlin = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Berta Berlin',
      timeZone: 'Europe/Berlin',
      teamId,
    });
    newYork = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Ned York',
      timeZone: 'America/New_York',
      teamId,
    });
    tokyo = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Toshi Tokyo',
      timeZone: 'Asia/Tokyo',
    });
    gone = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Gone',
      timeZone: 'Europe/Berlin',
      teamId,
    });

    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));
    const sunday = { weekday: 7, start: '01:00', end: '05:00' };
    // The team's: Mon–Fri 09–17 and Sunday 01–05 across the DST switch, 5 minutes of grace.
    const teamSchedule = await schedule({
      name: 'Team',
      days: [...weekdays, sunday],
      lateAfterMinutes: 5,
    });
    // New York's own: the same plus Saturday 10–14, no grace.
    const ownSchedule = await schedule({
      name: 'Own',
      days: [...weekdays, { weekday: 6, start: '10:00', end: '14:00' }, sunday],
    });
    // The organization's default (Tokyo has neither own nor team schedule): Mon–Fri 10–18.
    await schedule({
      name: 'Default',
      days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '10:00', end: '18:00' })),
      default: true,
    });
    await patch(`/api/v1/teams/${teamId}`, { workScheduleId: teamSchedule }).expect(200);
    await patch(`/api/v1/employees/${newYork.id}`, { workScheduleId: ownSchedule }).expect(200);

    await post('/api/v1/holidays', { date: '2026-03-27', name: 'Spring day' }).expect(201);
    const approved = await post('/api/v1/absences', {
      employeeId: tokyo.id,
      from: '2026-03-06',
      to: '2026-03-06',
      kind: 'vacation',
    });
    expect(approved.body.status).toBe('approved');
    await post('/api/v1/absences', {
      employeeId: newYork.id,
      from: '2026-03-30',
      to: '2026-04-03',
      kind: 'sick',
    }).expect(201);
    const berlinUser = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: berlin.id,
    });
    const requested = await post(
      '/api/v1/absences',
      { employeeId: berlin.id, from: '2026-03-30', to: '2026-03-30', kind: 'other' },
      berlinUser.accessToken,
    );
    expect(requested.body.status).toBe('requested');

    const events = new Map<TestEmployee, AgentEvent[][]>([
      [
        newYork,
        [
          [
            active('2026-03-06T13:55:00', '2026-03-06T22:30:00'),
            active('2026-03-08T06:10:00', '2026-03-08T07:00:00'),
            active('2026-03-27T14:00:00', '2026-03-27T15:00:00'),
          ],
          // A second device overlapping the first on the DST Sunday.
          [active('2026-03-08T06:40:00', '2026-03-08T08:30:00', 'Browser')],
        ],
      ],
      [
        berlin,
        [
          [
            active('2026-03-06T08:04:00', '2026-03-06T15:00:00'),
            // 23:30 CET Sunday to 01:30 CET Monday: split at local midnight.
            active('2026-03-08T22:30:00', '2026-03-09T00:30:00'),
            active('2026-03-28T10:00:00', '2026-03-28T11:00:00'),
            active('2026-03-29T00:10:00', '2026-03-29T01:30:00'),
            active('2026-03-30T07:00:00', '2026-03-30T15:00:00'),
          ],
          [active('2026-03-29T01:00:00', '2026-03-29T02:00:00', 'Browser')],
        ],
      ],
      [
        tokyo,
        [
          [
            active('2026-03-06T01:00:00', '2026-03-06T02:00:00'),
            active('2026-03-09T00:30:00', '2026-03-09T09:30:00'),
            active('2026-03-30T01:00:01', '2026-03-30T08:00:00'),
          ],
        ],
      ],
      [gone, [[active('2026-03-06T08:00:00', '2026-03-06T16:00:00')]]],
    ]);
    for (const [employee, devices] of events) {
      for (const deviceEvents of devices) {
        const token = await enrollDevice(ctx.app, owner.accessToken, employee.email);
        const sent = await sendEvents(ctx.app, token, deviceEvents);
        expect(sent.accepted).toBe(deviceEvents.length);
      }
    }
    await post(`/api/v1/employees/${gone.id}/deactivate`, {}).expect(200);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  function firstWeek(): Row[] {
    const [b, n, t] = [berlin.id, newYork.id, tokyo.id];
    return [
      // New York, own schedule. Fri 09–17 EST = 14:00–22:00Z.
      row(
        n,
        '2026-03-06',
        'present',
        8 * H,
        8 * H + 35 * 60,
        '2026-03-06T13:55:00',
        '2026-03-06T22:30:00',
        0,
        0,
        35 * 60,
      ),
      // Sat 10–14 EST, nothing worked.
      row(n, '2026-03-07', 'absent', 4 * H),
      // DST Sunday: 01:00 EST (06:00Z) to 05:00 EDT (09:00Z) is 3 h; devices 06:10–07:00 ∪ 06:40–08:30.
      row(
        n,
        '2026-03-08',
        'late',
        3 * H,
        2 * H + 20 * 60,
        '2026-03-08T06:10:00',
        '2026-03-08T08:30:00',
        600,
        1800,
        0,
      ),
      row(n, '2026-03-09', 'absent', 8 * H),
      // Berlin, team schedule (5 min grace). Fri 09–17 CET = 08:00–16:00Z; 4 minutes late is fine.
      row(
        b,
        '2026-03-06',
        'present',
        8 * H,
        6 * H + 56 * 60,
        '2026-03-06T08:04:00',
        '2026-03-06T15:00:00',
        0,
        H,
        0,
      ),
      row(b, '2026-03-07', 'day-off', 0),
      // Sunday 01–05 CET = 00:00–04:00Z; only 23:30–24:00 local worked, arriving long after start.
      row(
        b,
        '2026-03-08',
        'late',
        4 * H,
        1800,
        '2026-03-08T22:30:00',
        '2026-03-08T23:00:00',
        22.5 * H,
        0,
        0,
      ),
      // Monday 00:00–01:30 local; 09–17 CET = 08:00–16:00Z, left 15.5 h early.
      row(
        b,
        '2026-03-09',
        'present',
        8 * H,
        5400,
        '2026-03-08T23:00:00',
        '2026-03-09T00:30:00',
        0,
        15.5 * H,
        0,
      ),
      // Tokyo, the default (10–18 JST = 01:00–09:00Z). Approved vacation on Friday, worked anyway.
      row(t, '2026-03-06', 'absence', 0, H, '2026-03-06T01:00:00', '2026-03-06T02:00:00', 0, 0, H),
      row(t, '2026-03-07', 'day-off', 0),
      row(t, '2026-03-08', 'day-off', 0),
      row(
        t,
        '2026-03-09',
        'present',
        8 * H,
        9 * H,
        '2026-03-09T00:30:00',
        '2026-03-09T09:30:00',
        0,
        0,
        H,
      ),
    ].sort(byEmployeeThenDate);
  }

  function lastWeek(): Row[] {
    const [b, n, t] = [berlin.id, newYork.id, tokyo.id];
    return [
      // Holiday for everyone; New York worked an hour of it.
      row(n, '2026-03-27', 'holiday', 0, H, '2026-03-27T14:00:00', '2026-03-27T15:00:00', 0, 0, H),
      row(n, '2026-03-28', 'absent', 4 * H),
      // No DST change in New York that Sunday: 01–05 EDT is 4 h.
      row(n, '2026-03-29', 'absent', 4 * H),
      // Approved sick leave.
      row(n, '2026-03-30', 'absence', 0),
      row(b, '2026-03-27', 'holiday', 0),
      row(b, '2026-03-28', 'extra', 0, H, '2026-03-28T10:00:00', '2026-03-28T11:00:00', 0, 0, H),
      // Berlin DST Sunday: 01:00 CET (00:00Z) to 05:00 CEST (03:00Z) is 3 h; 00:10–01:30 ∪ 01:00–02:00.
      row(
        b,
        '2026-03-29',
        'late',
        3 * H,
        6600,
        '2026-03-29T00:10:00',
        '2026-03-29T02:00:00',
        600,
        H,
        0,
      ),
      // Only requested, so it does not count: 09–17 CEST = 07:00–15:00Z worked exactly.
      row(b, '2026-03-30', 'present', 8 * H, 8 * H, '2026-03-30T07:00:00', '2026-03-30T15:00:00'),
      row(t, '2026-03-27', 'holiday', 0),
      row(t, '2026-03-28', 'day-off', 0),
      row(t, '2026-03-29', 'day-off', 0),
      // One second late without grace; left an hour early.
      row(
        t,
        '2026-03-30',
        'late',
        8 * H,
        7 * H - 1,
        '2026-03-30T01:00:01',
        '2026-03-30T08:00:00',
        1,
        H,
        0,
      ),
    ].sort(byEmployeeThenDate);
  }

  it('matches the hand-computed rows over New York’s DST week', async () => {
    const res = await get('/api/v1/reports/attendance?from=2026-03-06&to=2026-03-09').expect(200);
    expect(res.body).toEqual({ from: '2026-03-06', to: '2026-03-09', rows: firstWeek() });
  });

  it('matches the hand-computed rows over Berlin’s DST week', async () => {
    const res = await get('/api/v1/reports/attendance?from=2026-03-27&to=2026-03-30').expect(200);
    expect(res.body).toEqual({ from: '2026-03-27', to: '2026-03-30', rows: lastWeek() });
  });

  it('counts worked seconds exactly as the summary does', async () => {
    const rows = [...firstWeek(), ...lastWeek()].filter((r) => r.workedSeconds > 0);
    for (const r of rows) {
      const summary = await get(`/api/v1/reports/summary?from=${r.date}&to=${r.date}`).expect(200);
      const s = summary.body.rows?.find(
        (x: { employeeId: string }) => x.employeeId === r.employeeId,
      );
      expect([r.date, s?.activeSeconds]).toEqual([r.date, r.workedSeconds]);
    }
  });

  it('pages with limit and nextCursor; the pages add up to the whole report', async () => {
    const rows: Row[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await get(
        `/api/v1/reports/attendance?from=2026-03-06&to=2026-03-09&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
      ).expect(200);
      expect(res.body.rows.length).toBeLessThanOrEqual(5);
      rows.push(...res.body.rows);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(rows).toEqual(firstWeek());
    // Exactly one page's worth: no cursor on the last page.
    const four = await get(
      `/api/v1/reports/attendance?from=2026-03-06&to=2026-03-09&employeeId=${tokyo.id}&limit=4`,
    ).expect(200);
    expect(four.body.rows).toHaveLength(4);
    expect(four.body.nextCursor).toBeUndefined();
  });

  it('leaves out days after each employee’s local today', async () => {
    const fmt = (tz: string) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: tz }).format(new Date());
    const utcToday = new Date().toISOString().slice(0, 10);
    const shift = (d: string, n: number) =>
      new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const from = shift(utcToday, -3);
    const res = await get(
      `/api/v1/reports/attendance?from=${from}&to=${shift(utcToday, 5)}`,
    ).expect(200);
    for (const e of [berlin, newYork, tokyo]) {
      const dates = res.body.rows.filter((r: Row) => r.employeeId === e.id).map((r: Row) => r.date);
      const today = fmt(e.timeZone);
      const expected: string[] = [];
      for (let d = from; d <= today; d = shift(d, 1)) expected.push(d);
      expect(dates).toEqual(expected);
    }
  });

  it('is scoped like the other reports: manager their teams, employee themself, else 404', async () => {
    const manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
      managesTeamIds: [teamId],
    });
    const mine = await get(
      '/api/v1/reports/attendance?from=2026-03-06&to=2026-03-09',
      manager.accessToken,
    ).expect(200);
    expect(mine.body.rows).toEqual(
      firstWeek().filter((r) => r.employeeId === berlin.id || r.employeeId === newYork.id),
    );
    const self = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: tokyo.id,
    });
    const own = await get(
      '/api/v1/reports/attendance?from=2026-03-06&to=2026-03-09',
      self.accessToken,
    ).expect(200);
    expect(own.body.rows).toEqual(firstWeek().filter((r) => r.employeeId === tokyo.id));
    const team = await get(
      `/api/v1/reports/attendance?from=2026-03-06&to=2026-03-09&teamId=${teamId}`,
    );
    expect(team.body.rows).toEqual(mine.body.rows);
    for (const [path, token] of [
      [`teamId=${otherTeamId}`, manager.accessToken],
      [`employeeId=${tokyo.id}`, manager.accessToken],
      [`employeeId=${berlin.id}`, self.accessToken],
      [`employeeId=${randomUUID()}`, owner.accessToken],
      [`teamId=${randomUUID()}`, owner.accessToken],
    ]) {
      const res = await get(
        `/api/v1/reports/attendance?from=2026-03-06&to=2026-03-09&${path}`,
        token,
      );
      expect(res.status).toBe(404);
      expect(res.type).toBe('application/problem+json');
    }
  });

  interface Totals {
    employeeId: string;
    fullName: string;
    scheduledSeconds: number;
    workedSeconds: number;
    overtimeSeconds: number;
    balanceSeconds: number;
    daysScheduled: number;
    daysPresent: number;
    daysLate: number;
    daysAbsent: number;
    daysOnLeave: number;
    daysHoliday: number;
    lateSeconds: number;
    earlyLeaveSeconds: number;
  }

  /** The totals of the first week, added up by hand from the rows above. */
  function firstWeekTotals(): Totals[] {
    const zero = { daysOnLeave: 0, daysHoliday: 0 };
    return [
      {
        employeeId: newYork.id,
        fullName: 'Ned York',
        // 8 + 4 + 3 + 8 h scheduled; 8:35 + 2:20 worked.
        scheduledSeconds: 23 * H,
        workedSeconds: 10 * H + 55 * 60,
        overtimeSeconds: 35 * 60,
        balanceSeconds: -(12 * H + 5 * 60),
        daysScheduled: 4,
        daysPresent: 2,
        daysLate: 1,
        daysAbsent: 2,
        ...zero,
        lateSeconds: 600,
        earlyLeaveSeconds: 1800,
      },
      {
        employeeId: berlin.id,
        fullName: 'Berta Berlin',
        // 8 + 4 + 8 h scheduled; 6:56 + 0:30 + 1:30 worked.
        scheduledSeconds: 20 * H,
        workedSeconds: 8 * H + 56 * 60,
        overtimeSeconds: 0,
        balanceSeconds: -(11 * H + 4 * 60),
        daysScheduled: 3,
        daysPresent: 3,
        daysLate: 1,
        daysAbsent: 0,
        ...zero,
        lateSeconds: 22.5 * H,
        earlyLeaveSeconds: 16.5 * H,
      },
      {
        employeeId: tokyo.id,
        fullName: 'Toshi Tokyo',
        // Only Monday is scheduled (Friday is approved leave); an hour over on each of the two.
        scheduledSeconds: 8 * H,
        workedSeconds: 10 * H,
        overtimeSeconds: 2 * H,
        balanceSeconds: 2 * H,
        daysScheduled: 1,
        daysPresent: 1,
        daysLate: 0,
        daysAbsent: 0,
        daysOnLeave: 1,
        daysHoliday: 0,
        lateSeconds: 0,
        earlyLeaveSeconds: 0,
      },
    ].sort((a, b) => (a.employeeId < b.employeeId ? -1 : 1));
  }

  it('totals: one item per active employee, the hand-computed sums and balance', async () => {
    const res = await get('/api/v1/reports/attendance/totals?from=2026-03-06&to=2026-03-09').expect(
      200,
    );
    expect(res.body).toEqual({ from: '2026-03-06', to: '2026-03-09', items: firstWeekTotals() });
  });

  it('totals are the report’s rows added up, holidays included', async () => {
    const [rows, totals] = await Promise.all([
      get('/api/v1/reports/attendance?from=2026-03-27&to=2026-03-30').expect(200),
      get('/api/v1/reports/attendance/totals?from=2026-03-27&to=2026-03-30').expect(200),
    ]);
    expect(totals.body.items).toHaveLength(3);
    for (const item of totals.body.items as Totals[]) {
      const own = (rows.body.rows as Row[]).filter((r) => r.employeeId === item.employeeId);
      const sum = (f: (r: Row) => number) => own.reduce((a, r) => a + f(r), 0);
      const count = (...statuses: string[]) =>
        own.filter((r) => statuses.includes(r.status)).length;
      expect(item).toEqual({
        employeeId: item.employeeId,
        fullName: item.fullName,
        scheduledSeconds: sum((r) => r.scheduledSeconds),
        workedSeconds: sum((r) => r.workedSeconds),
        overtimeSeconds: sum((r) => r.overtimeSeconds),
        balanceSeconds: sum((r) => r.workedSeconds - r.scheduledSeconds),
        daysScheduled: count('present', 'late', 'absent'),
        daysPresent: count('present', 'late'),
        daysLate: count('late'),
        daysAbsent: count('absent'),
        daysOnLeave: count('absence'),
        daysHoliday: count('holiday'),
        lateSeconds: sum((r) => r.lateSeconds),
        earlyLeaveSeconds: sum((r) => r.earlyLeaveSeconds),
      });
      expect(item.daysHoliday).toBe(1);
    }
    // New York: a holiday worked, two absent days, sick leave.
    expect(totals.body.items.find((i: Totals) => i.employeeId === newYork.id)).toMatchObject({
      scheduledSeconds: 8 * H,
      workedSeconds: H,
      balanceSeconds: -7 * H,
      daysAbsent: 2,
      daysOnLeave: 1,
    });
  });

  it('totals of a range after today list everyone with zeros', async () => {
    const res = await get('/api/v1/reports/attendance/totals?from=2100-01-01&to=2100-01-31').expect(
      200,
    );
    expect(res.body.items.map((i: Totals) => i.employeeId)).toEqual(
      firstWeekTotals().map((t) => t.employeeId),
    );
    for (const item of res.body.items as Totals[]) {
      expect([item.scheduledSeconds, item.workedSeconds, item.daysScheduled]).toEqual([0, 0, 0]);
    }
  });

  it('totals page by employee with limit and nextCursor', async () => {
    const items: Totals[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await get(
        `/api/v1/reports/attendance/totals?from=2026-03-06&to=2026-03-09&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      ).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(items).toEqual(firstWeekTotals());
  });

  it('totals are scoped like the report: manager their teams, employee themself, else 404', async () => {
    const manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
      managesTeamIds: [teamId],
    });
    const mine = await get(
      '/api/v1/reports/attendance/totals?from=2026-03-06&to=2026-03-09',
      manager.accessToken,
    ).expect(200);
    expect(mine.body.items).toEqual(firstWeekTotals().filter((t) => t.employeeId !== tokyo.id));
    const self = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: newYork.id,
    });
    const own = await get(
      '/api/v1/reports/attendance/totals?from=2026-03-06&to=2026-03-09',
      self.accessToken,
    ).expect(200);
    expect(own.body.items).toEqual(firstWeekTotals().filter((t) => t.employeeId === newYork.id));
    const one = await get(
      `/api/v1/reports/attendance/totals?from=2026-03-06&to=2026-03-09&employeeId=${berlin.id}`,
    ).expect(200);
    expect(one.body.items).toEqual(firstWeekTotals().filter((t) => t.employeeId === berlin.id));
    for (const [path, token] of [
      [`teamId=${otherTeamId}`, manager.accessToken],
      [`employeeId=${tokyo.id}`, manager.accessToken],
      [`employeeId=${berlin.id}`, self.accessToken],
      [`employeeId=${randomUUID()}`, owner.accessToken],
    ]) {
      const res = await get(
        `/api/v1/reports/attendance/totals?from=2026-03-06&to=2026-03-09&${path}`,
        token,
      );
      expect(res.status).toBe(404);
      expect(res.type).toBe('application/problem+json');
    }
  });

  it('totals refuse bad ranges, limits and cursors with 400 problem+json', async () => {
    const attendanceCursor = (
      await get('/api/v1/reports/attendance?from=2026-03-06&to=2026-03-09&limit=1').expect(200)
    ).body.nextCursor as string;
    for (const [query, text] of [
      ['from=2026-03-09&to=2026-03-06', 'to must not be before from'],
      ['from=2026-01-01&to=2027-01-02', 'at most 366 days'],
      ['from=2026-02-30&to=2026-03-01', 'calendar day'],
      ['to=2026-03-01', 'from'],
      ['from=2026-03-01&to=2026-03-02&limit=1001', 'limit'],
      ['from=2026-03-01&to=2026-03-02&limit=x', 'limit'],
      ['from=2026-03-01&to=2026-03-02&cursor=bm9wZQ', 'cursor'],
      [`from=2026-03-01&to=2026-03-02&cursor=${attendanceCursor}`, 'cursor'],
      ['from=2026-03-01&to=2026-03-02&teamId=nope', 'teamId'],
      ['from=2026-03-01&to=2026-03-02&extra=1', 'extra'],
    ]) {
      const res = await get(`/api/v1/reports/attendance/totals?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.type).toBe('application/problem+json');
      expect(JSON.stringify(res.body)).toContain(text);
    }
  });

  it('refuses bad ranges, limits and cursors with 400 problem+json', async () => {
    for (const [query, text] of [
      ['from=2026-03-09&to=2026-03-06', 'to must not be before from'],
      ['from=2026-01-01&to=2027-01-02', 'at most 366 days'],
      ['from=2026-02-30&to=2026-03-01', 'calendar day'],
      ['from=2026-03-01', 'to'],
      ['from=2026-03-01&to=2026-03-02&limit=0', 'limit'],
      ['from=2026-03-01&to=2026-03-02&cursor=bm9wZQ', 'cursor'],
    ]) {
      const res = await get(`/api/v1/reports/attendance?${query}`);
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
      expect(res.body.detail).toContain(text);
    }
  });
});
