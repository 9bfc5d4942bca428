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

/** What identifies a spooled version of a span, but its end (which grows while it is open). */
function fingerprint(span: Span): string {
  return JSON.stringify([span.kind, span.app, span.title, span.url, span.start]);
}

/** A span's revision and what was spooled of it, to carry over when it is repainted. */
function bookkeeping(span: Span): Partial<Span> {
  const out: Partial<Span> = {};
  if (span.rev !== undefined) out.rev = span.rev;
  if (span.sent !== undefined) out.sent = span.sent;
  if (span.sentEnd !== undefined) out.sentEnd = span.sentEnd;
  return out;
}

/** The span as it goes to the spool: without the tail's bookkeeping. */
function spooled(span: Span): Span {
  const { sent: _sent, sentEnd: _sentEnd, ...rest } = span;
  return { ...rest };
}

/**
 * Turns samples into spans, the heartbeat-with-pulsetime way: a sample that repeats the previous
 * state within `pulseMs` extends the open span to its time; a different state closes the open span
 * there and opens a new one, so spans abut. Spans stay in an uncommitted tail for `lookbackMs`,
 * because idle is only known after the threshold and then starts at the last input, retroactively.
 *
 * So that the server is current, `provisional()` hands out spans of the tail before they are final
 * (a closed one at once, the open one as it grows); when one of them changes afterwards (idle
 * repainted it, it grew) it is handed out again with a higher revision, which replaces the earlier
 * one on the server. A span once handed out is never merged away, only revised.
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
    const committed = this.spans.flatMap((s) => this.final(s));
    this.spans = [];
    this.open = false;
    return committed;
  }

  /**
   * Spans of the tail to spool now although they may still change: closed ones that are new or
   * changed since they were last handed out, and the open one once it has grown by `publishMs`
   * since (or changed otherwise). Each is marked as handed out, with its revision.
   */
  provisional(publishMs: number): Span[] {
    const out: Span[] = [];
    this.spans.forEach((span, index) => {
      if (span.end <= span.start) return;
      const isOpen = this.open && index === this.spans.length - 1;
      if (isOpen) {
        const changed = span.sent !== undefined && span.sent !== fingerprint(span);
        if (!changed && span.end - (span.sentEnd ?? span.start) < publishMs) return;
      }
      const version = this.handOut(span);
      if (version) out.push(version);
    });
    return out;
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
        result.push({
          ...bookkeeping(span),
          id: span.id,
          start: span.start,
          end: span.end,
          ...IDLE,
        });
      } else {
        result.push({ ...span, end: cut });
        result.push({ id: this.options.newId(), start: cut, end: Math.min(span.end, at), ...IDLE });
      }
    }
    this.spans = this.coalesce(result);
  }

  /** The version to spool of a span, or none when what was spooled of it is unchanged. */
  private handOut(span: Span): Span | null {
    const print = fingerprint(span);
    if (span.sent === print && span.sentEnd === span.end) return null;
    if (span.sent !== undefined) span.rev = (span.rev ?? 0) + 1;
    span.sent = print;
    span.sentEnd = span.end;
    return spooled(span);
  }

  /** A span leaving the tail: its last version, unless that was spooled already. */
  private final(span: Span): Span[] {
    if (span.end <= span.start) return [];
    const version = this.handOut(span);
    return version ? [version] : [];
  }

  private coalesce(spans: Span[]): Span[] {
    const out: Span[] = [];
    spans.forEach((span, index) => {
      const isLast = index === spans.length - 1;
      if (span.end === span.start && !(isLast && this.open)) return;
      const previous = out.at(-1);
      if (
        previous &&
        // A span the server has may be revised, never merged away.
        span.sent === undefined &&
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
      committed.push(...this.final(first));
    }
    return committed;
  }
}
