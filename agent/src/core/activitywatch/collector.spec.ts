import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpanState } from '../types.js';
import { LiveCollector, subtract, workHoursWithin } from './collector.js';
import { AwStore } from './store.js';
import type { CanonicalPiece } from './transforms.js';

const S = 1000;
const T0 = Date.UTC(2026, 2, 9, 9); // a Monday, 09:00 UTC
const filter = (p: CanonicalPiece): SpanState =>
  p.kind === 'idle' ? { kind: 'idle' } : { kind: 'active', ...(p.app ? { app: p.app } : {}) };

describe('the live ActivityWatch collector', () => {
  let dir: string;
  let store: AwStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ctx-awc-'));
    store = new AwStore(join(dir, 'aw.sqlite'));
    store.createBucket({
      id: 'w',
      type: 'currentwindow',
      client: 'c',
      hostname: 'h',
      name: null,
      data: {},
    });
    store.createBucket({
      id: 'a',
      type: 'afkstatus',
      client: 'c',
      hostname: 'h',
      name: null,
      data: {},
    });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const beat = (bucket: string, s: number, data: Record<string, unknown>, pulse = 2) =>
    store.heartbeat(bucket, { start: T0 + s * S, end: T0 + s * S, data }, pulse);

  it('sends a span early, then only what changed, as a higher revision of the same id', () => {
    const collector = new LiveCollector(store, () => null);
    collector.noteGate(T0 - S, true);
    for (let s = 0; s <= 10; s++) beat('w', s, { app: 'Code' });
    beat('a', 0, { status: 'not-afk' }, 185);
    beat('a', 10, { status: 'not-afk' }, 185);
    const first = collector.combine(T0 + 11 * S, filter);
    expect(first).toEqual([
      expect.objectContaining({ kind: 'active', app: 'Code', start: T0, end: T0 + 10 * S, rev: 0 }),
    ]);
    expect(collector.combine(T0 + 12 * S, filter)).toEqual([]);
    for (let s = 11; s <= 20; s++) beat('w', s, { app: 'Code' });
    beat('a', 20, { status: 'not-afk' }, 185);
    const second = collector.combine(T0 + 21 * S, filter);
    expect(second).toEqual([
      expect.objectContaining({ id: first[0]!.id, end: T0 + 20 * S, rev: 1 }),
    ]);
  });

  it('retracts a span whose events were deleted, and cuts spans at the five-minute slots', () => {
    const collector = new LiveCollector(store, () => null);
    collector.noteGate(T0 - S, true);
    beat('a', 0, { status: 'not-afk' }, 185);
    beat('a', 400, { status: 'not-afk' }, 1000);
    for (let s = 0; s <= 400; s += 1) beat('w', s, { app: s < 350 ? 'Code' : 'Mail' });
    const spans = collector.combine(T0 + 401 * S, filter);
    expect(spans.map((x) => [x.app, (x.start - T0) / S, (x.end - T0) / S])).toEqual([
      ['Code', 0, 300],
      ['Code', 300, 349.5],
      ['Mail', 349.5, 400],
    ]);
    const mail = store.events('w', { limit: 1 })[0]!;
    store.deleteEvent('w', mail.id);
    const after = collector.combine(T0 + 402 * S, filter);
    const mailSpan = spans.find((x) => x.app === 'Mail')!;
    expect(after).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: mailSpan.id, deleted: true, rev: 1 }),
        // Code no longer shares the gap with Mail: it ends at its last heartbeat.
        expect.objectContaining({ app: 'Code', end: T0 + 349 * S, rev: 1 }),
      ]),
    );
  });

  it('leaves out time before recording was first allowed and while it was not', () => {
    const collector = new LiveCollector(store, () => null);
    beat('a', 0, { status: 'not-afk' }, 185);
    beat('a', 60, { status: 'not-afk' }, 185);
    for (let s = 0; s <= 60; s++) beat('w', s, { app: 'Code' });
    // Allowed from 10 s; paused (notice, pause…) from 30 to 40 s.
    for (const [s, ok] of [
      [10, true],
      [20, true],
      [30, true],
      [35, false],
      [40, false],
      [45, true],
      [60, true],
    ] as const) {
      collector.noteGate(T0 + s * S, ok);
    }
    const spans = collector.combine(T0 + 61 * S, filter);
    expect(spans.map((x) => [(x.start - T0) / S, (x.end - T0) / S])).toEqual([
      [10, 30],
      [40, 60],
    ]);
  });

  it('keeps to work hours by the minute', () => {
    const schedule = {
      timeZone: 'UTC',
      days: { mon: [['09:01', '09:03']] as Array<[string, string]> },
    };
    expect(workHoursWithin(schedule, T0, T0 + 300 * S)).toEqual([[T0 + 60 * S, T0 + 180 * S]]);
    expect(workHoursWithin(null, 1, 2)).toEqual([[1, 2]]);
    expect(
      subtract(
        [[0, 10]],
        [
          [2, 3],
          [5, 20],
        ],
      ),
    ).toEqual([
      [0, 2],
      [3, 5],
    ]);
  });
});
