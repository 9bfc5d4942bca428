import { randomUUID } from 'node:crypto';
import { logger } from '#src/common/logging/logger.js';
import type { AppConfig } from '#src/config/app-config.js';
import {
  backoffDelay,
  JOBS,
  QUEUE_NAMES,
  scheduleSeconds,
  type JobName,
  type JobPayloads,
  type QueueName,
} from '../job-definitions.js';
import { JobGoneError } from '../job-processor.decorator.js';
import { JobQueue, type EnqueueOptions, type FailedJob, type QueueCounts } from '../job-queue.js';
import type { ProcessorLookup } from '../job-registry.js';

type InlineState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

interface InlineJob {
  id: string;
  name: JobName;
  queue: QueueName;
  data: JobPayloads[JobName];
  state: InlineState;
  attempts: number;
  backoffMs: number;
  attemptsMade: number;
  failedReason: string;
  finishedAt: number | null;
  timer: NodeJS.Timeout | null;
  coalesceKey: string | null;
}

/** The job of a coalesce key that waits or runs, and what was added while it ran. */
interface CoalesceSlot {
  current: InlineJob;
  next: { name: JobName; data: JobPayloads[JobName]; options: EnqueueOptions } | null;
}

const KEEP_COMPLETED_MS = 24 * 60 * 60 * 1000;
const KEEP_FAILED = 1_000;

/**
 * Embedded mode's queue: the same processors, in this process, with the same semantics as BullMQ
 * (async, dedupe by job id, retries with exponential backoff, failed jobs kept for the admin view).
 * Jobs live in memory; what matters is in the database and the sweeper re-queues it after a restart.
 */
