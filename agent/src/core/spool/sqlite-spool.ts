import Database from 'better-sqlite3';
import type {
  QueuedEvent,
  ScreenshotStats,
  ScreenshotStore,
  Spool,
  SpoolStats,
  SpooledScreenshot,
  StateStore,
  TailSnapshot,
} from '../ports.js';
import { toWireEvent, type EpochMs, type Span } from '../types.js';

export interface SpoolLimits {
  /** Oldest events are dropped (and counted) beyond either bound. */
  maxEvents: number;
  maxBytes: number;
  /** Screenshots waiting for upload take at most this many bytes; the oldest go first. */
  maxScreenshotBytes?: number;
}

export const DEFAULT_SCREENSHOT_BYTES = 100 * 1024 * 1024;

export const DEFAULT_SPOOL_LIMITS: SpoolLimits = {
  maxEvents: 200_000,
  maxBytes: 64 * 1024 * 1024,
  maxScreenshotBytes: DEFAULT_SCREENSHOT_BYTES,
};

type Counter =
  | 'delivered'
  | 'duplicates'
  | 'rejected'
  | 'dropped'
  | 'screenshotsUploaded'
  | 'screenshotsRefused'
  | 'screenshotsDropped';

interface ScreenshotRow {
  id: string;
  capturedAt: number;
  width: number;
  height: number;
  bytes: number;
  state: SpooledScreenshot['state'];
  uploadedAt: number | null;
}

const SHOT_COLUMNS =
  'id, captured_at AS capturedAt, width, height, bytes, state, uploaded_at AS uploadedAt';

/**
 * The durable spool: SQLite in WAL mode with `synchronous = FULL`, so a checkpoint that returned is
 * on disk and one that did not is absent as a whole, whatever kills the process or the power.
 * Event ids are unique: a span is queued at most once, and a later revision of a span still queued
 * takes its place (at the end of the queue), so the server never gets a stale version after a newer.
 */
