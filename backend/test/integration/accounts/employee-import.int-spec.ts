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

interface ImportRow {
  row: number;
  line: number;
  status: string;
  email: string;
  employeeId: string | null;
  changes: string[];
  errors: { field: string; message: string }[];
}

describe(`employee CSV import, console users and auto-link (${TEST_DB})`, () => {
  let ctx: TestContext;
  let server: ReturnType<TestContext['app']['getHttpServer']>;
  let owner: SignedUp;
  let other: SignedUp;
  const as = (token: string) => ({
    get: (url: string) => request(server).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string) => request(server).post(url).set('Authorization', `Bearer ${token}`),
    patch: (url: string) => request(server).patch(url).set('Authorization', `Bearer ${token}`),
  });
  const importCsv = (token: string, csv: string, dryRun?: boolean) =>
    as(token)
      .post('/api/v1/employees/import')
      .send({ csv, ...(dryRun === undefined ? {} : { dryRun }) });
  const count = async (sql: string, params: unknown[]): Promise<number> => {
    const rows: { n: number | string }[] = await ctx.dataSource.query(sql, params);
    return Number(rows[0].n);
  };

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    server = ctx.app.getHttpServer();
    owner = await signUp(ctx.app);
    other = await signUp(ctx.app);
  });
  afterAll(async () => {
    await ctx.close();
  });

  describe('POST /employees/import', () => {
    it('previews without writing, imports, and a second import of the same file changes nothing', async () => {
      const manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager');
      const tag = uniqueEmail('x').slice(2, 14);
      const existing = await createEmployee(ctx.app, owner.accessToken, {
        fullName: 'Old Name',
        email: `kept-${tag}@example.test`,
      });
      const csv = [
        'name,email,team,timezone,manager_email',
        `Ada Lovelace,ADA-${tag}@example.test,Analytics ${tag},Europe/London,${manager.user.email}`,
        `"Hopper, Grace",grace-${tag}@example.test,analytics ${tag},,`,
        `New Name,kept-${tag}@example.test,,America/New_York,`,
        `Bad Zone,zone-${tag}@example.test,,Mars/Olympus,`,
        `Bad Mail,not-an-email,,,`,
        `Twice,grace-${tag}@example.test,,,`,
        `No Boss,boss-${tag}@example.test,Ops ${tag},,nobody-${tag}@example.test`,
      ].join('\n');

      const preview = await importCsv(owner.accessToken, csv, true).expect(200);
      expect(preview.body).toMatchObject({
        dryRun: true,
        total: 7,
        created: 2,
        updated: 1,
        unchanged: 0,
        failed: 4,
        teamsCreated: [`Analytics ${tag}`],
      });
      const rows = preview.body.rows as ImportRow[];
      expect(rows.map((r) => r.status)).toEqual([
        'created',
        'created',
        'updated',
        'error',
        'error',
        'error',
        'error',
      ]);
      expect(rows[0]).toMatchObject({ row: 1, line: 2, email: `ada-${tag}@example.test` });
      expect(rows[2]).toMatchObject({ employeeId: existing.id, changes: ['fullName', 'timeZone'] });
      expect(rows[3].errors).toEqual([{ field: 'timezone', message: 'unknown time zone' }]);
      expect(rows[4].errors[0].field).toBe('email');
      expect(rows[5].errors).toEqual([{ field: 'email', message: 'duplicate of row 2' }]);
      expect(rows[6].errors[0].field).toBe('manager_email');
      expect(
        await count('SELECT COUNT(*) AS n FROM employees WHERE organizationId = ?', [
          owner.organization.id,
        ]),
      ).toBe(1);
      expect(
        await count('SELECT COUNT(*) AS n FROM teams WHERE organizationId = ?', [
          owner.organization.id,
        ]),
      ).toBe(0);

      const imported = await importCsv(owner.accessToken, csv).expect(200);
      expect(imported.body).toMatchObject({ dryRun: false, created: 2, updated: 1, failed: 4 });
      const ada = await as(owner.accessToken)
        .get(`/api/v1/employees/${(imported.body.rows as ImportRow[])[0].employeeId}`)
        .expect(200);
      expect(ada.body).toMatchObject({ fullName: 'Ada Lovelace', timeZone: 'Europe/London' });
      const team = await as(owner.accessToken).get(`/api/v1/teams/${ada.body.teamId}`).expect(200);
      expect(team.body).toMatchObject({
        name: `Analytics ${tag}`,
        managerUserIds: [manager.user.id],
      });
      const grace = await as(owner.accessToken)
        .get(`/api/v1/employees/${(imported.body.rows as ImportRow[])[1].employeeId}`)
        .expect(200);
      // Team names match case-insensitively; no time zone: the organization's.
      expect(grace.body).toMatchObject({ fullName: 'Hopper, Grace', teamId: ada.body.teamId });
      expect(grace.body.timeZone).toBe('UTC');
      const kept = await as(owner.accessToken).get(`/api/v1/employees/${existing.id}`).expect(200);
      expect(kept.body).toMatchObject({ fullName: 'New Name', timeZone: 'America/New_York' });

      // The manager now sees the imported team's employees.
      const seen = await as(manager.accessToken).get('/api/v1/employees').expect(200);
      expect((seen.body.items as { id: string }[]).map((e) => e.id).sort()).toEqual(
        [ada.body.id, grace.body.id].sort(),
      );

      const again = await importCsv(owner.accessToken, csv).expect(200);
      expect(again.body).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: 3,
        failed: 4,
        teamsCreated: [],
      });

      const audit: { details: string }[] = await ctx.dataSource.query(
        "SELECT details FROM audit_entries WHERE organizationId = ? AND action = 'employee.imported' ORDER BY seq",
        [owner.organization.id],
      );
      expect(audit.map((a) => JSON.parse(a.details) as unknown)).toEqual([
        { rows: 7, created: 2, updated: 1, unchanged: 0, failed: 4, teamsCreated: 1 },
        { rows: 7, created: 0, updated: 0, unchanged: 3, failed: 4, teamsCreated: 0 },
      ]);
    });

    it('imports 500 rows in a few seconds; a re-import reports all unchanged', async () => {
      const org = await signUp(ctx.app);
      const lines = ['Name;E-mail;Team;Time zone'];
      for (let i = 0; i < 500; i++) {
        lines.push(`Person ${i};p${i}@bulk.example.test;Team ${i % 10};Europe/Kyiv`);
      }
      const csv = `\uFEFF${lines.join('\r\n')}\r\n`;
      const started = Date.now();
      const res = await importCsv(org.accessToken, csv).expect(200);
      const took = Date.now() - started;
      expect(res.body).toMatchObject({ total: 500, created: 500, failed: 0 });
      expect(res.body.teamsCreated).toHaveLength(10);
      expect(took).toBeLessThan(10_000);
      const again = await importCsv(org.accessToken, csv).expect(200);
      expect(again.body).toMatchObject({ total: 500, unchanged: 500 });
      // The other organization's employees with the same emails are not this one's.
      const theirs = await importCsv(other.accessToken, csv, true).expect(200);
      expect(theirs.body).toMatchObject({ created: 500 });
    });

    it('answers 400 for malformed CSV, missing or unknown columns', async () => {
      const malformed = await importCsv(owner.accessToken, 'name,email\n"Ada,ada@x.test\n');
      expect(malformed.status).toBe(400);
      expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(malformed.body.detail).toMatch(/malformed/);
      const missing = await importCsv(owner.accessToken, 'name,team\nAda,Ops\n').expect(400);
      expect(missing.body.detail).toMatch(/"email"/);
      const unknown = await importCsv(owner.accessToken, 'name,email,salary\n').expect(400);
      expect(unknown.body.detail).toMatch(/salary/);
      await importCsv(owner.accessToken, '').expect(400);
      await as(owner.accessToken)
        .post('/api/v1/employees/import')
        .send({ csv: 'name,email\n', extra: 1 })
        .expect(400);
    });

    it('refuses 5,001 rows and bodies over the limit with 413', async () => {
      const rows = ['name,email'];
      for (let i = 0; i < 5001; i++) rows.push(`P ${i},r${i}@many.example.test`);
      const tooMany = await importCsv(owner.accessToken, rows.join('\n'), true);
      expect(tooMany.status).toBe(413);
      expect(tooMany.body.detail).toMatch(/5,000/);
      const huge = await importCsv(owner.accessToken, `name,email\n${'x'.repeat(2_200_000)}`, true);
      expect(huge.status).toBe(413);
    });

    it('is for owner, admin and hr only', async () => {
      const csv = `name,email\nRole Test,role-${uniqueEmail('r')}\n`;
      const manager = await createUserWithRole(ctx.app, owner.accessToken, 'manager');
      const employee = await createUserWithRole(ctx.app, owner.accessToken, 'employee');
      await importCsv(manager.accessToken, csv, true).expect(403);
      await importCsv(employee.accessToken, csv, true).expect(403);
      const hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
      await importCsv(hr.accessToken, csv, true).expect(200);
      const admin = await createUserWithRole(ctx.app, owner.accessToken, 'admin');
      await importCsv(admin.accessToken, csv, true).expect(200);
    });

    it("never touches another organization's teams, employees or users", async () => {
      const theirTeam = await createTeam(ctx.app, other.accessToken, 'Shared Name');
      const theirs = await createEmployee(ctx.app, other.accessToken, {
        fullName: 'Their Person',
        email: uniqueEmail('theirs'),
        teamId: theirTeam.id,
      });
      const theirManager = await createUserWithRole(ctx.app, other.accessToken, 'manager');
      const csv = [
        'name,email,team,manager_email',
        `Renamed,${theirs.email},Shared Name,`,
        `Someone,${uniqueEmail('s')},Shared Name,${theirManager.user.email}`,
      ].join('\n');
      const res = await importCsv(owner.accessToken, csv).expect(200);
      const rows = res.body.rows as ImportRow[];
      expect(rows[0].status).toBe('created');
      expect(rows[1].errors[0].field).toBe('manager_email');
      expect(res.body.teamsCreated).toEqual(['Shared Name']);
      const still = await as(other.accessToken).get(`/api/v1/employees/${theirs.id}`).expect(200);
      expect(still.body).toMatchObject({ fullName: 'Their Person', teamId: theirTeam.id });
      const team = await as(other.accessToken).get(`/api/v1/teams/${theirTeam.id}`).expect(200);
      expect(team.body.managerUserIds).toEqual([]);
    });
  });

  describe('console users', () => {
    it('links and unlinks a login to an employee, shown on both sides; 409 when taken', async () => {
      const employee = await createEmployee(ctx.app, owner.accessToken);
      const user = await createUserWithRole(ctx.app, owner.accessToken, 'manager');
      const second = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
      const linked = await as(owner.accessToken)
        .patch(`/api/v1/users/${user.user.id}`)
        .send({ employeeId: employee.id })
        .expect(200);
      expect(linked.body).toMatchObject({
        employeeId: employee.id,
        employeeFullName: employee.fullName,
        lastSignInAt: expect.any(String),
      });
      const shown = await as(owner.accessToken).get(`/api/v1/employees/${employee.id}`).expect(200);
      expect(shown.body.login).toMatchObject({ userId: user.user.id, email: user.user.email });
      const taken = await as(owner.accessToken)
        .patch(`/api/v1/users/${second.user.id}`)
        .send({ employeeId: employee.id })
        .expect(409);
      expect(taken.body.code ?? taken.body.type).toMatch(/employee-linked/);
      const foreign = await createEmployee(ctx.app, other.accessToken);
      await as(owner.accessToken)
        .patch(`/api/v1/users/${second.user.id}`)
        .send({ employeeId: foreign.id })
        .expect(404);
      const list = await as(owner.accessToken).get('/api/v1/users?pageSize=200').expect(200);
      const row = (list.body.items as { id: string; employeeFullName: string | null }[]).find(
        (u) => u.id === user.user.id,
      );
      expect(row?.employeeFullName).toBe(employee.fullName);
      await as(owner.accessToken)
        .patch(`/api/v1/users/${user.user.id}`)
        .send({ employeeId: null })
        .expect(200);
      const unlinked = await as(owner.accessToken)
        .get(`/api/v1/employees/${employee.id}`)
        .expect(200);
      expect(unlinked.body.login).toBeNull();
    });
  });

  describe('auto-link on accepting an invitation', () => {
    const invite = async (token: string, email: string, employeeId?: string) => {
      const res = await as(token)
        .post('/api/v1/invitations')
        .send({ email, role: 'employee', ...(employeeId ? { employeeId } : {}) })
        .expect(201);
      return res.body.token as string;
    };
    const accept = (token: string) =>
      request(server)
        .post('/api/v1/invitations/accept')
        .send({ token, password: 'correct-horse-battery-staple-42' })
        .expect(200);

    it("links the new user to the organization's employee with the same email", async () => {
      const email = uniqueEmail('auto');
      const employee = await createEmployee(ctx.app, owner.accessToken, { email });
      // The same email in another organization is not a match.
      await createEmployee(ctx.app, other.accessToken, { email });
      const accepted = await accept(await invite(owner.accessToken, email.toUpperCase()));
      expect(accepted.body.user.employeeId).toBe(employee.id);
      // An employee can see their own record at once.
      await as(accepted.body.accessToken).get(`/api/v1/employees/${employee.id}`).expect(200);
    });

    it('does not link when the employee already has a login, or none has the email', async () => {
      const email = uniqueEmail('taken');
      const employee = await createEmployee(ctx.app, owner.accessToken, { email });
      const first = await accept(await invite(owner.accessToken, uniqueEmail(), employee.id));
      expect(first.body.user.employeeId).toBe(employee.id);
      const second = await accept(await invite(owner.accessToken, email));
      expect(second.body.user.employeeId).toBeNull();
      const nobody = await accept(await invite(owner.accessToken, uniqueEmail('nobody')));
      expect(nobody.body.user.employeeId).toBeNull();
    });
  });
});
