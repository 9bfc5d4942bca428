import { Inject, Injectable } from '@nestjs/common';
import type { SystemPayload } from '#src/jobs/job-definitions.js';
import { type JobContext, JobProcessor } from '#src/jobs/job-processor.decorator.js';
import { JobSweeper, type Sweeper } from '#src/jobs/job-sweeper.js';
import { RECOMPUTE_ROLLUPS, RollupPasses } from './rollup-passes.js';
import { RollupService } from './rollup.service.js';

/**
 * Recomputes dirty days in the background, where jobs run (the worker, or the embedded api).
 * Ingestion asks for a pass; as a sweeper it is also the safety pass: every sweep interval, dirty
 * days left without a pass (a request lost with Redis, a process that stopped) get one.
 */
@Injectable()
@JobSweeper()
export class RollupProcessor implements Sweeper {
  constructor(
    @Inject(RollupService) private readonly rollups: RollupService,
    @Inject(RollupPasses) private readonly passes: RollupPasses,
  ) {}

  @JobProcessor(RECOMPUTE_ROLLUPS)
  async recompute(_data: SystemPayload, context: JobContext): Promise<void> {
    await this.rollups.recomputeDirty(context.signal);
  }

  async sweep(): Promise<number> {
    if (!(await this.rollups.hasDirtyDays())) return 0;
    await this.passes.request();
    return 1;
  }
}
