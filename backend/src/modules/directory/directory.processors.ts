import { Inject, Injectable } from '@nestjs/common';
import { JobProcessor } from '#src/jobs/job-processor.decorator.js';
import type { JobPayloads } from '#src/jobs/job-definitions.js';
import { JobSweeper, type Sweeper } from '#src/jobs/job-sweeper.js';
import { DirectoryRepository } from './directory.repository.js';
import { DirectorySyncService } from './directory-sync.service.js';

/** A queued run nobody started for this long was lost by the queue. */
const QUEUED_STALE_MS = 10 * 60_000;

@Injectable()
@JobSweeper()
export class DirectoryProcessors implements Sweeper {
  constructor(
    @Inject(DirectorySyncService) private readonly sync: DirectorySyncService,
    @Inject(DirectoryRepository) private readonly repository: DirectoryRepository,
  ) {}

  @JobProcessor('directory.sync')
  async runSync(data: JobPayloads['directory.sync']): Promise<void> {
    await this.sync.run(data.organizationId, data.runId);
  }

  /** Every minute: organizations whose sync interval has passed get a run. */
  @JobProcessor('directory.schedule', { schedule: { everySeconds: 60 } })
  async schedule(): Promise<void> {
    await this.sync.dispatchDue();
  }

  async sweep(now: Date): Promise<number> {
    const stale = await this.repository.staleQueuedRuns(new Date(now.getTime() - QUEUED_STALE_MS));
    for (const run of stale) await this.sync.enqueue(run, true);
    return stale.length;
  }
}
