import type { EpochMs, Span } from './types.js';

/** What is in the foreground; `null` when nothing can be told (locked screen, no display). */
export interface ForegroundActivity {
  app: string;
  title?: string;
  url?: string;
}

export interface ActivitySource {
  current(): Promise<ForegroundActivity | null>;
}

export interface IdleSource {
  /** Seconds since the last keyboard or pointer input. */
  idleSeconds(): Promise<number>;
}

export interface Clock {
  now(): EpochMs;
  /** Resolves after `ms` (or at once when `signal` aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The merger's state that is not yet committed; saved with every checkpoint. */
export interface TailSnapshot {
  spans: Span[];
  open: boolean;
  lastAt: EpochMs | null;
}

export interface QueuedEvent {
  seq: number;
  id: string;
  /** The event as JSON, exactly as it will be sent. */
  json: string;
  bytes: number;
}

export interface SpoolStats {
  queued: number;
  queuedBytes: number;
  delivered: number;
  duplicates: number;
  rejected: number;
  dropped: number;
  lastTickAt: EpochMs | null;
  /** When the server last answered for spooled events (accepted or not). */
  lastUploadAt: EpochMs | null;
}

export interface Spool {
  /**
   * Atomically: queue spans (final ones, and early versions of spans still in the tail: a span
   * queued again replaces its queued version), replace the tail, remember the tick.
   */
  checkpoint(input: { committed: Span[]; tail: TailSnapshot; at: EpochMs }): void;
  restoreTail(): TailSnapshot | null;
  /** Oldest first, at most `maxEvents` and `maxBytes` of event JSON. */
  peek(maxEvents: number, maxBytes: number): QueuedEvent[];
  /** Removes events the server has answered for, by their queue position (`seq`). */
  settle(input: {
    delivered: number[];
    duplicates: number;
    rejected: Array<{ seq: number; id: string; reason: string }>;
    /** When the server answered. */
    at?: EpochMs;
  }): void;
  stats(): SpoolStats;
  close(): void;
}

/** Small durable key-value state (notice acknowledgement, pause usage). */
export interface StateStore {
  get(key: string): string | null;
  set(key: string, value: string | null): void;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Transport {
  /** Rejects only when no HTTP answer arrived (network down, timeout). */
  send(request: HttpRequest): Promise<HttpResponse>;
}

export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
