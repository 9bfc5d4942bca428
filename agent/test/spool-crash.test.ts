import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { SqliteSpool } from '../src/core/spool/sqlite-spool.js';

const writer = fileURLToPath(new URL('./fixtures/spool-writer.mjs', import.meta.url));
const screenshotWriter = fileURLToPath(
  new URL('./fixtures/screenshot-writer.mjs', import.meta.url),
);
const screenshotImage = fileURLToPath(new URL('./fixtures/screenshot-image.mjs', import.meta.url));

function runAndKill(file: string, afterMs: number, script = writer): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs));
    child.once('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`)),
    );
  });
}

describe('SqliteSpool under kill -9', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ctx-spool-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loses, duplicates and corrupts nothing across 30 kills mid-write', async () => {
    const file = join(dir, 'spool.sqlite');
    let previousTick = 0;
    for (let round = 0; round < 30; round += 1) {
      await runAndKill(file, 20 + ((round * 37) % 250));
      const spool = new SqliteSpool(file);
      try {
        expect(spool.integrityCheck()).toBe('ok');
        const stats = spool.stats();
        const n = stats.lastTickAt ?? 0;
        expect(n).toBeGreaterThan(previousTick);
        previousTick = n;
        // Every span 1..n is either delivered (the oldest ones) or still queued, exactly once.
        expect(stats.delivered + stats.queued).toBe(n);
        const queued = spool.peek(1_000_000, Number.MAX_SAFE_INTEGER).map((e) => e.id);
        const expected = Array.from(
          { length: stats.queued },
          (_, i) => `span-${stats.delivered + i + 1}`,
        );
        expect(queued).toEqual(expected);
        // The tail and the tick were written in the same transaction as the span.
        expect(spool.restoreTail()).toMatchObject({ lastAt: n, spans: [{ id: `tail-${n}` }] });
        for (const event of spool.peek(50, Number.MAX_SAFE_INTEGER)) {
          expect(JSON.parse(event.json)).toMatchObject({ id: event.id, kind: 'active' });
        }
      } finally {
        spool.close();
      }
    }
    expect(previousTick).toBeGreaterThan(100);
  });
});

describe('the screenshot spool under kill -9', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ctx-shot-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every screenshot whole and once, uploaded or queued, across 20 kills mid-write', async () => {
    const { imageOf } = (await import(screenshotImage)) as { imageOf: (n: number) => Buffer };
    const file = join(dir, 'spool.sqlite');
    let previous = 0;
    for (let round = 0; round < 20; round += 1) {
      await runAndKill(file, 20 + ((round * 53) % 200), screenshotWriter);
      const spool = new SqliteSpool(file);
      try {
        expect(spool.integrityCheck()).toBe('ok');
        const shots = spool.listScreenshots(0).reverse();
        const n = shots.length;
        expect(n).toBeGreaterThan(previous);
        previous = n;
        // shot-1 … shot-n, each once, in order: the oldest uploaded (image gone), the rest queued.
        expect(shots.map((s) => s.id)).toEqual(
          Array.from({ length: n }, (_, i) => `shot-${i + 1}`),
        );
        const firstQueued = shots.findIndex((s) => s.state === 'queued');
        const uploaded = firstQueued < 0 ? n : firstQueued;
        expect(shots.slice(0, uploaded).every((s) => s.state === 'uploaded')).toBe(true);
        expect(shots.slice(uploaded).every((s) => s.state === 'queued')).toBe(true);
        const stats = spool.screenshotStats();
        expect(stats).toMatchObject({ queued: n - uploaded, uploaded, dropped: 0 });
      } finally {
        spool.close();
      }
      // Each queued image byte for byte as written, each uploaded one without its image.
      const db = new Database(file, { readonly: true });
      try {
        const rows = db
          .prepare<[], { id: string; state: string; bytes: number; image: Buffer | null }>(
            'SELECT id, state, bytes, image FROM screenshots ORDER BY seq',
          )
          .all();
        for (const row of rows) {
          if (row.state === 'uploaded') {
            expect(row.image).toBeNull();
            continue;
          }
          const expected = imageOf(Number(row.id.slice('shot-'.length)));
          expect(row.bytes).toBe(expected.length);
          expect(row.image!.equals(expected)).toBe(true);
        }
      } finally {
        db.close();
      }
    }
    expect(previous).toBeGreaterThan(20);
  });
});

describe('SqliteSpool limits', () => {
  it('drops the oldest events beyond its bounds and counts them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctx-spool-bound-'));
    const spool = new SqliteSpool(join(dir, 'spool.sqlite'), {
      maxEvents: 10,
      maxBytes: 1_000_000,
    });
    try {
      for (let n = 1; n <= 25; n += 1) {
        const span = {
          id: `s-${n}`,
          kind: 'active' as const,
          start: n * 1000,
          end: n * 1000 + 500,
        };
        spool.checkpoint({ committed: [span], tail: { spans: [], open: false, lastAt: n }, at: n });
      }
      expect(spool.stats()).toMatchObject({ queued: 10, dropped: 15 });
      expect(spool.peek(100, 1_000_000).map((e) => e.id)).toEqual(
        Array.from({ length: 10 }, (_, i) => `s-${i + 16}`),
      );
    } finally {
      spool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('also bounds the bytes on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctx-spool-bytes-'));
    const spool = new SqliteSpool(join(dir, 'spool.sqlite'), { maxEvents: 1000, maxBytes: 2000 });
    try {
      for (let n = 1; n <= 20; n += 1) {
        const span = {
          id: `s-${n}`,
          kind: 'active' as const,
          title: 'y'.repeat(400),
          start: n,
          end: n + 1,
        };
        spool.checkpoint({ committed: [span], tail: { spans: [], open: false, lastAt: n }, at: n });
      }
      const stats = spool.stats();
      expect(stats.queuedBytes).toBeLessThanOrEqual(2000);
      expect(stats.queued + stats.dropped).toBe(20);
      expect(stats.dropped).toBeGreaterThan(0);
    } finally {
      spool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('queues a span id once even if it is committed twice', () => {
    const spool = new SqliteSpool(':memory:');
    const span = { id: 'same', kind: 'idle' as const, start: 0, end: 1000 };
    const tail = { spans: [], open: false, lastAt: 1 };
    spool.checkpoint({ committed: [span], tail, at: 1 });
    spool.checkpoint({ committed: [span], tail, at: 2 });
    expect(spool.stats().queued).toBe(1);
    spool.close();
  });
});
