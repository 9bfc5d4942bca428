import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { roleHas } from '#src/common/auth/permissions.js';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
  type FieldError,
} from '#src/common/errors/domain-error.js';
import { AccessScopeService } from '../accounts/access-scope.service.js';
import type { EmployeeEntity } from '../accounts/entities/employee.entity.js';
import { EmployeesRepository } from '../accounts/employees/employees.repository.js';
import { daysBetween, isValidDay, localDayOf } from '../activity/counting/time-zone.js';
import { ActivityReadModel } from '../activity/read-model/activity-read-model.js';
import { AuditService } from '../audit/audit.service.js';
import type {
  CreateTimeEntryDto,
  TimeEntryDto,
  TimeEntryListDto,
  TimeEntryListQueryDto,
  UpdateTimeEntryDto,
} from './dto/time-entry.dto.js';
import { TimeEntryEntity, type TimeEntryStatus } from './entities/time-entry.entity.js';
import { PeriodLockGate } from './period-lock-gate.js';
import { ProjectCatalog } from './project-catalog.js';
import { TimeEntriesRepository } from './time-entries.repository.js';
import { TimesheetMail } from './timesheet-mail.js';
import { TimesheetsRepository } from './timesheets.repository.js';

export const MAX_ENTRY_MS = 24 * 3_600_000;
/** Clock skew allowed for an entry ending "now". */
export const FUTURE_SLACK_MS = 60_000;
/** Entries one employee may have waiting at once: each one mails every decider. */
export const MAX_PENDING_ENTRIES = 200;
export const MAX_LIST_DAYS = 62;

/** Owner, admin and hr decide for everyone (scope: organization). */
export const actsForOthers = (p: Principal) => roleHas(p.role, 'employees:manage');
/** Roles that approve someone else's time within their scope. */
export const isDecider = (p: Principal) => actsForOthers(p) || p.role === 'manager';

export function toEntryDto(e: TimeEntryEntity, employeeName: string): TimeEntryDto {
  const startMs = Number(e.startMs);
  const endMs = Number(e.endMs);
  return {
    id: e.id,
    employeeId: e.employeeId,
    employeeName,
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    day: e.day,
    seconds: Math.round((endMs - startMs) / 1000),
    kind: e.kind,
    projectId: e.projectId ?? null,
    taskId: e.taskId ?? null,
    note: e.note ?? null,
    status: e.status,
    decisionComment: e.decisionComment ?? null,
    createdByUserId: e.createdByUserId,
    updatedByUserId: e.updatedByUserId ?? null,
    decidedByUserId: e.decidedByUserId ?? null,
    createdAt: new Date(Number(e.createdAtMs)).toISOString(),
    updatedAt: new Date(Number(e.updatedAtMs)).toISOString(),
  };
}

const fmt = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');

/**
 * Manual time entries: time the agent did not see, or idle/offline time turned into work. An entry
 * never overlaps the employee's tracked active time nor their other live entries; it counts once
 * approved (at once when the organization trusts manual time). Every change is audited.
 */
