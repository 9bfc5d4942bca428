import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import {
  dataKey,
  FLOOD_PULSE_MS,
  mergeHeartbeat,
  type AwData,
  type AwEvent,
} from './transforms.js';

export interface AwBucket {
  id: string;
  type: string;
  client: string;
  hostname: string;
  created: string;
  name: string | null;
  data: AwData;
  lastUpdated: string | null;
}

export interface NewEvent {
  start: number;
  end: number;
  data: AwData;
}

/** A piece of time already handed to the spool, by its span id. */
export interface RegisteredPiece {
  id: string;
  slot: number;
  rev: number;
  print: string;
  kind: 'active' | 'idle';
  start: number;
  end: number;
  deleted: boolean;
}

interface EventRow {
  id: number;
  bucket: string;
  startMs: number;
  endMs: number;
  data: string;
}

function toEvent(row: EventRow): AwEvent {
  return { id: row.id, start: row.startMs, end: row.endMs, data: JSON.parse(row.data) as AwData };
}

/**
 * The agent's own small aw-server datastore (SQLite, WAL): buckets and events as ActivityWatch
 * keeps them, the earliest time changed since the last combination ("dirty"), and the registry of
 * pieces handed to the spool. Raw events hold titles and URLs before the privacy filters: they stay
 * on this machine and are pruned after two days.
 */
