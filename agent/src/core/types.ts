/** Times inside the agent are epoch milliseconds; ISO strings appear only on the wire. */
export type EpochMs = number;

export type SpanKind = 'active' | 'idle';

/** What one sample says the person was doing, after privacy filters. */
export interface SpanState {
  kind: SpanKind;
  app?: string;
  title?: string;
  url?: string;
}

export interface Span extends SpanState {
  /** Chosen once by the agent; the server treats a re-sent id as a duplicate, not new time. */
  id: string;
  start: EpochMs;
  end: EpochMs;
  /**
   * The revision: 0 as first spooled. A span sent before it was final and changed since (it grew,
   * or idle decided later repainted it) is spooled again with a higher revision, which the server
   * stores in place of the earlier one.
   */
  rev?: number;
  /** A revision that retracts the span (the server keeps it as counting for nothing). */
  deleted?: boolean;
  /** In the merger's tail only: what was last spooled of this span, and its end then. */
  sent?: string;
  sentEnd?: EpochMs;
}

/** The pinned wire shape of `POST /api/v1/agent/events`. */
export interface WireEvent {
  id: string;
  kind: SpanKind;
  start: string;
  end: string;
  app?: string;
  title?: string;
  url?: string;
  rev?: number;
  deleted?: boolean;
}

export interface EventsResponse {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; reason: string }>;
}

export type NoticeVersion = number | string;

export interface Notice {
  version: NoticeVersion;
  text: string;
  language: string;
  /** Set by the server when this employee already acknowledged this version (another device). */
  acknowledged?: boolean;
}

export function toWireEvent(span: Span): WireEvent {
  const event: WireEvent = {
    id: span.id,
    kind: span.kind,
    start: new Date(span.start).toISOString(),
    end: new Date(span.end).toISOString(),
  };
  if (span.app !== undefined) event.app = span.app;
  if (span.title !== undefined) event.title = span.title;
  if (span.url !== undefined) event.url = span.url;
  // Revision 0 is the pinned wire shape exactly; later revisions carry their number.
  if (span.rev !== undefined && span.rev > 0) event.rev = span.rev;
  if (span.deleted === true) event.deleted = true;
  return event;
}

export function sameState(a: SpanState, b: SpanState): boolean {
  return a.kind === b.kind && a.app === b.app && a.title === b.title && a.url === b.url;
}
