import {
  type Allocation,
  type AllocationBook,
  internFacts,
  type SpanFacts,
} from './allocation-book.js';

export interface ActiveSpan extends SpanFacts {
  startMs: number;
  endMs: number;
}

export interface OverrideLike extends Allocation {
  id: string;
  startMs: number;
  endMs: number;
  /** Later overrides win where two overlap. */
  order: number;
}

/**
 * The rule-independent shape of one local day: how long each combination of concurrently active
 * spans (and the override covering it, if any) lasted. Rules are applied to it at read time, so a
 * rule change costs no span reading.
 */
export interface DayShape {
  activeMs: number;
  pieces: { spans: SpanFacts[]; override: Allocation | null; ms: number }[];
}

/** Cuts the union of the active spans inside [dayStart, dayEnd) into pieces of equal facts. */
export function shapeDay(
  spans: readonly ActiveSpan[],
  dayStartMs: number,
  dayEndMs: number,
  overrides: readonly OverrideLike[],
): DayShape {
  type Ev = { t: number; open: boolean; i: number };
  const events: Ev[] = [];
  spans.forEach((s, i) => {
    const a = Math.max(s.startMs, dayStartMs);
    const b = Math.min(s.endMs, dayEndMs);
    if (b > a) events.push({ t: a, open: true, i }, { t: b, open: false, i });
  });
  const cuts = new Set<number>();
  const inDay = overrides.filter((o) => o.endMs > dayStartMs && o.startMs < dayEndMs);
  for (const o of inDay) {
    if (o.startMs > dayStartMs) cuts.add(o.startMs);
    if (o.endMs < dayEndMs) cuts.add(o.endMs);
  }
  const times = [...new Set([...events.map((e) => e.t), ...cuts])].sort((a, b) => a - b);
  events.sort((a, b) => a.t - b.t);
  const open = new Map<number, number>();
  const byKey = new Map<string, DayShape['pieces'][number]>();
  let activeMs = 0;
  let e = 0;
  for (let k = 0; k < times.length - 1; k++) {
    const t = times[k];
    while (e < events.length && events[e].t === t) {
      const ev = events[e++];
      const n = (open.get(ev.i) ?? 0) + (ev.open ? 1 : -1);
      if (n === 0) open.delete(ev.i);
      else open.set(ev.i, n);
    }
    if (open.size === 0) continue;
    const ms = times[k + 1] - t;
    activeMs += ms;
    let override: OverrideLike | null = null;
    for (const o of inDay)
      if (o.startMs <= t && o.endMs > t && (!override || o.order > override.order)) override = o;
    const facts = [...open.keys()].map((i) => spans[i]);
    const factKeys = [
      ...new Set(facts.map((f) => `${f.app ?? ''}\u0001${f.host ?? ''}\u0001${f.title ?? ''}`)),
    ].sort();
    const key = `${override?.id ?? ''}\u0002${factKeys.join('\u0002')}`;
    const piece = byKey.get(key);
    if (piece) piece.ms += ms;
    else
      byKey.set(key, {
        spans: factKeys.map((fk) => {
          const [app, host, title] = fk.split('\u0001');
          return internFacts(app || null, host || null, title || null);
        }),
        override: override ? { projectId: override.projectId, taskId: override.taskId } : null,
        ms,
      });
  }
  return { activeMs, pieces: [...byKey.values()] };
}

/** Milliseconds per allocation key (`projectId|taskId`, '' for unallocated) under a rule book. */
export function allocateShape(
  shape: DayShape,
  book: AllocationBook,
  teamId: string | null,
): Map<string, number> {
  // Summed by the allocation object first (one per rule or override), keyed by text at the end.
  const byAllocation = new Map<Allocation | null, number>();
  for (const p of shape.pieces) {
    const a = p.override ?? book.matchAll(p.spans, teamId);
    byAllocation.set(a, (byAllocation.get(a) ?? 0) + p.ms);
  }
  const out = new Map<string, number>();
  for (const [a, ms] of byAllocation) {
    const key = a ? `${a.projectId}|${a.taskId ?? ''}` : '';
    out.set(key, (out.get(key) ?? 0) + ms);
  }
  return out;
}

export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const h = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
    return h.length > 0 ? h : null;
  } catch {
    return null;
  }
}

export interface TimedPiece {
  startMs: number;
  endMs: number;
  projectId: string | null;
  taskId: string | null;
  /** Set when an employee's override decided this stretch. */
  overrideId: string | null;
}

/** The day's active time as consecutive stretches of one allocation (for the employee's day view). */
export function timedPieces(
  spans: readonly ActiveSpan[],
  dayStartMs: number,
  dayEndMs: number,
  overrides: readonly OverrideLike[],
  book: AllocationBook,
  teamId: string | null,
): TimedPiece[] {
  const times = new Set<number>();
  const clipped = spans
    .map((s) => ({
      ...s,
      startMs: Math.max(s.startMs, dayStartMs),
      endMs: Math.min(s.endMs, dayEndMs),
    }))
    .filter((s) => s.endMs > s.startMs);
  for (const s of clipped) times.add(s.startMs).add(s.endMs);
  for (const o of overrides) {
    if (o.startMs > dayStartMs && o.startMs < dayEndMs) times.add(o.startMs);
    if (o.endMs > dayStartMs && o.endMs < dayEndMs) times.add(o.endMs);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const out: TimedPiece[] = [];
  for (let k = 0; k < sorted.length - 1; k++) {
    const t = sorted[k];
    const open = clipped.filter((s) => s.startMs <= t && s.endMs > t);
    if (open.length === 0) continue;
    let override: OverrideLike | null = null;
    for (const o of overrides)
      if (o.startMs <= t && o.endMs > t && (!override || o.order > override.order)) override = o;
    const a = override ?? book.matchAll(open, teamId);
    const piece: TimedPiece = {
      startMs: t,
      endMs: sorted[k + 1],
      projectId: a?.projectId ?? null,
      taskId: a?.taskId ?? null,
      overrideId: override?.id ?? null,
    };
    const last = out[out.length - 1];
    if (
      last &&
      last.endMs === piece.startMs &&
      last.projectId === piece.projectId &&
      last.taskId === piece.taskId &&
      last.overrideId === piece.overrideId
    )
      last.endMs = piece.endMs;
    else out.push(piece);
  }
  return out;
}
