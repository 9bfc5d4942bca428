import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { JSON_SHAPE_LIMITS } from '#src/common/http/json-shape-limit.js';
import { createTeam, signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { seedDevice, type SeededDevice } from '../agent/agent-fixtures.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';

/** `[[[…]]]` nested `levels` deep, as raw JSON text (JSON.stringify would recurse as deep). */
function nestedArrays(levels: number): string {
  return '['.repeat(levels) + ']'.repeat(levels);
}

function expectTooComplex(res: request.Response, what: RegExp): void {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
    status: 400,
    type: expect.stringMatching(/^application\/problem\+json/) as unknown,
  });
  expect(res.body).toMatchObject({ status: 400, title: 'Bad request' });
  expect(res.body.type).toMatch(/too-complex$/);
  expect(res.body.detail).toMatch(what);
}

describe(`deeply nested and oversized JSON on ${TEST_DB}`, () => {
  let ctx: TestContext;
  let owner: SignedUp;
  let device: SeededDevice;
  const deep = nestedArrays(2_000);
  const server = () => ctx.app.getHttpServer() as Parameters<typeof request>[0];

  beforeAll(async () => {
    ctx = await startTestApp();
    owner = await signUp(ctx.app);
    device = await seedDevice(ctx.dataSource, { organizationId: owner.organization.id });
  });
  afterAll(async () => {
    await ctx.close();
  });

  const send = (method: 'post' | 'patch' | 'put', path: string, body: string, token?: string) => {
    const req = request(server())[method](path).set('Content-Type', 'application/json');
    if (token) req.set('Authorization', `Bearer ${token}`);
    return req.send(body);
  };

  it('answers a password nested 2,000 levels deep with 400 on login and sign-up', async () => {
    const login = await send('post', '/api/v1/auth/login', `{"email":"a@b.c","password":${deep}}`);
    expectTooComplex(login, /request body is nested deeper than 16 levels/);
    const signup = await send(
      'post',
      '/api/v1/auth/signup',
      `{"organizationName":"X","fullName":"Y","email":"a@b.c","password":${deep}}`,
    );
    expectTooComplex(signup, /nested deeper/);
  });

  it('answers nested bodies with 400 on authenticated endpoints', async () => {
    const token = owner.accessToken;
    const cases: ['post' | 'patch' | 'put', string, string][] = [
      ['post', '/api/v1/teams', `{"name":${deep}}`],
      ['patch', '/api/v1/me', `{"firstName":${deep}}`],
      ['post', '/api/v1/employees', `{"fullName":"A","email":"e@x.test","teamId":${deep}}`],
      ['post', '/api/v1/productivity-rules', `{"kind":"app","pattern":${deep}}`],
      ['put', '/api/v1/notifications/preferences', deep],
    ];
    for (const [method, path, body] of cases) {
      expectTooComplex(await send(method, path, body, token), /nested deeper/);
    }
    const events = await send(
      'post',
      '/api/v1/agent/events',
      `{"events":${deep}}`,
      device.deviceToken,
    );
    expectTooComplex(events, /nested deeper/);
  });

  it('checks a gzipped body after inflating it', async () => {
    const res = await request(server())
      .post('/api/v1/agent/events')
      .set('Authorization', `Bearer ${device.deviceToken}`)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize((body: unknown) => body as string)
      .send(gzipSync(`{"events":${deep}}`));
    expectTooComplex(res, /nested deeper/);
  });

  it('answers a body with too many keys and elements with 400', async () => {
    const wide = `{"events":[${new Array(JSON_SHAPE_LIMITS.maxNodes + 1).fill('0').join(',')}]}`;
    const res = await send('post', '/api/v1/agent/events', wide, device.deviceToken);
    expectTooComplex(res, /more than 100,000 keys and array elements/);
  });

  it('accepts a body exactly at the depth limit, which then fails ordinary validation', async () => {
    // 1 (object) + 15 arrays = 16 levels: passes the shape check, so the DTO rejects it by type.
    const res = await send(
      'post',
      '/api/v1/auth/login',
      `{"email":"a@b.c","password":${nestedArrays(JSON_SHAPE_LIMITS.maxDepth - 1)}}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.type).toMatch(/validation-failed$/);
  });

  it('still takes a batch of 5,000 events, gzipped', async () => {
    const start = Date.parse('2026-03-02T09:00:00Z');
    const events = Array.from({ length: 5_000 }, (_, i) => ({
      id: randomUUID(),
      kind: 'active',
      start: new Date(start + i * 1_000).toISOString(),
      end: new Date(start + i * 1_000 + 900).toISOString(),
      app: 'Editor',
      title: `Document ${i}`,
      url: 'https://example.test/page',
    }));
    const res = await request(server())
      .post('/api/v1/agent/events')
      .set('Authorization', `Bearer ${device.deviceToken}`)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize((body: unknown) => body as string)
      .send(gzipSync(JSON.stringify({ events })));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 5_000, duplicates: 0, rejected: [] });
  });

  it('reads a lone surrogate escape (\\ud800) as U+FFFD instead of failing the validators', async () => {
    // JSON allows "\ud800"; validator.js's isEmail threw URIError on it (a 500 the fuzz test found).
    const reset = await send('post', '/api/v1/auth/password-reset', '{"email":"\\ud800"}');
    expect(reset.status).toBe(400);
    expect(reset.body.type).toMatch(/validation-failed$/);
    const login = await send(
      'post',
      '/api/v1/auth/login',
      '{"email":"a\\udc00@b.c","password":"x"}',
    );
    expect([400, 401]).toContain(login.status);
    const start = new Date(Date.now() - 60_000).toISOString();
    const end = new Date(Date.now() - 30_000).toISOString();
    const id = randomUUID();
    const events = await send(
      'post',
      '/api/v1/agent/events',
      `{"events":[{"id":"${id}","kind":"active","start":"${start}","end":"${end}","app":"Ed\\ud83ditor","title":"\\udfff"}]}`,
      device.deviceToken,
    );
    expect(events.status).toBe(200);
    expect(events.body).toMatchObject({ accepted: 1, rejected: [] });
  });

  it('never answers a nested or repeated query string with a 5xx', async () => {
    const team = await createTeam(ctx.app, owner.accessToken);
    const auth = { Authorization: `Bearer ${owner.accessToken}` };
    const nestedKey = `teamId${'[a]'.repeat(40)}=1`;
    const queries = [
      `/api/v1/employees?${nestedKey}`,
      `/api/v1/employees?teamId=${team.id}&teamId=${team.id}`,
      `/api/v1/employees?teamId[]=${team.id}`,
      `/api/v1/reports/summary?from=2026-01-01&to=2026-01-02&teamId[x][y]=1`,
      `/api/v1/reports/summary?from=2026-01-01&from=2026-01-02&to=2026-01-02`,
      `/api/v1/users?page=1&page=2&search[__proto__][x]=1`,
    ];
    for (const path of queries) {
      const res = await request(server()).get(path).set(auth);
      expect({ path, status: res.status < 500 }).toEqual({ path, status: true });
      if (res.status >= 400) {
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(typeof res.body.detail).toBe('string');
      }
    }
  });
});
