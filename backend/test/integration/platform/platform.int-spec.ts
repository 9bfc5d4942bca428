import { readFileSync } from 'node:fs';
import request from 'supertest';
import { buildOpenApiDocument } from '#src/configure-app.js';
import { OPENAPI_FILE, serializeOpenApi } from '#src/tools/write-openapi.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { schemaDiff } from '#src/database/schema-diff.js';

describe(`platform on ${TEST_DB}`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('reports health when the database (and Redis in server mode) answer', async () => {
    const res = await request(ctx.app.getHttpServer()).get('/api/v1/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.checks.database).toBe('ok');
    if (TEST_DB === 'mysql') expect(res.body.checks.redis).toBe('ok');
  });

  it('has migrations that match the entities exactly (no drift)', async () => {
    const diff = await schemaDiff(ctx.dataSource);
    expect(diff.up.map((q) => q.query)).toEqual([]);
  });

  it('answers unknown routes with a problem document and a correlation id', async () => {
    const res = await request(ctx.app.getHttpServer()).get('/api/v1/does-not-exist').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: 'Not found' });
    expect(res.body.correlationId).toBe(res.headers['x-request-id']);
  });

  it('echoes a well-formed X-Request-Id and replaces a hostile one', async () => {
    const server = ctx.app.getHttpServer();
    const kept = await request(server).get('/api/v1/health').set('X-Request-Id', 'trace-12345678');
    expect(kept.headers['x-request-id']).toBe('trace-12345678');
    const replaced = await request(server)
      .get('/api/v1/health')
      .set('X-Request-Id', '<script>alert(1)</script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers malformed JSON with 400 problem details and no parser internals', async () => {
    const res = await request(ctx.app.getHttpServer())
      .post('/api/v1/health')
      .set('Content-Type', 'application/json')
      .send('{"broken": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules/);
  });

  it('answers bodies over the default limit with 413', async () => {
    const res = await request(ctx.app.getHttpServer())
      .post('/api/v1/health')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ blob: 'x'.repeat(300_000) }));
    expect(res.status).toBe(413);
    expect(res.body.status).toBe(413);
  });

  it('publishes Prometheus metrics labelled by route pattern', async () => {
    const server = ctx.app.getHttpServer();
    await request(server).get('/api/v1/health');
    const res = await request(server).get('/metrics').expect(200);
    expect(res.text).toMatch(
      /http_requests_total\{method="GET",route="\/api\/v1\/health",status="200"\} \d+/,
    );
    expect(res.text).toMatch(/process_cpu_seconds_total/);
  });

  it('serves the OpenAPI document and UI', async () => {
    const server = ctx.app.getHttpServer();
    const doc = await request(server).get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.paths['/api/v1/health']).toBeDefined();
    await request(server).get('/api/docs').expect(200);
  });
});

describe('committed OpenAPI document', () => {
  it('matches what the api publishes (run `npm run openapi -w backend` after changing routes)', async () => {
    const ctx = await startTestApp();
    try {
      const current = serializeOpenApi(buildOpenApiDocument(ctx.app));
      expect(readFileSync(OPENAPI_FILE, 'utf8')).toEqual(current);
    } finally {
      await ctx.close();
    }
  });
});
