import type { TailSnapshot } from './ports.js';
import { sameState, type EpochMs, type Span, type SpanState } from './types.js';

export interface MergerOptions {
  /** Longest gap between two samples that still continues a span (a few sample intervals). */
  pulseMs: number;
  /** Spans are cut at about this length so that long activities reach the server regularly. */
  maxSpanMs: number;
  /** How far back an idle detection may repaint (idle threshold plus a sample interval). */
  lookbackMs: number;
  newId: () => string;
}

export interface Observation {
  at: EpochMs;
  /** `null`: nothing is recorded from here (paused, outside work hours, suspended). */
  state: SpanState | null;
  /** For an idle state: when the input stopped; time from then on becomes idle. */
  idleSince?: EpochMs;
}

const IDLE: SpanState = { kind: 'idle' };

/**
 * Turns samples into spans, the heartbeat-with-pulsetime way: a sample that repeats the previous
 * state within `pulseMs` extends the open span to its time; a different state closes the open span
 * there and opens a new one, so spans abut. Spans stay in an uncommitted tail for `lookbackMs`,
 * because idle is only known after the threshold and then starts at the last input, retroactively.
 */
export class SpanMerger {
  private spans: Span[];
  private open: boolean;
  private lastAt: EpochMs | null;

  constructor(
    private readonly options: MergerOptions,
    restored?: TailSnapshot | null,
  ) {
    this.spans = restored ? restored.spans.map((s) => ({ ...s })) : [];
    this.open = restored?.open ?? false;
    this.lastAt = restored?.lastAt ?? null;
  }

  /** Feeds one sample; returns the spans that became final. */
  observe({ at, state, idleSince }: Observation): Span[] {
    if (this.lastAt !== null && at < this.lastAt) {
      // The wall clock went back: keep what we have, start afresh.
      const committed = this.flush();
      this.lastAt = at;
      return committed.concat(this.observe({ at, state, idleSince }));
    }
    const contiguous = this.lastAt !== null && at - this.lastAt <= this.options.pulseMs;
    const last = this.spans.at(-1);
    if (this.open && last && contiguous) last.end = at;
    else this.open = false;

    if (state === null) {
      this.open = false;
    } else if (!(
      this.open &&
      last &&
      sameState(last, state) &&
      last.end - last.start < this.options.maxSpanMs
    )) {
      this.spans.push({ ...state, id: this.options.newId(), start: at, end: at });
      this.open = true;
    }

    if (state?.kind === 'idle' && idleSince !== undefined) {
      this.repaintIdle(Math.max(idleSince, at - this.options.lookbackMs), at);
    }
    this.lastAt = at;
    return this.commitBefore(at - this.options.lookbackMs);
  }

  /** Commits everything (shutdown); the open span ends at its last sample. */
  flush(): Span[] {
    const committed = this.spans.filter((s) => s.end > s.start);
    this.spans = [];
    this.open = false;
    return committed;
  }

  snapshot(): TailSnapshot {
    return { spans: this.spans.map((s) => ({ ...s })), open: this.open, lastAt: this.lastAt };
  }

  private repaintIdle(cut: EpochMs, at: EpochMs): void {
    const result: Span[] = [];
    for (const span of this.spans) {
      if (span.end <= cut || span.kind === 'idle') {
        result.push(span);
      } else if (span.start >= cut) {
        result.push({ id: span.id, start: span.start, end: span.end, ...IDLE });
      } else {
        result.push({ ...span, end: cut });
        result.push({ id: this.options.newId(), start: cut, end: Math.min(span.end, at), ...IDLE });
      }
    }
    this.spans = this.coalesce(result);
  }

  private coalesce(spans: Span[]): Span[] {
    const out: Span[] = [];
    spans.forEach((span, index) => {
      const isLast = index === spans.length - 1;
      if (span.end === span.start && !(isLast && this.open)) return;
      const previous = out.at(-1);
      if (
        previous &&
        previous.end === span.start &&
        sameState(previous, span) &&
        span.end - previous.start <= this.options.maxSpanMs
      ) {
        previous.end = span.end;
      } else {
        out.push(span);
      }
    });
    if (out.length === 0 || out.at(-1) !== spans.at(-1)) {
      // The open span was merged into its predecessor, which is now the open one.
      this.open = this.open && out.length > 0;
    }
    return out;
  }

  private commitBefore(limit: EpochMs): Span[] {
    const committed: Span[] = [];
    while (this.spans.length > 0) {
      const first = this.spans[0]!;
      const isOpen = this.open && this.spans.length === 1;
      if (isOpen || first.end > limit) break;
      this.spans.shift();
      if (first.end > first.start) committed.push(first);
    }
    return committed;
  }
}
