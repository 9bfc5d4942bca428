import { Inject, Injectable } from '@nestjs/common';
import { logger } from '#src/common/logging/logger.js';
import { JobProcessor } from '#src/jobs/job-processor.decorator.js';
import { ErasureService } from '../erasure/erasure.service.js';

/** Erasures are batched: each touched table is rebuilt once per run, however many people went. */
export const COMPACTION_INTERVAL_SECONDS = 15 * 60;

/**
 * Rebuilds the MySQL/MariaDB tables that erasures touched, so the erased rows' bytes leave the
 * database files too (SQLite does it within the erasure: VACUUM). What is pending is read from the
 * erasures' verification, so a run missed while the installation was down is caught up next time.
 */
@Injectable()
export class ErasureCompactionProcessor {
  constructor(@Inject(ErasureService) private readonly erasure: ErasureService) {}

  @JobProcessor('privacy.compact', { schedule: { everySeconds: COMPACTION_INTERVAL_SECONDS } })
  async compact(): Promise<void> {
    const { requests, tables } = await this.erasure.compactPending();
    if (requests > 0) logger.info({ requests, tables }, 'tables rebuilt after erasures');
  }
}
