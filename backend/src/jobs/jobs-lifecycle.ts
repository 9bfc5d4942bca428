import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { BullmqJobQueue, BullmqWorkerRunner } from './drivers/bullmq.driver.js';
import { InlineJobQueue } from './drivers/inline.driver.js';
import { JobQueue } from './job-queue.js';
import { JobRegistry } from './job-registry.js';

export type JobsRole = 'api' | 'worker';
export const JOBS_ROLE = Symbol('JOBS_ROLE');

/**
 * Starts consuming where this process should: the worker in server mode, the api itself in embedded
 * mode. A server-mode api only produces.
 */
@Injectable()
export class JobsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private runner: BullmqWorkerRunner | null = null;

  constructor(
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(JobRegistry) private readonly registry: JobRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOBS_ROLE) private readonly role: JobsRole,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.queue instanceof InlineJobQueue) {
      this.queue.startSchedules();
    } else if (this.queue instanceof BullmqJobQueue && this.role === 'worker') {
      this.runner = new BullmqWorkerRunner(this.registry, this.queue, this.config);
      await this.runner.start();
    }
  }

  get consuming(): boolean {
    return this.runner?.running ?? this.queue instanceof InlineJobQueue;
  }

  async beforeApplicationShutdown(): Promise<void> {
    const graceMs = this.config.worker.shutdownGraceSeconds * 1000;
    if (this.runner) await this.runner.stop(graceMs);
    if (this.queue instanceof InlineJobQueue) await this.queue.stop(graceMs);
    if (this.queue instanceof BullmqJobQueue) await this.queue.close();
  }
}
