import { Inject, Injectable } from '@nestjs/common';
import { JobProcessor } from '#src/jobs/job-processor.decorator.js';
import { SpanPartitions } from './span-partitions.js';

/** Every six hours, so a month's partition exists long before its first span (and a missed run is caught up). */
export const PARTITIONS_INTERVAL_SECONDS = 6 * 60 * 60;

/**
 * Keeps the span table's partitions ahead of time on MySQL/MariaDB: the current month and the
 * next ones each get their own, split off the empty catch-all `pmax` (nothing to do on SQLite).
 */
@Injectable()
export class SpanPartitionsProcessor {
  constructor(@Inject(SpanPartitions) private readonly partitions: SpanPartitions) {}

  @JobProcessor('activity.partitions', { schedule: { everySeconds: PARTITIONS_INTERVAL_SECONDS } })
  async createAhead(): Promise<void> {
    await this.partitions.ensureAhead(Date.now());
  }
}
