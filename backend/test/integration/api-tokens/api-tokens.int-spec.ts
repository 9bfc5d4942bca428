import request from 'supertest';
import {
  createEmployee,
  createUserWithRole,
  signUp,
  type SignedUp,
} from '#test/factories/accounts.factory.js';
import { ApiTokenEntity } from '#src/modules/api-tokens/entities/api-token.entity.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';

interface Created {
  id: string;
  token: string;
  scopes: string[];
  status: string;
  expiresAt: string | null;
}

describe(`API tokens (${TEST_DB})`, () => {
  let ctx: TestContext;
  let server: ReturnType<TestContext['app']['getHttpServer']>;
  let orgA: SignedUp;
  let orgB: SignedUp;
  const bearer = (token: string) => ({
    get: (url: string) => request(server).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string) => request(server).post(url).set('Authorization', `Bearer ${token}`),
    patch: (url: string) => request(server).patch(url).set('Authorization', `Bearer ${token}`),
  });
  const createToken = async (token: string, body: Record<string, unknown>) => {
    const res = await bearer(token).post('/api/v1/api-tokens').send(body);
    expect(res.status).toBe(201);
    return res.body as Created;
  };

  beforeAll(async () => {
    ctx = await startTestApp({ ALLOW_SIGNUP: 'true' });
    server = ctx.app.getHttpServer();
    orgA = await signUp(ctx.app);
    orgB = await signUp(ctx.app);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('a service token reads its own organization and answers 404 for another one', async () => {
    const employeeA = await createEmployee(ctx.app, orgA.accessToken);
    const employeeB = await createEmployee(ctx.app, orgB.accessToken);
    const svc = await createToken(orgA.accessToken, {
      name: 'HR sync',
      kind: 'service',
      scopes: ['employees:read', 'reports:read'],
      expiresInDays: null,
    });
    expect(svc.token).toMatch(/^ctx_svc_[A-Za-z0-9_-]{43}$/);
    expect(svc.expiresAt).toBeNull();
    const api = bearer(svc.token);
    expect((await api.get(`/api/v1/employees/${employeeA.id}`)).status).toBe(200);
    const other = await api.get(`/api/v1/employees/${employeeB.id}`);
    expect(other.status).toBe(404);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    const summary = await api.get('/api/v1/reports/summary?from=2026-01-01&to=2026-01-02');
    expect(summary.status).toBe(200);
  });

  it('stores only a hash, records last use and audits every call', async () => {
    const pat = await createToken(orgA.accessToken, {
      name: 'script',
      kind: 'personal',
      scopes: ['employees:read'],
    });
    expect(pat.token).toMatch(/^ctx_pat_/);
    const rows: Record<string, unknown>[] = await ctx.dataSource.query('SELECT * FROM api_tokens');
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(pat.token);
    expect(dump).not.toContain(pat.token.slice(12));
    expect((await bearer(pat.token).get('/api/v1/employees')).status).toBe(200);
    const list = await bearer(orgA.accessToken).get('/api/v1/api-tokens');
    expect(list.status).toBe(200);
    const mine = (list.body.items as Record<string, unknown>[]).find((t) => t.id === pat.id)!;
    expect(mine.lastUsedAt).not.toBeNull();
    expect(mine.lastUsedAddress).toBeTruthy();
    expect(mine).not.toHaveProperty('token');
    const audit = await bearer(orgA.accessToken).get('/api/v1/audit?pageSize=200');
    expect(audit.status).toBe(200);
    const used = (
      audit.body.items as { action: string; targetId: string; details: unknown }[]
    ).filter((e) => e.action === 'api-token.used' && e.targetId === pat.id);
    expect(used.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(used[0].details)).toContain('/api/v1/employees');
  });

  it('a missing scope is a 403 naming it; routes without scopes refuse tokens', async () => {
    const pat = await createToken(orgA.accessToken, {
      name: 'read only',
      kind: 'personal',
      scopes: ['employees:read'],
    });
    const res = await bearer(pat.token).post('/api/v1/employees').send({
      fullName: 'X',
      email: 'x-scope@example.com',
    });
    expect(res.status).toBe(403);
    expect(res.body.missingScopes).toEqual(['employees:manage']);
    expect(res.body.detail).toContain('employees:manage');
    const tokens = await bearer(pat.token).get('/api/v1/api-tokens');
    expect(tokens.status).toBe(403);
    const me = await bearer(pat.token).get('/api/v1/me');
    expect(me.status).toBe(403);
  });

  it('revoked, expired and forged tokens are 401', async () => {
    const pat = await createToken(orgA.accessToken, {
      name: 'short',
      kind: 'personal',
      scopes: ['employees:read'],
      expiresInDays: 1,
    });
    expect((await bearer(pat.token).get('/api/v1/employees')).status).toBe(200);
    const revoked = await bearer(orgA.accessToken).post(`/api/v1/api-tokens/${pat.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    expect((await bearer(pat.token).get('/api/v1/employees')).status).toBe(401);

    const old = await createToken(orgA.accessToken, {
      name: 'old',
      kind: 'personal',
      scopes: ['employees:read'],
      expiresInDays: 1,
    });
    await ctx.dataSource
      .getRepository(ApiTokenEntity)
      .update({ id: old.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await bearer(old.token).get('/api/v1/employees')).status).toBe(401);
    const forged = `ctx_pat_${'A'.repeat(43)}`;
    expect((await bearer(forged).get('/api/v1/employees')).status).toBe(401);
  });

  it('a personal token never exceeds its user and stops with the user', async () => {
    const employee = await createEmployee(ctx.app, orgA.accessToken);
    const manager = await createUserWithRole(ctx.app, orgA.accessToken, 'manager');
    const refused = await bearer(manager.accessToken)
      .post('/api/v1/api-tokens')
      .send({
        name: 'too much',
        kind: 'personal',
        scopes: ['employees:manage'],
      });
    expect(refused.status).toBe(403);
    const service = await bearer(manager.accessToken)
      .post('/api/v1/api-tokens')
      .send({
        name: 'svc',
        kind: 'service',
        scopes: ['employees:read'],
      });
    expect(service.status).toBe(403);
    const forever = await bearer(manager.accessToken)
      .post('/api/v1/api-tokens')
      .send({
        name: 'forever',
        kind: 'personal',
        scopes: ['reports:read'],
        expiresInDays: null,
      });
    expect(forever.status).toBe(400);
    const tooLong = await bearer(manager.accessToken)
      .post('/api/v1/api-tokens')
      .send({
        name: 'long',
        kind: 'personal',
        scopes: ['reports:read'],
        expiresInDays: 366,
      });
    expect(tooLong.status).toBe(400);
    const pat = await createToken(manager.accessToken, {
      name: 'mine',
      kind: 'personal',
      scopes: ['reports:read'],
    });
    expect(
      (await bearer(pat.token).get('/api/v1/reports/summary?from=2026-01-01&to=2026-01-01')).status,
    ).toBe(200);
    // Another user's token: not visible, not revocable (404).
    expect(
      (await bearer(orgA.accessToken).post(`/api/v1/api-tokens/${pat.id}/revoke`)).status,
    ).toBe(404);
    expect(
      (await bearer(orgB.accessToken).post(`/api/v1/api-tokens/${pat.id}/revoke`)).status,
    ).toBe(404);
    const deactivated = await bearer(orgA.accessToken).post(
      `/api/v1/users/${manager.user.id}/deactivate`,
    );
    expect(deactivated.status).toBe(200);
    expect(
      (await bearer(pat.token).get('/api/v1/reports/summary?from=2026-01-01&to=2026-01-01')).status,
    ).toBe(401);
    expect(employee.id).toBeTruthy();
  });

  it('the OpenAPI document describes the token scheme and per-operation scopes', async () => {
    const res = await request(server).get('/api/docs-json');
    expect(res.status).toBe(200);
    const doc = res.body as {
      components: { securitySchemes: Record<string, { description?: string }> };
      paths: Record<
        string,
        Record<string, { security?: unknown[]; 'x-api-token-scopes'?: string[] }>
      >;
    };
    expect(doc.components.securitySchemes.apiToken.description).toContain('employees:manage');
    const create = doc.paths['/api/v1/employees'].post;
    expect(create['x-api-token-scopes']).toEqual(['employees:manage']);
    expect(create.security).toEqual(expect.arrayContaining([{ apiToken: [] }]));
    const tokens = doc.paths['/api/v1/api-tokens'].post;
    expect(tokens.security).toEqual([{ bearer: [] }]);
  });
});
