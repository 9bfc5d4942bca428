import fc from 'fast-check';
import { clipIntervals, subtractIntervals, totalLength, unionIntervals } from './intervals.js';
import { bestProductivity, type Productivity, toSecondsKeepingSum } from './productivity.js';
import { activeSegments, countDays, type CountedSpan, keysetText } from './segments.js';
import {
  addDays,
  daysBetween,
  formatInZone,
  offsetFromIntl,
  offsetMs,
  isValidDay,
  localDayBounds,
  localDayOf,
  localDaysOfUtcDay,
  localDaysOverlapping,
  startOfLocalDay,
} from './time-zone.js';

const HOUR = 3_600_000;
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Pacific/Chatham',
  'Asia/Tokyo',
];
// Days around DST changes (both directions, in both hemispheres) and one ordinary day.
const ANCHORS = [
  '2026-03-08',
  '2026-03-29',
  '2026-04-05',
  '2026-09-06',
  '2026-09-27',
  '2026-10-04',
  '2026-10-25',
  '2026-11-01',
  '2026-06-15',
].map((d) => Date.parse(`${d}T00:00:00Z`));

describe('interval algebra', () => {
  const interval = fc
    .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 40 }))
    .map(([s, len]) => [s, s + len] as const);
  const member = (ivs: readonly (readonly [number, number])[], x: number) =>
    ivs.some(([s, e]) => x >= s && x < e);

  it('union covers exactly the points of its inputs, sorted and disjoint', () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 12 }), (ivs) => {
        const u = unionIntervals(ivs);
        for (let i = 1; i < u.length; i++) expect(u[i][0]).toBeGreaterThan(u[i - 1][1]);
        for (let x = 0; x < 245; x++) expect(member(u, x)).toBe(member(ivs, x));
      }),
    );
  });

  it('subtraction and clipping agree with pointwise sets', () => {
    fc.assert(
      fc.property(
        fc.array(interval, { maxLength: 10 }),
        fc.array(interval, { maxLength: 10 }),
        fc.integer({ min: 0, max: 240 }),
        fc.integer({ min: 0, max: 240 }),
        (a, b, x0, x1) => {
          const diff = subtractIntervals(unionIntervals(a), unionIntervals(b));
          const [from, to] = [Math.min(x0, x1), Math.max(x0, x1)];
          const clipped = clipIntervals(unionIntervals(a), from, to);
          let expectedLength = 0;
          for (let x = 0; x < 245; x++) {
            expect(member(diff, x)).toBe(member(a, x) && !member(b, x));
            const inClip = member(a, x) && x >= from && x < to;
            expect(member(clipped, x)).toBe(inClip);
            if (inClip) expectedLength++;
          }
          expect(totalLength(clipped)).toBe(expectedLength);
        },
      ),
    );
  });
});

