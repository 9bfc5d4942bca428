import type { JobName, JobPayloads, QueueName } from './job-definitions.js';

export interface EnqueueOptions {
  /** Dedupe key: while a job with this id exists (waiting, running, failed, recently done), adding it again does nothing. */
  jobId?: string;
  delayMs?: number;
  /** The sweeper's re-queue: a finished (completed or failed) job with this id is replaced, not kept. */
  replaceFinished?: boolean;
  attempts?: number;
  backoffMs?: number;
  /**
   * Coalesces the jobs of one key: at most one waits and one runs. Added while one waits, it is
   * dropped (the waiting one will see the same state). Added while one runs, it runs after that one
   * (the latest data wins), so a change made during a run is never missed. Not with `jobId`.
   */
  coalesceKey?: string;
}

export const COUNTED_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type CountedState = (typeof COUNTED_STATES)[number];

export interface QueueCounts {
  queue: QueueName;
  counts: Record<CountedState, number>;
}

export interface FailedJob {
  id: string;
  queue: QueueName;
  name: string;
  organizationId: string | null;
  failedReason: string;
  attemptsMade: number;
  failedAt: Date | null;
  data: Record<string, unknown>;
}

/** The one way to start background work; BullMQ in server mode, in-process in embedded mode. */
export abstract class JobQueue {
  abstract readonly driver: 'bullmq' | 'inline';

  abstract enqueue<N extends JobName>(
    name: N,
    data: JobPayloads[N],
    options?: EnqueueOptions,
  ): Promise<void>;

  /** Failed jobs of one organization, newest first. */
  abstract listFailed(organizationId: string, limit: number): Promise<FailedJob[]>;

  /** False when no failed job of this organization has that id. */
  abstract retryFailed(organizationId: string, id: string): Promise<boolean>;

  /** Waiting, delayed and running jobs, not counting schedulers' next runs (for health and tests). */
  abstract pendingCount(): Promise<number>;

  /** Jobs per queue and state, for /metrics. */
  abstract counts(): Promise<QueueCounts[]>;
}

/** A job id is a dedupe key such as `export-<uuid>`; BullMQ forbids ':' in custom ids. */
export function jobIdFor(kind: string, id: string): string {
  return `${kind}-${id}`;
}
