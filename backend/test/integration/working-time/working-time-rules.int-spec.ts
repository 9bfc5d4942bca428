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

// Work schedules, holidays and absences through the HTTP API on a real database: the rules of
// API.md "Working time", every refusal as problem+json with nothing stored.

const WEEK = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:30' }));

function expectProblem(res: request.Response, status: number, code?: string): void {
  expect(res.status).toBe(status);
  expect(res.type).toBe('application/problem+json');
  expect(res.body.status).toBe(status);
  if (code) expect(res.body.type).toBe(`https://calltimex.dev/problems/${code}`);
}

describe(`working time: schedules, holidays, absences on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let owner: SignedUp;
  let foreign: SignedUp;
  let team: TestTeam;
  let otherTeam: TestTeam;
  let emp: TestEmployee;
  let emp2: TestEmployee;
  let outsider: TestEmployee;
  let foreignEmp: TestEmployee;
  let hr: TestUser;
  let admin: TestUser;
  let manager: TestUser;
  let employee: TestUser;
  let employee2: TestUser;
  const api = () => request(ctx.app.getHttpServer());
  const as = (token: string) => ({
    get: (path: string) => api().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) =>
      api().post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) =>
      api().patch(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => api().delete(path).set('Authorization', `Bearer ${token}`),
  });
  const o = () => as(owner.accessToken);

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    owner = await signUp(ctx.app);
    foreign = await signUp(ctx.app);
    team = await createTeam(ctx.app, owner.accessToken, 'Alpha');
    otherTeam = await createTeam(ctx.app, owner.accessToken, 'Beta');
    emp = await createEmployee(ctx.app, owner.accessToken, { teamId: team.id });
    emp2 = await createEmployee(ctx.app, owner.accessToken, { teamId: team.id });
    outsider = await createEmployee(ctx.app, owner.accessToken, { teamId: otherTeam.id });
    foreignEmp = await createEmployee(ctx.app, foreign.accessToken);
    hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
    admin = await createUserWithRole(ctx.app, owner.accessToken, 'admin');
    manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
      managesTeamIds: [team.id],
    });
    employee = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: emp.id,
    });
    employee2 = await createUserWithRole(ctx.app, owner.accessToken, 'employee', {
      employeeId: emp2.id,
    });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  describe('work schedules', () => {
    it('creates, lists, reads, changes and deletes a schedule; writes are owner/admin/hr only', async () => {
      const created = await o()
        .post('/api/v1/work-schedules', { name: 'Office', days: [...WEEK].reverse() })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'Office',
        days: WEEK,
        lateAfterMinutes: 0,
        default: false,
      });
      const id = created.body.id as string;
      const byHr = await as(hr.accessToken)
        .post('/api/v1/work-schedules', { name: 'HR made', days: [], lateAfterMinutes: 720 })
        .expect(201);
      expect(byHr.body.lateAfterMinutes).toBe(720);
      await as(admin.accessToken)
        .patch(`/api/v1/work-schedules/${id}`, { name: 'Office 2' })
        .expect(200);

      for (const reader of [manager, employee]) {
        const list = await as(reader.accessToken).get('/api/v1/work-schedules').expect(200);
        expect(list.body.items.map((s: { id: string }) => s.id).sort()).toEqual(
          [id, byHr.body.id].sort(),
        );
        const one = await as(reader.accessToken).get(`/api/v1/work-schedules/${id}`).expect(200);
        expect(one.body.name).toBe('Office 2');
        expectProblem(
          await as(reader.accessToken).post('/api/v1/work-schedules', { name: 'x', days: [] }),
          403,
        );
        expectProblem(
          await as(reader.accessToken).patch(`/api/v1/work-schedules/${id}`, { name: 'x' }),
          403,
        );
        expectProblem(await as(reader.accessToken).delete(`/api/v1/work-schedules/${id}`), 403);
      }

      const changed = await o()
        .patch(`/api/v1/work-schedules/${id}`, {
          days: [{ weekday: 7, start: '10:00', end: '12:00' }],
          lateAfterMinutes: 15,
        })
        .expect(200);
      expect(changed.body).toMatchObject({
        name: 'Office 2',
        days: [{ weekday: 7, start: '10:00', end: '12:00' }],
        lateAfterMinutes: 15,
      });
      await o().delete(`/api/v1/work-schedules/${id}`).expect(204);
      expectProblem(await o().get(`/api/v1/work-schedules/${id}`), 404, 'not-found');
      await o().delete(`/api/v1/work-schedules/${byHr.body.id}`).expect(204);
    });

    it('keeps at most one default: a new default takes it from the previous one', async () => {
      const a = await o().post('/api/v1/work-schedules', { name: 'A', days: WEEK, default: true });
      expect(a.status).toBe(201);
      expect(a.body.default).toBe(true);
      const b = await o().post('/api/v1/work-schedules', { name: 'B', days: WEEK, default: true });
      expect(b.body.default).toBe(true);
      expect((await o().get(`/api/v1/work-schedules/${a.body.id}`)).body.default).toBe(false);
      await o().patch(`/api/v1/work-schedules/${a.body.id}`, { default: true }).expect(200);
      const list = await o().get('/api/v1/work-schedules').expect(200);
      const defaults = list.body.items.filter((s: { default: boolean }) => s.default);
      expect(defaults.map((s: { id: string }) => s.id)).toEqual([a.body.id]);
      await o().delete(`/api/v1/work-schedules/${a.body.id}`).expect(204);
      await o().delete(`/api/v1/work-schedules/${b.body.id}`).expect(204);
    });

    it('refuses bad schedules with 400 and stores nothing', async () => {
      const before = (await o().get('/api/v1/work-schedules').expect(200)).body.items.length;
      const bad: [object, string][] = [
        [{ name: 'x', days: [{ weekday: 0, start: '09:00', end: '10:00' }] }, 'weekday'],
        [{ name: 'x', days: [{ weekday: 8, start: '09:00', end: '10:00' }] }, 'weekday'],
        [{ name: 'x', days: [{ weekday: 1.5, start: '09:00', end: '10:00' }] }, 'weekday'],
        [{ name: 'x', days: [{ weekday: 1, start: '9:00', end: '10:00' }] }, 'start'],
        [{ name: 'x', days: [{ weekday: 1, start: '09:00', end: '24:00' }] }, 'end'],
        [{ name: 'x', days: [{ weekday: 1, start: '09:60', end: '10:00' }] }, 'start'],
        [
          {
            name: 'x',
            days: [
              { weekday: 2, start: '09:00', end: '10:00' },
              { weekday: 2, start: '11:00', end: '12:00' },
            ],
          },
          'twice',
        ],
        [{ name: 'x', days: [{ weekday: 1, start: '22:00', end: '06:00' }] }, 'night shifts'],
        [{ name: 'x', days: [{ weekday: 1, start: '09:00', end: '09:00' }] }, 'night shifts'],
        [{ name: 'x', days: WEEK, lateAfterMinutes: -1 }, 'lateAfterMinutes'],
        [{ name: 'x', days: WEEK, lateAfterMinutes: 721 }, 'lateAfterMinutes'],
        [{ name: '', days: WEEK }, 'name'],
        [{ name: 'x' }, 'days'],
        [{ name: 'x', days: WEEK, extra: 1 }, 'extra'],
      ];
      for (const [body, text] of bad) {
        const res = await o().post('/api/v1/work-schedules', body);
        expectProblem(res, 400, 'validation-failed');
        expect(res.body.detail).toContain(text);
      }
      expect((await o().get('/api/v1/work-schedules').expect(200)).body.items).toHaveLength(before);
      const s = await o().post('/api/v1/work-schedules', { name: 'Keep', days: WEEK }).expect(201);
      const res = await o().patch(`/api/v1/work-schedules/${s.body.id}`, {
        days: [{ weekday: 3, start: '18:00', end: '08:00' }],
      });
      expectProblem(res, 400, 'validation-failed');
      expect(res.body.detail).toContain('night shifts are not supported yet');
      expect((await o().get(`/api/v1/work-schedules/${s.body.id}`)).body.days).toEqual(WEEK);
      await o().delete(`/api/v1/work-schedules/${s.body.id}`).expect(204);
    });

    it('is assigned to employees and teams; an assigned schedule cannot be deleted (409)', async () => {
      const s = await o().post('/api/v1/work-schedules', { name: 'Assigned', days: WEEK });
      const id = s.body.id as string;
      const e = await o().patch(`/api/v1/employees/${emp.id}`, { workScheduleId: id }).expect(200);
      expect(e.body.workScheduleId).toBe(id);
      const t = await o().patch(`/api/v1/teams/${team.id}`, { workScheduleId: id }).expect(200);
      expect(t.body.workScheduleId).toBe(id);

      const conflict = await o().delete(`/api/v1/work-schedules/${id}`);
      expectProblem(conflict, 409, 'work-schedule-in-use');
      expect(conflict.body.detail).toContain('1 employee(s) and 1 team(s)');
      await o().get(`/api/v1/work-schedules/${id}`).expect(200);

      await o().patch(`/api/v1/employees/${emp.id}`, { workScheduleId: null }).expect(200);
      expectProblem(await o().delete(`/api/v1/work-schedules/${id}`), 409, 'work-schedule-in-use');
      const cleared = await o().patch(`/api/v1/teams/${team.id}`, { workScheduleId: null });
      expect(cleared.body.workScheduleId).toBeNull();
      await o().delete(`/api/v1/work-schedules/${id}`).expect(204);

      // Unknown, deleted or another organization's schedule: 404, assignment unchanged.
      const theirs = await as(foreign.accessToken)
        .post('/api/v1/work-schedules', { name: 'Theirs', days: WEEK })
        .expect(201);
      for (const wrong of [id, randomUUID(), theirs.body.id]) {
        expectProblem(
          await o().patch(`/api/v1/employees/${emp.id}`, { workScheduleId: wrong }),
          404,
          'not-found',
        );
        expectProblem(
          await o().patch(`/api/v1/teams/${team.id}`, { workScheduleId: wrong }),
          404,
          'not-found',
        );
      }
      expectProblem(
        await o().patch(`/api/v1/employees/${emp.id}`, { workScheduleId: 'nope' }),
        400,
        'validation-failed',
      );
      expect((await o().get(`/api/v1/employees/${emp.id}`)).body.workScheduleId).toBeNull();
      expect((await o().get(`/api/v1/teams/${team.id}`)).body.workScheduleId).toBeNull();
      expectProblem(await o().get(`/api/v1/work-schedules/${theirs.body.id}`), 404);
      expectProblem(await o().delete(`/api/v1/work-schedules/${theirs.body.id}`), 404);
    });
  });

  describe('holidays', () => {
    it('imports a year of a country’s public holidays in one action, keeping dates already set', async () => {
      const org = await signUp(ctx.app);
      const hrOf = as(org.accessToken);
      await hrOf
        .post('/api/v1/holidays', { date: '2026-12-25', name: 'Our Christmas' })
        .expect(201);

      const first = await hrOf.post('/api/v1/holidays/import', {
        country: 'DE',
        region: 'BY',
        year: 2026,
        language: 'en',
      });
      expect(first.status).toBe(201);
      const created = (first.body.created as { date: string; name: string }[]).map((h) => h.date);
      // Federal days, Bavaria's own (Epiphany, Corpus Christi), Easter Monday on its 2026 date.
      expect(created).toEqual(
        expect.arrayContaining([
          '2026-01-01',
          '2026-01-06',
          '2026-04-06',
          '2026-06-04',
          '2026-10-03',
        ]),
      );
      expect(created).not.toContain('2026-12-25');
      expect(created).not.toContain('2026-12-24'); // an observance, not a day off by law
      expect(first.body.skipped).toEqual([{ date: '2026-12-25', name: 'Christmas Day' }]);
      const listed = (await hrOf.get('/api/v1/holidays?year=2026').expect(200)).body.items as {
        date: string;
        name: string;
      }[];
      expect(listed).toHaveLength(created.length + 1);
      expect(listed.find((h) => h.date === '2026-12-25')?.name).toBe('Our Christmas');
      expect(listed.find((h) => h.date === '2026-04-06')?.name).toBe('Easter Monday');

      // Importing again adds nothing.
      const again = await hrOf
        .post('/api/v1/holidays/import', { country: 'DE', region: 'BY', year: 2026 })
        .expect(201);
      expect(again.body.created).toEqual([]);
      expect(again.body.skipped).toHaveLength(created.length + 1);

      // Names in the language asked for; another organization's calendar is untouched.
      const ua = await as(foreign.accessToken)
        .post('/api/v1/holidays/import', { country: 'UA', year: 2027, language: 'uk' })
        .expect(201);
      expect(ua.body.created).toContainEqual({
        id: expect.any(String),
        date: '2027-01-01',
        name: 'Новий Рік',
      });
      expect((await hrOf.get('/api/v1/holidays?year=2027').expect(200)).body.items).toEqual([]);

      for (const [body, path] of [
        [{ country: 'XX', year: 2026 }, 'country'],
        [{ country: 'de', year: 2026 }, 'country'],
        [{ country: 'DE', region: 'ZZ', year: 2026 }, 'region'],
        [{ country: 'DE', year: 1800 }, 'year'],
        [{ country: 'DE', year: 2026, language: 'fr' }, 'language'],
      ] as [object, string][]) {
        const res = await hrOf.post('/api/v1/holidays/import', body);
        expectProblem(res, 400, 'validation-failed');
        expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      }
      const employeeOfOrg = await createUserWithRole(ctx.app, org.accessToken, 'manager');
      expectProblem(
        await as(employeeOfOrg.accessToken).post('/api/v1/holidays/import', {
          country: 'DE',
          year: 2027,
        }),
        403,
      );
      expect((await hrOf.get('/api/v1/holidays').expect(200)).body.items).toHaveLength(
        created.length + 1,
      );
    });

    it('lists the countries and regions it can import, with names in three languages', async () => {
      const ru = await as(employee.accessToken)
        .get('/api/v1/holidays/countries?language=ru')
        .expect(200);
      const de = (ru.body.items as { code: string; name: string; regions: string[] }[]).find(
        (c) => c.code === 'DE',
      );
      expect(de?.name).toBe('Германия');
      expect(de?.regions).toContain('BY');
      expectProblem(await o().get('/api/v1/holidays/countries?language=xx'), 400);
    });

    it('adds, lists by year and deletes; a second holiday on a date is 409', async () => {
      const h = await o().post('/api/v1/holidays', { date: '2026-12-25', name: 'Christmas' });
      expect(h.status).toBe(201);
      expect(h.body).toEqual({ id: expect.any(String), date: '2026-12-25', name: 'Christmas' });
      await as(hr.accessToken)
        .post('/api/v1/holidays', { date: '2027-01-01', name: 'New Year' })
        .expect(201);
      const dup = await o().post('/api/v1/holidays', { date: '2026-12-25', name: 'Again' });
      expectProblem(dup, 409, 'holiday-date-taken');
      const y2026 = await as(employee.accessToken).get('/api/v1/holidays?year=2026').expect(200);
      expect(y2026.body.items).toEqual([h.body]);
      const all = await o().get('/api/v1/holidays').expect(200);
      expect(all.body.items.map((x: { date: string }) => x.date)).toEqual([
        '2026-12-25',
        '2027-01-01',
      ]);
      // Another organization has its own calendar.
      await as(foreign.accessToken)
        .post('/api/v1/holidays', { date: '2026-12-25', name: 'X' })
        .expect(201);
      expectProblem(await as(foreign.accessToken).delete(`/api/v1/holidays/${h.body.id}`), 404);

      for (const [body, text] of [
        [{ date: '2026-02-30', name: 'x' }, 'calendar day'],
        [{ date: '26-12-25', name: 'x' }, 'YYYY-MM-DD'],
        [{ date: '2026-12-26', name: '' }, 'name'],
      ] as [object, string][]) {
        const res = await o().post('/api/v1/holidays', body);
        expectProblem(res, 400, 'validation-failed');
        expect(res.body.detail).toContain(text);
      }
      expectProblem(
        await as(manager.accessToken).post('/api/v1/holidays', { date: '2026-12-26', name: 'x' }),
        403,
      );
      expectProblem(await as(employee.accessToken).delete(`/api/v1/holidays/${h.body.id}`), 403);
      expect((await o().get('/api/v1/holidays').expect(200)).body.items).toHaveLength(2);
      await o().delete(`/api/v1/holidays/${h.body.id}`).expect(204);
      expectProblem(await o().delete(`/api/v1/holidays/${h.body.id}`), 404);
      expect((await o().get('/api/v1/holidays?year=2026')).body.items).toEqual([]);
    });
  });

  describe('absences', () => {
    const body = (employeeId: string, extra: object = {}) => ({
      employeeId,
      from: '2026-07-06',
      to: '2026-07-10',
      kind: 'vacation',
      ...extra,
    });

    it('is approved when owner/admin/hr file it, requested when an employee files their own', async () => {
      const byOwner = await o().post('/api/v1/absences', body(outsider.id, { note: 'booked' }));
      expect(byOwner.status).toBe(201);
      expect(byOwner.body).toEqual({
        id: expect.any(String),
        employeeId: outsider.id,
        employeeName: outsider.fullName,
        from: '2026-07-06',
        to: '2026-07-10',
        kind: 'vacation',
        status: 'approved',
        note: 'booked',
        createdAt: expect.any(String),
      });
      const byHr = await as(hr.accessToken).post(
        '/api/v1/absences',
        body(emp.id, { kind: 'sick' }),
      );
      expect(byHr.body.status).toBe('approved');
      // Not on the days HR filed: an employee's absences never share a day.
      const own = await as(employee.accessToken).post(
        '/api/v1/absences',
        body(emp.id, { kind: 'other', from: '2026-06-22', to: '2026-06-23' }),
      );
      expect(own.status).toBe(201);
      expect(own.body.status).toBe('requested');

      // An employee for a colleague: 404 (outside their scope); a manager for a team member: 403.
      expectProblem(await as(employee.accessToken).post('/api/v1/absences', body(emp2.id)), 404);
      expectProblem(await as(manager.accessToken).post('/api/v1/absences', body(emp.id)), 403);
      expectProblem(await as(manager.accessToken).post('/api/v1/absences', body(outsider.id)), 404);
      expectProblem(await o().post('/api/v1/absences', body(foreignEmp.id)), 404);
      expectProblem(await o().post('/api/v1/absences', body(randomUUID())), 404);

      const mine = await as(employee.accessToken).get('/api/v1/absences').expect(200);
      expect(mine.body.items.map((a: { id: string }) => a.id).sort()).toEqual(
        [byHr.body.id, own.body.id].sort(),
      );
      const requested = await o().get('/api/v1/absences?status=requested').expect(200);
      expect(requested.body.items.map((a: { id: string }) => a.id)).toEqual([own.body.id]);
      const managers = await as(manager.accessToken).get('/api/v1/absences').expect(200);
      // Team Alpha's absences only (emp's two), not the other team's.
      expect(managers.body.items.map((a: { id: string }) => a.id).sort()).toEqual(
        [byHr.body.id, own.body.id].sort(),
      );
      expectProblem(
        await as(manager.accessToken).get(`/api/v1/absences?employeeId=${outsider.id}`),
        404,
      );
      const outside = await o().get('/api/v1/absences?from=2026-07-11&to=2026-08-01').expect(200);
      expect(outside.body.items).toEqual([]);
      const touching = await o().get(
        `/api/v1/absences?from=2026-07-10&to=2026-07-10&employeeId=${outsider.id}`,
      );
      expect(touching.body.items.map((a: { id: string }) => a.id)).toEqual([byOwner.body.id]);
    });

    it('is approved or rejected by owner/admin/hr or the manager, never by the employee themself', async () => {
      // Each request on a day of its own: an employee's absences never share a day.
      let filed = 0;
      const file = async () => {
        const day = `2026-09-${String(10 + filed++).padStart(2, '0')}`;
        const res = await as(employee.accessToken)
          .post('/api/v1/absences', body(emp.id, { from: day, to: day }))
          .expect(201);
        return res.body.id as string;
      };
      const a = await file();
      expectProblem(await as(employee.accessToken).post(`/api/v1/absences/${a}/approve`), 403);
      expectProblem(await as(employee2.accessToken).post(`/api/v1/absences/${a}/approve`), 404);
      expectProblem(await as(foreign.accessToken).post(`/api/v1/absences/${a}/approve`), 404);
      expectProblem(await o().post(`/api/v1/absences/${randomUUID()}/approve`), 404);
      const approved = await as(manager.accessToken).post(`/api/v1/absences/${a}/approve`);
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('approved');
      await o().post(`/api/v1/absences/${a}/approve`).expect(200);
      expectProblem(await o().post(`/api/v1/absences/${a}/reject`), 409, 'absence-already-decided');

      const b = await file();
      const rejected = await as(hr.accessToken).post(`/api/v1/absences/${b}/reject`).expect(200);
      expect(rejected.body.status).toBe('rejected');
      expectProblem(await o().post(`/api/v1/absences/${b}/approve`), 409);
      const c = await file();
      await as(admin.accessToken).post(`/api/v1/absences/${c}/approve`).expect(200);

      // A manager of another team does not see the absence at all.
      const otherManager = await createUserWithRole(ctx.app, owner.accessToken, 'manager', {
        managesTeamIds: [otherTeam.id],
      });
      const d = await file();
      expectProblem(await as(otherManager.accessToken).post(`/api/v1/absences/${d}/reject`), 404);
      const list = await o().get(`/api/v1/absences?employeeId=${emp.id}`).expect(200);
      const statusOf = new Map(
        list.body.items.map((x: { id: string; status: string }) => [x.id, x.status]),
      );
      expect([a, b, c, d].map((id) => statusOf.get(id))).toEqual([
        'approved',
        'rejected',
        'approved',
        'requested',
      ]);
    });

    it('refuses bad ranges and fields with 400 and stores nothing', async () => {
      const before = (await o().get('/api/v1/absences').expect(200)).body.items.length;
      for (const [extra, text] of [
        [{ from: '2026-07-10', to: '2026-07-09' }, 'to must not be before from'],
        [{ from: '2026-01-01', to: '2027-01-02' }, 'at most 366 days'],
        [{ from: '2026-02-29', to: '2026-03-01' }, 'calendar day'],
        [{ kind: 'holiday' }, 'kind'],
        [{ from: 'tomorrow' }, 'YYYY-MM-DD'],
        [{ employeeId: 'x' }, 'employeeId'],
      ] as [object, string][]) {
        const res = await o().post('/api/v1/absences', body(emp.id, extra));
        expectProblem(res, 400, 'validation-failed');
        expect(res.body.detail).toContain(text);
      }
      // 366 days inclusive is the most.
      await o()
        .post('/api/v1/absences', body(outsider.id, { from: '2028-01-01', to: '2028-12-31' }))
        .expect(201);
      expect((await o().get('/api/v1/absences').expect(200)).body.items).toHaveLength(before + 1);
    });
  });
});
