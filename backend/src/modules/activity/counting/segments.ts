import { type Interval, subtractIntervals, totalLength, unionIntervals } from './intervals.js';

export interface CountedSpan {
  kind: 'active' | 'idle';
  startMs: number;
  endMs: number;
  /** App or site key; null only for idle spans (an active span without one counts as keyless). */
  keyId: string | null;
}

/** A piece of the active union in which the same keys are active throughout. */
export interface Segment {
  startMs: number;
  endMs: number;
  /** Sorted, distinct; empty when only keyless spans cover it. */
  keys: string[];
}

/** Splits the union of active spans at every span boundary (two devices → sets of keys). */
export function activeSegments(spans: readonly CountedSpan[]): Segment[] {
  const events: { t: number; delta: 1 | -1; key: string | null }[] = [];
  for (const s of spans) {
    if (s.kind !== 'active' || s.endMs <= s.startMs) continue;
    events.push({ t: s.startMs, delta: 1, key: s.keyId }, { t: s.endMs, delta: -1, key: s.keyId });
  }
  events.sort((a, b) => a.t - b.t);
  const counts = new Map<string, number>();
  let open = 0;
  const out: Segment[] = [];
  let i = 0;
  while (i < events.length) {
    const t = events[i].t;
    while (i < events.length && events[i].t === t) {
      const e = events[i];
      open += e.delta;
      if (e.key !== null) {
        const n = (counts.get(e.key) ?? 0) + e.delta;
        if (n === 0) counts.delete(e.key);
        else counts.set(e.key, n);
      }
      i++;
    }
    if (open > 0 && i < events.length) {
      const next = events[i].t;
      const keys = [...counts.keys()].sort();
      const last = out[out.length - 1];
      if (last && last.endMs === t && sameKeys(last.keys, keys)) last.endMs = next;
      else out.push({ startMs: t, endMs: next, keys });
    }
  }
  return out;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** A keyset's canonical text: its sorted keys joined by commas. */
export function keysetText(keys: readonly string[]): string {
  return keys.join(',');
}

export interface DayCount {
  day: string;
  activeMs: number;
  idleMs: number;
  firstActiveMs: number | null;
  lastActiveMs: number | null;
  /** keyset text → milliseconds of the day's active union with exactly those keys active. */
  keysets: Map<string, number>;
}

/** Counts each given local day ([startMs, endMs)) from all spans that may touch it. */
export function countDays(
  days: readonly { day: string; startMs: number; endMs: number }[],
  spans: readonly CountedSpan[],
): DayCount[] {
  const segments = activeSegments(spans);
  const active: Interval[] = segments.map((s) => [s.startMs, s.endMs]);
  const activeUnion = unionIntervals(active);
  const idleUnion = subtractIntervals(
    unionIntervals(spans.filter((s) => s.kind === 'idle').map((s) => [s.startMs, s.endMs])),
    activeUnion,
  );
  return days.map(({ day, startMs, endMs }) => {
    const keysets = new Map<string, number>();
    let activeMs = 0;
    let first: number | null = null;
    let last: number | null = null;
    for (const seg of segments) {
      if (seg.endMs <= startMs || seg.startMs >= endMs) continue;
      const s = Math.max(seg.startMs, startMs);
      const e = Math.min(seg.endMs, endMs);
      const text = keysetText(seg.keys);
      keysets.set(text, (keysets.get(text) ?? 0) + (e - s));
      activeMs += e - s;
      if (first === null || s < first) first = s;
      if (last === null || e > last) last = e;
    }
    const idleMs = totalLength(
      idleUnion.flatMap(([s, e]) =>
        e <= startMs || s >= endMs ? [] : [[Math.max(s, startMs), Math.min(e, endMs)] as const],
      ),
    );
    return { day, activeMs, idleMs, firstActiveMs: first, lastActiveMs: last, keysets };
  });
}
