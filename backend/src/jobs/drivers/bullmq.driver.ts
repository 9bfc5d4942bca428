import { randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { logger } from '#src/common/logging/logger.js';
import type { AppConfig } from '#src/config/app-config.js';
import {
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

const KEEP_COMPLETED = { age: 24 * 60 * 60, count: 5_000 };
const KEEP_FAILED = { age: 30 * 24 * 60 * 60, count: 10_000 };
const FAILED_SCAN = 2_000;
/** How often a worker checks that Redis still holds every job scheduler. */
const SCHEDULER_CHECK_MS = 10_000;

type AnyJob = Job<JobPayloads[JobName], unknown, string>;

/** Server mode's producer side: one BullMQ queue per queue name, sharing the api's Redis connection. */
export class BullmqJobQueue extends JobQueue {
  readonly driver = 'bullmq' as const;
  readonly queues: ReadonlyMap<QueueName, Queue>;

  constructor(
    connection: Redis,
    readonly prefix: string,
  ) {
    super();
    this.queues = new Map(
      QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix })] as const),
    );
  }

  async enqueue<N extends JobName>(
    name: N,
    data: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<void> {
    const definition = JOBS[name];
    const queue = this.queue(definition.queue);
    if (options.replaceFinished && options.jobId) {
      const existing = (await queue.getJob(options.jobId)) as AnyJob | undefined;
      const state = existing ? await existing.getState() : null;
      if (existing && (state === 'completed' || state === 'failed')) await existing.remove();
    }
    await queue.add(name, data, {
      jobId: options.jobId ?? randomUUID(),
      attempts: options.attempts ?? definition.attempts,
      backoff: { type: 'exponential', delay: options.backoffMs ?? definition.backoffMs },
      delay: options.delayMs,
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
      // keepLastIfActive: an add during a run is stored and becomes a job when that run ends.
      ...(options.coalesceKey
        ? { deduplication: { id: options.coalesceKey, keepLastIfActive: true } }
        : {}),
    });
  }

  async listFailed(organizationId: string, limit: number): Promise<FailedJob[]> {
    const found: FailedJob[] = [];
    for (const [queueName, queue] of this.queues) {
      const jobs = (await queue.getFailed(0, FAILED_SCAN - 1)) as AnyJob[];
      for (const job of jobs) {
        if (!job || job.data?.organizationId !== organizationId) continue;
        found.push({
          id: job.id ?? '',
          queue: queueName,
          name: job.name,
          organizationId,
          failedReason: job.failedReason ?? '',
          attemptsMade: job.attemptsMade,
          failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
          data: { ...job.data },
        });
      }
    }
    found.sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0));
    return found.slice(0, limit);
  }

  async retryFailed(organizationId: string, id: string): Promise<boolean> {
    for (const queue of this.queues.values()) {
      const job = (await queue.getJob(id)) as AnyJob | undefined;
      if (!job || job.data?.organizationId !== organizationId) continue;
      if ((await job.getState()) !== 'failed') return false;
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return true;
    }
    return false;
  }

  async pendingCount(): Promise<number> {
    let total = 0;
    for (const queue of this.queues.values()) {
      total += await queue.getJobCountByTypes('waiting', 'active', 'prioritized');
      // A job scheduler always holds its next run as a delayed job: that is not pending work.
      const delayed = (await queue.getDelayed(0, 999)) as AnyJob[];
      total += delayed.filter((job) => job && !job.repeatJobKey).length;
    }
    return total;
  }

  async counts(): Promise<QueueCounts[]> {
    const result: QueueCounts[] = [];
    for (const [queue, q] of this.queues) {
      const c = await q.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
      result.push({
        queue,
        counts: {
          waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
          active: c.active ?? 0,
          delayed: c.delayed ?? 0,
          failed: c.failed ?? 0,
        },
      });
    }
    return result;
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`unknown queue ${name}`);
    return queue;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }
}

/**
 * The worker process's consumer side: a BullMQ Worker per queue that has processors, the job
 * schedulers for housekeeping, and shutdown that finishes or releases running jobs.
 */
export class BullmqWorkerRunner {
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private shuttingDown = false;
  private schedulerWatch: NodeJS.Timeout | null = null;

  constructor(
    private readonly registry: ProcessorLookup,
    private readonly producer: BullmqJobQueue,
    private readonly config: AppConfig,
  ) {}

