import { Inject, Injectable } from '@nestjs/common';
import type { JobPayloads } from '#src/jobs/job-definitions.js';
import { JobProcessor } from '#src/jobs/job-processor.decorator.js';
import { DemoService } from './demo.service.js';

/** Loading a month for 50 people takes longer than a request may: the job does it. */
@Injectable()
export class DemoProcessor {
  constructor(@Inject(DemoService) private readonly demo: DemoService) {}

  @JobProcessor('demo.load')
  async load(data: JobPayloads['demo.load']): Promise<void> {
    await this.demo.load(data.organizationId);
  }

  @JobProcessor('demo.remove')
  async remove(data: JobPayloads['demo.remove']): Promise<void> {
    await this.demo.remove(data.organizationId);
  }
}
