import { Inject, Injectable } from '@nestjs/common';
import { logger } from '#src/common/logging/logger.js';
import { JobQueue } from '#src/jobs/job-queue.js';

export const RECOMPUTE_ROLLUPS = 'activity.recompute-rollups';

// Coalesced for the whole installation, not per organization: a pass drains the dirty days of
// every organization through the table's primary key (it has no organization index), and no reader
// waits for it (a report recomputes what it reads first), so one pass at a time is enough.
const COALESCE_KEY = 'activity-recompute-rollups';
// The batches of many agents in the same second make one pass, as the 1-second poll did.
const DELAY_MS = 1_000;

/** Asks for a background pass over the dirty days: a job of its own queue, coalesced. */
@Injectable()
export class RollupPasses {
  constructor(@Inject(JobQueue) private readonly queue: JobQueue) {}

  /** Never fails its caller: a request lost with Redis is made again by the sweeper's safety pass. */
  async request(): Promise<void> {
    try {
      await this.queue.enqueue(
        RECOMPUTE_ROLLUPS,
        { organizationId: null },
        { coalesceKey: COALESCE_KEY, delayMs: DELAY_MS },
      );
    } catch (error) {
      logger.warn({ err: error }, 'rollup pass not queued: the safety pass will queue it');
    }
  }
}
