import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { Inject, Injectable } from '@nestjs/common';
import { DomainEvents } from '#src/common/events/domain-events.js';
import { logger } from '#src/common/logging/logger.js';
import type { JobPayloads } from '#src/jobs/job-definitions.js';
import { NamedLock, NamedLockTimeoutError } from '#src/database/named-lock.js';
import { JobBusyError, JobGoneError, JobProcessor } from '#src/jobs/job-processor.decorator.js';
import { JobSweeper, type Sweeper } from '#src/jobs/job-sweeper.js';
import { AuditService } from '#src/modules/audit/audit.service.js';
import { AccessExportService } from '../access/access-export.service.js';
import type { PrivacyRequestEntity } from '../entities/privacy-request.entity.js';
import { ErasureService } from '../erasure/erasure.service.js';
import { PrivacyMail } from '../privacy-mail.js';
import { PrivacyRepository } from '../privacy.repository.js';
import { mailName, PrivacyRequestsService } from '../requests/privacy-requests.service.js';
import { DAY_MS } from '#src/common/time.js';

export const DOWNLOAD_DAYS = 7;
/** How long a request waits for another request of the same person before its job is retried. */
const PERSON_LOCK_WAIT_SECONDS = 120;

/** Runs access and erasure requests; idempotent, so a retried or re-queued job does no harm. */
@Injectable()
@JobSweeper()
export class PrivacyRequestProcessor implements Sweeper {
  constructor(
    @Inject(PrivacyRepository) private readonly repository: PrivacyRepository,
    @Inject(AccessExportService) private readonly exports: AccessExportService,
    @Inject(ErasureService) private readonly erasure: ErasureService,
    @Inject(PrivacyRequestsService) private readonly requests: PrivacyRequestsService,
    @Inject(PrivacyMail) private readonly mail: PrivacyMail,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(NamedLock) private readonly locks: NamedLock,
  ) {}

  @JobProcessor('privacy.process')
  async process(data: JobPayloads['privacy.process']): Promise<void> {
    const filed = await this.repository.findById(data.organizationId, data.requestId);
    if (!filed) throw new JobGoneError(`privacy request ${data.requestId} is gone`);
    // One request of a person at a time, outcome mail included: an erasure running beside an
    // access export would miss the ZIP and the mail naming the person written after its search.
    try {
      await this.locks.run(`privacy:${filed.employeeId}`, PERSON_LOCK_WAIT_SECONDS, () =>
        this.processLocked(data),
      );
    } catch (error) {
      if (error instanceof NamedLockTimeoutError) {
        throw new JobBusyError(`another request of employee ${filed.employeeId} is running`);
      }
      throw error;
    }
  }

  private async processLocked(data: JobPayloads['privacy.process']): Promise<void> {
    const request = await this.repository.findById(data.organizationId, data.requestId);
    if (!request) throw new JobGoneError(`privacy request ${data.requestId} is gone`);
    if (request.status === 'completed' || request.status === 'rejected') return;
    if (request.type === 'rectification') return;

    if (request.type === 'erasure') {
      const hold = await this.repository.findLegalHold(request.organizationId, request.employeeId);
      if (hold) {
        await this.finish(request, 'rejected', {
          rejectionReason: `The employee's data is under a legal hold and cannot be erased while it lasts: ${hold.reason}`,
        });
        return;
      }
      if (await this.repository.isLastOwner(request.organizationId, request.employeeId)) {
        await this.finish(request, 'rejected', {
          rejectionReason:
            "The employee's login is the organization's only owner; make another user owner first, then file the erasure again.",
        });
        return;
      }
    }
    await this.repository.transition(request.id, ['pending', 'processing'], {
      status: 'processing',
      attempts: request.attempts + 1,
    });
    const employee = await this.repository.findEmployee(request.organizationId, request.employeeId);

    if (request.type === 'access') {
      if (!employee) {
        await this.finish(request, 'rejected', {
          rejectionReason:
            'The employee no longer exists (erased or deleted); there is no data to export.',
        });
        return;
      }
      const resultFile = await this.exports.build(
        request.organizationId,
        request.employeeId,
        request.id,
      );
      const now = new Date();
      await this.finish(
        request,
        'completed',
        {
          resultFile,
          downloadExpiresAt: new Date(now.getTime() + DOWNLOAD_DAYS * DAY_MS),
        },
        employee.fullName,
      );
      return;
    }

    // Erasure: earlier access ZIPs of the person go too.
    const previous = await this.repository.list(
      request.organizationId,
      { employeeId: request.employeeId },
      { page: 1, pageSize: 1000 },
    );
    const files = previous.items.map((r) => r.resultFile).filter((f): f is string => !!f);
    const verification = await this.erasure.erase(
      request.organizationId,
      request.employeeId,
      files,
    );
    for (const r of previous.items) {
      if (r.resultFile)
        await this.repository.update(r.id, { resultFile: null, downloadExpiresAt: null });
    }
    if (!verification.passed) {
      logger.warn(
        { requestId: request.id, findings: verification.findings },
        'erasure verification found remains',
      );
    }
    await this.finish(request, 'completed', { verification, filedByUserId: null, note: null });
  }

