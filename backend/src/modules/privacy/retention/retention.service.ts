import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { ForbiddenError, NotFoundError } from '#src/common/errors/domain-error.js';
import { logger } from '#src/common/logging/logger.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { JobProcessor } from '#src/jobs/job-processor.decorator.js';
import { ActivityRetention } from '#src/modules/activity/removal/activity-retention.js';
import { AuditService } from '#src/modules/audit/audit.service.js';
import { ScreenshotsService } from '#src/modules/screenshots/screenshots.service.js';
import type {
  OrganizationClosureDto,
  OrganizationClosureStatusDto,
  RetentionSettingsDto,
  UpdateRetentionSettingsDto,
} from '../dto/retention.dto.js';
import { OrganizationClosureEntity } from '#src/modules/accounts/entities/organization-closure.entity.js';
import { RetentionSettingsEntity } from '../entities/retention.entity.js';
import { RetentionRepository } from './retention.repository.js';
import { DAY_MS } from '#src/common/time.js';

export const CLOSURE_GRACE_DAYS = 30;

export const RETENTION_DEFAULTS = {
  rawActivityDays: 365,
  dailyTotalsDays: 730,
  exportFileDays: 30,
  auditDays: 730,
} as const;

export interface PurgeReport {
  spans: number;
  days: number;
  files: number;
  audit: number;
  screenshots: number;
}

function toDto(s: RetentionSettingsEntity | null, organizationId: string): RetentionSettingsDto {
  return {
    rawActivityDays: s?.rawActivityDays ?? RETENTION_DEFAULTS.rawActivityDays,
    dailyTotalsDays: s?.dailyTotalsDays ?? RETENTION_DEFAULTS.dailyTotalsDays,
    exportFileDays: s?.exportFileDays ?? RETENTION_DEFAULTS.exportFileDays,
    auditDays: s?.auditDays ?? RETENTION_DEFAULTS.auditDays,
    ...(s ? {} : { defaults: true }),
    organizationId,
  };
}