export class SqliteSpool implements Spool, StateStore, ScreenshotStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, string, number]>;
  private readonly getKv: Database.Statement<[string], { value: string }>;
  private readonly setKv: Database.Statement<[string, string]>;
  private readonly deleteKv: Database.Statement<[string]>;
  private readonly deleteId: Database.Statement<[string]>;
  private readonly deleteSeq: Database.Statement<[number]>;

  constructor(
    file: string,
    private readonly limits: SpoolLimits = DEFAULT_SPOOL_LIMITS,
  ) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        json TEXT NOT NULL,
        bytes INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS screenshots (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        captured_at INTEGER NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'uploaded', 'deleted')),
        uploaded_at INTEGER,
        image BLOB
      );
      CREATE INDEX IF NOT EXISTS screenshots_state ON screenshots (state, seq);
    `);
    this.db.pragma('user_version = 2');
    this.insert = this.db.prepare('INSERT INTO events (id, json, bytes) VALUES (?, ?, ?)');
    this.getKv = this.db.prepare('SELECT value FROM kv WHERE key = ?');
    this.setKv = this.db.prepare(
      'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.deleteKv = this.db.prepare('DELETE FROM kv WHERE key = ?');
    this.deleteId = this.db.prepare('DELETE FROM events WHERE id = ?');
    this.deleteSeq = this.db.prepare('DELETE FROM events WHERE seq = ?');
  }

  checkpoint({
    committed,
    tail,
    at,
  }: {
    committed: Span[];
    tail: TailSnapshot;
    at: EpochMs;
  }): void {
    this.db.transaction(() => {
      for (const span of committed) {
        const json = JSON.stringify(toWireEvent(span));
        this.deleteId.run(span.id);
        this.insert.run(span.id, json, Buffer.byteLength(json));
      }
      this.setKv.run('tail', JSON.stringify(tail));
      this.setKv.run('lastTickAt', String(at));
      if (committed.length > 0) this.enforceLimits();
    })();
  }

  restoreTail(): TailSnapshot | null {
    const row = this.getKv.get('tail');
    return row ? (JSON.parse(row.value) as TailSnapshot) : null;
  }

  peek(maxEvents: number, maxBytes: number): QueuedEvent[] {
    const rows = this.db
      .prepare<[number], QueuedEvent>(
        'SELECT seq, id, json, bytes FROM events ORDER BY seq LIMIT ?',
      )
      .all(maxEvents);
    const out: QueuedEvent[] = [];
    let total = 0;
    for (const row of rows) {
      if (out.length > 0 && total + row.bytes + 1 > maxBytes) break;
      out.push(row);
      total += row.bytes + 1;
    }
    return out;
  }

  settle({
    delivered,
    duplicates,
    rejected,
    at,
  }: {
    delivered: number[];
    duplicates: number;
    rejected: Array<{ seq: number; id: string; reason: string }>;
    at?: EpochMs;
  }): void {
    this.db.transaction(() => {
      // By queue position, not id: a newer revision queued meanwhile under the same id stays.
      for (const seq of delivered) this.deleteSeq.run(seq);
      for (const { seq } of rejected) this.deleteSeq.run(seq);
      this.bump('delivered', delivered.length - duplicates);
      this.bump('duplicates', duplicates);
      this.bump('rejected', rejected.length);
      if (at !== undefined) this.setKv.run('lastUploadAt', String(at));
    })();
  }

  stats(): SpoolStats {
    const { queued, queuedBytes } = this.db
      .prepare<[], { queued: number; queuedBytes: number }>(
        'SELECT COUNT(*) AS queued, COALESCE(SUM(bytes), 0) AS queuedBytes FROM events',
      )
      .get()!;
    const lastTick = this.getKv.get('lastTickAt');
    const lastUpload = this.getKv.get('lastUploadAt');
    return {
      queued,
      queuedBytes,
      delivered: this.counter('delivered'),
      duplicates: this.counter('duplicates'),
      rejected: this.counter('rejected'),
      dropped: this.counter('dropped'),
      lastTickAt: lastTick ? Number(lastTick.value) : null,
      lastUploadAt: lastUpload ? Number(lastUpload.value) : null,
    };
  }

  get(key: string): string | null {
    return this.getKv.get(`state:${key}`)?.value ?? null;
  }

  set(key: string, value: string | null): void {
    if (value === null) this.deleteKv.run(`state:${key}`);
    else this.setKv.run(`state:${key}`, value);
  }

  addScreenshot(shot: {
    id: string;
    capturedAt: EpochMs;
    width: number;
    height: number;
    jpeg: Buffer;
  }): string[] {
    return this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO screenshots (id, captured_at, width, height, bytes, state, image)
           VALUES (?, ?, ?, ?, ?, 'queued', ?) ON CONFLICT(id) DO NOTHING`,
        )
        .run(shot.id, shot.capturedAt, shot.width, shot.height, shot.jpeg.length, shot.jpeg);
      return this.enforceScreenshotLimit();
    })();
  }

  nextScreenshot(): (SpooledScreenshot & { jpeg: Buffer }) | null {
    const row = this.db
      .prepare<[], ScreenshotRow & { jpeg: Buffer }>(
        `SELECT ${SHOT_COLUMNS}, image AS jpeg FROM screenshots
         WHERE state = 'queued' ORDER BY seq LIMIT 1`,
      )
      .get();
    return row ?? null;
  }

  markScreenshotUploaded(id: string, at: EpochMs): boolean {
    return this.db.transaction(() => {
      const { changes } = this.db
        .prepare(
          `UPDATE screenshots SET state = 'uploaded', uploaded_at = ?, image = NULL
           WHERE id = ? AND state = 'queued'`,
        )
        .run(at, id);
      if (changes > 0) this.bump('screenshotsUploaded', 1);
      return changes > 0;
    })();
  }

  refuseScreenshot(id: string): void {
    this.db.transaction(() => {
      const { changes } = this.db
        .prepare(`DELETE FROM screenshots WHERE id = ? AND state = 'queued'`)
        .run(id);
      this.bump('screenshotsRefused', changes);
    })();
  }

  markScreenshotDeleted(id: string): void {
    this.db.prepare(`UPDATE screenshots SET state = 'deleted', image = NULL WHERE id = ?`).run(id);
  }

  getScreenshot(id: string): SpooledScreenshot | null {
    return (
      this.db
        .prepare<[string], ScreenshotRow>(`SELECT ${SHOT_COLUMNS} FROM screenshots WHERE id = ?`)
        .get(id) ?? null
    );
  }

  listScreenshots(since: EpochMs): SpooledScreenshot[] {
    return this.db
      .prepare<[number], ScreenshotRow>(
        `SELECT ${SHOT_COLUMNS} FROM screenshots WHERE captured_at >= ?
         ORDER BY captured_at DESC, seq DESC`,
      )
      .all(since);
  }

  pruneScreenshots(before: EpochMs): void {
    this.db
      .prepare(`DELETE FROM screenshots WHERE state != 'queued' AND captured_at < ?`)
      .run(before);
  }

  screenshotStats(): ScreenshotStats {
    const { queued, queuedBytes } = this.db
      .prepare<[], { queued: number; queuedBytes: number }>(
        `SELECT COUNT(*) AS queued, COALESCE(SUM(bytes), 0) AS queuedBytes
         FROM screenshots WHERE state = 'queued'`,
      )
      .get()!;
    return {
      queued,
      queuedBytes,
      uploaded: this.counter('screenshotsUploaded'),
      refused: this.counter('screenshotsRefused'),
      dropped: this.counter('screenshotsDropped'),
    };
  }

  /** `ok` when SQLite finds no corruption. */
  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  close(): void {
    this.db.close();
  }

  private counter(name: Counter): number {
    return Number(this.getKv.get(`counter:${name}`)?.value ?? 0);
  }

  private bump(name: Counter, by: number): void {
    if (by !== 0) this.setKv.run(`counter:${name}`, String(this.counter(name) + by));
  }

  private enforceScreenshotLimit(): string[] {
    const cap = this.limits.maxScreenshotBytes ?? DEFAULT_SCREENSHOT_BYTES;
    let { bytes } = this.db
      .prepare<[], { bytes: number }>(
        `SELECT COALESCE(SUM(bytes), 0) AS bytes FROM screenshots WHERE state = 'queued'`,
      )
      .get()!;
    if (bytes <= cap) return [];
    const dropped: string[] = [];
    const oldest = this.db
      .prepare<[], { id: string; bytes: number }>(
        `SELECT id, bytes FROM screenshots WHERE state = 'queued' ORDER BY seq`,
      )
      .all();
    for (const row of oldest) {
      if (bytes <= cap) break;
      dropped.push(row.id);
      bytes -= row.bytes;
    }
    const remove = this.db.prepare('DELETE FROM screenshots WHERE id = ?');
    for (const id of dropped) remove.run(id);
    this.bump('screenshotsDropped', dropped.length);
    return dropped;
  }

  private enforceLimits(): void {
    const { n, bytes } = this.db
      .prepare<[], { n: number; bytes: number }>(
        'SELECT COUNT(*) AS n, COALESCE(SUM(bytes), 0) AS bytes FROM events',
      )
      .get()!;
    if (n <= this.limits.maxEvents && bytes <= this.limits.maxBytes) return;
    const oldest = this.db
      .prepare<[], { seq: number; bytes: number }>('SELECT seq, bytes FROM events ORDER BY seq')
      .iterate();
    let dropN = 0;
    let dropBytes = 0;
    let upTo = -1;
    for (const row of oldest) {
      if (n - dropN <= this.limits.maxEvents && bytes - dropBytes <= this.limits.maxBytes) break;
      dropN += 1;
      dropBytes += row.bytes;
      upTo = row.seq;
    }
    this.db.prepare('DELETE FROM events WHERE seq <= ?').run(upTo);
    this.bump('dropped', dropN);
  }
}
