import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '#src/database/sql.js';
import {
  WebhookDeliveryAttemptEntity,
  WebhookDeliveryEntity,
  type DeliveryStatus,
} from './entities/webhook-delivery.entity.js';
import { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity.js';

/** Subscriptions, deliveries and attempts; every query is scoped by organization. */
@Injectable()
export class WebhooksRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Autocommit, for writes that belong to no business transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  private get subscriptions() {
    return this.dataSource.getRepository(WebhookSubscriptionEntity);
  }

  private get deliveries() {
    return this.dataSource.getRepository(WebhookDeliveryEntity);
  }

  listSubscriptions(organizationId: string): Promise<WebhookSubscriptionEntity[]> {
    return this.subscriptions.find({
      where: { organizationId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  countSubscriptions(organizationId: string): Promise<number> {
    return this.subscriptions.countBy({ organizationId });
  }

  findSubscription(organizationId: string, id: string): Promise<WebhookSubscriptionEntity | null> {
    return this.subscriptions.findOneBy({ organizationId, id });
  }

  /** Active subscriptions of the organization, read in the publisher's transaction. */
  activeSubscriptions(tx: EntityManager, organizationId: string) {
    return tx.getRepository(WebhookSubscriptionEntity).findBy({ organizationId, active: true });
  }

  async insertSubscription(subscription: WebhookSubscriptionEntity): Promise<void> {
    await this.subscriptions.insert(subscription);
  }

  async updateSubscription(
    organizationId: string,
    id: string,
    changes: Partial<
      Pick<
        WebhookSubscriptionEntity,
        'url' | 'description' | 'events' | 'active' | 'secretSealed' | 'secretHint' | 'updatedAt'
      >
    >,
  ): Promise<void> {
    await this.subscriptions.update({ organizationId, id }, changes);
  }

  /** The subscription, its deliveries and their attempts go together. */
  async deleteSubscription(organizationId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const ids = (
        await tx.getRepository(WebhookDeliveryEntity).find({
          where: { organizationId, subscriptionId: id },
          select: { id: true },
        })
      ).map((d) => d.id);
      for (let i = 0; i < ids.length; i += 500) {
        await tx.delete(WebhookDeliveryAttemptEntity, { deliveryId: In(ids.slice(i, i + 500)) });
      }
      await tx.delete(WebhookDeliveryEntity, { organizationId, subscriptionId: id });
      await tx.delete(WebhookSubscriptionEntity, { organizationId, id });
    });
  }

  /** Ids of events this subscription already has a delivery for (a re-published keyed event). */
  async existingEventIds(tx: EntityManager, subscriptionIds: string[], eventId: string) {
    if (subscriptionIds.length === 0) return new Set<string>();
    const rows = await tx.getRepository(WebhookDeliveryEntity).find({
      where: { subscriptionId: In(subscriptionIds), eventId },
      select: { subscriptionId: true },
    });
    return new Set(rows.map((r) => r.subscriptionId));
  }

  /** False when the subscription already had this event. */
  async insertDelivery(tx: EntityManager, delivery: WebhookDeliveryEntity): Promise<boolean> {
    try {
      await tx.insert(WebhookDeliveryEntity, delivery);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  findDelivery(organizationId: string, id: string): Promise<WebhookDeliveryEntity | null> {
    return this.deliveries.findOneBy({ organizationId, id });
  }

  async listDeliveries(
    organizationId: string,
    subscriptionId: string,
    filter: { status?: DeliveryStatus },
    page: { page: number; pageSize: number },
  ): Promise<{ items: WebhookDeliveryEntity[]; total: number }> {
    const [items, total] = await this.deliveries.findAndCount({
      where: {
        organizationId,
        subscriptionId,
        ...(filter.status ? { status: filter.status } : {}),
      },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    return { items, total };
  }

  attemptsOf(deliveryId: string): Promise<WebhookDeliveryAttemptEntity[]> {
    return this.dataSource
      .getRepository(WebhookDeliveryAttemptEntity)
      .find({ where: { deliveryId }, order: { attempt: 'ASC' } });
  }

  /**
   * Takes attempt number `attempt + 1` of a pending delivery: only one caller wins (a duplicate job,
   * the sweeper's re-queue), and the lease keeps the sweeper away while it runs.
   */
  async claim(id: string, attempt: number, leaseUntil: Date): Promise<boolean> {
    const result = await this.deliveries
      .createQueryBuilder()
      .update(WebhookDeliveryEntity)
      .set({ attempts: attempt + 1, nextAttemptAt: leaseUntil })
      .where('id = :id AND status = :pending AND attempts = :attempt', {
        id,
        pending: 'pending',
        attempt,
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Records one attempt and where the delivery stands after it. */
  async recordAttempt(
    attempt: WebhookDeliveryAttemptEntity,
    outcome: { status: DeliveryStatus; nextAttemptAt: Date; completedAt: Date | null },
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(WebhookDeliveryAttemptEntity, attempt);
      await tx.update(
        WebhookDeliveryEntity,
        { id: attempt.deliveryId, status: 'pending' },
        {
          status: outcome.status,
          nextAttemptAt: outcome.nextAttemptAt,
          completedAt: outcome.completedAt,
          lastStatusCode: attempt.statusCode,
          lastDurationMs: attempt.durationMs,
          lastError: attempt.error,
        },
      );
    });
  }

  /** A finished delivery goes back to pending for a new window of retries. */
  async reopen(organizationId: string, id: string, now: Date, giveUpAt: Date): Promise<boolean> {
    const result = await this.deliveries.update(
      { organizationId, id, status: In(['succeeded', 'failed']) },
      { status: 'pending', nextAttemptAt: now, giveUpAt, completedAt: null },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Pending deliveries whose attempt is due (their job may be lost). */
  findDue(now: Date, limit: number): Promise<WebhookDeliveryEntity[]> {
    return this.deliveries.find({
      where: { status: 'pending', nextAttemptAt: LessThanOrEqual(now) },
      order: { nextAttemptAt: 'ASC' },
      take: limit,
      select: { id: true, organizationId: true, attempts: true },
    });
  }
}
