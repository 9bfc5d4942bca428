import { randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { DomainEvents } from '#src/common/events/domain-events.js';
import { roleHas } from '#src/common/auth/permissions.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ConflictError, DomainError, NotFoundError } from '#src/common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { jobIdFor, JobQueue } from '#src/jobs/job-queue.js';
import { AccessScopeService } from '#src/modules/accounts/access-scope.service.js';
import { AuditService } from '#src/modules/audit/audit.service.js';
import type {
  CreatedPrivacyRequestDto,
  CreatePrivacyRequestDto,
  LegalHoldResponseDto,
  PrivacyRequestDto,
  PrivacyRequestPageDto,
} from '../dto/privacy-request.dto.js';
import {
  LegalHoldEntity,
  PrivacyRequestEntity,
  type PrivacyRequestStatus,
} from '../entities/privacy-request.entity.js';
import { PrivacyMail } from '../privacy-mail.js';
import { PrivacyRepository } from '../privacy.repository.js';
import { DAY_MS } from '#src/common/time.js';

/** Privacy policy 5.1: answered within 30 days. */
export const RESPONSE_DAYS = 30;

export class DownloadExpiredError extends DomainError {
  constructor() {
    super(
      410,
      'download-expired',
      'Gone',
      'This download link has expired; file a new access request.',
    );
  }
}

export function mailName(type: string, employeeId: string, fullName: string | undefined): string {
  return type === 'erasure' || !fullName ? `employee ${employeeId.slice(0, 8)}` : fullName;
}

export function downloadPath(id: string): string {
  return `/api/v1/privacy/requests/${id}/download`;
}

export function toRequestDto(r: PrivacyRequestEntity, now = new Date()): PrivacyRequestDto {
  const dueAt = new Date(r.dueAt);
  const open = r.status === 'pending' || r.status === 'processing';
  const downloadable = r.type === 'access' && r.status === 'completed' && r.resultFile;
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    employeeId: r.employeeId,
    dueAt: dueAt.toISOString(),
    createdAt: new Date(r.createdAt).toISOString(),
    overdue: open && dueAt.getTime() < now.getTime(),
    ...(r.completedAt ? { completedAt: new Date(r.completedAt).toISOString() } : {}),
    ...(downloadable ? { downloadUrl: downloadPath(r.id) } : {}),
    ...(downloadable && r.downloadExpiresAt
      ? { downloadExpiresAt: new Date(r.downloadExpiresAt).toISOString() }
      : {}),
    ...(r.rejectionReason ? { rejectionReason: r.rejectionReason } : {}),
    ...(r.note ? { note: r.note } : {}),
    ...(r.verification ? { verification: r.verification } : {}),
  };
}

