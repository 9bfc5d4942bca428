import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  createEmployee,
  createTeam,
  createUserWithRole,
  signUp,
  type SignedUp,
  type TestEmployee,
  type TestTeam,
  type TestUser,
} from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';

// Absences beyond filing and deciding: overlaps, vacation allowances and balances, the list a
// calendar reads, audit entries, and every refusal as problem+json with nothing stored.

interface Absence {
  id: string;
  employeeId: string;
  employeeName: string;
  from: string;
  to: string;
  kind: string;
  status: string;
}

function expectProblem(res: request.Response, status: number, code?: string): void {
  expect(res.status).toBe(status);
  expect(res.type).toBe('application/problem+json');
  expect(res.body.status).toBe(status);
  expect(typeof res.body.detail).toBe('string');
  if (code) expect(res.body.type).toBe(`https://calltimex.dev/problems/${code}`);
}

describe(`absences: overlaps, allowances, balances, calendar, audit on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let owner: SignedUp;
  let foreign: SignedUp;
  let alpha: TestTeam;
  let beta: TestTeam;
  let mia: TestEmployee;
  let ben: TestEmployee;
  let dan: TestEmployee;
  let max: TestEmployee;
  let foreignEmp: TestEmployee;
  let hr: TestUser;
  let manager: TestUser;
  let miaUser: TestUser;
  let benUser: TestUser;
  const api = () => request(ctx.app.getHttpServer());
  const as = (token: string) => ({
    get: (path: string) => api().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) =>
      api().post(path).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object) =>
      api().put(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) =>
      api().patch(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const o = () => as(owner.accessToken);
  const absence = (employeeId: string, from: string, to: string, kind = 'vacation') => ({
    employeeId,
    from,
    to,
    kind,
  });
  const allAbsences = async (): Promise<Absence[]> =>
    (await o().get('/api/v1/absences').expect(200)).body.items as Absence[];
  const balance = async (token: string, query: string) =>
    (await as(token).get(`/api/v1/absences/balance?${query}`).expect(200)).body as {
      employeeId: string;
      year: number;
      allowanceDays: number;
      approvedDays: number;
      requestedDays: number;
      remainingDays: number;
    };
  const auditActions = async (subject: string) =>
    (
      (await o().get(`/api/v1/audit?subjectEmployeeId=${subject}&pageSize=200`).expect(200)).body
        .items as { action: string; targetId: string; details: Record<string, unknown> }[]
    ).filter((e) => e.action.startsWith('absence.') || e.action.startsWith('vacation-'));

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    owner = await signUp(ctx.app);
    foreign = await signUp(ctx.app);
    alpha = await createTeam(ctx.app, owner.accessToken, 'Alpha');
    beta = await createTeam(ctx.app, owner.accessToken, 'Beta');
    mia = await createEmployee(ctx.app, owner.accessToken, { fullName: 'Mia', teamId: alpha.id });
    ben = await createEmployee(ctx.app, owner.accessToken, { fullName: 'Ben', teamId: beta.id });
    dan = await createEmployee(ctx.app, owner.accessToken, { fullName: 'Dan' });
    max = await createEmployee(ctx.app, owner.accessToken, { fullName: 'Max', teamId: beta.id });
    foreignEmp = await createEmployee(ctx.app, foreign.accessToken);
    hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
    // Alpha's manager is himself an employee of Beta, a team he does not manage.
    manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
      managesTeamIds: [alpha.id],
      employeeId: max.id,
    });
    miaUser = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: mia.id,
    });
    benUser = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: ben.id,
    });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  describe('overlaps', () => {
    it('refuses an absence sharing a day with a requested or approved one (409), not with a rejected one', async () => {
      const first = await o()
        .post('/api/v1/absences', absence(ben.id, '2025-03-02', '2025-03-06'))
        .expect(201);
      const before = (await allAbsences()).length;
      for (const [from, to, kind] of [
        ['2025-03-06', '2025-03-09', 'vacation'],
        ['2025-02-23', '2025-03-02', 'sick'],
        ['2025-03-04', '2025-03-04', 'other'],
        ['2025-02-01', '2025-04-30', 'vacation'],
      ]) {
        const res = await o().post('/api/v1/absences', absence(ben.id, from, to, kind));
        expectProblem(res, 409, 'absence-overlaps');
        expect(res.body.detail).toContain(
          'Ben already has an approved vacation from 2025-03-02 to 2025-03-06',
        );
      }
      // The employee's own request is refused the same way.
      expectProblem(
        await as(benUser.accessToken).post(
          '/api/v1/absences',
          absence(ben.id, '2025-03-05', '2025-03-05'),
        ),
        409,
        'absence-overlaps',
      );
      expect(await allAbsences()).toHaveLength(before);
      // The days either side, and the same days for someone else, are free.
      await o()
        .post('/api/v1/absences', absence(ben.id, '2025-03-07', '2025-03-08'))
        .expect(201);
      await o()
        .post('/api/v1/absences', absence(ben.id, '2025-03-01', '2025-03-01'))
        .expect(201);
      await o()
        .post('/api/v1/absences', absence(dan.id, '2025-03-02', '2025-03-06'))
        .expect(201);

      // A rejected request frees its days; a pending one holds them.
      const asked = await as(benUser.accessToken)
        .post('/api/v1/absences', absence(ben.id, '2025-03-16', '2025-03-17'))
        .expect(201);
      expectProblem(
        await o().post('/api/v1/absences', absence(ben.id, '2025-03-17', '2025-03-18', 'sick')),
        409,
        'absence-overlaps',
      );
      await o().post(`/api/v1/absences/${asked.body.id}/reject`).expect(200);
      await o()
        .post('/api/v1/absences', absence(ben.id, '2025-03-17', '2025-03-18', 'sick'))
        .expect(201);
      expect(first.body.status).toBe('approved');
    });

    it('lets exactly one of many overlapping filings sent at once through', async () => {
      const ranges = [
        ['2025-11-02', '2025-11-06'],
        ['2025-11-04', '2025-11-04'],
        ['2025-11-03', '2025-11-10'],
        ['2025-10-26', '2025-11-04'],
        ['2025-11-04', '2025-11-20'],
        ['2025-11-01', '2025-11-05'],
      ];
      const results = await Promise.all(
        ranges.map(([from, to]) => o().post('/api/v1/absences', absence(dan.id, from, to, 'sick'))),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) {
        expectProblem(r, 409, 'absence-overlaps');
      }
      const stored = (
        await o().get(`/api/v1/absences?employeeId=${dan.id}&from=2025-10-01&to=2025-11-30`)
      ).body.items as Absence[];
      expect(stored).toHaveLength(1);
    });
  });

  describe('bad input: a 4xx problem and nothing stored', () => {
    it('refuses bad absences and decisions', async () => {
      const before = await allAbsences();
      const auditBefore = (await auditActions(mia.id)).length;
      const cases: [request.Response, number, string?][] = [
        [await o().post('/api/v1/absences', absence(mia.id, '2026-05-10', '2026-05-09')), 400],
        [await o().post('/api/v1/absences', absence(mia.id, '2026-01-01', '2027-01-02')), 400],
        [
          await o().post('/api/v1/absences', absence(mia.id, '2026-05-10', '2026-05-10', 'trip')),
          400,
        ],
        [
          await o().post('/api/v1/absences', {
            ...absence(mia.id, '2026-05-10', '2026-05-10'),
            note: 'x'.repeat(1001),
          }),
          400,
        ],
        [
          await o().post('/api/v1/absences', {
            ...absence(mia.id, '2026-05-10', '2026-05-10'),
            hours: 4,
          }),
          400,
        ],
        [
          await o().post('/api/v1/absences', absence(foreignEmp.id, '2026-05-10', '2026-05-10')),
          404,
        ],
      ];
      for (const [res, status] of cases) expectProblem(res, status);
      expect(cases[0][0].body.detail).toContain('to must not be before from');
      expect(cases[1][0].body.detail).toContain('at most 366 days');
      expect(cases[2][0].body.detail).toContain('kind');
      expect(cases[3][0].body.detail).toContain('note must be at most 1000 characters');

      // Decisions: someone else's organization, one's own, twice, outside a manager's teams.
      const foreignAbsence = await as(foreign.accessToken)
        .post('/api/v1/absences', absence(foreignEmp.id, '2026-05-11', '2026-05-11'))
        .expect(201);
      expectProblem(await o().post(`/api/v1/absences/${foreignAbsence.body.id}/approve`), 404);
      expectProblem(await o().post(`/api/v1/absences/${foreignAbsence.body.id}/reject`), 404);
      const own = await as(miaUser.accessToken)
        .post('/api/v1/absences', absence(mia.id, '2026-05-18', '2026-05-19', 'other'))
        .expect(201);
      expectProblem(
        await as(miaUser.accessToken).post(`/api/v1/absences/${own.body.id}/approve`),
        403,
      );
      expectProblem(
        await as(miaUser.accessToken).post(`/api/v1/absences/${own.body.id}/reject`),
        403,
      );
      // The manager's own request (Beta, not his team) is his to file, not to decide.
      const managers = await as(manager.accessToken)
        .post('/api/v1/absences', absence(max.id, '2026-05-18', '2026-05-19'))
        .expect(201);
      expect(managers.body.status).toBe('requested');
      expectProblem(
        await as(manager.accessToken).post(`/api/v1/absences/${managers.body.id}/approve`),
        403,
      );
      // A Beta request is outside Alpha's manager's teams: it does not exist for him.
      const bens = await as(benUser.accessToken)
        .post('/api/v1/absences', absence(ben.id, '2026-05-18', '2026-05-19'))
        .expect(201);
      expectProblem(
        await as(manager.accessToken).post(`/api/v1/absences/${bens.body.id}/approve`),
        404,
      );
      await as(manager.accessToken).post(`/api/v1/absences/${own.body.id}/approve`).expect(200);
      expectProblem(
        await as(hr.accessToken).post(`/api/v1/absences/${own.body.id}/reject`),
        409,
        'absence-already-decided',
      );
      const after = await allAbsences();
      expect(after).toHaveLength(before.length + 3);
      const status = new Map(after.map((a) => [a.id, a.status]));
      expect([own.body.id, managers.body.id, bens.body.id].map((id) => status.get(id))).toEqual([
        'approved',
        'requested',
        'requested',
      ]);
      // Only what happened is in the audit log: Mia's request and its approval.
      expect((await auditActions(mia.id)).length).toBe(auditBefore + 2);
    });

    it('refuses bad list, balance and allowance queries', async () => {
      for (const [query, status] of [
        ['from=2026-05-10&to=2026-05-01', 400],
        ['from=yesterday', 400],
        ['kind=trip', 400],
        ['status=maybe', 400],
        ['limit=0', 400],
        ['limit=5001', 400],
        ['cursor=bm90LWEtY3Vyc29y', 400],
        [`teamId=${randomUUID()}`, 404],
        [`employeeId=${foreignEmp.id}`, 404],
      ] as const) {
        expectProblem(await o().get(`/api/v1/absences?${query}`), status);
      }
      // The owner has no employee record of their own: name one.
      expectProblem(await o().get('/api/v1/absences/balance'), 400);
      expectProblem(await o().get(`/api/v1/absences/balance?employeeId=${mia.id}&year=1969`), 400);
      expectProblem(
        await o().get(`/api/v1/absences/balance?employeeId=${mia.id}&year=2026.5`),
        400,
      );
      expectProblem(await o().get(`/api/v1/absences/balance?employeeId=${foreignEmp.id}`), 404);
      expectProblem(
        await as(miaUser.accessToken).get(`/api/v1/absences/balance?employeeId=${ben.id}`),
        404,
      );
      expectProblem(
        await as(manager.accessToken).get(`/api/v1/absences/balance?employeeId=${ben.id}`),
        404,
      );

      const policy = (await o().get('/api/v1/vacation-policy').expect(200)).body;
      const bad = [
        { daysPerYear: -1 },
        { daysPerYear: 367 },
        { daysPerYear: 1e9 },
        { daysPerYear: 2.5 },
        { daysPerYear: '20' },
        {},
        { daysPerYear: 20, carryOver: 5 },
      ];
      // The organization's days cannot be null; an employee's null removes their own.
      for (const body of [...bad, { daysPerYear: null }]) {
        expectProblem(await o().put('/api/v1/vacation-policy', body), 400);
      }
      for (const body of bad) {
        expectProblem(await o().put(`/api/v1/vacation-policy/employees/${mia.id}`, body), 400);
      }
      expect((await o().get('/api/v1/vacation-policy').expect(200)).body).toEqual(policy);
      expect(
        (await o().get(`/api/v1/vacation-policy/employees/${mia.id}`).expect(200)).body,
      ).toEqual({
        employeeId: mia.id,
        daysPerYear: null,
        allowanceDays: policy.daysPerYear,
      });
      // Another organization's employee, a manager or an employee setting days: refused.
      expectProblem(
        await o().put(`/api/v1/vacation-policy/employees/${foreignEmp.id}`, { daysPerYear: 30 }),
        404,
      );
      expectProblem(
        await as(manager.accessToken).put(`/api/v1/vacation-policy/employees/${mia.id}`, {
          daysPerYear: 30,
        }),
        403,
      );
      expectProblem(
        await as(miaUser.accessToken).put('/api/v1/vacation-policy', { daysPerYear: 30 }),
        403,
      );
      expect((await o().get('/api/v1/vacation-policy/employees').expect(200)).body.items).toEqual(
        [],
      );
    });
  });

  describe('vacation allowance and balance', () => {
    it('counts working days of the schedule in force, holidays out, clipped to the year', async () => {
      expect((await o().get('/api/v1/vacation-policy').expect(200)).body).toEqual({
        daysPerYear: 20,
      });
      await o().put('/api/v1/vacation-policy', { daysPerYear: 25 }).expect(200);
      expect(
        (await as(miaUser.accessToken).get('/api/v1/vacation-policy').expect(200)).body,
      ).toEqual({
        daysPerYear: 25,
      });
      await o().post('/api/v1/holidays', { date: '2026-07-09', name: 'Summer day' }).expect(201);
      // Mia works Monday to Thursday.
      const monThu = await o()
        .post('/api/v1/work-schedules', {
          name: 'Four days',
          days: [1, 2, 3, 4].map((weekday) => ({ weekday, start: '08:00', end: '18:00' })),
        })
        .expect(201);
      await o()
        .patch(`/api/v1/employees/${mia.id}`, { workScheduleId: monThu.body.id })
        .expect(200);

      // Mon 6 – Sun 12 July: Mon, Tue, Wed (Thu 9 is a holiday, Fri–Sun days off) = 3.
      await as(hr.accessToken)
        .post('/api/v1/absences', absence(mia.id, '2026-07-06', '2026-07-12'))
        .expect(201);
      // Mon 28 Dec 2026 – Fri 8 Jan 2027: 4 days in 2026, 4 in 2027 (Fri 1 Jan is a day off).
      await as(miaUser.accessToken)
        .post('/api/v1/absences', absence(mia.id, '2026-12-28', '2027-01-08'))
        .expect(201);
      // Rejected vacations and sick days use no allowance.
      const rejected = await as(miaUser.accessToken)
        .post('/api/v1/absences', absence(mia.id, '2026-08-03', '2026-08-04'))
        .expect(201);
      await as(manager.accessToken).post(`/api/v1/absences/${rejected.body.id}/reject`).expect(200);
      await o()
        .post('/api/v1/absences', absence(mia.id, '2026-09-07', '2026-09-08', 'sick'))
        .expect(201);

      const mine = await balance(miaUser.accessToken, 'year=2026');
      expect(mine).toEqual({
        employeeId: mia.id,
        year: 2026,
        allowanceDays: 25,
        approvedDays: 3,
        requestedDays: 4,
        remainingDays: 18,
      });
      expect(await balance(manager.accessToken, `employeeId=${mia.id}&year=2027`)).toEqual({
        employeeId: mia.id,
        year: 2027,
        allowanceDays: 25,
        approvedDays: 0,
        requestedDays: 4,
        remainingDays: 21,
      });
      expect(await balance(hr.accessToken, `employeeId=${mia.id}&year=2025`)).toMatchObject({
        approvedDays: 0,
        requestedDays: 0,
        remainingDays: 25,
      });

      // Mia's own days; going past them is accepted and shows as a negative remainder.
      const own = await o()
        .put(`/api/v1/vacation-policy/employees/${mia.id}`, { daysPerYear: 5 })
        .expect(200);
      expect(own.body).toEqual({ employeeId: mia.id, daysPerYear: 5, allowanceDays: 5 });
      expect(await balance(owner.accessToken, `employeeId=${mia.id}&year=2026`)).toMatchObject({
        allowanceDays: 5,
        remainingDays: -2,
      });
      await as(miaUser.accessToken)
        .post('/api/v1/absences', absence(mia.id, '2026-10-05', '2026-10-09'))
        .expect(201);
      expect(await balance(miaUser.accessToken, 'year=2026')).toMatchObject({
        approvedDays: 3,
        requestedDays: 8,
        remainingDays: -6,
      });
      expect((await o().get('/api/v1/vacation-policy/employees').expect(200)).body.items).toEqual([
        { employeeId: mia.id, daysPerYear: 5, allowanceDays: 5 },
      ]);
      // The manager sees Alpha's own days only: Mia's.
      expect(
        (await as(manager.accessToken).get('/api/v1/vacation-policy/employees').expect(200)).body
          .items,
      ).toHaveLength(1);
      await o()
        .put(`/api/v1/vacation-policy/employees/${mia.id}`, { daysPerYear: null })
        .expect(200);
      expect(await balance(miaUser.accessToken, 'year=2026')).toMatchObject({
        allowanceDays: 25,
        remainingDays: 14,
      });

      const audit = await auditActions(mia.id);
      expect(
        audit.filter((e) => e.action === 'vacation-allowance.changed').map((e) => e.details),
      ).toEqual([{ daysPerYear: null }, { daysPerYear: 5 }]);
    });

    it('uses the team’s schedule, then the default, then Monday to Friday', async () => {
      // Ben (Beta) and Dan (no team) have no schedule of their own, and there is no default yet.
      await o()
        .post('/api/v1/absences', absence(ben.id, '2026-07-06', '2026-07-19'))
        .expect(201);
      await o()
        .post('/api/v1/absences', absence(dan.id, '2026-07-06', '2026-07-19'))
        .expect(201);
      // Monday to Friday, two weeks, less Thursday 9's holiday.
      expect(await balance(benUser.accessToken, 'year=2026')).toMatchObject({ approvedDays: 9 });
      expect(await balance(hr.accessToken, `employeeId=${dan.id}&year=2026`)).toMatchObject({
        approvedDays: 9,
      });
      const monWed = await o()
        .post('/api/v1/work-schedules', {
          name: 'Three days',
          days: [1, 2, 3].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
        })
        .expect(201);
      await o().patch(`/api/v1/teams/${beta.id}`, { workScheduleId: monWed.body.id }).expect(200);
      await o()
        .post('/api/v1/work-schedules', {
          name: 'Two days',
          default: true,
          days: [1, 2].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
        })
        .expect(201);
      expect(await balance(benUser.accessToken, 'year=2026')).toMatchObject({ approvedDays: 6 });
      expect(await balance(hr.accessToken, `employeeId=${dan.id}&year=2026`)).toMatchObject({
        approvedDays: 4,
      });
    });
  });

  describe('the list a calendar reads', () => {
    it('lists a range across employees with their names, by team and kind, a page at a time', async () => {
      const july = (await o().get('/api/v1/absences?from=2026-07-01&to=2026-07-31').expect(200))
        .body;
      expect(july.nextCursor).toBeUndefined();
      // All three start on 6 July: by employee id then.
      const expected = [
        [ben, 'Ben', '2026-07-19'],
        [dan, 'Dan', '2026-07-19'],
        [mia, 'Mia', '2026-07-12'],
      ] as const;
      expect(
        (july.items as Absence[]).map((a) => [a.employeeName, a.from, a.to, a.kind, a.status]),
      ).toEqual(
        [...expected]
          .sort((a, b) => (a[0].id < b[0].id ? -1 : 1))
          .map(([, name, to]) => [name, '2026-07-06', to, 'vacation', 'approved']),
      );
      const alphaOnly = await o()
        .get(`/api/v1/absences?from=2026-07-01&to=2026-07-31&teamId=${alpha.id}`)
        .expect(200);
      expect((alphaOnly.body.items as Absence[]).map((a) => a.employeeName)).toEqual(['Mia']);
      const sick = await o().get('/api/v1/absences?kind=sick').expect(200);
      expect((sick.body.items as Absence[]).every((a) => a.kind === 'sick')).toBe(true);
      expect((sick.body.items as Absence[]).length).toBeGreaterThan(0);

      // Pages of 2 add up to the whole list, in the same order, each absence once.
      const whole = await allAbsences();
      expect(whole.length).toBeGreaterThan(5);
      const paged: Absence[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await o()
          .get(`/api/v1/absences?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        paged.push(...(res.body.items as Absence[]));
        cursor = res.body.nextCursor as string | undefined;
        pages++;
      } while (cursor);
      expect(pages).toBe(Math.ceil(whole.length / 2));
      expect(paged.map((a) => a.id)).toEqual(whole.map((a) => a.id));
      const days = whole.map((a) => a.from);
      expect([...days].sort()).toEqual(days);

      // The manager's calendar is Alpha's; he still sees his own absences by naming himself.
      const managers = await as(manager.accessToken).get('/api/v1/absences').expect(200);
      expect(new Set((managers.body.items as Absence[]).map((a) => a.employeeId))).toEqual(
        new Set([mia.id]),
      );
      const himself = await as(manager.accessToken)
        .get(`/api/v1/absences?employeeId=${max.id}`)
        .expect(200);
      expect((himself.body.items as Absence[]).map((a) => a.employeeName)).toEqual(['Max']);
    });
  });

  describe('audit', () => {
    it('records each absence filed, approved and rejected, without names or notes', async () => {
      const asked = await as(miaUser.accessToken)
        .post('/api/v1/absences', {
          ...absence(mia.id, '2026-11-16', '2026-11-17', 'other'),
          note: 'Dentist',
        })
        .expect(201);
      await as(manager.accessToken).post(`/api/v1/absences/${asked.body.id}/approve`).expect(200);
      // Approving again is no new decision.
      await o().post(`/api/v1/absences/${asked.body.id}/approve`).expect(200);
      const filed = await o()
        .post('/api/v1/absences', absence(mia.id, '2026-11-23', '2026-11-23', 'sick'))
        .expect(201);
      const refused = await as(miaUser.accessToken)
        .post('/api/v1/absences', absence(mia.id, '2026-11-30', '2026-11-30'))
        .expect(201);
      await as(hr.accessToken).post(`/api/v1/absences/${refused.body.id}/reject`).expect(200);

      const entries = (
        await o().get(`/api/v1/audit?subjectEmployeeId=${mia.id}&pageSize=200`).expect(200)
      ).body.items as {
        action: string;
        actorUserId: string;
        actorRole: string;
        targetType: string;
        targetId: string;
        details: Record<string, unknown>;
        subjectEmployeeName?: string | null;
      }[];
      const about = (id: string) =>
        entries
          .filter((e) => e.targetId === id)
          .map((e) => ({
            action: e.action,
            actor: e.actorUserId,
            role: e.actorRole,
            type: e.targetType,
            details: e.details,
          }))
          .reverse();
      expect(about(asked.body.id)).toEqual([
        {
          action: 'absence.created',
          actor: miaUser.user.id,
          role: 'employee',
          type: 'absence',
          details: { kind: 'other', from: '2026-11-16', to: '2026-11-17', status: 'requested' },
        },
        {
          action: 'absence.approved',
          actor: manager.user.id,
          role: 'manager',
          type: 'absence',
          details: { kind: 'other', from: '2026-11-16', to: '2026-11-17' },
        },
      ]);
      expect(about(filed.body.id)).toEqual([
        {
          action: 'absence.created',
          actor: owner.user.id,
          role: 'owner',
          type: 'absence',
          details: { kind: 'sick', from: '2026-11-23', to: '2026-11-23', status: 'approved' },
        },
      ]);
      expect(about(refused.body.id).map((e) => [e.action, e.actor])).toEqual([
        ['absence.created', miaUser.user.id],
        ['absence.rejected', hr.user.id],
      ]);
      // What is kept: the log answers with names resolved when read (subjectEmployeeName), but an
      // entry itself records ids only, never the person's name or the absence's note.
      const kept = entries.map(
        ({
          subjectEmployeeName: _subject,
          targetName: _target,
          actorName: _actor,
          actorEmail: _email,
          ...entry
        }: Record<string, unknown>) => entry,
      );
      expect(JSON.stringify(kept)).not.toContain('Dentist');
      expect(JSON.stringify(kept)).not.toContain('"Mia"');
      expect(entries.every((e) => e.subjectEmployeeName === 'Mia')).toBe(true);
      expect((await o().get('/api/v1/audit/verify').expect(200)).body.valid).toBe(true);
    });
  });

  describe('cancel', () => {
    it('frees the days: the employee withdraws a request, HR or the manager cancel what was approved', async () => {
      const cancel = (token: string, id: string) => as(token).post(`/api/v1/absences/${id}/cancel`);
      const asked = await as(miaUser.accessToken)
        .post('/api/v1/absences', absence(mia.id, '2024-06-03', '2024-06-07'))
        .expect(201);
      expect(await balance(miaUser.accessToken, 'year=2024')).toMatchObject({ requestedDays: 4 });
      // Someone else's employee, another team's manager, another organization: not theirs.
      expectProblem(await cancel(benUser.accessToken, asked.body.id), 404);
      expectProblem(await cancel(foreign.accessToken, asked.body.id), 404);
      const withdrawn = await cancel(miaUser.accessToken, asked.body.id).expect(200);
      expect(withdrawn.body).toMatchObject({ id: asked.body.id, status: 'cancelled' });
      await cancel(miaUser.accessToken, asked.body.id).expect(200);
      expectProblem(
        await o().post(`/api/v1/absences/${asked.body.id}/approve`),
        409,
        'absence-already-decided',
      );
      expect(await balance(miaUser.accessToken, 'year=2024')).toMatchObject({ requestedDays: 0 });

      // The same days again; once approved, only a decider cancels them.
      const again = await as(miaUser.accessToken)
        .post('/api/v1/absences', absence(mia.id, '2024-06-03', '2024-06-04'))
        .expect(201);
      await as(manager.accessToken).post(`/api/v1/absences/${again.body.id}/approve`).expect(200);
      expectProblem(
        await cancel(miaUser.accessToken, again.body.id),
        409,
        'absence-already-decided',
      );
      expect(await balance(miaUser.accessToken, 'year=2024')).toMatchObject({ approvedDays: 2 });
      await cancel(manager.accessToken, again.body.id).expect(200);
      expect(await balance(miaUser.accessToken, 'year=2024')).toMatchObject({ approvedDays: 0 });

      // HR cancels an absence it filed; a rejected one has nothing to cancel.
      const filed = await as(hr.accessToken)
        .post('/api/v1/absences', absence(ben.id, '2024-06-03', '2024-06-03', 'sick'))
        .expect(201);
      expectProblem(await cancel(manager.accessToken, filed.body.id), 404);
      await cancel(hr.accessToken, filed.body.id).expect(200);
      const refused = await as(benUser.accessToken)
        .post('/api/v1/absences', absence(ben.id, '2024-06-03', '2024-06-03'))
        .expect(201);
      await o().post(`/api/v1/absences/${refused.body.id}/reject`).expect(200);
      expectProblem(await cancel(owner.accessToken, refused.body.id), 409);

      const cancelled = (await auditActions(mia.id)).filter(
        (e) => e.action === 'absence.cancelled',
      );
      expect(cancelled.map((e) => [e.targetId, e.details.previousStatus])).toEqual([
        [again.body.id, 'approved'],
        [asked.body.id, 'requested'],
      ]);
    });
  });

  describe('limits', () => {
    it('keeps at most 50 requests of one employee waiting, so nobody floods the deciders’ mail', async () => {
      const waiting = (
        (await o().get(`/api/v1/absences?employeeId=${ben.id}&status=requested`).expect(200)).body
          .items as Absence[]
      ).length;
      // One day each, every day of 2023 from 2 January on: none overlaps another.
      const day = (i: number) => new Date(Date.UTC(2023, 0, 2 + i)).toISOString().slice(0, 10);
      for (let i = 0; i < 50 - waiting; i++) {
        await as(benUser.accessToken)
          .post('/api/v1/absences', absence(ben.id, day(i), day(i), 'other'))
          .expect(201);
      }
      const res = await as(benUser.accessToken).post(
        '/api/v1/absences',
        absence(ben.id, day(60), day(60), 'other'),
      );
      expectProblem(res, 409, 'too-many-open-requests');
      // HR still files for him; a withdrawn request makes room again.
      await o()
        .post('/api/v1/absences', absence(ben.id, day(61), day(61), 'sick'))
        .expect(201);
      const some = (
        (
          await o()
            .get(`/api/v1/absences?employeeId=${ben.id}&status=requested&limit=1`)
            .expect(200)
        ).body.items as Absence[]
      )[0];
      await as(benUser.accessToken).post(`/api/v1/absences/${some.id}/cancel`).expect(200);
      await as(benUser.accessToken)
        .post('/api/v1/absences', absence(ben.id, day(60), day(60), 'other'))
        .expect(201);
    });
  });
});
