import { randomUUID } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import request from 'supertest';
import { REDIS } from '#src/common/redis.module.js';
import { APP_CONFIG } from '#src/config/app-config.js';
import { loadConfig } from '#src/config/load-config.js';
import { BullmqJobQueue, BullmqWorkerRunner } from '#src/jobs/drivers/bullmq.driver.js';
import { InlineJobQueue } from '#src/jobs/drivers/inline.driver.js';
import type { JobName } from '#src/jobs/job-definitions.js';
import { JobGoneError, type JobHandler } from '#src/jobs/job-processor.decorator.js';
import {
  JobRegistry,
  MissingJobProcessorError,
  type ProcessorLookup,
  type RegisteredProcessor,
} from '#src/jobs/job-registry.js';
import { JobsModule } from '#src/jobs/jobs.module.js';
import { signUp } from '#test/factories/accounts.factory.js';
import { deleteQueueKeys, startTestApp, type TestContext } from '#test/support/test-app.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const NAME = 'maintenance.sweep';

function testConfig(extra: Record<string, string> = {}) {
  return loadConfig({
    DATA_DIR: `/tmp/ctx-jobs-${randomUUID()}`,
    JWT_SECRET: 'x'.repeat(40),
    LOG_LEVEL: 'silent',
    WORKER_CONCURRENCY: '2',
    QUEUE_PREFIX: `ctx-jobs-${randomUUID().slice(0, 8)}`,
    ...extra,
  });
}

/** A lookup with one handler under a real job name, as the drivers see the registry. */
function lookup(handler: JobHandler): ProcessorLookup {
  const processor: RegisteredProcessor = { name: NAME, handler };
  return { get: (name) => (name === NAME ? processor : undefined), all: () => [processor] };
}

const org = (id: string) => ({ organizationId: id }) as unknown as { organizationId: null };

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('job processors are declared once and checked at start-up', () => {
  function moduleExpecting(expected: JobName[]) {
    const config = testConfig();
    @Global()
    @Module({
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: REDIS, useValue: null },
      ],
      exports: [APP_CONFIG, REDIS],
    })
    class FakeCore {}
    @Module({ imports: [FakeCore, JobsModule.forRoot('api', { expected })] })
    class Root {}
    return Root;
  }

  it('refuses to start when a job name has no processor', async () => {
    const start = NestFactory.createApplicationContext(
      moduleExpecting([NAME, 'export.unknown' as JobName]),
      { logger: false, abortOnError: false },
    );
    await expect(start).rejects.toBeInstanceOf(MissingJobProcessorError);
    await expect(start).rejects.toThrow(/export\.unknown/);
  });

  it('starts when every job name has one, and finds the scheduled sweeper', async () => {
    const app = await NestFactory.createApplicationContext(moduleExpecting([NAME]), {
      logger: false,
      abortOnError: false,
    });
    const registry = app.get(JobRegistry);
    expect(registry.get(NAME)?.schedule).toBeDefined();
    await app.close();
  });
});

