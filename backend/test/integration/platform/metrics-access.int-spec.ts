import request from 'supertest';
import { MetricsServer } from '#src/modules/metrics/metrics.server.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { freePort } from '#test/support/free-port.js';

const TOKEN = 'metrics-token-0123456789abcdef';

const expectProblem = (res: request.Response, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.text) as { status: number; title: string; detail: string };
  expect(body).toMatchObject({ status });
  expect(body.title.length).toBeGreaterThan(0);
  expect(body.detail.length).toBeGreaterThan(0);
  expect(res.text).not.toContain('http_requests_total');
  return body;
};

describe('GET /metrics access', () => {
  describe('default: on the api port, closed without a token but to this host directly', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await startTestApp({ METRICS_PUBLIC: '' });
    });
    afterAll(() => ctx.close());

    it('answers 401 problem with a Bearer challenge to anything a proxy forwarded', async () => {
      const server = ctx.app.getHttpServer();
      for (const [name, value] of [
        ['X-Forwarded-For', '203.0.113.7'],
        ['Forwarded', 'for=203.0.113.7'],
        ['X-Real-IP', '203.0.113.7'],
        // A client claiming to be local through the proxy is still a forwarded request.
        ['X-Forwarded-For', '127.0.0.1'],
      ]) {
        const res = await request(server).get('/metrics').set(name, value);
        const body = expectProblem(res, 401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(body.detail).toContain('METRICS_TOKEN');
      }
    });

    it('serves Prometheus text to a direct request over loopback (a local scraper, curl)', async () => {
      const ok = await request(ctx.app.getHttpServer()).get('/metrics');
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('# TYPE http_requests_total counter');
    });
  });

  describe('METRICS_TOKEN on the api port', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await startTestApp({ METRICS_PUBLIC: '', METRICS_TOKEN: TOKEN });
    });
    afterAll(() => ctx.close());

    it('401 without a token or with a wrong one, 200 Prometheus text with it', async () => {
      const server = ctx.app.getHttpServer();
      expectProblem(await request(server).get('/metrics'), 401);
      expectProblem(
        await request(server).get('/metrics').set('Authorization', `Bearer ${TOKEN}x`),
        401,
      );
      expectProblem(await request(server).get('/metrics').set('Authorization', TOKEN), 401);
      const ok = await request(server).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
      expect(ok.status).toBe(200);
      expect(ok.headers['content-type']).toMatch(/^text\/plain/);
      expect(ok.text).toContain('# TYPE http_requests_total counter');
    });

    it('METRICS_PUBLIC does not open it while a token is set', async () => {
      const open = await startTestApp({ METRICS_PUBLIC: 'true', METRICS_TOKEN: TOKEN });
      try {
        expectProblem(await request(open.app.getHttpServer()).get('/metrics'), 401);
      } finally {
        await open.close();
      }
    });
  });

  describe('METRICS_PORT: a separate listener', () => {
    let ctx: TestContext;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      ctx = await startTestApp({
        METRICS_PUBLIC: '',
        METRICS_PORT: String(port),
        METRICS_HOST: '127.0.0.1',
      });
    });
    afterAll(() => ctx.close());

    it('serves /metrics there, bound to METRICS_HOST, and not on the api port', async () => {
      expect(ctx.app.get(MetricsServer).address).toMatchObject({ address: '127.0.0.1', port });
      const res = await request(`http://127.0.0.1:${port}`).get('/metrics');
      expect(res.status).toBe(200);
      expect(res.text).toContain('# TYPE http_requests_total counter');
      expectProblem(await request(`http://127.0.0.1:${port}`).get('/api/v1/health'), 404);
      expectProblem(await request(ctx.app.getHttpServer()).get('/metrics'), 404);
    });

    it('requires the token there too when METRICS_TOKEN is set', async () => {
      const other = await freePort();
      const guarded = await startTestApp({
        METRICS_PORT: String(other),
        METRICS_HOST: '127.0.0.1',
        METRICS_TOKEN: TOKEN,
      });
      try {
        const url = `http://127.0.0.1:${other}`;
        const denied = await request(url).get('/metrics');
        expectProblem(denied, 401);
        expect(denied.headers['www-authenticate']).toMatch(/^Bearer/);
        const ok = await request(url).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
        expect(ok.status).toBe(200);
        expect(ok.text).toContain('process_cpu_seconds_total');
      } finally {
        await guarded.close();
      }
    });
  });
});