describe('local days', () => {
  it('knows 23 h and 25 h days and zones that skip midnight', () => {
    const len = (tz: string, day: string) => {
      const { startMs, endMs } = localDayBounds(tz, day);
      return (endMs - startMs) / HOUR;
    };
    expect(len('Europe/Berlin', '2026-03-29')).toBe(23);
    expect(len('Europe/Berlin', '2026-10-25')).toBe(25);
    expect(len('America/New_York', '2026-03-08')).toBe(23);
    expect(len('America/New_York', '2026-11-01')).toBe(25);
    expect(len('Australia/Lord_Howe', '2026-10-04')).toBe(23.5);
    expect(len('Asia/Kolkata', '2026-03-29')).toBe(24);
    // Santiago moves 00:00 → 01:00 in September: the day starts at 01:00 local.
    expect(len('America/Santiago', '2026-09-06')).toBe(23);
    expect(
      formatInZone('America/Santiago', startOfLocalDay('America/Santiago', '2026-09-06')),
    ).toBe('2026-09-06T01:00:00.000-03:00');
    expect(formatInZone('Asia/Kolkata', Date.parse('2026-01-01T00:00:00Z'))).toBe(
      '2026-01-01T05:30:00.000+05:30',
    );
    expect(formatInZone('America/New_York', Date.parse('2026-07-01T12:00:00Z'))).toBe(
      '2026-07-01T08:00:00.000-04:00',
    );
  });

  it('answers offsets from its per-hour memory exactly as Intl does, in hours that hold a change too', () => {
    // Lord Howe changes by 30 minutes at 15:30 UTC, Kathmandu once moved by 15 minutes, and
    // Amsterdam kept local mean time (+00:19:32) until 1937: changes inside a UTC hour.
    const changes = [
      ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['Europe/Berlin', '2026-03-29T01:00:00Z'],
      ['America/Santiago', '2026-09-06T04:00:00Z'],
      ['Asia/Kathmandu', '1986-01-01T00:00:00Z'],
      ['Europe/Amsterdam', '1937-06-30T22:40:28Z'],
    ] as const;
    for (const [zone, at] of changes) {
      const change = Date.parse(at);
      for (const delta of [-3_600_000, -1_801_000, -1000, 0, 1000, 59_000, 1_799_000, 3_599_000]) {
        expect(offsetMs(zone, change + delta)).toBe(offsetFromIntl(zone, change + delta));
      }
    }
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.parse('1900-01-01'), max: Date.parse('2100-01-01') }),
        fc.integer({ min: 0, max: 3_599_999 }),
        (zone, ms, within) => {
          // Two instants of one UTC hour: the second is answered from what the first stored.
          const other = Math.floor(ms / 3_600_000) * 3_600_000 + within;
          expect(offsetMs(zone, ms)).toBe(offsetFromIntl(zone, ms));
          expect(offsetMs(zone, other)).toBe(offsetFromIntl(zone, other));
          const date = new Intl.DateTimeFormat('en-CA', {
            timeZone: zone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
          });
          expect(localDayOf(zone, other)).toBe(date.format(other));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('puts every instant inside the bounds of its own local day', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...ANCHORS),
        fc.integer({ min: -48 * HOUR, max: 48 * HOUR }),
        (tz, anchor, delta) => {
          const t = anchor + delta;
          const day = localDayOf(tz, t);
          const { startMs, endMs } = localDayBounds(tz, day);
          expect(startMs).toBeLessThanOrEqual(t);
          expect(t).toBeLessThan(endMs);
          expect(localDayOf(tz, startMs)).toBe(day);
          expect(localDayOf(tz, startMs - 1) < day).toBe(true);
          expect(new Date(t).toLocaleDateString('sv-SE', { timeZone: tz })).toBe(day);
        },
      ),
    );
  });

  it('lists the local days an interval or a UTC day touches', () => {
    expect(localDaysOfUtcDay('UTC', '2026-05-01')).toEqual(['2026-05-01']);
    expect(localDaysOfUtcDay('Asia/Tokyo', '2026-05-01')).toEqual(['2026-05-01', '2026-05-02']);
    expect(localDaysOfUtcDay('Pacific/Chatham', '2026-09-26')).toEqual([
      '2026-09-26',
      '2026-09-27',
    ]);
    const t = Date.parse('2026-03-28T22:00:00Z');
    expect(localDaysOverlapping('Europe/Berlin', t, t + 26 * HOUR)).toEqual([
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
    ]);
    expect(localDaysOverlapping('UTC', t, t)).toEqual([]);
  });

  it('does calendar arithmetic and validates days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(isValidDay('2026-02-29')).toBe(false);
    expect(isValidDay('2026-13-01')).toBe(false);
    expect(isValidDay('2026-1-01')).toBe(false);
    expect(isValidDay('2026-12-31')).toBe(true);
  });
});

describe('productivity helpers', () => {
  it('ranks productive over neutral over unproductive, neutral when nothing matches', () => {
    expect(bestProductivity(['unproductive', 'neutral'])).toBe('neutral');
    expect(bestProductivity(['unproductive', 'productive', 'neutral'])).toBe('productive');
    expect(bestProductivity([])).toBe('neutral');
  });

  it('rounds parts to seconds without losing the total', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 5 }), (parts) => {
        const out = toSecondsKeepingSum(parts);
        const sum = parts.reduce((a, b) => a + b, 0);
        expect(out.reduce((a, b) => a + b, 0)).toBe(Math.round(sum / 1000));
        out.forEach((s, i) => expect(Math.abs(s - parts[i] / 1000)).toBeLessThan(1));
      }),
    );
  });
});

// The reference: one cell per second of a 3-day window, each day looked up independently.
const KEYS = ['a', 'b', 'c', 'd', 'e'];
interface Reference {
  days: Map<
    string,
    {
      active: number;
      idle: number;
      first: number | null;
      last: number | null;
      keysets: Map<string, number>;
      classes: Record<Productivity, number>;
    }
  >;
}