describe('inline driver (embedded mode)', () => {
  it('runs asynchronously, retries with exponential backoff, and keeps failed jobs per organization', async () => {
    const runs: number[] = [];
    const queue = new InlineJobQueue(
      lookup(async () => {
        runs.push(Date.now());
        if (runs.length < 3) throw new Error(`boom ${runs.length}`);
        await Promise.resolve();
      }),
      testConfig(),
    );
    await queue.enqueue(NAME, org('org-a'), { attempts: 3, backoffMs: 40 });
    expect(runs).toHaveLength(0);
    await until(() => runs.length === 3);
    expect(runs[1] - runs[0]).toBeGreaterThanOrEqual(35);
    expect(runs[2] - runs[1]).toBeGreaterThanOrEqual(75);
    expect(await queue.listFailed('org-a', 10)).toEqual([]);
    await queue.stop(100);
  });

  it('keeps a job that ran out of attempts as failed, scoped by organization, and retries it on demand', async () => {
    let fail = true;
    let runs = 0;
    const queue = new InlineJobQueue(
      lookup(async () => {
        runs += 1;
        await Promise.resolve();
        if (fail) throw new Error('smtp down');
      }),
      testConfig(),
    );
    await queue.enqueue(NAME, org('org-a'), { jobId: 'job-a', attempts: 2, backoffMs: 5 });
    await until(async () => (await queue.listFailed('org-a', 10)).length === 1);
    const [failed] = await queue.listFailed('org-a', 10);
    expect(failed).toMatchObject({ id: 'job-a', queue: 'maintenance', attemptsMade: 2 });
    expect(failed.failedReason).toBe('smtp down');
    expect(await queue.listFailed('org-b', 10)).toEqual([]);
    expect(await queue.retryFailed('org-b', 'job-a')).toBe(false);
    expect(await queue.retryFailed('org-a', 'missing')).toBe(false);
    fail = false;
    expect(await queue.retryFailed('org-a', 'job-a')).toBe(true);
    await until(() => runs === 3);
    await queue.whenIdle();
    expect(await queue.listFailed('org-a', 10)).toEqual([]);
    await queue.stop(100);
  });

  it('dedupes by job id and does not retry a job whose record is gone', async () => {
    let runs = 0;
    const queue = new InlineJobQueue(
      lookup(async () => {
        runs += 1;
        await Promise.resolve();
        throw new JobGoneError('export deleted');
      }),
      testConfig(),
    );
    await queue.enqueue(NAME, org('org-a'), { jobId: 'same', attempts: 5, backoffMs: 5 });
    await queue.enqueue(NAME, org('org-a'), { jobId: 'same', attempts: 5, backoffMs: 5 });
    await queue.whenIdle();
    expect(runs).toBe(1);
    expect((await queue.listFailed('org-a', 10))[0]?.attemptsMade).toBe(1);
    await queue.stop(100);
  });

  it('coalesces by key: one waits, one runs, and an add during a run runs after it (the latest)', async () => {
    const seen: (string | null)[] = [];
    let release: () => void = () => undefined;
    const queue = new InlineJobQueue(
      lookup(async (data) => {
        seen.push(data.organizationId);
        if (seen.length === 1) await new Promise<void>((resolve) => (release = resolve));
      }),
      testConfig(),
    );
    const key = { coalesceKey: 'pass' };
    await queue.enqueue(NAME, org('a'), key);
    await queue.enqueue(NAME, org('b'), key);
    await until(() => seen.length === 1);
    await queue.enqueue(NAME, org('c'), key);
    await queue.enqueue(NAME, org('d'), key);
    expect(await queue.pendingCount()).toBe(1);
    release();
    await until(() => seen.length === 2);
    await queue.whenIdle();
    expect(seen).toEqual(['a', 'd']);
    await queue.enqueue(NAME, org('e'), key);
    await until(() => seen.length === 3);
    expect(seen[2]).toBe('e');
    await queue.stop(100);
  });
});