export class InlineJobQueue extends JobQueue {
  readonly driver = 'inline' as const;
  private readonly jobs = new Map<string, InlineJob>();
  private readonly ready: InlineJob[] = [];
  private readonly active = new Map<string, AbortController>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly coalesced = new Map<string, CoalesceSlot>();
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly registry: ProcessorLookup,
    private readonly config: AppConfig,
  ) {
    super();
  }

  /** Scheduled jobs on timers: there is one embedded process, so no scheduler election is needed. */
  startSchedules(): void {
    for (const processor of this.registry.all()) {
      if (!processor.schedule) continue;
      const ms = scheduleSeconds(processor.schedule, this.config) * 1000;
      const name = processor.name;
      const timer = setInterval(() => {
        const running = [...this.jobs.values()].some(
          (j) => j.name === name && (j.state === 'active' || j.state === 'waiting'),
        );
        if (!running) {
          this.enqueue(name, { organizationId: null }).catch((error: unknown) =>
            logger.error({ err: error, name }, 'scheduled job not enqueued'),
          );
        }
      }, ms);
      timer.unref();
      this.timers.push(timer);
    }
  }

  enqueue<N extends JobName>(
    name: N,
    data: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.forgetOldCompleted();
    const slot = options.coalesceKey ? this.coalesced.get(options.coalesceKey) : undefined;
    if (slot) {
      // As BullMQ's keepLastIfActive: a waiting job covers this one; a running one is followed.
      if (slot.current.state === 'active') slot.next = { name, data, options };
      return Promise.resolve();
    }
    const id = options.jobId ?? randomUUID();
    const existing = this.jobs.get(id);
    if (existing && options.replaceFinished && ['completed', 'failed'].includes(existing.state)) {
      this.jobs.delete(id);
    } else if (existing) {
      return Promise.resolve();
    }
    const definition = JOBS[name];
    const job: InlineJob = {
      id,
      name,
      queue: definition.queue,
      data,
      state: 'waiting',
      attempts: options.attempts ?? definition.attempts,
      backoffMs: options.backoffMs ?? definition.backoffMs,
      attemptsMade: 0,
      failedReason: '',
      finishedAt: null,
      timer: null,
      coalesceKey: options.coalesceKey ?? null,
    };
    this.jobs.set(id, job);
    if (job.coalesceKey) this.coalesced.set(job.coalesceKey, { current: job, next: null });
    if (options.delayMs && options.delayMs > 0) this.delay(job, options.delayMs);
    else this.makeReady(job);
    return Promise.resolve();
  }

  listFailed(organizationId: string, limit: number): Promise<FailedJob[]> {
    const failed = [...this.jobs.values()]
      .filter((j) => j.state === 'failed' && j.data.organizationId === organizationId)
      .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0))
      .slice(0, limit)
      .map((j) => ({
        id: j.id,
        queue: j.queue,
        name: j.name,
        organizationId: j.data.organizationId,
        failedReason: j.failedReason,
        attemptsMade: j.attemptsMade,
        failedAt: j.finishedAt === null ? null : new Date(j.finishedAt),
        data: { ...j.data },
      }));
    return Promise.resolve(failed);
  }

  retryFailed(organizationId: string, id: string): Promise<boolean> {
    const job = this.jobs.get(id);
    if (!job || job.state !== 'failed' || job.data.organizationId !== organizationId) {
      return Promise.resolve(false);
    }
    job.attemptsMade = 0;
    job.failedReason = '';
    job.finishedAt = null;
    this.makeReady(job);
    return Promise.resolve(true);
  }

  pendingCount(): Promise<number> {
    return Promise.resolve(
      [...this.jobs.values()].filter((j) => ['waiting', 'delayed', 'active'].includes(j.state))
        .length,
    );
  }

  counts(): Promise<QueueCounts[]> {
    const result = new Map<QueueName, QueueCounts>(
      QUEUE_NAMES.map((queue) => [
        queue,
        { queue, counts: { waiting: 0, active: 0, delayed: 0, failed: 0 } },
      ]),
    );
    for (const job of this.jobs.values()) {
      if (job.state === 'completed') continue;
      const entry = result.get(job.queue);
      if (entry) entry.counts[job.state] += 1;
    }
    return Promise.resolve([...result.values()]);
  }

  /** Resolves when nothing is waiting or running (delayed retries do not count). */
  whenIdle(): Promise<void> {
    if (this.active.size === 0 && this.ready.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Waits up to graceMs for running jobs, then aborts them; they are lost with the process, the sweeper re-queues their records. */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const job of this.jobs.values()) if (job.timer) clearTimeout(job.timer);
    this.ready.length = 0;
    const idle = new Promise<void>((resolve) => {
      if (this.active.size === 0) resolve();
      else this.idleWaiters.push(resolve);
    });
    const timeout = new Promise<'timeout'>((resolve) => {
      setTimeout(() => resolve('timeout'), graceMs).unref();
    });
    if ((await Promise.race([idle, timeout])) === 'timeout') {
      for (const controller of this.active.values()) controller.abort(new Error('shutdown'));
      await Promise.race([idle, new Promise((r) => setTimeout(r, 2_000).unref())]);
    }
  }

  private makeReady(job: InlineJob): void {
    job.state = 'waiting';
    job.timer = null;
    this.ready.push(job);
    setImmediate(() => this.pump());
  }

  private delay(job: InlineJob, ms: number): void {
    job.state = 'delayed';
    job.timer = setTimeout(() => this.makeReady(job), ms);
    job.timer.unref();
  }

  private pump(): void {
    while (!this.stopped && this.active.size < this.config.worker.concurrency) {
      const job = this.ready.shift();
      if (!job) break;
      void this.run(job);
    }
    this.notifyIdle();
  }

  private async run(job: InlineJob): Promise<void> {
    const controller = new AbortController();
    this.active.set(job.id, controller);
    job.state = 'active';
    try {
      const processor = this.registry.get(job.name);
      if (!processor) throw new JobGoneError(`no processor for ${job.name}`);
      await processor.handler(job.data, {
        jobId: job.id,
        attempt: job.attemptsMade + 1,
        signal: controller.signal,
      });
      job.state = 'completed';
      job.finishedAt = Date.now();
      this.releaseSlot(job);
    } catch (error) {
      job.attemptsMade += 1;
      job.failedReason = error instanceof Error ? error.message : String(error);
      const final = error instanceof JobGoneError || job.attemptsMade >= job.attempts;
      if (controller.signal.aborted && this.stopped) {
        job.state = 'waiting';
      } else if (final) {
        job.state = 'failed';
        job.finishedAt = Date.now();
        logger.warn({ job: job.id, name: job.name, err: error }, 'job failed');
        this.forgetOldFailed();
        this.releaseSlot(job);
      } else {
        logger.info({ job: job.id, name: job.name, reason: job.failedReason }, 'job will retry');
        this.delay(job, backoffDelay(job.backoffMs, job.attemptsMade));
      }
    } finally {
      this.active.delete(job.id);
      setImmediate(() => this.pump());
    }
  }

  /** A coalesced job finished for good: its key is free, and what was added meanwhile runs now. */
  private releaseSlot(job: InlineJob): void {
    if (!job.coalesceKey) return;
    const slot = this.coalesced.get(job.coalesceKey);
    if (slot?.current !== job) return;
    this.coalesced.delete(job.coalesceKey);
    if (slot.next) void this.enqueue(slot.next.name, slot.next.data, slot.next.options);
  }

  private notifyIdle(): void {
    if (this.active.size > 0 || this.ready.length > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private forgetOldCompleted(): void {
    const cutoff = Date.now() - KEEP_COMPLETED_MS;
    for (const [id, job] of this.jobs) {
      if (job.state === 'completed' && (job.finishedAt ?? 0) < cutoff) this.jobs.delete(id);
    }
  }

  private forgetOldFailed(): void {
    const failed = [...this.jobs.values()].filter((j) => j.state === 'failed');
    if (failed.length <= KEEP_FAILED) return;
    failed.sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
    for (const job of failed.slice(0, failed.length - KEEP_FAILED)) this.jobs.delete(job.id);
  }
}