@Injectable()
export class TimeEntriesService {
  constructor(
    @Inject(TimeEntriesRepository) private readonly repo: TimeEntriesRepository,
    @Inject(TimesheetsRepository) private readonly sheets: TimesheetsRepository,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
    @Inject(ActivityReadModel) private readonly activity: ActivityReadModel,
    @Inject(ProjectCatalog) private readonly projects: ProjectCatalog,
    @Inject(PeriodLockGate) private readonly locks: PeriodLockGate,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TimesheetMail) private readonly mail: TimesheetMail,
  ) {}

  /** The employee the caller names (default: themself), or 404 outside their scope. */
  async target(p: Principal, employeeId: string | undefined | null): Promise<EmployeeEntity> {
    const id = employeeId ?? p.employeeId;
    if (!id) {
      throw new ValidationFailedError([
        {
          path: 'employeeId',
          message: 'employeeId is required: your login is not linked to an employee',
        },
      ]);
    }
    if (id === p.employeeId) {
      return (await this.scope.resolveScope(p, { employeeId: id }, 'privacy')).employee!;
    }
    return this.scope.assertCanSeeEmployee(p, id);
  }

  async create(p: Principal, dto: CreateTimeEntryDto, now = Date.now()): Promise<TimeEntryDto> {
    const employee = await this.target(p, dto.employeeId);
    const own = employee.id === p.employeeId;
    if (!own && !isDecider(p)) {
      throw new ForbiddenError('You can only add manual time for yourself.');
    }
    const { startMs, endMs } = checkTimes(dto.start, dto.end, now);
    const projectId = dto.projectId ?? null;
    const taskId = dto.taskId ?? null;
    await this.checkProject(p.organizationId, projectId, taskId, employee.id);
    const settings = await this.sheets.settings(p.organizationId);
    const status: TimeEntryStatus = settings.trustManualTime || !own ? 'approved' : 'pending';
    const entry = Object.assign(new TimeEntryEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      employeeId: employee.id,
      startMs,
      endMs,
      day: localDayOf(employee.timeZone, startMs),
      kind: dto.kind,
      projectId,
      taskId,
      note: dto.note ? dto.note : null,
      status,
      createdByUserId: p.userId,
      updatedByUserId: null,
      decidedByUserId: status === 'approved' && !own ? p.userId : null,
      decisionComment: null,
      createdAtMs: now,
      updatedAtMs: now,
    });
    await this.assertChangeable(p.organizationId, employee, startMs, endMs);
    if (
      status === 'pending' &&
      (await this.repo.countPending(p.organizationId, employee.id)) >= MAX_PENDING_ENTRIES
    ) {
      throw new ConflictError(
        `${MAX_PENDING_ENTRIES} manual entries already wait for approval; ask your manager to decide them first.`,
        'too-many-pending-entries',
      );
    }
    await this.assertNoTrackedTime(p.organizationId, employee, startMs, endMs);
    const clash = await this.repo.saveUnlessOverlapping(entry, 'insert');
    if (clash) throw overlapError(employee, clash);
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'time-entry.created',
      targetType: 'time-entry',
      targetId: entry.id,
      subjectEmployeeId: employee.id,
      details: {
        start: fmt(startMs),
        end: fmt(endMs),
        kind: entry.kind,
        projectId,
        taskId,
        status,
      },
    });
    if (status === 'pending') {
      await this.mail.requested(
        p.organizationId,
        employee,
        p.userId,
        {
          employeeName: employee.fullName,
          item: 'entry',
          from: new Date(startMs).toISOString(),
          to: new Date(endMs).toISOString(),
          seconds: Math.round((endMs - startMs) / 1000),
          ...(entry.note ? { note: entry.note } : {}),
        },
        `time-entry-requested:${entry.id}`,
      );
    }
    return toEntryDto(entry, employee.fullName);
  }

  async list(p: Principal, q: TimeEntryListQueryDto): Promise<TimeEntryListDto> {
    checkDays(q.from, q.to);
    const employee = await this.target(p, q.employeeId);
    const rows = await this.repo.list(p.organizationId, {
      employeeIds: [employee.id],
      fromDay: q.from,
      toDay: q.to,
      status: q.status ? [q.status] : undefined,
    });
    return { items: rows.map((e) => toEntryDto(e, employee.fullName)) };
  }

  async update(
    p: Principal,
    id: string,
    dto: UpdateTimeEntryDto,
    now = Date.now(),
  ): Promise<TimeEntryDto> {
    const { entry, employee, own } = await this.editable(p, id);
    const startMs = dto.start !== undefined ? Date.parse(dto.start) : Number(entry.startMs);
    const endMs = dto.end !== undefined ? Date.parse(dto.end) : Number(entry.endMs);
    checkTimes(new Date(startMs).toISOString(), new Date(endMs).toISOString(), now);
    const projectId = dto.projectId !== undefined ? dto.projectId : entry.projectId;
    const taskId =
      dto.taskId !== undefined ? dto.taskId : dto.projectId !== undefined ? null : entry.taskId;
    if (projectId !== entry.projectId || taskId !== entry.taskId) {
      await this.checkProject(p.organizationId, projectId ?? null, taskId ?? null, employee.id);
    }
    await this.assertChangeable(
      p.organizationId,
      employee,
      Number(entry.startMs),
      Number(entry.endMs),
    );
    const moved = startMs !== Number(entry.startMs) || endMs !== Number(entry.endMs);
    if (moved) {
      await this.assertChangeable(p.organizationId, employee, startMs, endMs);
      await this.assertNoTrackedTime(p.organizationId, employee, startMs, endMs);
    }
    const settings = await this.sheets.settings(p.organizationId);
    // The employee's own change waits for approval again; a decider's change keeps its status.
    const status: TimeEntryStatus =
      own && !settings.trustManualTime ? 'pending' : own ? 'approved' : entry.status;
    const next = Object.assign(new TimeEntryEntity(), entry, {
      startMs,
      endMs,
      day: localDayOf(employee.timeZone, startMs),
      kind: dto.kind ?? entry.kind,
      projectId: projectId ?? null,
      taskId: taskId ?? null,
      note: dto.note !== undefined ? dto.note || null : entry.note,
      status,
      decidedByUserId: status === entry.status ? entry.decidedByUserId : null,
      decisionComment: status === entry.status ? entry.decisionComment : null,
      updatedByUserId: p.userId,
      updatedAtMs: now,
    });
    const clash = await this.repo.saveUnlessOverlapping(next, 'update');
    if (clash) throw overlapError(employee, clash);
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'time-entry.updated',
      targetType: 'time-entry',
      targetId: entry.id,
      subjectEmployeeId: employee.id,
      details: {
        reason: dto.reason ?? null,
        before: snapshot(entry),
        after: snapshot(next),
      },
    });
    return toEntryDto(next, employee.fullName);
  }

  async remove(p: Principal, id: string, reason?: string): Promise<void> {
    const { entry, employee } = await this.editable(p, id);
    await this.assertChangeable(
      p.organizationId,
      employee,
      Number(entry.startMs),
      Number(entry.endMs),
    );
    await this.repo.delete(p.organizationId, id);
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'time-entry.deleted',
      targetType: 'time-entry',
      targetId: entry.id,
      subjectEmployeeId: employee.id,
      details: { reason: reason ?? null, before: snapshot(entry) },
    });
  }

  approve(p: Principal, id: string, comment?: string): Promise<TimeEntryDto> {
    return this.decide(p, id, 'approved', comment);
  }

  reject(p: Principal, id: string, comment?: string): Promise<TimeEntryDto> {
    return this.decide(p, id, 'rejected', comment);
  }

  /** A decider for the employee: owner/admin/hr, or a manager of their team; never themself. */
  async assertDecider(p: Principal, employeeId: string, what: string): Promise<EmployeeEntity> {
    if (p.employeeId !== null && employeeId === p.employeeId) {
      throw new ForbiddenError(`You cannot approve or reject your own ${what}.`, 'own-approval');
    }
    const employee = await this.scope.assertCanSeeEmployee(p, employeeId).catch((e: unknown) => {
      if (e instanceof NotFoundError) throw new NotFoundError(capitalize(what));
      throw e;
    });
    if (!isDecider(p)) {
      throw new ForbiddenError(
        `Only owners, admins, HR or the employee’s manager approve or reject ${what}s.`,
      );
    }
    return employee;
  }

  private async decide(
    p: Principal,
    id: string,
    status: 'approved' | 'rejected',
    comment: string | undefined,
    now = Date.now(),
  ): Promise<TimeEntryDto> {
    const entry = await this.repo.findById(p.organizationId, id);
    if (!entry) throw new NotFoundError('Time entry');
    const employee = await this.assertDecider(p, entry.employeeId, 'time entry');
    if (entry.status === status) return toEntryDto(entry, employee.fullName);
    await this.locks.assertOpen(p.organizationId, entry.day, entry.day);
    if (
      entry.status !== 'pending' ||
      !(await this.repo.decide(p.organizationId, id, status, p.userId, comment || null, now))
    ) {
      const current = (await this.repo.findById(p.organizationId, id)) ?? entry;
      if (current.status === status) return toEntryDto(current, employee.fullName);
      throw new ConflictError(
        `This time entry is already ${current.status}; only a pending entry can be ${status}.`,
        'time-entry-already-decided',
      );
    }
    const decided = Object.assign(new TimeEntryEntity(), entry, {
      status,
      decidedByUserId: p.userId,
      decisionComment: comment || null,
      updatedAtMs: now,
    });
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: status === 'approved' ? 'time-entry.approved' : 'time-entry.rejected',
      targetType: 'time-entry',
      targetId: entry.id,
      subjectEmployeeId: entry.employeeId,
      details: {
        comment: comment ?? null,
        start: fmt(Number(entry.startMs)),
        end: fmt(Number(entry.endMs)),
      },
    });
    await this.mail.decided(
      p.organizationId,
      entry.employeeId,
      p.userId,
      {
        item: 'entry',
        from: new Date(Number(entry.startMs)).toISOString(),
        to: new Date(Number(entry.endMs)).toISOString(),
        outcome: status,
        ...(comment ? { comment } : {}),
      },
      `time-entry-decided:${entry.id}:${status}`,
    );
    return toEntryDto(decided, employee.fullName);
  }

  /** The entry, its employee, and whether the caller edits their own; 404 / 403 otherwise. */
  private async editable(p: Principal, id: string) {
    const entry = await this.repo.findById(p.organizationId, id);
    if (!entry) throw new NotFoundError('Time entry');
    const own = p.employeeId !== null && entry.employeeId === p.employeeId;
    const employee = await this.target(p, entry.employeeId).catch((e: unknown) => {
      if (e instanceof NotFoundError) throw new NotFoundError('Time entry');
      throw e;
    });
    if (!own && !isDecider(p)) throw new ForbiddenError('You can only change your own time.');
    return { entry, employee, own };
  }

  private async checkProject(
    organizationId: string,
    projectId: string | null,
    taskId: string | null,
    employeeId: string,
  ): Promise<void> {
    if (taskId && !projectId) {
      throw new ValidationFailedError([{ path: 'taskId', message: 'a task needs its projectId' }]);
    }
    if (projectId)
      await this.projects.assertBookable(organizationId, projectId, taskId, employeeId);
  }

  /** Locked periods, and timesheets submitted or approved, keep their hours. */
  private async assertChangeable(
    organizationId: string,
    employee: EmployeeEntity,
    startMs: number,
    endMs: number,
  ): Promise<void> {
    const from = localDayOf(employee.timeZone, startMs);
    const to = localDayOf(employee.timeZone, Math.max(startMs, endMs - 1));
    await this.locks.assertOpen(organizationId, from, to);
    const held = (await this.sheets.covering(organizationId, employee.id, from, from)).find(
      (s) => s.status === 'submitted' || s.status === 'approved',
    );
    if (held) {
      throw new ConflictError(
        `The timesheet ${held.periodStart} – ${held.periodEnd} is ${held.status}; it must be sent back before its time changes.`,
        'timesheet-not-open',
      );
    }
  }

  private async assertNoTrackedTime(
    organizationId: string,
    employee: EmployeeEntity,
    startMs: number,
    endMs: number,
  ): Promise<void> {
    // An overlap check before a write: the primary, which has every span stored so far.
    const tracked = await this.activity.activeIntervals(
      organizationId,
      employee.id,
      startMs,
      endMs,
      'primary',
    );
    if (tracked.length > 0) {
      const [s, e] = tracked[0];
      throw new ConflictError(
        `${fmt(startMs)} – ${fmt(endMs)} overlaps time the agent tracked as active (${fmt(s)} – ${fmt(e)}); manual time can only fill idle or offline stretches.`,
        'overlaps-tracked-time',
      );
    }
  }

  /** Employee names by id, for lists. */
  async names(organizationId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    return new Map(
      (await this.employees.findByIds(organizationId, [...new Set(ids)])).map((e) => [
        e.id,
        e.fullName,
      ]),
    );
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function snapshot(e: TimeEntryEntity) {
  return {
    start: fmt(Number(e.startMs)),
    end: fmt(Number(e.endMs)),
    kind: e.kind,
    projectId: e.projectId ?? null,
    taskId: e.taskId ?? null,
    note: e.note ?? null,
    status: e.status,
  };
}

function overlapError(employee: EmployeeEntity, clash: TimeEntryEntity): ConflictError {
  return new ConflictError(
    `${employee.fullName} already has ${clash.status === 'approved' ? 'an approved' : 'a pending'} manual entry ${fmt(Number(clash.startMs))} – ${fmt(Number(clash.endMs))} that overlaps it.`,
    'time-entry-overlaps',
  );
}

/** start < end, at most 24 h apart, not ending in the future. */
export function checkTimes(
  start: string,
  end: string,
  now: number,
): { startMs: number; endMs: number } {
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);
  const errors: FieldError[] = [];
  if (Number.isNaN(startMs))
    errors.push({ path: 'start', message: 'start is not a valid instant' });
  if (Number.isNaN(endMs)) errors.push({ path: 'end', message: 'end is not a valid instant' });
  if (errors.length === 0) {
    if (endMs <= startMs) errors.push({ path: 'end', message: 'end must be after start' });
    else if (endMs - startMs > MAX_ENTRY_MS) {
      errors.push({ path: 'end', message: 'an entry lasts at most 24 hours' });
    }
    if (endMs > now + FUTURE_SLACK_MS) {
      errors.push({ path: 'end', message: 'an entry cannot end in the future' });
    }
  }
  if (errors.length > 0) throw new ValidationFailedError(errors);
  return { startMs, endMs };
}

export function checkDays(from: string, to: string): void {
  const errors: FieldError[] = [];
  if (!isValidDay(from)) errors.push({ path: 'from', message: 'from is not a calendar day' });
  if (!isValidDay(to)) errors.push({ path: 'to', message: 'to is not a calendar day' });
  if (errors.length === 0) {
    const span = daysBetween(from, to);
    if (span < 0) errors.push({ path: 'to', message: 'to must not be before from' });
    else if (span >= MAX_LIST_DAYS) {
      errors.push({ path: 'to', message: `a range covers at most ${MAX_LIST_DAYS} days` });
    }
  }
  if (errors.length > 0) throw new ValidationFailedError(errors);
}