export class AwStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS buckets (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, client TEXT NOT NULL, hostname TEXT NOT NULL,
        created TEXT NOT NULL, name TEXT, data TEXT NOT NULL, lastUpdated TEXT
      );
      CREATE TABLE IF NOT EXISTS events (
        id INTEGER PRIMARY KEY AUTOINCREMENT, bucket TEXT NOT NULL,
        startMs REAL NOT NULL, endMs REAL NOT NULL, data TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ix_events_bucket_start ON events (bucket, startMs);
      CREATE INDEX IF NOT EXISTS ix_events_bucket_end ON events (bucket, endMs);
      CREATE TABLE IF NOT EXISTS pieces (
        namespace TEXT NOT NULL, id TEXT NOT NULL, slot INTEGER NOT NULL, rev INTEGER NOT NULL,
        print TEXT NOT NULL, kind TEXT NOT NULL, startMs REAL NOT NULL, endMs REAL NOT NULL,
        deleted INTEGER NOT NULL, PRIMARY KEY (namespace, id)
      );
      CREATE INDEX IF NOT EXISTS ix_pieces_slot ON pieces (namespace, slot);
      CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  close(): void {
    this.db.close();
  }

  // ---- key-value

  get(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM kv WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  set(key: string, value: string | null): void {
    if (value === null) this.db.prepare('DELETE FROM kv WHERE key = ?').run(key);
    else {
      this.db
        .prepare(
          'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        )
        .run(key, value);
    }
  }

  /** A random key of this store, from which span ids are derived (stable across restarts). */
  deviceKey(): string {
    let key = this.get('deviceKey');
    if (key === null) {
      key = randomBytes(16).toString('hex');
      this.set('deviceKey', key);
    }
    return key;
  }

  /** The earliest time whose canonical view may have changed since `clearDirty`. */
  dirtyFrom(): number | null {
    const value = this.get('dirtyFrom');
    return value === null ? null : Number(value);
  }

  private markDirty(from: number): void {
    const current = this.dirtyFrom();
    // Flood shares a gap of up to 5 s with the event before: it may move too.
    const at = from - FLOOD_PULSE_MS;
    if (current === null || at < current) this.set('dirtyFrom', String(at));
  }

  clearDirty(): void {
    this.set('dirtyFrom', null);
  }

  // ---- buckets

  buckets(): AwBucket[] {
    return (
      this.db.prepare('SELECT * FROM buckets ORDER BY id').all() as Array<
        Omit<AwBucket, 'data'> & { data: string }
      >
    ).map((b) => ({ ...b, data: JSON.parse(b.data) as AwData }));
  }

  bucket(id: string): AwBucket | null {
    return this.buckets().find((b) => b.id === id) ?? null;
  }

  /** `false` when it exists already. */
  createBucket(bucket: Omit<AwBucket, 'created' | 'lastUpdated'> & { created?: string }): boolean {
    const result = this.db
      .prepare(
        'INSERT OR IGNORE INTO buckets (id, type, client, hostname, created, name, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        bucket.id,
        bucket.type,
        bucket.client,
        bucket.hostname,
        bucket.created ?? new Date().toISOString(),
        bucket.name,
        JSON.stringify(bucket.data),
      );
    return result.changes > 0;
  }

  deleteBucket(id: string): boolean {
    return this.transaction(() => {
      const first = this.db
        .prepare('SELECT MIN(startMs) AS s FROM events WHERE bucket = ?')
        .get(id) as { s: number | null };
      this.db.prepare('DELETE FROM events WHERE bucket = ?').run(id);
      if (first.s !== null) this.markDirty(first.s);
      return this.db.prepare('DELETE FROM buckets WHERE id = ?').run(id).changes > 0;
    });
  }

  private touch(bucket: string): void {
    this.db
      .prepare('UPDATE buckets SET lastUpdated = ? WHERE id = ?')
      .run(new Date().toISOString(), bucket);
  }

  // ---- events

  /** Newest first (as aw-server answers), within [start, end) when given. */
  events(bucket: string, range: { start?: number; end?: number; limit?: number } = {}): AwEvent[] {
    const rows = this.db
      .prepare(
        'SELECT id, bucket, startMs, endMs, data FROM events WHERE bucket = ? AND endMs >= ? AND startMs <= ? ORDER BY startMs DESC, id DESC LIMIT ?',
      )
      .all(
        bucket,
        range.start ?? -Number.MAX_VALUE,
        range.end ?? Number.MAX_VALUE,
        range.limit ?? -1,
      ) as EventRow[];
    return rows.map(toEvent);
  }

  event(bucket: string, id: number): AwEvent | null {
    const row = this.db
      .prepare('SELECT id, bucket, startMs, endMs, data FROM events WHERE bucket = ? AND id = ?')
      .get(bucket, id) as EventRow | undefined;
    return row ? toEvent(row) : null;
  }

  count(bucket: string): number {
    return (
      this.db.prepare('SELECT COUNT(*) AS n FROM events WHERE bucket = ?').get(bucket) as {
        n: number;
      }
    ).n;
  }

  /** Inserts events (an event with an id replaces the stored one, as aw-server does). */
  insert(bucket: string, events: Array<NewEvent & { id?: number }>): AwEvent[] {
    return this.transaction(() => {
      const out: AwEvent[] = [];
      for (const e of events) {
        const data = JSON.stringify(e.data);
        if (e.id !== undefined) {
          const before = this.event(bucket, e.id);
          if (before) this.markDirty(before.start);
          this.db
            .prepare(
              'INSERT INTO events (id, bucket, startMs, endMs, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET bucket = excluded.bucket, startMs = excluded.startMs, endMs = excluded.endMs, data = excluded.data',
            )
            .run(e.id, bucket, e.start, e.end, data);
          out.push({ id: e.id, start: e.start, end: e.end, data: e.data });
        } else {
          const id = Number(
            this.db
              .prepare('INSERT INTO events (bucket, startMs, endMs, data) VALUES (?, ?, ?, ?)')
              .run(bucket, e.start, e.end, data).lastInsertRowid,
          );
          out.push({ id, start: e.start, end: e.end, data: e.data });
        }
        this.markDirty(e.start);
      }
      this.touch(bucket);
      return out;
    });
  }

  /** Skips events equal to one stored (same times and data): an import run twice adds nothing. */
  insertNew(bucket: string, events: NewEvent[]): number {
    return this.transaction(() => {
      const same = this.db.prepare(
        'SELECT data FROM events WHERE bucket = ? AND startMs = ? AND endMs = ?',
      );
      const fresh = events.filter(
        (e) =>
          !(same.all(bucket, e.start, e.end) as Array<{ data: string }>).some(
            (r) => dataKey(JSON.parse(r.data)) === dataKey(e.data),
          ),
      );
      if (fresh.length > 0) this.insert(bucket, fresh);
      return fresh.length;
    });
  }

  deleteEvent(bucket: string, id: number): boolean {
    return this.transaction(() => {
      const before = this.event(bucket, id);
      if (!before) return false;
      this.db.prepare('DELETE FROM events WHERE bucket = ? AND id = ?').run(bucket, id);
      this.markDirty(before.start);
      return true;
    });
  }

  /** aw-server's heartbeat: merged into the bucket's last event, or stored as a new one. */
  heartbeat(bucket: string, heartbeat: NewEvent, pulsetimeSeconds: number): AwEvent {
    return this.transaction(() => {
      const last = this.events(bucket, { limit: 1 })[0];
      const merged = last ? mergeHeartbeat(last, heartbeat, pulsetimeSeconds) : null;
      if (last && merged) {
        this.db
          .prepare('UPDATE events SET startMs = ?, endMs = ? WHERE id = ?')
          .run(merged.start, merged.end, last.id);
        // Only the end moved: the canonical view changes from the old end on.
        this.markDirty(last.end);
        this.touch(bucket);
        return { id: last.id, start: merged.start, end: merged.end, data: last.data };
      }
      return this.insert(bucket, [heartbeat])[0]!;
    });
  }

  /**
   * Events of a bucket that can shape the canonical view from `from` on: those ending after it,
   * and before them the chain of events close enough for flood to join or share a gap with.
   */
  eventsFrom(bucket: string, from: number): AwEvent[] {
    const rows = this.db
      .prepare(
        'SELECT id, bucket, startMs, endMs, data FROM events WHERE bucket = ? AND endMs > ? ORDER BY startMs',
      )
      .all(bucket, from) as EventRow[];
    const before = this.db.prepare(
      'SELECT id, bucket, startMs, endMs, data FROM events WHERE bucket = ? AND startMs < ? ORDER BY startMs DESC LIMIT 1',
    );
    let earliest = rows[0]?.startMs ?? from;
    for (;;) {
      const previous = before.get(bucket, earliest) as EventRow | undefined;
      if (!previous || previous.endMs < earliest - FLOOD_PULSE_MS) break;
      rows.unshift(previous);
      earliest = previous.startMs;
    }
    return rows.map(toEvent);
  }

  /** Drops raw events that ended before `before`, but each bucket's last (heartbeats need it). */
  prune(before: number): number {
    return this.db
      .prepare(
        'DELETE FROM events WHERE endMs < ? AND id NOT IN (SELECT MAX(id) FROM events GROUP BY bucket)',
      )
      .run(before).changes;
  }

  // ---- registry of pieces handed to the spool

  pieces(namespace: string, fromSlot: number, toSlot: number): RegisteredPiece[] {
    return (
      this.db
        .prepare(
          'SELECT id, slot, rev, print, kind, startMs, endMs, deleted FROM pieces WHERE namespace = ? AND slot >= ? AND slot <= ?',
        )
        .all(namespace, fromSlot, toSlot) as Array<{
        id: string;
        slot: number;
        rev: number;
        print: string;
        kind: 'active' | 'idle';
        startMs: number;
        endMs: number;
        deleted: number;
      }>
    ).map((r) => ({
      id: r.id,
      slot: r.slot,
      rev: r.rev,
      print: r.print,
      kind: r.kind,
      start: r.startMs,
      end: r.endMs,
      deleted: r.deleted === 1,
    }));
  }

  register(namespace: string, piece: RegisteredPiece): void {
    this.db
      .prepare(
        'INSERT INTO pieces (namespace, id, slot, rev, print, kind, startMs, endMs, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT(namespace, id) DO UPDATE SET slot = excluded.slot, rev = excluded.rev, print = excluded.print, kind = excluded.kind, startMs = excluded.startMs, endMs = excluded.endMs, deleted = excluded.deleted',
      )
      .run(
        namespace,
        piece.id,
        piece.slot,
        piece.rev,
        piece.print,
        piece.kind,
        piece.start,
        piece.end,
        piece.deleted ? 1 : 0,
      );
  }

  prunePieces(namespace: string, beforeSlot: number): void {
    this.db
      .prepare('DELETE FROM pieces WHERE namespace = ? AND slot < ?')
      .run(namespace, beforeSlot);
  }
}