describe('BullMQ driver (server mode) on the real Redis', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function server(handler: JobHandler, extra: Record<string, string> = {}) {
    const config = testConfig({ REDIS_URL, JOB_LOCK_SECONDS: '2', ...extra });
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const producer = new BullmqJobQueue(connection, config.jobs.prefix);
    const runner = new BullmqWorkerRunner(lookup(handler), producer, config);
    cleanups.push(async () => {
      await runner.stop(1_000);
      await producer.close();
      connection.disconnect();
      await deleteQueueKeys(REDIS_URL, config.jobs.prefix);
    });
    return { config, producer, runner };
  }

  it('a worker consumes, retries with backoff, keeps failed jobs, and retries them on demand', async () => {
    let runs = 0;
    let fail = true;
    const { producer, runner } = server(async () => {
      runs += 1;
      await Promise.resolve();
      if (fail) throw new Error('still failing');
    });
    await runner.start();
    await producer.enqueue(NAME, org('org-a'), { jobId: 'bull-a', attempts: 3, backoffMs: 50 });
    await producer.enqueue(NAME, org('org-a'), { jobId: 'bull-a', attempts: 3, backoffMs: 50 });
    await until(async () => (await producer.listFailed('org-a', 10)).length === 1);
    expect(runs).toBe(3);
    const [failed] = await producer.listFailed('org-a', 10);
    expect(failed).toMatchObject({ id: 'bull-a', queue: 'maintenance', attemptsMade: 3 });
    expect(failed.data).toEqual({ organizationId: 'org-a' });
    expect(await producer.listFailed('org-b', 10)).toEqual([]);
    expect(await producer.retryFailed('org-b', 'bull-a')).toBe(false);
    fail = false;
    expect(await producer.retryFailed('org-a', 'bull-a')).toBe(true);
    await until(() => runs === 4);
    await until(async () => (await producer.pendingCount()) === 0);
    expect(await producer.listFailed('org-a', 10)).toEqual([]);
  });

  it('coalesces by key with BullMQ deduplication: an add during a run is kept and runs after it', async () => {
    const seen: (string | null)[] = [];
    let release: () => void = () => undefined;
    const { producer, runner } = server(async (data) => {
      seen.push(data.organizationId);
      if (seen.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const key = { coalesceKey: 'pass' };
    await producer.enqueue(NAME, org('a'), key);
    await producer.enqueue(NAME, org('b'), key);
    await runner.start();
    await until(() => seen.length === 1);
    await producer.enqueue(NAME, org('c'), key);
    await producer.enqueue(NAME, org('d'), key);
    release();
    await until(() => seen.length === 2);
    await until(async () => (await producer.pendingCount()) === 0);
    expect(seen).toEqual(['a', 'd']);
  });

  it('schedules housekeeping once however many workers start', async () => {
    const scheduled = {
      get: () => undefined,
      all: (): RegisteredProcessor[] => [
        { name: NAME, handler: () => Promise.resolve(), schedule: { everySeconds: 3600 } },
      ],
    };
    const config = testConfig({ REDIS_URL });
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const producer = new BullmqJobQueue(connection, config.jobs.prefix);
    const runners = [1, 2].map(() => new BullmqWorkerRunner(scheduled, producer, config));
    cleanups.push(async () => {
      for (const runner of runners) await runner.stop(1_000);
      await producer.close();
      connection.disconnect();
      await deleteQueueKeys(REDIS_URL, config.jobs.prefix);
    });
    for (const runner of runners) await runner.start();
    const schedulers = await producer.queue('maintenance').getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toEqual([NAME]);
    expect(schedulers[0].every).toBe(3_600_000);
  });

  it('on shutdown past the grace period releases the running job to another worker without using an attempt', async () => {
    let started = 0;
    let completedBy = '';
    const handler =
      (who: string): JobHandler =>
      async (_data, context) => {
        started += 1;
        if (who === 'first') {
          await new Promise((_, reject) =>
            context.signal.addEventListener('abort', () => reject(new Error('aborted'))),
          );
        }
        completedBy = who;
      };
    const first = server(handler('first'), { WORKER_SHUTDOWN_GRACE_SECONDS: '1' });
    await first.runner.start();
    await first.producer.enqueue(NAME, org('org-a'), { jobId: 'long', attempts: 1 });
    await until(() => started === 1);
    await first.runner.stop(300);
    const queue = new Queue('maintenance', {
      connection: { url: REDIS_URL },
      prefix: first.config.jobs.prefix,
    });
    const job = await queue.getJob('long');
    expect(await job?.getState()).toBe('waiting');
    expect(job?.attemptsMade).toBe(0);
    await queue.close();

    const second = new BullmqWorkerRunner(lookup(handler('second')), first.producer, first.config);
    cleanups.push(() => second.stop(1_000));
    await second.start();
    await until(() => completedBy === 'second');
    expect(started).toBe(2);
  });
});

describe('failed jobs admin API', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(async () => ctx.close());

  it('needs a token, validates ids, and answers 404 for an unknown job', async () => {
    const owner = await signUp(ctx.app);
    const server = ctx.app.getHttpServer();
    await request(server).get('/api/v1/jobs/failed').expect(401);
    const list = await request(server)
      .get('/api/v1/jobs/failed')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(200);
    expect(list.body).toEqual({ items: [] });
    await request(server)
      .get('/api/v1/jobs/failed?limit=0')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(400);
    await request(server)
      .post('/api/v1/jobs/failed/not%20an%20id!/retry')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(400);
    await request(server)
      .post(`/api/v1/jobs/failed/export-${randomUUID()}/retry`)
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(404);
  });

  it('exposes jobs per queue and state on /metrics', async () => {
    const res = await request(ctx.app.getHttpServer()).get('/metrics').expect(200);
    for (const queue of ['exports', 'privacy', 'mail', 'maintenance']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) {
        expect(res.text).toMatch(
          new RegExp(`^calltimex_jobs\\{queue="${queue}",state="${state}"\\} \\d+$`, 'm'),
        );
      }
    }
  });
});
