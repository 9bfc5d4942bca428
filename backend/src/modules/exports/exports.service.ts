import { createReadStream, existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  NotFoundError,
  TooManyRequestsError,
  ValidationFailedError,
} from '#src/common/errors/domain-error.js';
import type { Page } from '#src/common/validation/common.dto.js';
import { logger } from '#src/common/logging/logger.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { jobIdFor, JobQueue } from '#src/jobs/job-queue.js';
import { AccessScopeService } from '../accounts/access-scope.service.js';
import { daysBetween, isValidDay } from '../activity/counting/time-zone.js';
import type { CreateExportDto, ExportDto } from './dto/export.dto.js';
import { ReportExportEntity } from './entities/report-export.entity.js';
import { ExportsRepository } from './exports.repository.js';
import { CONTENT_TYPES, EXPORT_LOCALES, type ExportLocale } from './writers/table.js';

export const MAX_EXPORT_DAYS = 366;
// Exports one user may have waiting or running at once.
const MAX_OPEN_PER_USER = 10;

export function toExportDto(e: ReportExportEntity): ExportDto {
  return {
    id: e.id,
    report: e.report,
    format: e.format,
    from: e.fromDay,
    to: e.toDay,
    filters: e.filters,
    status: e.status,
    progress: e.progress,
    rowCount: e.rowCount,
    createdAt: e.createdAt.toISOString(),
    completedAt: e.completedAt?.toISOString() ?? null,
    expiresAt: e.expiresAt?.toISOString() ?? null,
    ...(e.status === 'completed' ? { downloadUrl: `/api/v1/exports/${e.id}/file` } : {}),
    ...(e.status === 'failed' ? { error: e.error } : {}),
  };
}

export function exportFileName(e: ReportExportEntity): string {
  return `calltimex-${e.report}-${e.fromDay}-${e.toDay}.${e.format}`;
}

@Injectable()
export class ExportsService {
  constructor(
    @Inject(ExportsRepository) private readonly repository: ExportsRepository,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(
    p: Principal,
    dto: CreateExportDto,
    extra: { subscriptionId?: string } = {},
  ): Promise<ExportDto> {
    checkRange(dto.from, dto.to);
    const filters = { ...(dto.filters ?? {}) };
    // Refuse what the caller may not see now, rather than fail in the worker later.
    await this.scope.resolveScope(p, { teamId: filters.teamId, employeeId: filters.employeeId });
    if (
      !extra.subscriptionId &&
      (await this.repository.countOpen(p.organizationId, p.userId)) >= MAX_OPEN_PER_USER
    ) {
      throw new TooManyRequestsError(
        30,
        'Too many exports are still running. Wait for them to finish.',
      );
    }
    const now = new Date();
    const entity = Object.assign(new ReportExportEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      requestedByUserId: p.userId,
      subscriptionId: extra.subscriptionId ?? null,
      report: dto.report,
      format: dto.format,
      fromDay: dto.from,
      toDay: dto.to,
      filters,
      locale: await this.localeOf(p),
      status: 'queued' as const,
      progress: 0,
      rowCount: 0,
      filePath: null,
      fileSize: null,
      error: null,
      runToken: null,
      leaseUntil: null,
      runs: 0,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
      expiresAt: null,
    });
    await this.repository.insert(entity);
    // The row is what counts: if the queue is unreachable now, the sweeper queues it later.
    await this.enqueue(entity.organizationId, entity.id).catch((error: unknown) =>
      logger.warn({ err: error, exportId: entity.id }, 'export queued in the database only'),
    );
    return toExportDto(entity);
  }

  enqueue(organizationId: string, exportId: string, replaceFinished = false): Promise<void> {
    return this.queue.enqueue(
      'export.run',
      { organizationId, exportId },
      { jobId: jobIdFor('export', exportId), replaceFinished },
    );
  }

  async get(p: Principal, id: string): Promise<ExportDto> {
    return toExportDto(await this.visible(p, id));
  }

  async list(p: Principal, page: { page: number; pageSize: number }): Promise<Page<ExportDto>> {
    const { items, total } = await this.repository.listForUser(p.organizationId, p.userId, page);
    return { items: items.map(toExportDto), page: page.page, pageSize: page.pageSize, total };
  }

  async open(
    p: Principal,
    id: string,
  ): Promise<{ stream: ReadStream; fileName: string; contentType: string; size: number }> {
    const e = await this.visible(p, id);
    const path = e.status === 'completed' && e.filePath ? this.absolute(e.filePath) : null;
    if (!path || !existsSync(path)) throw new NotFoundError('Export file');
    return {
      stream: createReadStream(path),
      fileName: exportFileName(e),
      contentType: CONTENT_TYPES[e.format],
      size: Number(e.fileSize ?? 0),
    };
  }

  absolute(relative: string): string {
    const root = resolve(this.config.dataDir, 'files');
    const path = resolve(join(root, relative));
    if (!path.startsWith(root + sep)) throw new Error('export path escapes the files directory');
    return path;
  }

  /**
   * The requester sees their export; so does anyone whose scope is the whole organization (the
   * file cannot hold more than they may see). Everyone else gets 404.
   */
  private async visible(p: Principal, id: string): Promise<ReportExportEntity> {
    const e = await this.repository.findById(p.organizationId, id);
    if (!e) throw new NotFoundError('Export');
    if (e.requestedByUserId === p.userId) return e;
    if ((await this.scope.employeeIdsInScope(p)) === 'all') return e;
    throw new NotFoundError('Export');
  }

  private async localeOf(p: Principal): Promise<ExportLocale> {
    const user = await this.repository.findRequester(p.organizationId, p.userId);
    const candidates = [user?.locale, await this.repository.organizationLocale(p.organizationId)];
    return (
      (candidates.find((l) => (EXPORT_LOCALES as readonly string[]).includes(l ?? '')) as
        ExportLocale | undefined) ?? 'en'
    );
  }
}

function checkRange(from: string, to: string): void {
  const errors = [];
  if (!isValidDay(from)) errors.push({ path: 'from', message: 'from is not a calendar day' });
  if (!isValidDay(to)) errors.push({ path: 'to', message: 'to is not a calendar day' });
  if (errors.length === 0) {
    const span = daysBetween(from, to);
    if (span < 0) errors.push({ path: 'to', message: 'to must not be before from' });
    else if (span >= MAX_EXPORT_DAYS) {
      errors.push({ path: 'to', message: `a range covers at most ${MAX_EXPORT_DAYS} days` });
    }
  }
  if (errors.length > 0) throw new ValidationFailedError(errors);
}
