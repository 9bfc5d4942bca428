import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '#src/config/app-config.js';
import { InlineJobQueue } from '#src/jobs/drivers/inline.driver.js';
import { JobQueue } from '#src/jobs/job-queue.js';
import { WorkerModule } from '#src/worker.module.js';
import type { TestContext } from '#test/support/test-app.js';

/**
 * What runs the jobs of a test app: in server mode (TEST_DB=mysql) a worker context in this
 * process, consuming the app's BullMQ queues; in embedded mode the app itself (inline driver).
 */
export interface TestJobs {
  worker: INestApplicationContext | null;
  close(): Promise<void>;
}

export async function startTestJobs(ctx: TestContext): Promise<TestJobs> {
  if (!ctx.config.redis) return { worker: null, close: () => Promise.resolve() };
  const worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(workerConfig(ctx.config)),
    { logger: false, abortOnError: false },
  );
  await worker.init();
  return { worker, close: () => worker.close() };
}

function workerConfig(config: AppConfig): AppConfig {
  return { ...config, worker: { ...config.worker, healthPort: 0 } };
}

/** Waits until the app's queue has nothing waiting or running. */
export async function drainJobs(ctx: TestContext, timeoutMs = 30_000): Promise<void> {
  const queue = ctx.app.get(JobQueue);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (queue instanceof InlineJobQueue) await queue.whenIdle();
    if ((await queue.pendingCount()) === 0) return;
    if (Date.now() > deadline) throw new Error('jobs did not drain in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function eventually<T>(
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
