import { ApiError } from '../api-client.js';
import type { Clock, Logger, ScreenshotStore } from '../ports.js';

export interface ScreenshotPoster {
  postScreenshot(shot: { id: string; capturedAt: number; jpeg: Buffer }): Promise<{
    duplicate: boolean;
  }>;
  deleteScreenshot(id: string): Promise<void>;
}

export interface ScreenshotUploaderOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  pollMs?: number;
  forbiddenDelayMs?: number;
  random?: () => number;
  /** After a 403 `screenshots-disabled`: the policy changed, ask for it again. */
  onDisabled?: () => void;
}

export type ScreenshotStep =
  | { kind: 'empty' }
  | { kind: 'sent'; id: string; duplicate: boolean }
  | { kind: 'refused'; id: string; status: number }
  | { kind: 'retry'; waitMs: number };

/** Problem codes after which an image can never be taken: it is dropped, never sent again. */
const REFUSED_FOR_GOOD = new Set([400, 404, 413, 415]);

/**
 * Moves screenshots from the spool to the server, oldest first, one at a time (each is up to a few
 * hundred kilobytes). A screenshot leaves the queue only once the server has answered for it:
 * stored or a duplicate (sent before a crash) as uploaded, `screenshots-disabled` and malformed as
 * dropped; 5xx and network failures wait with backoff, as for events.
 */
export class ScreenshotUploader {
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly pollMs: number;
  private readonly forbiddenDelayMs: number;
  private readonly random: () => number;
  private readonly onDisabled: () => void;
  private failures = 0;
  private inFlight: Promise<ScreenshotStep> | null = null;
  lastError: string | null = null;

  constructor(
    private readonly store: ScreenshotStore,
    private readonly poster: () => ScreenshotPoster | null,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: ScreenshotUploaderOptions = {},
  ) {
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
    this.pollMs = options.pollMs ?? 5000;
    this.forbiddenDelayMs = options.forbiddenDelayMs ?? 60_000;
    this.random = options.random ?? Math.random;
    this.onDisabled = options.onDisabled ?? (() => undefined);
  }

  /** One request at most; concurrent callers share the one in flight. */
  step(): Promise<ScreenshotStep> {
    if (this.inFlight === null) {
      this.inFlight = this.stepOnce().finally(() => (this.inFlight = null));
    }
    return this.inFlight;
  }

  private async stepOnce(): Promise<ScreenshotStep> {
    const poster = this.poster();
    if (poster === null) return this.retry('not enrolled', this.maxDelayMs);
    const shot = this.store.nextScreenshot();
    if (shot === null) return { kind: 'empty' };
    let duplicate: boolean;
    try {
      ({ duplicate } = await poster.postScreenshot(shot));
    } catch (error) {
      if (!(error instanceof ApiError)) return this.retry(String(error), this.backoff());
      if (error.status === 403 && error.problem === 'screenshots-disabled') {
        this.store.refuseScreenshot(shot.id);
        this.logger.warn('screenshot refused: screenshots are off for this employee, dropped', {
          id: shot.id,
        });
        this.onDisabled();
        return { kind: 'refused', id: shot.id, status: 403 };
      }
      if (REFUSED_FOR_GOOD.has(error.status)) {
        this.store.refuseScreenshot(shot.id);
        this.logger.warn('screenshot refused by the server, dropped', {
          id: shot.id,
          status: error.status,
          reason: error.detail,
        });
        return { kind: 'refused', id: shot.id, status: error.status };
      }
      switch (error.status) {
        case 401:
          return this.retry(error.message, this.maxDelayMs);
        case 403:
          // A new notice to acknowledge, or a closed organization: kept, asked again later.
          return this.retry(error.message, this.forbiddenDelayMs);
        case 429:
          return this.retry(error.message, error.retryAfterMs ?? this.backoff());
        default:
          return this.retry(error.message, this.backoff());
      }
    }
    this.failures = 0;
    this.lastError = null;
    if (!this.store.markScreenshotUploaded(shot.id, this.clock.now())) {
      // Deleted by the person while it was on its way: the server's copy goes too.
      await poster.deleteScreenshot(shot.id).catch((error: unknown) => {
        this.logger.warn('a screenshot deleted during its upload could not be deleted', {
          id: shot.id,
          error: String(error),
        });
      });
    }
    return { kind: 'sent', id: shot.id, duplicate };
  }

  /** Uploads until the queue is empty (or `signal` aborts). */
  async drain(signal?: AbortSignal): Promise<void> {
    while (!signal?.aborted) {
      const result = await this.step();
      if (result.kind === 'empty') return;
      if (result.kind === 'retry') await this.clock.sleep(result.waitMs, signal);
    }
  }

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.drain(signal);
      } catch (error) {
        this.logger.error('screenshot upload loop failed', { error: String(error) });
        await this.clock.sleep(this.backoff(), signal);
      }
      await this.clock.sleep(this.pollMs, signal);
    }
  }

  private backoff(): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** this.failures);
    this.failures = Math.min(this.failures + 1, 30);
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private retry(message: string, waitMs: number): ScreenshotStep {
    this.lastError = message;
    this.logger.info('screenshot upload deferred', { waitMs, message });
    return { kind: 'retry', waitMs };
  }
}
