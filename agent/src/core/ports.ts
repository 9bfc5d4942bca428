import type { RgbaImage } from './screenshots/raster.js';
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

/** The screen as it is now (the primary one where there are several); null when it cannot be read. */
export interface ScreenCapture {
  capture(): Promise<RgbaImage | null>;
}

/** A screenshot in the spool: queued (with its image) until the server has it, then remembered. */
export interface SpooledScreenshot {
  id: string;
  capturedAt: EpochMs;
  width: number;
  height: number;
  bytes: number;
  /** `uploaded`: the server has it; `deleted`: the person deleted it (the image is gone). */
  state: 'queued' | 'uploaded' | 'deleted';
  uploadedAt: EpochMs | null;
}

export interface ScreenshotStats {
  queued: number;
  queuedBytes: number;
  uploaded: number;
  /** Refused by the server for good (screenshots turned off, too large), dropped unsent. */
  refused: number;
  /** Dropped unsent because the spool's screenshot space was full. */
  dropped: number;
}

/** The durable queue of screenshots, beside the events' one. */
export interface ScreenshotStore {
  /** Queues an image; returns the ids dropped (oldest first) to stay within the byte cap. */
  addScreenshot(shot: {
    id: string;
    capturedAt: EpochMs;
    width: number;
    height: number;
    jpeg: Buffer;
  }): string[];
  /** The oldest queued screenshot with its image, or null. */
  nextScreenshot(): (SpooledScreenshot & { jpeg: Buffer }) | null;
  /** The server has it. `false` when it was deleted here meanwhile (the server copy must go too). */
  markScreenshotUploaded(id: string, at: EpochMs): boolean;
  /** The server refused it for good: dropped unsent. */
  refuseScreenshot(id: string): void;
  /** The person deleted it: the image goes, a tombstone stays for `list`. */
  markScreenshotDeleted(id: string): void;
  getScreenshot(id: string): SpooledScreenshot | null;
  /** Newest first, captured at or after `since`. */
  listScreenshots(since: EpochMs): SpooledScreenshot[];
  /** Forgets uploaded and deleted ones captured before `before`. */
  pruneScreenshots(before: EpochMs): void;
  screenshotStats(): ScreenshotStats;
}

/** Small durable key-value state (notice acknowledgement, pause usage). */
export interface StateStore {
  get(key: string): string | null;
  set(key: string, value: string | null): void;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
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