  async start(): Promise<void> {
    const redisUrl = this.config.redis?.url;
    if (!redisUrl) throw new Error('The worker needs REDIS_URL');
    await this.upsertSchedulers();
    const lockMs = this.config.jobs.lockSeconds * 1000;
    const queuesWithWork = new Set(this.registry.all().map((p) => JOBS[p.name].queue));
    for (const queueName of queuesWithWork) {
      // Blocking reads need a connection of their own.
      const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
      this.connections.push(connection);
      const worker = new Worker(
        queueName,
        (job: AnyJob, token?: string, signal?: AbortSignal) => this.process(job, token, signal),
        {
          connection,
          prefix: this.producer.prefix,
          concurrency: this.config.worker.concurrency,
          lockDuration: lockMs,
          stalledInterval: lockMs,
          // A job whose worker died twice is still retried once more before it is kept as failed.
          maxStalledCount: 2,
          autorun: true,
        },
      );
      worker.on('error', (error) => logger.error({ err: error, queue: queueName }, 'worker error'));
      worker.on('failed', (job, error) =>
        logger.warn(
          {
            queue: queueName,
            job: job?.id,
            name: job?.name,
            attempts: job?.attemptsMade,
            err: error,
          },
          'job attempt failed',
        ),
      );
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    // A Redis that restarted empty (it keeps nothing on disk) has lost the schedulers too, and the
    // sweeper that re-queues lost work is one of them: put back any that are missing.
    this.schedulerWatch = setInterval(() => {
      void this.restoreMissingSchedulers().catch((error: unknown) =>
        logger.warn({ err: error }, 'could not check the job schedulers'),
      );
    }, SCHEDULER_CHECK_MS);
    this.schedulerWatch.unref();
    logger.info(
      { queues: [...queuesWithWork], concurrency: this.config.worker.concurrency },
      'worker consuming',
    );
  }

  get running(): boolean {
    return !this.shuttingDown && this.workers.every((w) => w.isRunning());
  }

  /** Finishes running jobs within the grace period; past it, aborts them and puts them back in the queue. */
  async stop(graceMs: number): Promise<void> {
    this.shuttingDown = true;
    if (this.schedulerWatch) clearInterval(this.schedulerWatch);
    const closing = Promise.all(this.workers.map((w) => w.close()));
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), graceMs).unref(),
    );
    if ((await Promise.race([closing, timeout])) === 'timeout') {
      logger.warn('grace period over: releasing running jobs back to the queue');
      for (const worker of this.workers) worker.cancelAllJobs('shutdown');
      await closing;
    }
    await Promise.all(this.connections.map((c) => c.quit().catch(() => undefined)));
  }

  private scheduled(): Array<{ name: JobName; queue: Queue; every: number }> {
    return this.registry
      .all()
      .filter((processor) => processor.schedule)
      .map((processor) => ({
        name: processor.name,
        queue: this.producer.queue(JOBS[processor.name].queue),
        every: scheduleSeconds(processor.schedule!, this.config) * 1000,
      }));
  }

  private async upsertScheduler(name: JobName, queue: Queue, every: number): Promise<void> {
    // One scheduler per id in Redis, so any number of worker replicas yields one run per period.
    await queue.upsertJobScheduler(
      name,
      { every },
      {
        name,
        data: { organizationId: null },
        opts: {
          attempts: JOBS[name].attempts,
          backoff: { type: 'exponential', delay: JOBS[name].backoffMs },
          removeOnComplete: KEEP_COMPLETED,
          removeOnFail: KEEP_FAILED,
        },
      },
    );
  }

  /** Recreates the schedulers Redis no longer has; present ones are left as they are. */
  private async restoreMissingSchedulers(): Promise<void> {
    if (this.shuttingDown) return;
    const present = new Set<string>();
    for (const queue of this.producer.queues.values()) {
      for (const scheduler of await queue.getJobSchedulers()) {
        present.add(`${queue.name}/${scheduler.key}`);
      }
    }
    for (const { name, queue, every } of this.scheduled()) {
      if (present.has(`${queue.name}/${name}`)) continue;
      await this.upsertScheduler(name, queue, every);
      logger.warn({ job: name }, 'job scheduler was missing from Redis: recreated');
    }
  }

  private async upsertSchedulers(): Promise<void> {
    const wanted = new Set<string>();
    for (const { name, queue, every } of this.scheduled()) {
      wanted.add(`${queue.name}/${name}`);
      await this.upsertScheduler(name, queue, every);
    }
    for (const queue of this.producer.queues.values()) {
      for (const scheduler of await queue.getJobSchedulers()) {
        if (!wanted.has(`${queue.name}/${scheduler.key}`)) {
          await queue.removeJobScheduler(scheduler.key);
        }
      }
    }
  }

  private async process(job: AnyJob, token?: string, signal?: AbortSignal): Promise<void> {
    const processor = this.registry.get(job.name);
    if (!processor) throw new UnrecoverableError(`no processor for ${job.name}`);
    const controller = new AbortController();
    signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    try {
      await processor.handler(job.data, {
        jobId: job.id ?? '',
        attempt: job.attemptsMade + 1,
        signal: controller.signal,
      });
    } catch (error) {
      if (this.shuttingDown && controller.signal.aborted) {
        // Released, not failed: it costs no attempt and another worker picks it up.
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (error instanceof JobGoneError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
