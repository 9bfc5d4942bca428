import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { logger } from '#src/common/logging/logger.js';
import { JobProcessor } from '#src/jobs/job-processor.decorator.js';
import { JobSweeper, type Sweeper } from '#src/jobs/job-sweeper.js';
import { ExportsRepository } from './exports.repository.js';
import { ExportsService } from './exports.service.js';

// A queued export whose job has not started by then may have lost it.
const QUEUED_STALE_MS = 2 * 60 * 1000;
// No run writes for a day: a part file that old belongs to a dead run.
const PART_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Re-queues lost exports and deletes expired files. */
@Injectable()
@JobSweeper()
export class ExportsMaintenance implements Sweeper {
  constructor(
    @Inject(ExportsRepository) private readonly repository: ExportsRepository,
    @Inject(ExportsService) private readonly exports: ExportsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sweep(now: Date): Promise<number> {
    const stale = await this.repository.findStale(
      now,
      new Date(
        now.getTime() - Math.min(QUEUED_STALE_MS, this.config.jobs.sweepStaleSeconds * 1000),
      ),
      200,
    );
    for (const e of stale) await this.exports.enqueue(e.organizationId, e.id, true);
    return stale.length;
  }

  @JobProcessor('exports.purge-expired', { schedule: { everySeconds: 3600 } })
  async purgeExpired(): Promise<void> {
    for (;;) {
      const expired = await this.repository.findExpired(new Date(), 200);
      for (const e of expired) {
        if (e.filePath) await rm(this.exports.absolute(e.filePath), { force: true });
        await this.repository.markExpired(e.id);
      }
      if (expired.length > 0) logger.info({ count: expired.length }, 'expired exports deleted');
      if (expired.length < 200) break;
    }
    await this.removeOrphanParts(Date.now() - PART_MAX_AGE_MS);
  }

  /** A worker killed mid-export leaves its half-written file behind; the next run writes a new one. */
  private async removeOrphanParts(olderThanMs: number): Promise<void> {
    const root = this.exports.absolute('exports');
    const orgs = await readdir(root).catch(() => [] as string[]);
    for (const org of orgs) {
      const dir = join(root, org);
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        if (!name.endsWith('.part')) continue;
        const info = await stat(join(dir, name)).catch(() => null);
        if (info && info.mtimeMs < olderThanMs) await rm(join(dir, name), { force: true });
      }
    }
  }
}
