import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  DomainError,
  NotFoundError,
  TooManyRequestsError,
} from '#src/common/errors/domain-error.js';
import { logger } from '#src/common/logging/logger.js';
import { JobProcessor } from '#src/jobs/job-processor.decorator.js';
import { AccessScopeService } from '../accounts/access-scope.service.js';
import type {
  CreateReportSubscriptionDto,
  ReportSubscriptionDto,
} from './dto/report-subscription.dto.js';
import { ReportSubscriptionEntity } from './entities/report-subscription.entity.js';
import { ExportsRepository } from './exports.repository.js';
import { ExportsService } from './exports.service.js';
import { lastCompletePeriod } from './periods.js';
import { ReportSubscriptionsRepository } from './report-subscriptions.repository.js';

const MAX_PER_USER = 20;
const PAGE = 200;

function toDto(s: ReportSubscriptionEntity): ReportSubscriptionDto {
  return {
    id: s.id,
    frequency: s.frequency,
    format: s.format,
    report: s.report,
    teamId: s.teamId,
    delivery: s.delivery,
    lastPeriodFrom: s.lastPeriodFrom,
    createdAt: s.createdAt.toISOString(),
  };
}

/** Weekly and monthly reports by mail: the subscriptions, and the hourly dispatch that sends them. */
@Injectable()
export class ReportSubscriptionsService {
  constructor(
    @Inject(ReportSubscriptionsRepository)
    private readonly repository: ReportSubscriptionsRepository,
    @Inject(ExportsRepository) private readonly exportsRepository: ExportsRepository,
    @Inject(ExportsService) private readonly exports: ExportsService,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
  ) {}

  async create(p: Principal, dto: CreateReportSubscriptionDto): Promise<ReportSubscriptionDto> {
    if (dto.teamId) await this.scope.assertCanSeeTeam(p, dto.teamId);
    if ((await this.repository.countForUser(p.organizationId, p.userId)) >= MAX_PER_USER) {
      throw new TooManyRequestsError(
        3600,
        `At most ${MAX_PER_USER} report subscriptions per user.`,
      );
    }
    const entity = Object.assign(new ReportSubscriptionEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      userId: p.userId,
      frequency: dto.frequency,
      format: dto.format ?? 'xlsx',
      report: dto.report ?? 'summary',
      teamId: dto.teamId ?? null,
      delivery: dto.delivery ?? 'attachment',
      lastPeriodFrom: null,
      createdAt: new Date(),
    });
    await this.repository.insert(entity);
    return toDto(entity);
  }

  async list(p: Principal): Promise<ReportSubscriptionDto[]> {
    return (await this.repository.listForUser(p.organizationId, p.userId)).map(toDto);
  }

  async remove(p: Principal, id: string): Promise<void> {
    if (!(await this.repository.delete(p.organizationId, p.userId, id))) {
      throw new NotFoundError('Report subscription');
    }
  }

  /** Hourly: every subscription whose last complete period has not gone out gets its export. */
  @JobProcessor('scheduled-reports.dispatch', { schedule: { everySeconds: 3600 } })
  async dispatch(): Promise<void> {
    const now = Date.now();
    const zones = new Map<string, string>();
    let after: string | null = null;
    for (;;) {
      const page = await this.repository.page(after, PAGE);
      for (const s of page) await this.dispatchOne(s, now, zones);
      if (page.length < PAGE) return;
      after = page[page.length - 1].id;
    }
  }

  private async dispatchOne(
    s: ReportSubscriptionEntity,
    now: number,
    zones: Map<string, string>,
  ): Promise<void> {
    let zone = zones.get(s.organizationId);
    if (!zone) {
      zone = (await this.repository.organization(s.organizationId))?.defaultTimeZone ?? 'UTC';
      zones.set(s.organizationId, zone);
    }
    const period = lastCompletePeriod(s.frequency, zone, now);
    if (s.lastPeriodFrom !== null && s.lastPeriodFrom >= period.from) return;
    const user = await this.exportsRepository.findRequester(s.organizationId, s.userId);
    if (!(await this.repository.claimPeriod(s.id, period.from))) return;
    // Someone who left, or who turned report mail off, gets nothing (and costs no export).
    if (
      !user ||
      user.status !== 'active' ||
      (await this.repository.reportsMailEnabled(user.id)) === false
    ) {
      return;
    }
    const principal: Principal = {
      userId: user.id,
      organizationId: user.organizationId,
      role: user.role,
      employeeId: user.employeeId,
      sessionId: `subscription:${s.id}`,
    };
    try {
      await this.exports.create(
        principal,
        {
          report: s.report,
          format: s.format,
          from: period.from,
          to: period.to,
          filters: s.teamId ? { teamId: s.teamId } : {},
        },
        { subscriptionId: s.id },
      );
    } catch (error) {
      // The team is gone or no longer visible to them: skip this one, keep dispatching the rest.
      if (!(error instanceof DomainError)) throw error;
      logger.warn({ subscriptionId: s.id, err: error }, 'scheduled report skipped');
    }
  }
}
