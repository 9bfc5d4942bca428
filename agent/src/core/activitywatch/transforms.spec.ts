import {
  browserBuckets,
  canonicalPieces,
  flood,
  intersect,
  mergeHeartbeat,
  type AwEvent,
} from './transforms.js';

const S = 1000;
let n = 0;
function ev(start: number, seconds: number, data: Record<string, unknown>): AwEvent {
  return { id: (n += 1), start: start * S, end: (start + seconds) * S, data };
}
const span = (e: { start: number; end: number }) => [e.start / S, e.end / S];

describe('ActivityWatch transforms (as aw-server-rust)', () => {
  it('merges a heartbeat within pulsetime of equal data, not otherwise', () => {
    const last = { start: 0, end: 10 * S, data: { app: 'a', title: 't' } };
    expect(
      mergeHeartbeat(last, { start: 12 * S, end: 12 * S, data: { title: 't', app: 'a' } }, 2),
    ).toEqual({
      start: 0,
      end: 12 * S,
    });
    expect(mergeHeartbeat(last, { start: 12.5 * S, end: 12.5 * S, data: last.data }, 2)).toBeNull();
    expect(mergeHeartbeat(last, { start: 11 * S, end: 11 * S, data: { app: 'b' } }, 2)).toBeNull();
    // A heartbeat before the last event's start never merges.
    expect(mergeHeartbeat(last, { start: -1, end: 5 * S, data: last.data }, 2)).toBeNull();
    // It never shortens the event.
    expect(mergeHeartbeat(last, { start: 3 * S, end: 4 * S, data: last.data }, 0)).toEqual({
      start: 0,
      end: 10 * S,
    });
  });

  it('floods like aw-transform: gaps shared in the middle, equal data merged, overlaps kept', () => {
    // test_flood_meet_in_middle
    expect(flood([ev(0, 1, { a: 1 }), ev(3, 1, { b: 1 })]).map(span)).toEqual([
      [0, 2],
      [2, 4],
    ]);
    // test_flood_merge
    expect(flood([ev(0, 1, { a: 1 }), ev(3, 1, { a: 1 })]).map(span)).toEqual([[0, 4]]);
    // test_flood_partial_overlap
    expect(flood([ev(0, 10, { a: 1 }), ev(5, 10, { a: 1 })]).map(span)).toEqual([[0, 15]]);
    // test_flood_containing_diff: different data overlapping stay as they are
    expect(flood([ev(0, 10, { a: 1 }), ev(1, 5, { b: 1 })]).map(span)).toEqual([
      [0, 10],
      [1, 6],
    ]);
    // A gap of 5 s or more is not filled.
    expect(flood([ev(0, 1, { a: 1 }), ev(6, 1, { b: 1 })]).map(span)).toEqual([
      [0, 1],
      [6, 7],
    ]);
    // A merged chain keeps the identity of its first event.
    const chain = [ev(0, 1, { a: 1 }), ev(2, 1, { a: 1 }), ev(4, 1, { a: 1 })];
    expect(flood(chain).map((e) => e.id)).toEqual([chain[0]!.id]);
  });

  it('intersects like filter_period_intersect', () => {
    const events = [
      { start: 0, end: 10, value: 'a' },
      { start: 10, end: 15, value: 'b' },
    ];
    expect(
      intersect(events, [
        { start: 0, end: 5 },
        { start: 8, end: 12 },
      ]),
    ).toEqual([
      { start: 0, end: 5, value: 'a' },
      { start: 8, end: 10, value: 'a' },
      { start: 10, end: 12, value: 'b' },
    ]);
    expect(intersect(events, [])).toEqual([]);
  });

  it('matches web-tab buckets to browsers as aw-webui does', () => {
    expect(
      browserBuckets([
        'aw-watcher-web-firefox_ws-1',
        'aw-watcher-web-chrome',
        'aw-watcher-web-zzz',
      ]),
    ).toEqual([
      ['chrome', 'aw-watcher-web-chrome'],
      ['firefox', 'aw-watcher-web-firefox_ws-1'],
    ]);
  });

  it('counts window time while not afk, with the tab URL while a matching browser is in front', () => {
    const window = [
      ev(0, 60, { app: 'Code', title: 'main.ts' }),
      ev(61, 119, { app: 'Firefox', title: 'Docs — Mozilla Firefox' }),
      ev(181, 59, { app: 'Slack', title: 'general' }),
    ];
    const afk = [
      ev(0, 150, { status: 'not-afk' }),
      ev(150, 60, { status: 'afk' }),
      ev(210, 30, { status: 'not-afk' }),
    ];
    const web = new Map([
      [
        'aw-watcher-web-firefox',
        [
          ev(60, 40, { url: 'https://docs.example.com/a', title: 'Docs', audible: false }),
          ev(100, 80, { url: 'https://mail.example.com/', title: 'Mail', audible: false }),
        ],
      ],
      // A chrome bucket, but no chrome window: it counts for nothing.
      ['aw-watcher-web-chrome', [ev(0, 240, { url: 'https://video.example.com/' })]],
    ]);
    const pieces = canonicalPieces({ window, afk, web }).map((p) => [
      p.kind,
      p.app ?? null,
      p.url ?? null,
      p.start / S,
      p.end / S,
    ]);
    // Flood shares the 1 s gaps: Code 0–60.5, Firefox 60.5–180.5, Slack 180.5–240.
    expect(pieces).toEqual([
      ['active', 'Code', null, 0, 60.5],
      ['active', 'Firefox', 'https://docs.example.com/a', 60.5, 100],
      ['active', 'Firefox', 'https://mail.example.com/', 100, 150],
      ['idle', null, null, 150, 210],
      ['active', 'Slack', null, 210, 240],
    ]);
  });
});