  private async finish(
    request: PrivacyRequestEntity,
    status: 'completed' | 'rejected',
    changes: Partial<PrivacyRequestEntity>,
    employeeName?: string,
  ): Promise<void> {
    const moved = await this.repository.transition(
      request.id,
      ['pending', 'processing'],
      { ...changes, status, completedAt: new Date() },
      async (tx) => {
        if (status !== 'completed') return;
        await this.events.publish(
          'privacy.request.completed',
          request.organizationId,
          { requestId: request.id, type: request.type, employeeId: request.employeeId },
          { tx, dedupeKey: request.id },
        );
      },
    );
    if (!moved) return;
    await this.audit.record({
      organizationId: request.organizationId,
      action: status === 'completed' ? 'privacy.request-completed' : 'privacy.request-rejected',
      targetType: 'privacy-request',
      targetId: request.id,
      subjectEmployeeId: request.employeeId,
      details: { type: request.type },
    });
    await this.requests.mailOutcome(request, status, {
      ...(employeeName ? { employeeName } : {}),
      ...(changes.rejectionReason ? { reason: changes.rejectionReason } : {}),
    });
  }

  @JobProcessor('privacy.reminders', { schedule: { everySeconds: 60 * 60 } })
  async remind(): Promise<void> {
    await this.sendReminders(new Date());
  }

  /** Mails the privacy contacts 7 days and 1 day before a request is due. */
  async sendReminders(now: Date): Promise<number> {
    let sent = 0;
    const due = await this.repository.dueBefore(new Date(now.getTime() + 7 * DAY_MS), 1000);
    for (const r of due) {
      const msLeft = new Date(r.dueAt).getTime() - now.getTime();
      const stage = msLeft <= DAY_MS ? 1 : 7;
      if ((stage === 1 && r.reminded1) || (stage === 7 && r.reminded7)) continue;
      await this.repository.update(
        r.id,
        stage === 1 ? { reminded1: true, reminded7: true } : { reminded7: true },
      );
      const employee = await this.repository.findEmployee(r.organizationId, r.employeeId);
      sent += await this.mail.toUsers(
        r.organizationId,
        (await this.repository.privacyContacts(r.organizationId)).map((u) => u.id),
        'privacy-request-due-soon',
        {
          requestType: r.type,
          employeeName: mailName(r.type, r.employeeId, employee?.fullName),
          dueAt: new Date(r.dueAt).toISOString(),
          daysLeft: Math.max(0, Math.ceil(msLeft / DAY_MS)),
          requestUrl: this.mail.link(`/privacy/requests/${r.id}`),
        },
        `privacy-due-${stage}:${r.id}`,
      );
    }
    return sent;
  }

  async sweep(now: Date): Promise<number> {
    // An open request untouched this long has lost its job (worker killed, Redis flushed).
    const staleMs = this.config.jobs.sweepStaleSeconds * 1000;
    const stale = await this.repository.stale(new Date(now.getTime() - staleMs), 500);
    for (const r of stale) await this.requests.enqueue(r);
    return stale.length;
  }
}
