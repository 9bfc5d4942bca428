import { Inject, Injectable, SetMetadata } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { logger } from '../common/logging/logger.js';
import { JobProcessor } from './job-processor.decorator.js';

export const JOB_SWEEPER_KEY = 'calltimex:job-sweeper';

/**
 * A provider that re-queues its own work the queue lost (a worker killed mid-job, a flushed Redis):
 * it reads the state that matters from the database and enqueues again with the same dedupe id.
 */
export interface Sweeper {
  sweep(now: Date): Promise<number>;
}

/** Marks a provider class as a Sweeper; the maintenance.sweep job calls every one. */
export const JobSweeper = () => SetMetadata(JOB_SWEEPER_KEY, true);

@Injectable()
export class SweepProcessor {
  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  @JobProcessor('maintenance.sweep', {
    schedule: { everySeconds: (config) => config.jobs.sweepIntervalSeconds },
  })
  async sweep(): Promise<void> {
    const now = new Date();
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      if (!this.reflector.get<boolean>(JOB_SWEEPER_KEY, wrapper.metatype)) continue;
      const requeued = await (wrapper.instance as Sweeper).sweep(now);
      if (requeued > 0) logger.info({ sweeper: wrapper.name, requeued }, 'sweeper re-queued work');
    }
  }
}