/** Filing, reading and deciding privacy requests; the work itself runs in PrivacyRequestProcessor. */
@Injectable()
export class PrivacyRequestsService {
  constructor(
    @Inject(PrivacyRepository) private readonly repository: PrivacyRepository,
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(PrivacyMail) private readonly mail: PrivacyMail,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  private manages(p: Principal): boolean {
    return roleHas(p.role, 'privacy:manage');
  }

  async file(
    p: Principal,
    dto: CreatePrivacyRequestDto,
    now = new Date(),
  ): Promise<CreatedPrivacyRequestDto> {
    // HR, admins and owners act for anyone in their organization; others only for themselves.
    const { employee } = await this.scope.resolveScope(
      p,
      { employeeId: dto.employeeId },
      'privacy',
    );
    if (!employee) throw new NotFoundError('Employee');
    const request = Object.assign(new PrivacyRequestEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      employeeId: employee.id,
      type: dto.type,
      status: 'pending' as const,
      note: dto.note ?? null,
      filedByUserId: p.userId,
      dueAt: new Date(now.getTime() + RESPONSE_DAYS * DAY_MS),
      completedAt: null,
      rejectionReason: null,
      resultFile: null,
      downloadExpiresAt: null,
      verification: null,
      reminded7: false,
      reminded1: false,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    });
    await this.repository.insert(request);
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'privacy.request-filed',
      targetType: 'privacy-request',
      targetId: request.id,
      subjectEmployeeId: employee.id,
      details: { type: request.type },
    });
    await this.mail.toUsers(
      p.organizationId,
      (await this.repository.privacyContacts(p.organizationId)).map((u) => u.id),
      'privacy-request-received',
      {
        requestType: request.type,
        // An erasure's mails never name the person: a mail still in flight would outlive them.
        employeeName: mailName(request.type, employee.id, employee.fullName),
        dueAt: request.dueAt.toISOString(),
        requestUrl: this.mail.link(`/privacy/requests/${request.id}`),
        // A rectification is answered by hand: the contacts need to know what to correct.
        ...(request.type === 'rectification' && request.note ? { note: request.note } : {}),
      },
      `privacy-received:${request.id}`,
    );
    // Rectification is done by HR by hand; access and erasure run as jobs.
    if (request.type !== 'rectification') await this.enqueue(request);
    return {
      id: request.id,
      type: request.type,
      status: request.status,
      dueAt: request.dueAt.toISOString(),
    };
  }

  /**
   * Tells the privacy contacts, and whoever filed the request, how it ended. An erasure's filer is
   * left out and its mail names no one: the person is gone by the time it is read.
   */
  async mailOutcome(
    request: PrivacyRequestEntity,
    outcome: 'completed' | 'rejected',
    extra: { employeeName?: string; reason?: string } = {},
  ): Promise<void> {
    const recipients = new Set(
      (await this.repository.privacyContacts(request.organizationId)).map((u) => u.id),
    );
    if (request.filedByUserId && request.type !== 'erasure') recipients.add(request.filedByUserId);
    let employeeName = extra.employeeName;
    if (!employeeName && request.type !== 'erasure') {
      employeeName = (
        await this.repository.findEmployee(request.organizationId, request.employeeId)
      )?.fullName;
    }
    await this.mail.toUsers(
      request.organizationId,
      [...recipients],
      'privacy-request-completed',
      {
        requestType: request.type,
        employeeName: mailName(request.type, request.employeeId, employeeName),
        outcome,
        ...(extra.reason ? { reason: extra.reason } : {}),
        ...(outcome === 'completed' && request.type === 'access'
          ? { downloadUrl: this.mail.link(downloadPath(request.id)) }
          : {}),
      },
      `privacy-completed:${request.id}`,
    );
  }

  enqueue(r: { id: string; organizationId: string }): Promise<void> {
    return this.queue.enqueue(
      'privacy.process',
      { organizationId: r.organizationId, requestId: r.id },
      { jobId: jobIdFor('privacy', r.id) },
    );
  }

  async get(p: Principal, id: string): Promise<PrivacyRequestDto> {
    return toRequestDto(await this.findVisible(p, id));
  }

  async list(
    p: Principal,
    q: { page: number; pageSize: number; status?: PrivacyRequestStatus; employeeId?: string },
  ): Promise<PrivacyRequestPageDto> {
    const employeeId = await this.listedEmployee(p, q.employeeId);
    const { items, total } = await this.repository.list(
      p.organizationId,
      { ...(employeeId ? { employeeId } : {}), ...(q.status ? { status: q.status } : {}) },
      q,
    );
    const now = new Date();
    return {
      items: items.map((r) => toRequestDto(r, now)),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }

  /**
   * Whose requests a list holds: HR, admins and owners see everyone's (or one employee's), anyone
   * else only their own. A named employee outside that answers 404, like another organization's.
   */
  private async listedEmployee(p: Principal, requested?: string): Promise<string | undefined> {
    if (!requested) return this.manages(p) ? undefined : (p.employeeId ?? randomUUID());
    try {
      await this.scope.resolveScope(p, { employeeId: requested }, 'privacy');
      return requested;
    } catch (error) {
      if (!(error instanceof NotFoundError) || !this.manages(p)) throw error;
    }
    // An erased employee's requests are kept: HR still finds them by the old id.
    const kept = await this.repository.list(
      p.organizationId,
      { employeeId: requested },
      { page: 1, pageSize: 1 },
    );
    if (kept.total === 0) throw new NotFoundError('Employee');
    return requested;
  }

  async reject(p: Principal, id: string, reason: string): Promise<PrivacyRequestDto> {
    const request = await this.findVisible(p, id);
    const ok = await this.repository.transition(request.id, ['pending'], {
      status: 'rejected',
      rejectionReason: reason,
      completedAt: new Date(),
    });
    if (!ok) {
      throw new ConflictError(
        `The request is ${request.status}; only a pending request can be rejected.`,
        'request-not-pending',
      );
    }
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'privacy.request-rejected',
      targetType: 'privacy-request',
      targetId: id,
      subjectEmployeeId: request.employeeId,
      details: { type: request.type },
    });
    await this.mailOutcome(request, 'rejected', { reason });
    return this.get(p, id);
  }

  /** Rectification is done by HR by hand; they mark it completed. */
  async complete(p: Principal, id: string): Promise<PrivacyRequestDto> {
    const request = await this.findVisible(p, id);
    if (request.type !== 'rectification') {
      throw new ConflictError(
        'Access and erasure requests complete by themselves.',
        'request-automatic',
      );
    }
    const ok = await this.repository.transition(
      request.id,
      ['pending', 'processing'],
      { status: 'completed', completedAt: new Date() },
      async (tx) => {
        await this.events.publish(
          'privacy.request.completed',
          request.organizationId,
          { requestId: request.id, type: request.type, employeeId: request.employeeId },
          { tx, dedupeKey: request.id },
        );
      },
    );
    if (!ok) throw new ConflictError(`The request is already ${request.status}.`, 'request-closed');
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'privacy.request-completed',
      targetType: 'privacy-request',
      targetId: id,
      subjectEmployeeId: request.employeeId,
      details: { type: request.type },
    });
    await this.mailOutcome(request, 'completed');
    return this.get(p, id);
  }

  async download(
    p: Principal,
    id: string,
    now = new Date(),
  ): Promise<{ stream: ReadStream; size: number; filename: string }> {
    const request = await this.findVisible(p, id);
    if (request.type !== 'access' || request.status !== 'completed' || !request.resultFile) {
      throw new NotFoundError('Download');
    }
    if (request.downloadExpiresAt && new Date(request.downloadExpiresAt) < now) {
      throw new DownloadExpiredError();
    }
    const path = join(this.config.dataDir, request.resultFile);
    const info = await stat(path).catch(() => null);
    if (!info) throw new DownloadExpiredError();
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'privacy.export-downloaded',
      targetType: 'privacy-request',
      targetId: id,
      subjectEmployeeId: request.employeeId,
    });
    return {
      stream: createReadStream(path),
      size: info.size,
      filename: `personal-data-${request.employeeId}.zip`,
    };
  }

  async setLegalHold(
    p: Principal,
    employeeId: string,
    reason: string,
  ): Promise<LegalHoldResponseDto> {
    const employee = await this.repository.findEmployee(p.organizationId, employeeId);
    if (!employee) throw new NotFoundError('Employee');
    const hold = Object.assign(new LegalHoldEntity(), {
      employeeId,
      organizationId: p.organizationId,
      reason,
      setByUserId: p.userId,
      createdAt: new Date(),
    });
    await this.repository.saveLegalHold(hold);
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'privacy.legal-hold-set',
      targetType: 'employee',
      targetId: employeeId,
      subjectEmployeeId: employeeId,
    });
    return { employeeId, reason, createdAt: hold.createdAt.toISOString() };
  }

  async getLegalHold(p: Principal, employeeId: string): Promise<LegalHoldResponseDto> {
    const hold = await this.repository.findLegalHold(p.organizationId, employeeId);
    if (!hold) throw new NotFoundError('Legal hold');
    return { employeeId, reason: hold.reason, createdAt: new Date(hold.createdAt).toISOString() };
  }

  async clearLegalHold(p: Principal, employeeId: string): Promise<void> {
    if (!(await this.repository.deleteLegalHold(p.organizationId, employeeId))) {
      throw new NotFoundError('Legal hold');
    }
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'privacy.legal-hold-cleared',
      targetType: 'employee',
      targetId: employeeId,
      subjectEmployeeId: employeeId,
    });
  }

  private async findVisible(p: Principal, id: string): Promise<PrivacyRequestEntity> {
    const request = await this.repository.findById(p.organizationId, id);
    if (!request || (!this.manages(p) && request.employeeId !== p.employeeId)) {
      throw new NotFoundError('Privacy request');
    }
    return request;
  }
}
