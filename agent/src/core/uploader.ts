import { ApiError } from './api-client.js';
import type { Clock, Logger, Spool } from './ports.js';
import type { EventsResponse } from './types.js';

/** The pinned limits of `POST /agent/events`, with room for the envelope. */
export const API_MAX_EVENTS = 5000;
export const API_MAX_BYTES = 5_000_000 - 64;

export interface EventsPoster {
  postEvents(eventJson: string[]): Promise<EventsResponse>;
}

export interface UploaderOptions {
  maxEvents?: number;
  maxBytes?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How often an empty queue is looked at again. */
  pollMs?: number;
  random?: () => number;
  /** After a 403 (e.g. a new monitoring notice not yet acknowledged). */
  onForbidden?: () => void;
  /** After a 403 `organization-closed`: the organization takes no data any more. */
  onOrganizationClosed?: () => void;
  forbiddenDelayMs?: number;
}

export type UploaderState = 'idle' | 'uploading' | 'backoff' | 'offline' | 'unauthorized';

export interface UploaderStatus {
  state: UploaderState;
  lastSuccessAt: number | null;
  lastError: string | null;
  nextAttemptAt: number | null;
}

export type StepResult =
  | { kind: 'empty' }
  | { kind: 'sent'; delivered: number; rejected: number }
  | { kind: 'retry'; waitMs: number };

/**
 * Moves events from the spool to the server. An event leaves the spool only after the server has
 * answered for it: accepted and duplicate ones as delivered, rejected ones dropped and logged.
 */
export class Uploader {
  private readonly maxEvents: number;
  private readonly maxBytes: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly pollMs: number;
  private readonly random: () => number;
  private readonly onForbidden: () => void;
  private readonly onOrganizationClosed: () => void;
  private readonly forbiddenDelayMs: number;
  private batchLimit: number;
  private failures = 0;
  private inFlight: Promise<StepResult> | null = null;
  private current: UploaderStatus = {
    state: 'idle',
    lastSuccessAt: null,
    lastError: null,
    nextAttemptAt: null,
  };

  constructor(
    private readonly spool: Spool,
    private readonly poster: () => EventsPoster | null,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: UploaderOptions = {},
  ) {
    this.maxEvents = Math.min(options.maxEvents ?? API_MAX_EVENTS, API_MAX_EVENTS);
    this.maxBytes = Math.min(options.maxBytes ?? API_MAX_BYTES, API_MAX_BYTES);
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
    this.pollMs = options.pollMs ?? 5000;
    this.random = options.random ?? Math.random;
    this.onForbidden = options.onForbidden ?? (() => undefined);
    this.onOrganizationClosed = options.onOrganizationClosed ?? (() => undefined);
    this.forbiddenDelayMs = options.forbiddenDelayMs ?? 30_000;
    this.batchLimit = this.maxEvents;
  }

  status(): UploaderStatus {
    return { ...this.current };
  }

  /** One request at most; concurrent callers share the request in flight. */
  step(): Promise<StepResult> {
    if (this.inFlight === null) {
      this.inFlight = this.stepOnce().finally(() => (this.inFlight = null));
    }
    return this.inFlight;
  }

