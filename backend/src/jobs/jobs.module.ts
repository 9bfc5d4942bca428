import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Redis } from 'ioredis';
import { REDIS } from '../common/redis.module.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { BullmqJobQueue } from './drivers/bullmq.driver.js';
import { InlineJobQueue } from './drivers/inline.driver.js';
import { JOB_NAMES, type JobName } from './job-definitions.js';
import { JobMetrics } from './job-metrics.js';
import { JobQueue } from './job-queue.js';
import { EXPECTED_JOB_NAMES, JobRegistry } from './job-registry.js';
import { SweepProcessor } from './job-sweeper.js';
import { JOBS_ROLE, JobsLifecycle, type JobsRole } from './jobs-lifecycle.js';

/** The queue (producer everywhere, consumer in the worker or in embedded mode) and its processors' registry. */
@Global()
@Module({})
export class JobsModule {
  static forRoot(role: JobsRole, options: { expected?: readonly JobName[] } = {}): DynamicModule {
    return {
      module: JobsModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: JOBS_ROLE, useValue: role },
        { provide: EXPECTED_JOB_NAMES, useValue: options.expected ?? JOB_NAMES },
        JobRegistry,
        {
          provide: JobQueue,
          inject: [APP_CONFIG, REDIS, JobRegistry],
          useFactory: (config: AppConfig, redis: Redis | null, registry: JobRegistry): JobQueue =>
            config.redis && redis
              ? new BullmqJobQueue(redis, config.jobs.prefix)
              : new InlineJobQueue(registry, config),
        },
        SweepProcessor,
        JobsLifecycle,
        JobMetrics,
      ],
      exports: [JobQueue, JobRegistry, JobsLifecycle],
    };
  }
}