/** Retention settings, the daily purge (privacy policy 6.3), and closed organizations. */
@Injectable()
export class RetentionService {
  constructor(
    @Inject(RetentionRepository) private readonly repository: RetentionRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ScreenshotsService) private readonly screenshots: ScreenshotsService,
    @Inject(ActivityRetention) private readonly activity: ActivityRetention,
  ) {}

  async get(p: Principal): Promise<RetentionSettingsDto> {
    return toDto(await this.repository.find(p.organizationId), p.organizationId);
  }

  async update(p: Principal, dto: UpdateRetentionSettingsDto): Promise<RetentionSettingsDto> {
    const current = toDto(await this.repository.find(p.organizationId), p.organizationId);
    const next = Object.assign(new RetentionSettingsEntity(), {
      organizationId: p.organizationId,
      rawActivityDays: dto.rawActivityDays ?? current.rawActivityDays,
      dailyTotalsDays: dto.dailyTotalsDays ?? current.dailyTotalsDays,
      exportFileDays: dto.exportFileDays ?? current.exportFileDays,
      auditDays: dto.auditDays ?? current.auditDays,
    });
    await this.repository.save(next);
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'retention.settings-changed',
      targetType: 'organization',
      targetId: p.organizationId,
      details: { ...dto },
    });
    return toDto(next, p.organizationId);
  }

  @JobProcessor('privacy.retention', { schedule: { everySeconds: 24 * 60 * 60 } })
  async runDaily(): Promise<void> {
    await this.purgeAll(new Date());
  }

  /**
   * Every organization's purge. Raw activity is stored by month for all organizations together
   * (MySQL/MariaDB partitions): the months that every organization's cutoff has passed are dropped
   * whole first, then each organization's purge deletes the rows left before its own cutoff.
   */
  async purgeAll(now: Date): Promise<{ droppedMonths: string[] }> {
    const organizationIds = await this.repository.organizationIds();
    let droppedMonths: string[] = [];
    if (organizationIds.length > 0) {
      const cutoffs = await Promise.all(
        organizationIds.map(async (id) => this.spanCutoff(await this.repository.find(id), now)),
      );
      try {
        droppedMonths = (await this.activity.dropSpanMonthsBefore(Math.min(...cutoffs))).partitions;
      } catch (err) {
        // The rows still go, by DELETE, below.
        logger.error({ err }, 'dropping old activity months failed');
      }
    }
    for (const organizationId of organizationIds) {
      try {
        await this.purge(organizationId, now);
      } catch (err) {
        logger.error({ err, organizationId }, 'retention purge failed');
      }
    }
    await this.purgeClosed(now);
    return { droppedMonths };
  }

  private spanCutoff(settings: RetentionSettingsEntity | null, now: Date): number {
    return now.getTime() - toDto(settings, '').rawActivityDays * DAY_MS;
  }

  async purge(organizationId: string, now: Date): Promise<PurgeReport> {
    const settings = await this.repository.find(organizationId);
    const s = toDto(settings, organizationId);
    const spans = await this.activity.deleteSpansBefore(
      organizationId,
      this.spanCutoff(settings, now),
    );
    const cutoffDay = new Date(now.getTime() - s.dailyTotalsDays * DAY_MS)
      .toISOString()
      .slice(0, 10);
    const days = await this.activity.deleteDaysBefore(organizationId, cutoffDay);
    let files = 0;
    const before = new Date(now.getTime() - s.exportFileDays * DAY_MS);
    for (const f of await this.repository.expiredAccessFiles(organizationId, before)) {
      await rm(join(this.config.dataDir, f.resultFile), { force: true });
      await this.repository.clearResultFile(f.id);
      files++;
    }
    const audit = await this.audit.purgeOlderThan(
      organizationId,
      now.getTime() - s.auditDays * DAY_MS,
    );
    // Screenshots keep their own days (screenshot settings, per organization or team).
    const screenshots = await this.screenshots.purgeExpired(organizationId, now);
    const report = { spans, days, files, audit, screenshots };
    if (spans + days + files + audit + screenshots > 0)
      logger.info({ organizationId, ...report }, 'retention purge');
    return report;
  }

  async close(p: Principal, now = new Date()): Promise<OrganizationClosureDto> {
    if (p.role !== 'owner') throw new ForbiddenError('Only the owner can close the organization.');
    const existing = await this.repository.findClosure(p.organizationId);
    const closure =
      existing ??
      Object.assign(new OrganizationClosureEntity(), {
        organizationId: p.organizationId,
        closedAt: now,
        purgeAt: new Date(now.getTime() + CLOSURE_GRACE_DAYS * DAY_MS),
        closedByUserId: p.userId,
      });
    if (!existing) {
      await this.repository.saveClosure(closure);
      await this.audit.record({
        organizationId: p.organizationId,
        actorUserId: p.userId,
        actorRole: p.role,
        action: 'organization.closed',
        targetType: 'organization',
        targetId: p.organizationId,
        details: { purgeAt: closure.purgeAt.toISOString() },
      });
    }
    return closureDto(closure);
  }

  async getClosure(p: Principal): Promise<OrganizationClosureStatusDto> {
    const closure = await this.repository.findClosure(p.organizationId);
    if (!closure) return { closed: false, closedAt: null, purgeAt: null };
    return { closed: true, ...closureDto(closure) };
  }

  async reopen(p: Principal): Promise<void> {
    if (p.role !== 'owner') throw new ForbiddenError('Only the owner can reopen the organization.');
    if (!(await this.repository.deleteClosure(p.organizationId)))
      throw new NotFoundError('Closure');
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'organization.reopened',
      targetType: 'organization',
      targetId: p.organizationId,
    });
  }

  /** Closed organizations past their grace period: every row and every file goes. */
  async purgeClosed(now: Date): Promise<string[]> {
    const purged: string[] = [];
    for (const c of await this.repository.closuresDue(now)) {
      await this.screenshots.purgeOrganization(c.organizationId);
      await this.repository.purgeOrganization(c.organizationId);
      await rm(join(this.config.dataDir, 'files', 'privacy', c.organizationId), {
        recursive: true,
        force: true,
      });
      logger.info({ organizationId: c.organizationId }, 'closed organization purged');
      purged.push(c.organizationId);
    }
    return purged;
  }
}

function closureDto(c: OrganizationClosureEntity): OrganizationClosureDto {
  return {
    closedAt: new Date(c.closedAt).toISOString(),
    purgeAt: new Date(c.purgeAt).toISOString(),
  };
}
