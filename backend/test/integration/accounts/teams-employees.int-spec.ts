import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  createEmployee,
  createTeam,
  createUserWithRole,
  signUp,
  uniqueEmail,
  type SignedUp,
} from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';

function expectProblem(res: request.Response, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.status).toBe(status);
}

describe(`teams and employees (${TEST_DB})`, () => {
  let ctx: TestContext;
  let server: ReturnType<TestContext['app']['getHttpServer']>;
  let owner: SignedUp;
  let stranger: SignedUp;
  const as = (token: string) => ({
    get: (url: string) => request(server).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string) => request(server).post(url).set('Authorization', `Bearer ${token}`),
    patch: (url: string) => request(server).patch(url).set('Authorization', `Bearer ${token}`),
    put: (url: string) => request(server).put(url).set('Authorization', `Bearer ${token}`),
    delete: (url: string) => request(server).delete(url).set('Authorization', `Bearer ${token}`),
  });

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    server = ctx.app.getHttpServer();
    owner = await signUp(ctx.app);
    stranger = await signUp(ctx.app);
  });
  afterAll(async () => {
    await ctx.close();
  });

  describe('POST /teams', () => {
    it('answers 201 { id, name } and 409 for a duplicate name in the same organization', async () => {
      const res = await as(owner.accessToken).post('/api/v1/teams').send({ name: ' Support ' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), name: 'Support' });
      expectProblem(
        await as(owner.accessToken).post('/api/v1/teams').send({ name: 'Support' }),
        409,
      );
      // Another organization may use the same name.
      await as(stranger.accessToken).post('/api/v1/teams').send({ name: 'Support' }).expect(201);
    });

    it('answers 400 for bad bodies and 401 without a token', async () => {
      for (const body of [
        {},
        { name: '' },
        { name: 7 },
        { name: 'x'.repeat(201) },
        { name: 'A', x: 1 },
      ]) {
        const res = await as(owner.accessToken).post('/api/v1/teams').send(body);
        expectProblem(res, 400);
        expect(res.body.errors.length).toBeGreaterThan(0);
      }
      expectProblem(await request(server).post('/api/v1/teams').send({ name: 'A' }), 401);
    });

    it('answers 403 for roles without teams:manage', async () => {
      for (const role of ['hr', 'manager', 'employee'] as const) {
        const user = await createUserWithRole(ctx.app, owner.accessToken, role);
        expectProblem(
          await as(user.accessToken)
            .post('/api/v1/teams')
            .send({ name: `T-${role}` }),
          403,
        );
      }
    });
  });

  describe('teams list, get, update, delete, managers', () => {
    it('paginates and searches teams of the own organization only', async () => {
      const org = await signUp(ctx.app);
      for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']) {
        await createTeam(ctx.app, org.accessToken, name);
      }
      const page1 = await as(org.accessToken).get('/api/v1/teams?page=1&pageSize=2').expect(200);
      expect(page1.body).toMatchObject({ page: 1, pageSize: 2, total: 5 });
      expect(page1.body.items.map((t: { name: string }) => t.name)).toEqual(['Alpha', 'Bravo']);
      const page3 = await as(org.accessToken).get('/api/v1/teams?page=3&pageSize=2').expect(200);
      expect(page3.body.items.map((t: { name: string }) => t.name)).toEqual(['Echo']);
      const search = await as(org.accessToken).get('/api/v1/teams?search=ar').expect(200);
      expect(search.body.items.map((t: { name: string }) => t.name)).toEqual(['Charlie']);
      for (const bad of ['page=0', 'pageSize=500', 'page=abc', 'unknown=1']) {
        expectProblem(await as(org.accessToken).get(`/api/v1/teams?${bad}`), 400);
      }
    });

    it("renames and deletes a team; another organization's team answers 404", async () => {
      const team = await createTeam(ctx.app, owner.accessToken);
      const employee = await createEmployee(ctx.app, owner.accessToken, { teamId: team.id });
      const renamed = await as(owner.accessToken)
        .patch(`/api/v1/teams/${team.id}`)
        .send({ name: 'Renamed team' })
        .expect(200);
      expect(renamed.body.name).toBe('Renamed team');
      expectProblem(
        await as(owner.accessToken).patch(`/api/v1/teams/${team.id}`).send({ name: null }),
        400,
      );
      for (const call of [
        as(stranger.accessToken).get(`/api/v1/teams/${team.id}`),
        as(stranger.accessToken).patch(`/api/v1/teams/${team.id}`).send({ name: 'Mine' }),
        as(stranger.accessToken).delete(`/api/v1/teams/${team.id}`),
        as(stranger.accessToken).put(`/api/v1/teams/${team.id}/managers`).send({ userIds: [] }),
        as(owner.accessToken).get(`/api/v1/teams/${randomUUID()}`),
      ]) {
        expectProblem(await call, 404);
      }
      expectProblem(await as(owner.accessToken).get('/api/v1/teams/not-a-uuid'), 400);
      await as(owner.accessToken).delete(`/api/v1/teams/${team.id}`).expect(204);
      expectProblem(await as(owner.accessToken).get(`/api/v1/teams/${team.id}`), 404);
      const orphan = await as(owner.accessToken)
        .get(`/api/v1/employees/${employee.id}`)
        .expect(200);
      expect(orphan.body.teamId).toBeNull();
    });

    it("sets managers from the own organization only; another organization's user answers 404", async () => {
      const team = await createTeam(ctx.app, owner.accessToken);
      const manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager');
      const res = await as(owner.accessToken)
        .put(`/api/v1/teams/${team.id}/managers`)
        .send({ userIds: [manager.user.id] })
        .expect(200);
      expect(res.body.managerUserIds).toEqual([manager.user.id]);
      expectProblem(
        await as(owner.accessToken)
          .put(`/api/v1/teams/${team.id}/managers`)
          .send({ userIds: [stranger.user.id] }),
        404,
      );
      for (const body of [
        { userIds: ['nope'] },
        { userIds: 'x' },
        {},
        { userIds: [manager.user.id, manager.user.id] },
      ]) {
        expectProblem(
          await as(owner.accessToken).put(`/api/v1/teams/${team.id}/managers`).send(body),
          400,
        );
      }
      const cleared = await as(owner.accessToken)
        .put(`/api/v1/teams/${team.id}/managers`)
        .send({ userIds: [] })
        .expect(200);
      expect(cleared.body.managerUserIds).toEqual([]);
    });
  });

  describe('POST /employees', () => {
    it("answers 201 with the organization's zone by default and an explicit IANA zone when given", async () => {
      const org = await signUp(ctx.app);
      const plain = await as(org.accessToken)
        .post('/api/v1/employees')
        .send({ fullName: 'Plain Person', email: uniqueEmail() })
        .expect(201);
      expect(plain.body).toEqual({
        id: expect.any(String),
        fullName: 'Plain Person',
        email: expect.any(String),
        teamId: null,
        timeZone: 'UTC',
        workScheduleId: null,
        status: 'active',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      await as(org.accessToken)
        .patch('/api/v1/organizations/current')
        .send({ defaultTimeZone: 'America/New_York' })
        .expect(200);
      const inherited = await createEmployee(ctx.app, org.accessToken);
      expect(inherited.timeZone).toBe('America/New_York');
      const explicit = await createEmployee(ctx.app, org.accessToken, { timeZone: 'Asia/Kolkata' });
      expect(explicit.timeZone).toBe('Asia/Kolkata');
    });

    it('answers 400 for invalid time zones and other bad input', async () => {
      for (const timeZone of ['Mars/Olympus', '+02:00', 'UTC+2', '', 'x'.repeat(100), 5]) {
        const res = await as(owner.accessToken)
          .post('/api/v1/employees')
          .send({ fullName: 'Z', email: uniqueEmail(), timeZone });
        expectProblem(res, 400);
        expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('timeZone');
      }
      for (const body of [
        { fullName: 'No Email' },
        { fullName: 'Bad', email: 'nope' },
        { fullName: ['x'], email: uniqueEmail() },
        { fullName: 'x'.repeat(201), email: uniqueEmail() },
        { fullName: 'Team', email: uniqueEmail(), teamId: 'not-a-uuid' },
        { fullName: 'Extra', email: uniqueEmail(), role: 'owner' },
      ]) {
        expectProblem(await as(owner.accessToken).post('/api/v1/employees').send(body), 400);
      }
    });

    it('answers 409 for an email taken in the same organization only', async () => {
      const email = uniqueEmail();
      await createEmployee(ctx.app, owner.accessToken, { email });
      expectProblem(
        await as(owner.accessToken)
          .post('/api/v1/employees')
          .send({ fullName: 'Dup', email: email.toUpperCase() }),
        409,
      );
      await createEmployee(ctx.app, stranger.accessToken, { email });
    });

    it('answers 404 for a teamId of another organization', async () => {
      const foreignTeam = await createTeam(ctx.app, stranger.accessToken);
      expectProblem(
        await as(owner.accessToken)
          .post('/api/v1/employees')
          .send({ fullName: 'X', email: uniqueEmail(), teamId: foreignTeam.id }),
        404,
      );
    });
  });

  describe('employees read, update, deactivate, delete', () => {
    it("answers 404 for another organization's employee on every route", async () => {
      const employee = await createEmployee(ctx.app, owner.accessToken);
      const s = as(stranger.accessToken);
      for (const call of [
        s.get(`/api/v1/employees/${employee.id}`),
        s.patch(`/api/v1/employees/${employee.id}`).send({ fullName: 'Mine' }),
        s.post(`/api/v1/employees/${employee.id}/deactivate`),
        s.post(`/api/v1/employees/${employee.id}/activate`),
        s.delete(`/api/v1/employees/${employee.id}`),
      ]) {
        expectProblem(await call, 404);
      }
      const list = await s.get('/api/v1/employees?pageSize=200').expect(200);
      expect(list.body.items.map((e: { id: string }) => e.id)).not.toContain(employee.id);
      expectProblem(await as(owner.accessToken).get('/api/v1/employees/123'), 400);
    });

    it('updates fields, moves teams, clears the team with null, and refuses a taken email', async () => {
      const team = await createTeam(ctx.app, owner.accessToken);
      const employee = await createEmployee(ctx.app, owner.accessToken);
      const other = await createEmployee(ctx.app, owner.accessToken);
      const updated = await as(owner.accessToken)
        .patch(`/api/v1/employees/${employee.id}`)
        .send({ fullName: 'New Name', teamId: team.id, timeZone: 'Europe/Berlin' })
        .expect(200);
      expect(updated.body).toMatchObject({
        fullName: 'New Name',
        teamId: team.id,
        timeZone: 'Europe/Berlin',
      });
      const cleared = await as(owner.accessToken)
        .patch(`/api/v1/employees/${employee.id}`)
        .send({ teamId: null })
        .expect(200);
      expect(cleared.body.teamId).toBeNull();
      expectProblem(
        await as(owner.accessToken)
          .patch(`/api/v1/employees/${employee.id}`)
          .send({ email: other.email }),
        409,
      );
      expectProblem(
        await as(owner.accessToken)
          .patch(`/api/v1/employees/${employee.id}`)
          .send({ fullName: null }),
        400,
      );
      expectProblem(
        await as(owner.accessToken)
          .patch(`/api/v1/employees/${employee.id}`)
          .send({ timeZone: 'Nowhere/City' }),
        400,
      );
    });

    it('deactivates, reactivates and deletes', async () => {
      const employee = await createEmployee(ctx.app, owner.accessToken);
      const off = await as(owner.accessToken)
        .post(`/api/v1/employees/${employee.id}/deactivate`)
        .expect(200);
      expect(off.body.status).toBe('deactivated');
      const filtered = await as(owner.accessToken)
        .get('/api/v1/employees?status=deactivated&pageSize=200')
        .expect(200);
      expect(filtered.body.items.map((e: { id: string }) => e.id)).toContain(employee.id);
      const on = await as(owner.accessToken)
        .post(`/api/v1/employees/${employee.id}/activate`)
        .expect(200);
      expect(on.body.status).toBe('active');
      await as(owner.accessToken).delete(`/api/v1/employees/${employee.id}`).expect(204);
      expectProblem(await as(owner.accessToken).get(`/api/v1/employees/${employee.id}`), 404);
    });

    it('lists with pagination, team filter and search (wildcards matched literally)', async () => {
      const org = await signUp(ctx.app);
      const team = await createTeam(ctx.app, org.accessToken);
      await createEmployee(ctx.app, org.accessToken, {
        fullName: 'Anna 100% Sure',
        teamId: team.id,
      });
      await createEmployee(ctx.app, org.accessToken, { fullName: 'Boris Beta', teamId: team.id });
      await createEmployee(ctx.app, org.accessToken, { fullName: 'Carla Gamma' });
      const all = await as(org.accessToken).get('/api/v1/employees?pageSize=2').expect(200);
      expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(all.body.items.map((e: { fullName: string }) => e.fullName)).toEqual([
        'Anna 100% Sure',
        'Boris Beta',
      ]);
      const inTeam = await as(org.accessToken)
        .get(`/api/v1/employees?teamId=${team.id}`)
        .expect(200);
      expect(inTeam.body.total).toBe(2);
      const pct = await as(org.accessToken).get('/api/v1/employees?search=0%25').expect(200);
      expect(pct.body.items.map((e: { fullName: string }) => e.fullName)).toEqual([
        'Anna 100% Sure',
      ]);
      const underscore = await as(org.accessToken).get('/api/v1/employees?search=_').expect(200);
      expect(underscore.body.total).toBe(0);
      expectProblem(await as(org.accessToken).get(`/api/v1/employees?teamId=${randomUUID()}`), 404);
      expectProblem(await as(org.accessToken).get('/api/v1/employees?teamId=zzz'), 400);
      expectProblem(await as(org.accessToken).get('/api/v1/employees?status=gone'), 400);
    });
  });

  describe('scopes by role', () => {
    it('a manager sees only the teams they manage and their employees', async () => {
      const org = await signUp(ctx.app);
      const mine = await createTeam(ctx.app, org.accessToken, 'Mine');
      const theirs = await createTeam(ctx.app, org.accessToken, 'Theirs');
      const inMine = await createEmployee(ctx.app, org.accessToken, { teamId: mine.id });
      const inTheirs = await createEmployee(ctx.app, org.accessToken, { teamId: theirs.id });
      const noTeam = await createEmployee(ctx.app, org.accessToken);
      const manager = await createUserWithRole(ctx.app, org.accessToken, 'manager', {
        managesTeamIds: [mine.id],
      });
      const m = as(manager.accessToken);
      const teams = await m.get('/api/v1/teams').expect(200);
      expect(teams.body.items.map((t: { id: string }) => t.id)).toEqual([mine.id]);
      await m.get(`/api/v1/teams/${mine.id}`).expect(200);
      expectProblem(await m.get(`/api/v1/teams/${theirs.id}`), 404);
      const list = await m.get('/api/v1/employees').expect(200);
      expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([inMine.id]);
      await m.get(`/api/v1/employees/${inMine.id}`).expect(200);
      expectProblem(await m.get(`/api/v1/employees/${inTheirs.id}`), 404);
      expectProblem(await m.get(`/api/v1/employees/${noTeam.id}`), 404);
      expectProblem(await m.get(`/api/v1/employees?teamId=${theirs.id}`), 404);
      expectProblem(await m.patch(`/api/v1/employees/${inMine.id}`).send({ fullName: 'X' }), 403);
      expectProblem(
        await m.post('/api/v1/employees').send({ fullName: 'X', email: uniqueEmail() }),
        403,
      );
    });

    it('an employee sees only themself', async () => {
      const org = await signUp(ctx.app);
      const self = await createEmployee(ctx.app, org.accessToken);
      const colleague = await createEmployee(ctx.app, org.accessToken);
      const user = await createUserWithRole(ctx.app, org.accessToken, 'employee', {
        employeeId: self.id,
      });
      expect(user.user.employeeId).toBe(self.id);
      const e = as(user.accessToken);
      const list = await e.get('/api/v1/employees').expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([self.id]);
      await e.get(`/api/v1/employees/${self.id}`).expect(200);
      expectProblem(await e.get(`/api/v1/employees/${colleague.id}`), 404);
      expectProblem(await e.get('/api/v1/teams'), 403);
      expectProblem(await e.get('/api/v1/users'), 403);
    });

    it('hr sees and manages every employee but not teams', async () => {
      const org = await signUp(ctx.app);
      const employee = await createEmployee(ctx.app, org.accessToken);
      const hr = await createUserWithRole(ctx.app, org.accessToken, 'hr');
      await as(hr.accessToken).get(`/api/v1/employees/${employee.id}`).expect(200);
      await as(hr.accessToken)
        .patch(`/api/v1/employees/${employee.id}`)
        .send({ fullName: 'By HR' })
        .expect(200);
      await as(hr.accessToken).get('/api/v1/teams').expect(200);
      expectProblem(await as(hr.accessToken).post('/api/v1/teams').send({ name: 'HR team' }), 403);
    });
  });
});