  private async stepOnce(): Promise<StepResult> {
    const poster = this.poster();
    if (poster === null) return this.retry('unauthorized', 'not enrolled', this.maxDelayMs);
    const batch = this.spool.peek(this.batchLimit, this.maxBytes);
    if (batch.length === 0) {
      this.current = { ...this.current, state: 'idle', nextAttemptAt: null };
      return { kind: 'empty' };
    }
    this.current = { ...this.current, state: 'uploading' };
    let answer: EventsResponse;
    try {
      answer = await poster.postEvents(batch.map((e) => e.json));
    } catch (error) {
      if (!(error instanceof ApiError)) {
        return this.retry('offline', String(error), this.backoff());
      }
      switch (error.status) {
        case 400:
        case 413: {
          // The batch as a whole was refused: halve it until the one bad event stands alone.
          if (batch.length > 1) {
            this.batchLimit = Math.max(1, Math.floor(batch.length / 2));
            return { kind: 'retry', waitMs: 0 };
          }
          const only = batch[0]!;
          this.logger.warn('event refused by the server, dropped', {
            id: only.id,
            status: error.status,
            reason: error.detail,
          });
          this.spool.settle({
            delivered: [],
            duplicates: 0,
            rejected: [{ seq: only.seq, id: only.id, reason: error.detail }],
            at: this.clock.now(),
          });
          return { kind: 'sent', delivered: 0, rejected: 1 };
        }
        case 401:
          return this.retry('unauthorized', error.message, this.maxDelayMs);
        case 403:
          // A closed organization takes no data, for good: ask again rarely, keep what is spooled
          // (it goes if the owner reopens the organization, and is purged with the agent's data).
          if (error.problem === 'organization-closed') {
            this.onOrganizationClosed();
            return this.retry('unauthorized', error.message, this.maxDelayMs);
          }
          // Kept, not dropped: they become acceptable once the notice is acknowledged.
          this.onForbidden();
          return this.retry('unauthorized', error.message, this.forbiddenDelayMs);
        case 429: {
          const wait = error.retryAfterMs ?? this.backoff();
          return this.retry('backoff', error.message, wait + Math.floor(this.random() * 250));
        }
        default:
          return this.retry('backoff', error.message, this.backoff());
      }
    }

    const rejectedIndexes = new Map<number, string>();
    for (const r of answer.rejected) {
      if (Number.isInteger(r.index) && r.index >= 0 && r.index < batch.length) {
        rejectedIndexes.set(r.index, r.reason);
      }
    }
    const delivered = batch.filter((_, i) => !rejectedIndexes.has(i)).map((e) => e.seq);
    const rejected = [...rejectedIndexes].map(([index, reason]) => ({
      seq: batch[index]!.seq,
      id: batch[index]!.id,
      reason,
    }));
    for (const { id, reason } of rejected) {
      this.logger.warn('event rejected by the server, dropped', { id, reason });
    }
    this.spool.settle({
      delivered,
      duplicates: Math.min(Math.max(0, answer.duplicates), delivered.length),
      rejected,
      at: this.clock.now(),
    });
    this.failures = 0;
    this.batchLimit = Math.min(this.maxEvents, this.batchLimit * 2);
    this.current = {
      state: 'idle',
      lastSuccessAt: this.clock.now(),
      lastError: null,
      nextAttemptAt: null,
    };
    return { kind: 'sent', delivered: delivered.length, rejected: rejected.length };
  }

  /** Uploads until the spool is empty (or `signal` aborts). */
  async drain(signal?: AbortSignal): Promise<void> {
    while (!signal?.aborted) {
      const result = await this.step();
      if (result.kind === 'empty') return;
      if (result.kind === 'retry' && result.waitMs > 0)
        await this.clock.sleep(result.waitMs, signal);
    }
  }

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.drain(signal);
      } catch (error) {
        // A local failure (the spool busy or full disk): keep the agent alive and try again.
        this.logger.error('upload loop failed', { error: String(error) });
        await this.clock.sleep(this.backoff(), signal);
      }
      await this.clock.sleep(this.pollMs, signal);
    }
  }

  private backoff(): number {
    // Exponential with "equal jitter": never zero, never in lockstep with other agents.
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** this.failures);
    this.failures = Math.min(this.failures + 1, 30);
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private retry(state: UploaderState, message: string, waitMs: number): StepResult {
    this.current = {
      ...this.current,
      state,
      lastError: message,
      nextAttemptAt: this.clock.now() + waitMs,
    };
    if (state !== 'unauthorized') this.logger.info('upload deferred', { state, waitMs, message });
    return { kind: 'retry', waitMs };
  }
}
