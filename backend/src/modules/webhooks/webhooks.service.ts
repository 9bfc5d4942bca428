import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { ConflictError, DomainError, NotFoundError } from '#src/common/errors/domain-error.js';
import type { AnyDomainEvent } from '#src/common/events/domain-event-map.js';
import { AuditService } from '../audit/audit.service.js';
import type {
  WebhookDeliveryAttemptEntity,
  WebhookDeliveryEntity,
} from './entities/webhook-delivery.entity.js';
import { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity.js';
import type {
  CreateWebhookDto,
  DeliveryDetailDto,
  DeliveryDto,
  DeliveryListQueryDto,
  UpdateWebhookDto,
  WebhookDto,
  WebhookWithSecretDto,
} from './dto/webhook.dto.js';
import { isRefusal } from './url-policy.js';
import { newWebhookSecret } from './webhook-crypto.js';
import { RETRY_WINDOW_MS, WebhookDeliveriesService } from './webhook-deliveries.service.js';
import { WebhooksRepository } from './webhooks.repository.js';

export const MAX_SUBSCRIPTIONS = 25;

export class WebhookUrlRefusedError extends DomainError {
  constructor(detail: string, code: string) {
    super(400, code, 'Webhook URL not allowed', detail, {
      errors: [{ path: 'url', message: detail }],
    });
  }
}

/** Subscriptions of an organization (owner/admin), their delivery log, test events and retries. */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(WebhooksRepository) private readonly repository: WebhooksRepository,
    @Inject(WebhookDeliveriesService) private readonly deliveries: WebhookDeliveriesService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(p: Principal): Promise<WebhookDto[]> {
    return (await this.repository.listSubscriptions(p.organizationId)).map(toWebhookDto);
  }

  async get(p: Principal, id: string): Promise<WebhookDto> {
    return toWebhookDto(await this.find(p, id));
  }

  async create(p: Principal, dto: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    await this.assertUrl(dto.url);
    if ((await this.repository.countSubscriptions(p.organizationId)) >= MAX_SUBSCRIPTIONS) {
      throw new ConflictError(
        `An organization has at most ${MAX_SUBSCRIPTIONS} webhooks; delete one first.`,
        'webhook-limit-reached',
      );
    }
    const secret = newWebhookSecret();
    const now = new Date();
    const subscription = Object.assign(new WebhookSubscriptionEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      url: dto.url,
      description: dto.description ?? '',
      events: [...dto.events],
      secretSealed: this.deliveries.secrets.seal(secret),
      secretHint: secret.slice(-4),
      active: dto.active ?? true,
      createdByUserId: p.userId,
      createdAt: now,
      updatedAt: now,
    });
    await this.repository.insertSubscription(subscription);
    await this.record(p, 'webhook.created', subscription.id, { events: subscription.events });
    return { ...toWebhookDto(subscription), secret };
  }

  async update(p: Principal, id: string, dto: UpdateWebhookDto): Promise<WebhookDto> {
    await this.find(p, id);
    if (dto.url !== undefined) await this.assertUrl(dto.url);
    await this.repository.updateSubscription(p.organizationId, id, {
      ...(dto.url !== undefined ? { url: dto.url } : {}),
      ...(dto.description !== undefined ? { description: dto.description } : {}),
      ...(dto.events !== undefined ? { events: [...dto.events] } : {}),
      ...(dto.active !== undefined ? { active: dto.active } : {}),
      updatedAt: new Date(),
    });
    await this.record(p, 'webhook.updated', id, {
      fields: Object.keys(dto).filter((k) => dto[k as keyof UpdateWebhookDto] !== undefined),
    });
    return this.get(p, id);
  }

  async rotateSecret(p: Principal, id: string): Promise<WebhookWithSecretDto> {
    await this.find(p, id);
    const secret = newWebhookSecret();
    await this.repository.updateSubscription(p.organizationId, id, {
      secretSealed: this.deliveries.secrets.seal(secret),
      secretHint: secret.slice(-4),
      updatedAt: new Date(),
    });
    await this.record(p, 'webhook.secret-rotated', id, {});
    return { ...(await this.get(p, id)), secret };
  }

  async remove(p: Principal, id: string): Promise<void> {
    await this.find(p, id);
    await this.repository.deleteSubscription(p.organizationId, id);
    await this.record(p, 'webhook.deleted', id, {});
  }

  /** A `webhook.test` event to this subscription only, delivered like any other. */
  async sendTest(p: Principal, id: string): Promise<DeliveryDto> {
    const subscription = await this.find(p, id);
    const event: AnyDomainEvent = {
      id: randomUUID(),
      name: 'webhook.test',
      organizationId: p.organizationId,
      occurredAt: new Date(),
      data: { message: 'A test event from CallTimeX.' },
    };
    const delivery = this.deliveries.newDelivery(subscription, event);
    await this.repository.insertDelivery(this.repository.manager, delivery);
    await this.deliveries.enqueue(p.organizationId, delivery.id, 0);
    return toDeliveryDto(delivery);
  }

  async listDeliveries(p: Principal, id: string, query: DeliveryListQueryDto) {
    await this.find(p, id);
    const { items, total } = await this.repository.listDeliveries(
      p.organizationId,
      id,
      { status: query.status },
      query,
    );
    return { items: items.map(toDeliveryDto), page: query.page, pageSize: query.pageSize, total };
  }

  async getDelivery(p: Principal, id: string, deliveryId: string): Promise<DeliveryDetailDto> {
    const delivery = await this.findDelivery(p, id, deliveryId);
    const attempts = await this.repository.attemptsOf(delivery.id);
    return {
      ...toDeliveryDto(delivery),
      payload: delivery.payload,
      attemptLog: attempts.map(toAttemptDto),
    };
  }

  /** A finished delivery (failed, or succeeded and wanted again) goes out again, with a new day of retries. */
  async retryDelivery(p: Principal, id: string, deliveryId: string): Promise<DeliveryDetailDto> {
    const delivery = await this.findDelivery(p, id, deliveryId);
    const now = new Date();
    if (
      !(await this.repository.reopen(
        p.organizationId,
        delivery.id,
        now,
        new Date(now.getTime() + RETRY_WINDOW_MS),
      ))
    ) {
      throw new ConflictError(
        'This delivery is still pending; it is retried on its own.',
        'webhook-delivery-pending',
      );
    }
    await this.deliveries.enqueue(p.organizationId, delivery.id, delivery.attempts);
    await this.record(p, 'webhook.delivery-retried', id, { deliveryId });
    return this.getDelivery(p, id, deliveryId);
  }

  private async find(p: Principal, id: string): Promise<WebhookSubscriptionEntity> {
    const subscription = await this.repository.findSubscription(p.organizationId, id);
    if (!subscription) throw new NotFoundError('Webhook');
    return subscription;
  }

  private async findDelivery(p: Principal, id: string, deliveryId: string) {
    await this.find(p, id);
    const delivery = await this.repository.findDelivery(p.organizationId, deliveryId);
    if (!delivery || delivery.subscriptionId !== id) throw new NotFoundError('Delivery');
    return delivery;
  }

  private async assertUrl(url: string): Promise<void> {
    const result = await this.deliveries.policy.check(url);
    if (isRefusal(result)) {
      throw new WebhookUrlRefusedError(
        result.detail,
        result.reason === 'address' ? 'webhook-url-not-allowed' : `webhook-url-${result.reason}`,
      );
    }
  }

  private record(p: Principal, action: string, targetId: string, details: Record<string, unknown>) {
    return this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action,
      targetType: 'webhook',
      targetId,
      details,
    });
  }
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function toWebhookDto(s: WebhookSubscriptionEntity): WebhookDto {
  return {
    id: s.id,
    url: s.url,
    description: s.description,
    events: s.events,
    active: s.active,
    secretHint: s.secretHint,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}

export function toDeliveryDto(d: WebhookDeliveryEntity): DeliveryDto {
  return {
    id: d.id,
    webhookId: d.subscriptionId,
    eventId: d.eventId,
    event: d.eventName,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastDurationMs: d.lastDurationMs,
    lastError: d.lastError,
    nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
    createdAt: iso(d.createdAt),
    completedAt: d.completedAt ? iso(d.completedAt) : null,
  };
}

function toAttemptDto(a: WebhookDeliveryAttemptEntity) {
  return {
    attempt: a.attempt,
    attemptedAt: iso(a.attemptedAt),
    statusCode: a.statusCode,
    durationMs: a.durationMs,
    error: a.error,
  };
}
