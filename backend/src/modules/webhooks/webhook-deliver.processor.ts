import { Inject, Injectable } from '@nestjs/common';
import type { JobPayloads } from '#src/jobs/job-definitions.js';
import { JobProcessor } from '#src/jobs/job-processor.decorator.js';
import { JobSweeper, type Sweeper } from '#src/jobs/job-sweeper.js';
import { WebhookDeliveriesService } from './webhook-deliveries.service.js';
import { WebhooksRepository } from './webhooks.repository.js';

@Injectable()
export class WebhookDeliverProcessor {
  constructor(
    @Inject(WebhookDeliveriesService) private readonly deliveries: WebhookDeliveriesService,
  ) {}

  @JobProcessor('webhook.deliver')
  deliver(data: JobPayloads['webhook.deliver']): Promise<void> {
    return this.deliveries.attempt(data);
  }
}

/**
 * Pending deliveries that are due get their job again: the queue may have lost it (Redis flushed,
 * the embedded process restarted). The job id names the attempt, so a job still waiting is kept.
 */
@Injectable()
@JobSweeper()
export class WebhookDeliverySweeper implements Sweeper {
  constructor(
    @Inject(WebhooksRepository) private readonly repository: WebhooksRepository,
    @Inject(WebhookDeliveriesService) private readonly deliveries: WebhookDeliveriesService,
  ) {}

  async sweep(now: Date): Promise<number> {
    const due = await this.repository.findDue(now, 500);
    for (const delivery of due) {
      await this.deliveries.enqueue(delivery.organizationId, delivery.id, delivery.attempts);
    }
    return due.length;
  }
}