function naive(
  tz: string,
  windowStart: number,
  windowSeconds: number,
  spans: CountedSpan[],
  classOf: Record<string, Productivity>,
): Reference {
  const mask = new Uint8Array(windowSeconds);
  const keyless = new Uint8Array(windowSeconds);
  const idle = new Uint8Array(windowSeconds);
  for (const s of spans) {
    for (let t = s.startMs; t < s.endMs; t += 1000) {
      const i = (t - windowStart) / 1000;
      if (s.kind === 'idle') idle[i] = 1;
      else if (s.keyId === null) keyless[i] = 1;
      else mask[i] |= 1 << KEYS.indexOf(s.keyId);
    }
  }
  const days: Reference['days'] = new Map();
  // A formatter of its own (another locale and API) so the reference shares no code with the subject.
  const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: tz });
  let minuteDay = '';
  for (let i = 0; i < windowSeconds; i++) {
    const t = windowStart + i * 1000;
    if (i % 60 === 0) minuteDay = dayFormat.format(t);
    let d = days.get(minuteDay);
    if (!d) {
      d = {
        active: 0,
        idle: 0,
        first: null,
        last: null,
        keysets: new Map(),
        classes: { productive: 0, neutral: 0, unproductive: 0 },
      };
      days.set(minuteDay, d);
    }
    const isActive = mask[i] !== 0 || keyless[i] === 1;
    if (isActive) {
      d.active++;
      d.first ??= t;
      d.last = t + 1000;
      const keys = KEYS.filter((_, k) => (mask[i] & (1 << k)) !== 0);
      const text = keys.join(',');
      d.keysets.set(text, (d.keysets.get(text) ?? 0) + 1);
      d.classes[bestProductivity(keys.map((k) => classOf[k]))]++;
    } else if (idle[i]) {
      d.idle++;
    }
  }
  return { days };
}

describe('day counting against a second-by-second reference', () => {
  const WINDOW_SECONDS = 3 * 24 * 3600;
  const spanArb = fc.record({
    kind: fc.constantFrom<'active' | 'idle'>('active', 'active', 'idle'),
    device: fc.constantFrom(0, 1),
    offset: fc.integer({ min: 0, max: WINDOW_SECONDS - 1 }),
    length: fc.integer({ min: 1, max: 4 * 3600 }),
    key: fc.constantFrom<string | null>(...KEYS, null),
  });
  const classArb = fc.record(
    Object.fromEntries(
      KEYS.map((k) => [k, fc.constantFrom<Productivity>('productive', 'neutral', 'unproductive')]),
    ),
  );

  it('matches per local day: active, idle, first/last, keysets and classes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...ANCHORS),
        fc.array(spanArb, { maxLength: 14 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        classArb,
        (tz, anchor, raw, duplicates, classOf) => {
          const windowStart = anchor - 24 * HOUR;
          const spans: CountedSpan[] = raw.map((r) => {
            const startMs = windowStart + r.offset * 1000;
            const endMs = Math.min(startMs + r.length * 1000, windowStart + WINDOW_SECONDS * 1000);
            return {
              kind: r.kind,
              startMs,
              endMs,
              keyId: r.kind === 'idle' ? null : r.key,
            };
          });
          // Re-sent data and a second device reporting the very same span.
          for (const d of duplicates)
            if (spans.length > 0) spans.push({ ...spans[d % spans.length] });
          const ref = naive(tz, windowStart, WINDOW_SECONDS, spans, classOf);
          // Only days lying wholly inside the window are comparable.
          const days = [...ref.days.keys()].slice(1, -1);
          const counted = countDays(
            days.map((day) => ({ day, ...localDayBounds(tz, day) })),
            spans,
          );
          for (const c of counted) {
            const r = ref.days.get(c.day)!;
            expect(c.activeMs).toBe(r.active * 1000);
            expect(c.idleMs).toBe(r.idle * 1000);
            expect(c.firstActiveMs).toBe(r.first);
            expect(c.lastActiveMs).toBe(r.last);
            expect(Object.fromEntries(c.keysets)).toEqual(
              Object.fromEntries([...r.keysets].map(([k, v]) => [k, v * 1000])),
            );
            const classes = { productive: 0, neutral: 0, unproductive: 0 };
            for (const [text, ms] of c.keysets) {
              const keys = text === '' ? [] : text.split(',');
              classes[bestProductivity(keys.map((k) => classOf[k]))] += ms / 1000;
            }
            expect(classes).toEqual(r.classes);
            expect(classes.productive + classes.neutral + classes.unproductive).toBe(r.active);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('splits overlapping devices into keysets and merges touching equal segments', () => {
    const spans: CountedSpan[] = [
      { kind: 'active', startMs: 0, endMs: 10_000, keyId: 'a' },
      { kind: 'active', startMs: 10_000, endMs: 20_000, keyId: 'a' },
      { kind: 'active', startMs: 5_000, endMs: 15_000, keyId: 'b' },
      { kind: 'active', startMs: 5_000, endMs: 15_000, keyId: 'b' },
    ];
    expect(activeSegments(spans)).toEqual([
      { startMs: 0, endMs: 5_000, keys: ['a'] },
      { startMs: 5_000, endMs: 15_000, keys: ['a', 'b'] },
      { startMs: 15_000, endMs: 20_000, keys: ['a'] },
    ]);
    expect(keysetText(['a', 'b'])).toBe('a,b');
  });
});
