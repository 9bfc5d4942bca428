import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { metricsRegistry } from '../common/observability/metrics-registry.js';
import { COUNTED_STATES, JobQueue } from './job-queue.js';

const NAME = 'calltimex_jobs';

/** Jobs per queue and state on /metrics: alert on failed jobs, scale workers on waiting ones. */
@Injectable()
export class JobMetrics implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(JobQueue) private readonly queue: JobQueue) {}

  onModuleInit(): void {
    // One registry per process; a second app in the same process (tests) replaces the gauge.
    metricsRegistry.removeSingleMetric(NAME);
    const queue = this.queue;
    new Gauge({
      name: NAME,
      help: 'Background jobs by queue and state (waiting, active, delayed, failed)',
      labelNames: ['queue', 'state'] as const,
      registers: [metricsRegistry],
      async collect() {
        this.reset();
        for (const { queue: name, counts } of await queue.counts().catch(() => [])) {
          for (const state of COUNTED_STATES) this.set({ queue: name, state }, counts[state]);
        }
      },
    });
  }

  onModuleDestroy(): void {
    metricsRegistry.removeSingleMetric(NAME);
  }
}
