import express from 'express';
import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { consoleAssets } from './console-assets.js';
import { CSP_NONCE_PLACEHOLDER } from './content-security-policy.js';

const SCRIPT = 'console.log("calltimex");'.repeat(100);
const INDEX = `<!doctype html><head></head><ctx-root ngCspNonce="${CSP_NONCE_PLACEHOLDER}"></ctx-root>${'<!-- pad -->'.repeat(200)}`;

type RawAnswer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

// Supertest inflates what it receives; this keeps the bytes as they were sent.
function getRaw(server: Server, path: string, headers: Record<string, string>): Promise<RawAnswer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

describe('consoleAssets', () => {
  let dir: string;
  let app: express.Express;
  let server: Server;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ctx-console-'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'main-ABCD1234.js'), SCRIPT);
    writeFileSync(join(dir, 'main-ABCD1234.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(dir, 'main-ABCD1234.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(dir, 'chunk-Cx4_-tMf.js'), SCRIPT);
    writeFileSync(join(dir, 'favicon.ico'), 'icon');
    writeFileSync(
      join(dir, 'route-preloads.json'),
      JSON.stringify([
        { path: 'reports', signedIn: true, preload: ['chunk-SHELL123.js', 'chunk-REPORTS1.js'] },
        { path: 'sign-in', preload: ['chunk-SIGNIN12.js'] },
        { path: 'reports/timeline/:employeeId', preload: ['chunk-TIMELINE.js'] },
        { path: 'evil', preload: ['"><script>alert(1)</script>.js'] },
      ]),
    );
    app = express();
    app.use(consoleAssets(dir, { signedIn: (req) => req.headers.cookie === 'ctx_session=1' }));
    app.use((_req, res) => res.status(404).json({ title: 'Not Found' }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the brotli copy of a hashed file to a browser that accepts it, cached for a year', async () => {
    const res = await getRaw(server, '/main-ABCD1234.js', {
      'Accept-Encoding': 'gzip, deflate, br',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['vary']).toMatch(/Accept-Encoding/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gz = await getRaw(server, '/main-ABCD1234.js', { 'Accept-Encoding': 'gzip' });
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const plain = await request(app)
      .get('/main-ABCD1234.js')
      .set('Accept-Encoding', 'identity')
      .expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(SCRIPT);
  });

  it('caches the chunks of the chunk optimizer for a year too (mixed-case hashes with - and _)', async () => {
    const res = await request(app).get('/chunk-Cx4_-tMf.js').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates files whose names carry no hash', async () => {
    const res = await request(app).get('/favicon.ico').expect(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('sends index.html compressed, with a fresh nonce and never cached, for navigations', async () => {
    const first = await getRaw(server, '/reports/summary', {
      Accept: 'text/html',
      'Accept-Encoding': 'br',
    });
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers['cache-control']).toBe('no-cache');
    const html = brotliDecompressSync(first.body).toString();
    expect(html).not.toContain(CSP_NONCE_PLACEHOLDER);
    expect(html).toMatch(/ngCspNonce="[A-Za-z0-9+/=]{24}"/);

    const second = await getRaw(server, '/', { 'Accept-Encoding': 'gzip' });
    expect(second.headers['content-encoding']).toBe('gzip');
    const again = gunzipSync(second.body).toString();
    expect(again).toMatch(/ngCspNonce="[A-Za-z0-9+/=]{24}"/);
    expect(again).not.toBe(html);
  });

  it("lists the chunks of the answered route's page as modulepreload hints in <head>", async () => {
    const reports = await request(app)
      .get('/reports')
      .set('Accept', 'text/html')
      .set('Cookie', 'ctx_session=1')
      .expect(200);
    expect(reports.text).toContain(
      '<link rel="modulepreload" href="chunk-SHELL123.js"><link rel="modulepreload" href="chunk-REPORTS1.js"></head>',
    );
    const timeline = await request(app)
      .get('/reports/timeline/3f1c2d9e')
      .set('Accept', 'text/html')
      .expect(200);
    expect(timeline.text).toContain('<link rel="modulepreload" href="chunk-TIMELINE.js"></head>');
    expect(timeline.text).not.toContain('chunk-REPORTS1.js');
    const signIn = await request(app).get('/sign-in').set('Accept', 'text/html').expect(200);
    expect(signIn.text).toContain('<link rel="modulepreload" href="chunk-SIGNIN12.js"></head>');
    const other = await request(app).get('/reports/summary').set('Accept', 'text/html');
    expect(other.text).not.toContain('modulepreload');
    const evil = await request(app).get('/evil').set('Accept', 'text/html');
    expect(evil.text).not.toContain('modulepreload');
  });

  it('gives a browser without a session no hints for a signed-in page (it goes to sign-in)', async () => {
    const res = await request(app).get('/reports').set('Accept', 'text/html').expect(200);
    expect(res.text).not.toContain('modulepreload');
  });

  it('leaves the api, unknown non-navigations and writes to the next handler', async () => {
    await request(app).get('/api/v1/main-ABCD1234.js').expect(404);
    await request(app).get('/API/v1/anything').set('Accept', 'text/html').expect(404);
    await request(app).get('/missing.js').expect(404);
    await request(app).post('/').expect(404);
  });
});
