import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { WebhookDeliverProcessor, WebhookDeliverySweeper } from './webhook-deliver.processor.js';
import { WebhookDeliveriesService } from './webhook-deliveries.service.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * Webhooks: subscribes to every domain event and delivers it, signed, to the organization's
 * subscriptions. Nothing imports this module; it learns of events through DomainEvents.
 */
@Module({
  imports: [AuditModule],
  controllers: [WebhooksController],
  providers: [
    WebhooksRepository,
    WebhookDeliveriesService,
    WebhooksService,
    WebhookDeliverProcessor,
    WebhookDeliverySweeper,
  ],
})
export class WebhooksModule {}
