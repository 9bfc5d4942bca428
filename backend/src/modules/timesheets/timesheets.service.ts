import { DomainEvents } from '#src/common/events/domain-events.js';
import { logger } from '#src/common/logging/logger.js';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
} from '#src/common/errors/domain-error.js';
import { isUniqueViolation } from '#src/database/sql.js';
import { AccessScopeService } from '../accounts/access-scope.service.js';
import type { EmployeeEntity } from '../accounts/entities/employee.entity.js';
import { isValidDay, localDayOf } from '../activity/counting/time-zone.js';
import { AuditService } from '../audit/audit.service.js';
import type {
  ApprovalInboxDto,
  TimesheetDto,
  TimesheetQueryDto,
  TimesheetRowDto,
  TimesheetSettingsDto,
  TimesheetSummaryDto,
  UpdateTimesheetSettingsDto,
} from './dto/timesheet.dto.js';
import { TimesheetEntity, type TimesheetStatus } from './entities/timesheet.entity.js';
import { PeriodLockGate } from './period-lock-gate.js';
import { daysOf, periodOf } from './periods.js';
import { ProjectCatalog } from './project-catalog.js';
import { TimeEntriesRepository } from './time-entries.repository.js';
import {
  actsForOthers,
  isDecider,
  TimeEntriesService,
  toEntryDto,
} from './time-entries.service.js';
import { TimesheetMail } from './timesheet-mail.js';
import { TimesheetsRepository } from './timesheets.repository.js';

const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();

/**
 * Timesheets: per employee and period (a week, or a month), days × projects with tracked and manual
 * time side by side; submitted by the employee, approved or sent back with a comment by their
 * manager, HR, admin or owner. Approving a timesheet approves its pending manual entries.
 */
@Injectable()
export class TimesheetsService {
  constructor(
    @Inject(TimesheetsRepository) private readonly repo: TimesheetsRepository,
    @Inject(TimeEntriesRepository) private readonly entries: TimeEntriesRepository,
    @Inject(TimeEntriesService) private readonly entryService: TimeEntriesService,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(ProjectCatalog) private readonly projects: ProjectCatalog,
    @Inject(PeriodLockGate) private readonly locks: PeriodLockGate,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TimesheetMail) private readonly mail: TimesheetMail,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  async get(p: Principal, q: TimesheetQueryDto): Promise<TimesheetDto> {
    const employee = await this.entryService.target(p, q.employeeId);
    const day = q.day ?? localDayOf(employee.timeZone, Date.now());
    if (!isValidDay(day)) {
      throw new ValidationFailedError([{ path: 'day', message: 'day is not a calendar day' }]);
    }
    const settings = await this.repo.settings(p.organizationId);
    const { start, end } = periodOf(settings.period, day);
    const sheet = await this.repo.findFor(p.organizationId, employee.id, start);
    return this.build(p, employee, start, end, sheet, settings.period, settings.trustManualTime);
  }

