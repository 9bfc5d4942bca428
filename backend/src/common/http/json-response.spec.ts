import express from 'express';
import request from 'supertest';
import { useFastJson } from './json-response.js';

function appAnswering(body: unknown) {
  const app = express();
  useFastJson(app);
  app.get('/x', (_req, res) => {
    res.json(body);
  });
  return app;
}

describe('useFastJson', () => {
  it('answers a large body byte for byte, as UTF-8 JSON with its length and no ETag', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => ({
      i,
      name: `Łukasz ${i} — день`,
      at: null,
    }));
    const res = await request(appAnswering({ rows })).get('/x');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.etag).toBeUndefined();
    const text = JSON.stringify({ rows });
    expect(text.length).toBeGreaterThan(64 * 1024);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(text, 'utf8'));
    expect(res.body).toEqual({ rows });
  });

  it('answers a small body as Express does, without an ETag', async () => {
    const res = await request(appAnswering({ ok: true, name: 'Ölçü' })).get('/x');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.etag).toBeUndefined();
    expect(res.body).toEqual({ ok: true, name: 'Ölçü' });
  });

  it('keeps a content type the handler chose', async () => {
    const app = express();
    useFastJson(app);
    app.get('/p', (_req, res) => {
      res
        .type('application/problem+json')
        .status(400)
        .json({ title: 'x'.repeat(70_000) });
    });
    const res = await request(app).get('/p');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text)).toEqual({ title: 'x'.repeat(70_000) });
  });
});
