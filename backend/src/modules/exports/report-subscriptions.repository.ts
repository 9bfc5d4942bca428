import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan, MoreThan } from 'typeorm';
import { ReportSubscriptionEntity } from './entities/report-subscription.entity.js';

/** Scheduled report subscriptions, and the few facts dispatch needs about their owners. */
@Injectable()
export class ReportSubscriptionsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ReportSubscriptionEntity);
  }

  async insert(entity: ReportSubscriptionEntity): Promise<void> {
    await this.repo.insert(entity);
  }

  listForUser(organizationId: string, userId: string): Promise<ReportSubscriptionEntity[]> {
    return this.repo.find({
      where: { organizationId, userId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  countForUser(organizationId: string, userId: string): Promise<number> {
    return this.repo.countBy({ organizationId, userId });
  }

  findById(organizationId: string, id: string): Promise<ReportSubscriptionEntity | null> {
    return this.repo.findOneBy({ organizationId, id });
  }

  async delete(organizationId: string, userId: string, id: string): Promise<boolean> {
    const result = await this.repo.delete({ organizationId, userId, id });
    return (result.affected ?? 0) > 0;
  }

  /** A page of every subscription, by id. */
  page(afterId: string | null, limit: number): Promise<ReportSubscriptionEntity[]> {
    return this.repo.find({
      where: afterId ? { id: MoreThan(afterId) } : {},
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /** Marks the period as sent; false when it already was (another dispatch got there first). */
  async claimPeriod(id: string, periodFrom: string): Promise<boolean> {
    const never = await this.repo.update(
      { id, lastPeriodFrom: IsNull() },
      { lastPeriodFrom: periodFrom },
    );
    if ((never.affected ?? 0) > 0) return true;
    const older = await this.repo.update(
      { id, lastPeriodFrom: LessThan(periodFrom) },
      { lastPeriodFrom: periodFrom },
    );
    return (older.affected ?? 0) > 0;
  }

  async organization(id: string): Promise<{ name: string; defaultTimeZone: string } | null> {
    const rows: { name: string; defaultTimeZone: string }[] = await this.dataSource.query(
      'SELECT name, defaultTimeZone FROM organizations WHERE id = ?',
      [id],
    );
    return rows[0] ?? null;
  }

  async teamName(organizationId: string, teamId: string): Promise<string | null> {
    const rows: { name: string }[] = await this.dataSource.query(
      'SELECT name FROM teams WHERE organizationId = ? AND id = ?',
      [organizationId, teamId],
    );
    return rows[0]?.name ?? null;
  }

  /** The user's choice for report mail; null when they never chose (the default is on). */
  async reportsMailEnabled(userId: string): Promise<boolean | null> {
    const rows: { enabled: boolean | number }[] = await this.dataSource.query(
      "SELECT enabled FROM mail_preferences WHERE userId = ? AND category = 'reports'",
      [userId],
    );
    return rows[0] ? Boolean(rows[0].enabled) : null;
  }
}
