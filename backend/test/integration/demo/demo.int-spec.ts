import request from 'supertest';
import {
  createEmployee,
  createUserWithRole,
  signUp,
  type SignedUp,
} from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { DemoService } from '#src/modules/demo/demo.service.js';
import { expectedSummary, remains, reportRange } from './demo-expectations.js';

interface Status {
  state: string;
  canLoad: boolean;
  reason: string | null;
  counts: { teams: number; employees: number; rules: number };
  progress: { done: number; total: number } | null;
  seed: number | null;
  startedAt: string | null;
}

interface SummaryRow {
  employeeId: string;
  fullName: string;
  activeSeconds: number;
  idleSeconds: number;
  productiveSeconds: number;
  neutralSeconds: number;
  unproductiveSeconds: number;
  firstActivityAt: string;
}

describe(`demo data (${TEST_DB})`, () => {
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  const http = () => request(ctx.app.getHttpServer());
  const as = (token: string) => ({
    get: (url: string) => http().get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object = {}) =>
      http().post(url).set('Authorization', `Bearer ${token}`).send(body),
    del: (url: string) => http().delete(url).set('Authorization', `Bearer ${token}`),
  });
  const status = async () => {
    const res = await as(owner.accessToken).get('/api/v1/demo');
    expect(res.status).toBe(200);
    return res.body as Status;
  };

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_DEMO_DATA: 'true' });
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app);
  });
  afterAll(async () => {
    await jobs.close();
    await ctx.close();
  });

  it('refuses bad input and other roles with problems, never a 500', async () => {
    for (const body of [
      { employees: 0 },
      { employees: 201 },
      { days: 93 },
      { employees: 'many' },
      { seed: 1.5 },
      { surprise: true },
    ]) {
      const res = await as(owner.accessToken).post('/api/v1/demo', body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const hr = await createUserWithRole(ctx.app, owner.accessToken, 'hr');
    expect((await as(hr.accessToken).post('/api/v1/demo', {})).status).toBe(403);
    expect((await as(hr.accessToken).get('/api/v1/demo')).status).toBe(403);
    expect((await http().get('/api/v1/demo')).status).toBe(401);
    const none = await as(owner.accessToken).del('/api/v1/demo');
    expect(none.status).toBe(409);
    expect(none.body.detail).toMatch(/no demo data/i);
  });

  it('loads a seeded organization whose reports show exactly what the generator sent, then removes every trace', async () => {
    expect(await status()).toMatchObject({ state: 'none', canLoad: true, reason: null });
    const options = { employees: 6, days: 10, seed: 42 };
    const accepted = await as(owner.accessToken).post('/api/v1/demo', options);
    expect(accepted.status).toBe(202);
    expect(['loading', 'loaded']).toContain(accepted.body.state);
    const loaded = await eventually(async () => {
      const s = await status();
      return s.state === 'loaded' ? s : null;
    }, 120_000);
    expect(loaded).toMatchObject({
      canLoad: false,
      counts: { teams: 4, employees: 6, rules: 4 },
      progress: null,
      seed: 42,
    });
    const again = await as(owner.accessToken).post('/api/v1/demo', options);
    expect(again.status).toBe(409);

    const lastDay = ctx.app.get(DemoService).lastDay(new Date(loaded.startedAt as string));
    const generated = { ...options, lastDay };
    const expected = expectedSummary(generated);
    const { from, to } = reportRange(generated);
    const employees = (await as(owner.accessToken).get('/api/v1/employees?pageSize=200')).body
      .items as { id: string; email: string; fullName: string; timeZone: string }[];
    expect(employees).toHaveLength(6);
    expect(new Set(employees.map((e) => e.timeZone)).size).toBeGreaterThan(1);
    const summary = await as(owner.accessToken).get(
      `/api/v1/reports/summary?from=${from}&to=${to}`,
    );
    expect(summary.status).toBe(200);
    const rows = summary.body.rows as SummaryRow[];
    expect(rows).toHaveLength(expected.length);
    for (const want of expected) {
      const employee = employees.find((e) => e.email === want.email);
      const row = rows.find((r) => r.employeeId === employee?.id);
      expect({
        email: want.email,
        ...row,
        firstActivityAt: row && new Date(row.firstActivityAt).toISOString(),
      }).toMatchObject({
        email: want.email,
        activeSeconds: want.activeSeconds,
        idleSeconds: want.idleSeconds,
        productiveSeconds: want.productiveSeconds,
        neutralSeconds: want.neutralSeconds,
        unproductiveSeconds: want.unproductiveSeconds,
        firstActivityAt: new Date(want.firstActivityAt).toISOString(),
      });
    }
    // A working month: hours per person per weekday, not minutes.
    const total = expected.reduce((s, r) => s + r.activeSeconds, 0);
    expect(total / 6).toBeGreaterThan(5 * 6 * 3600);
    const usage = await as(owner.accessToken).get(`/api/v1/reports/usage?from=${from}&to=${to}`);
    expect(usage.status).toBe(200);
    const names = (usage.body.rows as { name: string; productivity: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['Zoiper', 'github.com', 'demo.zendesk.com']));
    const notice = await as(owner.accessToken).get('/api/v1/privacy/notice/missing');
    if (notice.status === 200) expect(notice.body.items).toHaveLength(0);

    const ids = [
      ...employees.map((e) => e.id),
      ...(
        await ctx.dataSource.query<{ id: string }[]>(
          'SELECT id FROM devices WHERE employeeId IN (?, ?, ?, ?, ?, ?)',
          employees.map((e) => e.id),
        )
      ).map((d) => d.id),
    ];
    expect(ids).toHaveLength(12);
    const personal = employees.flatMap((e) => [e.email, e.fullName]);

    const removing = await as(owner.accessToken).del('/api/v1/demo');
    expect(removing.status).toBe(202);
    const gone = await eventually(async () => {
      const s = await status();
      return s.state === 'none' ? s : null;
    }, 120_000);
    expect(gone).toMatchObject({ canLoad: true, counts: { teams: 0, employees: 0, rules: 0 } });
    expect(await remains(ctx.dataSource, ids, personal)).toEqual([]);
    const after = await as(owner.accessToken).get(`/api/v1/reports/summary?from=${from}&to=${to}`);
    expect(after.body.rows).toEqual([]);
    const teams = await as(owner.accessToken).get('/api/v1/teams');
    expect(teams.body.items).toEqual([]);
    expect((await as(owner.accessToken).get(`/api/v1/employees/${employees[0].id}`)).status).toBe(
      404,
    );
  }, 300_000);

  it('is refused in an organization that has employees of its own', async () => {
    await createEmployee(ctx.app, owner.accessToken);
    expect(await status()).toMatchObject({ state: 'none', canLoad: false });
    const res = await as(owner.accessToken).post('/api/v1/demo', {});
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/already has 1 employee/);
  });
});
