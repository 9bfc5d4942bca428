import request from 'supertest';
import { signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';

const DAY = '2026-03-03';

// Answers under /api/v1 carry personal or account data, errors included: none may be cached.
describe(`Cache-Control on /api/v1 (${TEST_DB})`, () => {
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  const http = () => request(ctx.app.getHttpServer());

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app);
  });
  afterAll(async () => {
    await jobs.close();
    await ctx.close();
  });

  const noStore = (res: request.Response) => {
    expect(res.headers['cache-control']).toMatch(/(^|[ ,])no-store(,|$)/);
  };

  it('sends no-store on 2xx answers, with and without a token', async () => {
    noStore(await http().get('/api/v1/health').expect(200));
    noStore(
      await http()
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(200),
    );
    noStore(
      await http()
        .post('/api/v1/teams')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .send({ name: 'Cache team' })
        .expect(201),
    );
    // Express routes match case-insensitively: the same answer under another spelling is covered.
    noStore(
      await http()
        .get('/API/V1/me')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(200),
    );
  });

  it('sends no-store on problem answers: 400, 401, 404, and errors raised before routing', async () => {
    const unauthorized = await http().get('/api/v1/me').expect(401);
    expect(unauthorized.headers['content-type']).toMatch(/^application\/problem\+json/);
    noStore(unauthorized);
    noStore(
      await http()
        .post('/api/v1/teams')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .send({ name: '' })
        .expect(400),
    );
    noStore(
      await http()
        .get('/api/v1/employees/00000000-0000-4000-8000-000000000000')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(404),
    );
    noStore(await http().get('/api/v1/no-such-route').expect(404));
    noStore(
      await http()
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email":')
        .expect(400),
    );
  });

  it('keeps a download on its own private, no-store policy', async () => {
    const created = await http()
      .post('/api/v1/exports')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({ report: 'summary', format: 'csv', from: DAY, to: DAY })
      .expect(202);
    noStore(created);
    const done = await eventually(async () => {
      const res = await http()
        .get(`/api/v1/exports/${created.body.id}`)
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(200);
      noStore(res);
      const body = res.body as { status: string; downloadUrl?: string };
      return body.status === 'completed' && body;
    }, 60_000);
    const file = await http()
      .get(done.downloadUrl ?? '')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment/);
    expect(file.headers['cache-control']).toBe('private, no-store');
  });

  it('leaves answers outside /api/v1 to their own policy', async () => {
    const docs = await http().get('/api/docs-json').expect(200);
    expect(docs.headers['cache-control'] ?? '').not.toContain('no-store');
  });
});