  async submit(p: Principal, day: string, now = Date.now()): Promise<TimesheetDto> {
    if (!isValidDay(day)) {
      throw new ValidationFailedError([{ path: 'day', message: 'day is not a calendar day' }]);
    }
    if (!p.employeeId) {
      throw new ForbiddenError(
        'Your login is not linked to an employee: there is no timesheet to submit.',
      );
    }
    const employee = await this.entryService.target(p, p.employeeId);
    const settings = await this.repo.settings(p.organizationId);
    const { start, end } = periodOf(settings.period, day);
    await this.locks.assertOpen(p.organizationId, start, end);
    const current = await this.build(
      p,
      employee,
      start,
      end,
      null,
      settings.period,
      settings.trustManualTime,
    );
    const existing = await this.repo.findFor(p.organizationId, employee.id, start);
    const changes = {
      status: 'submitted' as TimesheetStatus,
      trackedSeconds: current.trackedSeconds,
      manualSeconds: current.manualSeconds + current.pendingSeconds,
      submittedByUserId: p.userId,
      submittedAtMs: now,
      decidedByUserId: null,
      decidedAtMs: null,
    };
    let sheet: TimesheetEntity;
    if (existing) {
      if (existing.status !== 'returned') {
        throw new ConflictError(
          `The timesheet ${start} – ${end} is already ${existing.status}.`,
          'timesheet-already-submitted',
        );
      }
      if (!(await this.repo.transition(p.organizationId, existing.id, ['returned'], changes))) {
        throw new ConflictError(
          `The timesheet ${start} – ${end} changed meanwhile; reload it.`,
          'timesheet-changed',
        );
      }
      sheet = Object.assign(new TimesheetEntity(), existing, changes);
    } else {
      sheet = Object.assign(new TimesheetEntity(), {
        id: randomUUID(),
        organizationId: p.organizationId,
        employeeId: employee.id,
        periodStart: start,
        periodEnd: end,
        comment: null,
        ...changes,
      });
      try {
        await this.repo.insert(sheet);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new ConflictError(
          `The timesheet ${start} – ${end} is already submitted.`,
          'timesheet-already-submitted',
        );
      }
    }
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'timesheet.submitted',
      targetType: 'timesheet',
      targetId: sheet.id,
      subjectEmployeeId: employee.id,
      details: {
        from: start,
        to: end,
        trackedSeconds: sheet.trackedSeconds,
        manualSeconds: sheet.manualSeconds,
      },
    });
    await this.mail.requested(
      p.organizationId,
      employee,
      p.userId,
      {
        employeeName: employee.fullName,
        item: 'timesheet',
        from: start,
        to: end,
        seconds: sheet.trackedSeconds + sheet.manualSeconds,
      },
      `timesheet-submitted:${sheet.id}:${now}`,
    );
    return this.build(p, employee, start, end, sheet, settings.period, settings.trustManualTime);
  }

  approve(p: Principal, id: string, comment?: string): Promise<TimesheetDto> {
    return this.decide(p, id, 'approved', comment);
  }

  sendBack(p: Principal, id: string, comment: string): Promise<TimesheetDto> {
    return this.decide(p, id, 'returned', comment);
  }

  /** Submitted timesheets and pending entries the caller can decide (never their own). */
  async inbox(p: Principal): Promise<ApprovalInboxDto> {
    if (!isDecider(p)) {
      throw new ForbiddenError('Only owners, admins, HR and managers have an approvals inbox.');
    }
    const ids = await this.scope.employeeIdsOf(p, await this.scope.resolveScope(p));
    const notOwn = <T extends { employeeId: string }>(rows: T[]) =>
      rows.filter((r) => r.employeeId !== p.employeeId);
    const sheets = notOwn(await this.repo.withStatus(p.organizationId, 'submitted', ids));
    const pending = notOwn(
      await this.entries.list(p.organizationId, { employeeIds: ids, status: ['pending'] }),
    );
    const names = await this.entryService.names(p.organizationId, [
      ...sheets.map((s) => s.employeeId),
      ...pending.map((e) => e.employeeId),
    ]);
    return {
      timesheets: sheets.map((s) => toSummary(s, names.get(s.employeeId) ?? '')),
      entries: pending.map((e) => toEntryDto(e, names.get(e.employeeId) ?? '')),
    };
  }

  async settings(p: Principal): Promise<TimesheetSettingsDto> {
    const s = await this.repo.settings(p.organizationId);
    return { trustManualTime: s.trustManualTime, period: s.period };
  }

  async updateSettings(
    p: Principal,
    dto: UpdateTimesheetSettingsDto,
  ): Promise<TimesheetSettingsDto> {
    if (!actsForOthers(p)) {
      throw new ForbiddenError('Only owners, admins and HR change timesheet settings.');
    }
    const s = await this.repo.settings(p.organizationId);
    const before = { trustManualTime: s.trustManualTime, period: s.period };
    if (dto.trustManualTime !== undefined) s.trustManualTime = dto.trustManualTime;
    if (dto.period !== undefined) s.period = dto.period;
    s.updatedByUserId = p.userId;
    await this.repo.saveSettings(s);
    const after = { trustManualTime: s.trustManualTime, period: s.period };
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'timesheet.settings-changed',
      targetType: 'organization',
      targetId: p.organizationId,
      details: { before, after },
    });
    return after;
  }

  private async decide(
    p: Principal,
    id: string,
    status: 'approved' | 'returned',
    comment: string | undefined,
    now = Date.now(),
  ): Promise<TimesheetDto> {
    const sheet = await this.repo.findById(p.organizationId, id);
    if (!sheet) throw new NotFoundError('Timesheet');
    const employee = await this.entryService.assertDecider(p, sheet.employeeId, 'timesheet');
    const settings = await this.repo.settings(p.organizationId);
    const view = (s: TimesheetEntity) =>
      this.build(
        p,
        employee,
        s.periodStart,
        s.periodEnd,
        s,
        settings.period,
        settings.trustManualTime,
      );
    if (sheet.status === status) return view(sheet);
    await this.locks.assertOpen(p.organizationId, sheet.periodStart, sheet.periodEnd);
    const changes = {
      status,
      decidedByUserId: p.userId,
      decidedAtMs: now,
      comment: comment || null,
    };
    if (
      sheet.status !== 'submitted' ||
      !(await this.repo.transition(p.organizationId, id, ['submitted'], changes))
    ) {
      const current = (await this.repo.findById(p.organizationId, id)) ?? sheet;
      if (current.status === status) return view(current);
      throw new ConflictError(
        `This timesheet is ${current.status}; only a submitted timesheet can be ${status === 'approved' ? 'approved' : 'sent back'}.`,
        'timesheet-not-submitted',
      );
    }
    const approvedEntries =
      status === 'approved'
        ? await this.entries.approvePendingIn(
            p.organizationId,
            sheet.employeeId,
            sheet.periodStart,
            sheet.periodEnd,
            p.userId,
            now,
          )
        : [];
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: status === 'approved' ? 'timesheet.approved' : 'timesheet.returned',
      targetType: 'timesheet',
      targetId: sheet.id,
      subjectEmployeeId: sheet.employeeId,
      details: {
        from: sheet.periodStart,
        to: sheet.periodEnd,
        comment: comment ?? null,
        approvedEntryIds: approvedEntries,
      },
    });
    if (status === 'approved') {
      // After the change committed, like absence.approved: a crash in between loses the event
      // (docs/integrations.md).
      await this.events
        .publish(
          'timesheet.approved',
          p.organizationId,
          {
            timesheetId: sheet.id,
            employeeId: sheet.employeeId,
            from: sheet.periodStart,
            to: sheet.periodEnd,
            approvedByUserId: p.userId,
          },
          { dedupeKey: `${sheet.id}:${now}` },
        )
        .catch((err: unknown) => {
          logger.error({ err, timesheetId: sheet.id }, 'timesheet.approved event not published');
        });
    }
    await this.mail.decided(
      p.organizationId,
      sheet.employeeId,
      p.userId,
      {
        item: 'timesheet',
        from: sheet.periodStart,
        to: sheet.periodEnd,
        outcome: status,
        ...(comment ? { comment } : {}),
      },
      `timesheet-decided:${sheet.id}:${now}`,
    );
    return view(Object.assign(new TimesheetEntity(), sheet, changes));
  }

  private async build(
    p: Principal,
    employee: EmployeeEntity,
    start: string,
    end: string,
    sheet: TimesheetEntity | null,
    period: TimesheetDto['period'],
    trustManualTime: boolean,
  ): Promise<TimesheetDto> {
    const days = daysOf(start, end);
    const [tracked, entries] = await Promise.all([
      this.projects.allocatedTime(p.organizationId, {
        employeeIds: [employee.id],
        from: start,
        to: end,
      }),
      this.entries.list(p.organizationId, {
        employeeIds: [employee.id],
        fromDay: start,
        toDay: end,
      }),
    ]);
    const rows = new Map<string, TimesheetRowDto>();
    const row = (projectId: string | null, taskId: string | null) => {
      const key = `${projectId ?? ''}|${taskId ?? ''}`;
      let r = rows.get(key);
      if (!r) {
        r = {
          projectId,
          taskId,
          cells: days.map((d) => ({
            day: d,
            trackedSeconds: 0,
            manualSeconds: 0,
            pendingSeconds: 0,
          })),
          trackedSeconds: 0,
          manualSeconds: 0,
          pendingSeconds: 0,
        };
        rows.set(key, r);
      }
      return r;
    };
    const index = new Map(days.map((d, i) => [d, i]));
    for (const t of tracked) {
      const i = index.get(t.day);
      if (i === undefined || t.seconds <= 0) continue;
      const r = row(t.projectId, t.taskId);
      r.cells[i].trackedSeconds += t.seconds;
      r.trackedSeconds += t.seconds;
    }
    for (const e of entries) {
      const i = index.get(e.day);
      if (i === undefined || e.status === 'rejected') continue;
      const seconds = Math.round((Number(e.endMs) - Number(e.startMs)) / 1000);
      const r = row(e.projectId ?? null, e.taskId ?? null);
      if (e.status === 'approved') {
        r.cells[i].manualSeconds += seconds;
        r.manualSeconds += seconds;
      } else {
        r.cells[i].pendingSeconds += seconds;
        r.pendingSeconds += seconds;
      }
    }
    const list = [...rows.values()].sort((a, b) =>
      a.projectId === b.projectId
        ? (a.taskId ?? '').localeCompare(b.taskId ?? '')
        : a.projectId === null
          ? 1
          : b.projectId === null
            ? -1
            : a.projectId.localeCompare(b.projectId),
    );
    const sum = (k: 'trackedSeconds' | 'manualSeconds' | 'pendingSeconds') =>
      list.reduce((n, r) => n + r[k], 0);
    const own = p.employeeId !== null && employee.id === p.employeeId;
    const status = sheet?.status ?? 'open';
    return {
      id: sheet?.id ?? null,
      employeeId: employee.id,
      employeeName: employee.fullName,
      period,
      periodStart: start,
      periodEnd: end,
      status,
      comment: sheet?.comment ?? null,
      submittedAt: sheet ? iso(sheet.submittedAtMs) : null,
      decidedAt: sheet ? iso(sheet.decidedAtMs) : null,
      days,
      rows: list,
      entries: entries.map((e) => toEntryDto(e, employee.fullName)),
      trackedSeconds: sum('trackedSeconds'),
      manualSeconds: sum('manualSeconds'),
      pendingSeconds: sum('pendingSeconds'),
      trustManualTime,
      canSubmit: own && (status === 'open' || status === 'returned'),
      canDecide: !own && isDecider(p) && status === 'submitted',
    };
  }
}

function toSummary(s: TimesheetEntity, employeeName: string): TimesheetSummaryDto {
  return {
    id: s.id,
    employeeId: s.employeeId,
    employeeName,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    status: s.status,
    trackedSeconds: s.trackedSeconds,
    manualSeconds: s.manualSeconds,
    comment: s.comment ?? null,
    submittedAt: iso(s.submittedAtMs),
  };
}
