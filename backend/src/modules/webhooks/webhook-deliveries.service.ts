import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AnyDomainEvent } from '#src/common/events/domain-event-map.js';
import { DomainEvents } from '#src/common/events/domain-events.js';
import { logger } from '#src/common/logging/logger.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { jobIdFor, JobQueue } from '#src/jobs/job-queue.js';
import {
  WebhookDeliveryAttemptEntity,
  WebhookDeliveryEntity,
} from './entities/webhook-delivery.entity.js';
import type { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity.js';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  EVENT_ID_HEADER,
  signPayload,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from './webhook-crypto.js';
import { SecretBox } from '#src/common/crypto/secret-box.js';
import { sendWebhook, type SendResult } from './webhook-sender.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { isRefusal, WebhookUrlPolicy } from './url-policy.js';

/** Retries go on for a day after the event (or after a manual retry). */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** No two attempts further apart than this. */
export const MAX_BACKOFF_MS = 60 * 60 * 1000;

export function retryDelayMs(baseMs: number, attemptsMade: number): number {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attemptsMade - 1));
}

/** The body every attempt sends; receivers deduplicate by `id`. */
export function eventBody(event: AnyDomainEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.name,
    organizationId: event.organizationId,
    occurredAt: event.occurredAt.toISOString(),
    data: event.data,
  });
}

/**
 * Turns domain events into delivery rows (in the publisher's transaction) and runs attempts: one
 * per job, the next one scheduled from the row, so the database holds every retry.
 */
@Injectable()
export class WebhookDeliveriesService implements OnModuleInit {
  private readonly box: SecretBox;
  readonly policy: WebhookUrlPolicy;

  constructor(
    @Inject(WebhooksRepository) private readonly repository: WebhooksRepository,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.auth.jwtSecret, 'webhook-secrets');
    this.policy = new WebhookUrlPolicy(config.webhooks.allowedNetworks);
  }

  onModuleInit(): void {
    this.events.subscribe((event, tx) => this.record(event, tx));
  }

  get secrets(): SecretBox {
    return this.box;
  }

  /** One pending delivery per active subscription that wants the event. */
  async record(event: AnyDomainEvent, tx: EntityManager): Promise<void> {
    if (event.name === 'webhook.test') return;
    const subscriptions = (
      await this.repository.activeSubscriptions(tx, event.organizationId)
    ).filter((s) => s.events.includes(event.name));
    if (subscriptions.length === 0) return;
    const already = await this.repository.existingEventIds(
      tx,
      subscriptions.map((s) => s.id),
      event.id,
    );
    const created: WebhookDeliveryEntity[] = [];
    for (const subscription of subscriptions) {
      if (already.has(subscription.id)) continue;
      const delivery = this.newDelivery(subscription, event);
      if (await this.repository.insertDelivery(tx, delivery)) created.push(delivery);
    }
    this.events.afterCommit(tx, async () => {
      for (const delivery of created) await this.enqueue(delivery.organizationId, delivery.id, 0);
    });
  }

  newDelivery(
    subscription: WebhookSubscriptionEntity,
    event: AnyDomainEvent,
  ): WebhookDeliveryEntity {
    const now = new Date();
    return Object.assign(new WebhookDeliveryEntity(), {
      id: randomUUID(),
      organizationId: subscription.organizationId,
      subscriptionId: subscription.id,
      eventId: event.id,
      eventName: event.name,
      payload: eventBody(event),
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: now,
      giveUpAt: new Date(now.getTime() + RETRY_WINDOW_MS),
      lastStatusCode: null,
      lastDurationMs: null,
      lastError: null,
      createdAt: now,
      completedAt: null,
    });
  }

  enqueue(organizationId: string, deliveryId: string, attempt: number, delayMs = 0) {
    return this.queue.enqueue(
      'webhook.deliver',
      { organizationId, deliveryId, attempt },
      {
        jobId: jobIdFor('webhook', `${deliveryId}-${attempt}`),
        delayMs,
        replaceFinished: true,
      },
    );
  }

  /** One attempt; never throws for the receiver's failures (the row schedules the retry). */
  async attempt(data: { organizationId: string; deliveryId: string; attempt: number }) {
    const delivery = await this.repository.findDelivery(data.organizationId, data.deliveryId);
    if (!delivery || delivery.status !== 'pending' || delivery.attempts !== data.attempt) return;
    const timeoutMs = this.config.webhooks.timeoutMs;
    const lease = new Date(Date.now() + timeoutMs + 60_000);
    if (!(await this.repository.claim(delivery.id, data.attempt, lease))) return;
    const subscription = await this.repository.findSubscription(
      delivery.organizationId,
      delivery.subscriptionId,
    );
    const attemptedAt = new Date();
    let result: SendResult;
    if (!subscription) {
      result = { statusCode: null, durationMs: 0, error: 'The subscription was deleted.' };
    } else if (!subscription.active) {
      result = { statusCode: null, durationMs: 0, error: 'The subscription is paused.' };
    } else {
      result = await this.send(subscription, delivery);
    }
    const made = data.attempt + 1;
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const next = new Date(Date.now() + retryDelayMs(this.config.webhooks.retryBaseMs, made));
    const gaveUp = !ok && (!subscription || next.getTime() > new Date(delivery.giveUpAt).getTime());
    const status = ok ? 'succeeded' : gaveUp ? 'failed' : 'pending';
    await this.repository.recordAttempt(
      Object.assign(new WebhookDeliveryAttemptEntity(), {
        id: randomUUID(),
        organizationId: delivery.organizationId,
        deliveryId: delivery.id,
        attempt: made,
        attemptedAt,
        statusCode: result.statusCode,
        durationMs: result.durationMs,
        error: result.error,
      }),
      {
        status,
        nextAttemptAt: status === 'pending' ? next : attemptedAt,
        completedAt: status === 'pending' ? null : new Date(),
      },
    );
    if (status === 'pending') {
      await this.enqueue(delivery.organizationId, delivery.id, made, next.getTime() - Date.now());
    }
  }

  private async send(
    subscription: WebhookSubscriptionEntity,
    delivery: WebhookDeliveryEntity,
  ): Promise<SendResult> {
    // Checked again now: the host's DNS answer may point somewhere else than when it was saved.
    const target = await this.policy.check(subscription.url);
    if (isRefusal(target))
      return { statusCode: null, durationMs: 0, error: target.detail.slice(0, 500) };
    let secret: string;
    try {
      secret = this.box.openText(subscription.secretSealed);
    } catch (error) {
      logger.warn({ err: error, subscriptionId: subscription.id }, 'webhook secret unreadable');
      return {
        statusCode: null,
        durationMs: 0,
        error: 'The signing secret cannot be read (JWT_SECRET changed?); rotate the secret.',
      };
    }
    const timestamp = Math.floor(Date.now() / 1000);
    return sendWebhook(
      target,
      {
        'Content-Type': 'application/json',
        'User-Agent': 'CallTimeX-Webhooks/1',
        [EVENT_HEADER]: delivery.eventName,
        [EVENT_ID_HEADER]: delivery.eventId,
        [DELIVERY_HEADER]: delivery.id,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signPayload(secret, timestamp, delivery.payload),
      },
      delivery.payload,
      this.config.webhooks.timeoutMs,
    );
  }
}
