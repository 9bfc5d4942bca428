import {
  type Interval,
  clipIntervals,
  subtractIntervals,
  unionIntervals,
} from '../activity/counting/intervals.js';
import type { Productivity } from '../activity/counting/productivity.js';

const RANK: Record<Productivity, number> = { productive: 2, neutral: 1, unproductive: 0 };

export interface TimelineInput {
  kind: 'active' | 'idle';
  startMs: number;
  endMs: number;
  app: string | null;
  title: string | null;
  site: string | null;
  url: string | null;
  productivity: Productivity;
}

export interface TimelineEntry {
  kind: 'active' | 'idle';
  startMs: number;
  endMs: number;
  app: string | null;
  title: string | null;
  site: string | null;
  url: string | null;
  productivity: Productivity | null;
}

/**
 * One day's spans as a person reads them: where devices overlap, the span that decides the
 * productivity class (the best; then the latest started) stands for that stretch; neighbours
 * showing the same thing merge; idle time is what idle spans cover outside active time.
 */
export function buildTimeline(
  spans: readonly TimelineInput[],
  fromMs: number,
  toMs: number,
): TimelineEntry[] {
  const active = spans.filter((s) => s.kind === 'active' && s.endMs > fromMs && s.startMs < toMs);
  const times = [
    ...new Set(active.flatMap((s) => [Math.max(s.startMs, fromMs), Math.min(s.endMs, toMs)])),
  ].sort((a, b) => a - b);
  const entries: TimelineEntry[] = [];
  const byStart = [...active].sort((a, b) => a.startMs - b.startMs);
  const open: TimelineInput[] = [];
  let next = 0;
  for (let i = 0; i + 1 < times.length; i++) {
    const [s, e] = [times[i], times[i + 1]];
    while (next < byStart.length && Math.max(byStart[next].startMs, fromMs) <= s)
      open.push(byStart[next++]);
    for (let j = open.length - 1; j >= 0; j--) if (open[j].endMs <= s) open.splice(j, 1);
    if (open.length === 0) continue;
    let best = open[0];
    for (const o of open) {
      if (RANK[o.productivity] > RANK[best.productivity]) best = o;
      else if (RANK[o.productivity] === RANK[best.productivity] && o.startMs > best.startMs)
        best = o;
    }
    const entry: TimelineEntry = {
      kind: 'active',
      startMs: s,
      endMs: e,
      app: best.app,
      title: best.title,
      site: best.site,
      url: best.url,
      productivity: best.productivity,
    };
    const last = entries[entries.length - 1];
    if (
      last &&
      last.endMs === s &&
      last.app === entry.app &&
      last.title === entry.title &&
      last.site === entry.site &&
      last.url === entry.url &&
      last.productivity === entry.productivity
    ) {
      last.endMs = e;
    } else {
      entries.push(entry);
    }
  }
  const activeUnion = unionIntervals(active.map((s): Interval => [s.startMs, s.endMs]));
  const idle = clipIntervals(
    subtractIntervals(
      unionIntervals(
        spans.filter((s) => s.kind === 'idle').map((s): Interval => [s.startMs, s.endMs]),
      ),
      activeUnion,
    ),
    fromMs,
    toMs,
  );
  for (const [s, e] of idle) {
    entries.push({
      kind: 'idle',
      startMs: s,
      endMs: e,
      app: null,
      title: null,
      site: null,
      url: null,
      productivity: null,
    });
  }
  return entries.sort((a, b) => a.startMs - b.startMs);
}
