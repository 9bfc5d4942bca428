import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainEvents } from '#src/common/events/domain-events.js';
import { roleHas } from '#src/common/auth/permissions.js';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
  type FieldError,
} from '#src/common/errors/domain-error.js';
import { logger } from '#src/common/logging/logger.js';
import { AccessScopeService } from '../accounts/access-scope.service.js';
import type { EmployeeEntity } from '../accounts/entities/employee.entity.js';
import { EmployeesRepository } from '../accounts/employees/employees.repository.js';
import { daysBetween, isValidDay, localDayOf } from '../activity/counting/time-zone.js';
import { AuditService } from '../audit/audit.service.js';
import { AbsenceMail } from './absence-mail.js';
import { AbsencesRepository, type AbsenceListKey } from './absences.repository.js';
import {
  DEFAULT_ABSENCE_LIMIT,
  type AbsenceBalanceDto,
  type AbsenceBalanceQueryDto,
  type AbsenceDto,
  type AbsenceListDto,
  type AbsenceListQueryDto,
  type CreateAbsenceDto,
} from './dto/absence.dto.js';
import { AbsenceEntity, type AbsenceStatus } from './entities/absence.entity.js';
import { VacationBalanceService } from './vacation-balance.service.js';

export const MAX_ABSENCE_DAYS = 366;
/** Requests one employee may have waiting at once: each one mails every decider. */
export const MAX_OPEN_REQUESTS = 50;

/** from/to are calendar days, to not before from, at most maxDays days in all. */
export function checkDayRange(from: string, to: string, maxDays: number): void {
  const errors: FieldError[] = [];
  if (!isValidDay(from)) errors.push({ path: 'from', message: 'from is not a calendar day' });
  if (!isValidDay(to)) errors.push({ path: 'to', message: 'to is not a calendar day' });
  if (errors.length === 0) {
    const span = daysBetween(from, to);
    if (span < 0) errors.push({ path: 'to', message: 'to must not be before from' });
    else if (span >= maxDays) {
      errors.push({ path: 'to', message: `a range covers at most ${maxDays} days` });
    }
  }
  if (errors.length > 0) throw new ValidationFailedError(errors);
}

function toAbsenceDto(a: AbsenceEntity, employeeName: string): AbsenceDto {
  return {
    id: a.id,
    employeeId: a.employeeId,
    employeeName,
    from: a.fromDay,
    to: a.toDay,
    kind: a.kind,
    status: a.status,
    note: a.note ?? null,
    createdAt: new Date(a.createdAt).toISOString(),
  };
}

function encodeCursor(k: AbsenceListKey): string {
  return Buffer.from(`${k.fromDay}|${k.employeeId}|${k.id}`, 'utf8').toString('base64url');
}

function decodeCursor(text: string): AbsenceListKey {
  const [fromDay, employeeId, id, ...rest] = Buffer.from(text, 'base64url')
    .toString('utf8')
    .split('|');
  if (rest.length > 0 || !fromDay || !isValidDay(fromDay) || !employeeId || !id) {
    throw new ValidationFailedError([
      { path: 'cursor', message: 'cursor is not a nextCursor of this list' },
    ]);
  }
  return { fromDay, employeeId, id };
}

const KIND_NAMES = { vacation: 'vacation', sick: 'sick leave', other: 'absence' } as const;

/** Who may act for others: owner, admin and hr (the roles that manage employees). */
const actsForOthers = (p: Principal) => roleHas(p.role, 'employees:manage');

/**
 * Vacations, sick days and other absences. Owner/admin/hr file them approved; an employee files
 * their own as requested, which owner/admin/hr or the employee's manager approve or reject. An
 * employee's requested and approved absences never share a day; cancelling one frees its days.
 */
@Injectable()
export class AbsencesService {
  constructor(
    @Inject(AbsencesRepository) private readonly repo: AbsencesRepository,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(EmployeesRepository) private readonly employees: EmployeesRepository,
    @Inject(VacationBalanceService) private readonly balances: VacationBalanceService,
    @Inject(AbsenceMail) private readonly mail: AbsenceMail,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  // After the change committed (the insert has its own dialect-specific transaction): a crash in
  // between loses the event; docs/integrations.md says so.
  private async published(absence: AbsenceEntity): Promise<void> {
    await this.events
      .publish(
        'absence.approved',
        absence.organizationId,
        {
          absenceId: absence.id,
          employeeId: absence.employeeId,
          kind: absence.kind,
          from: absence.fromDay,
          to: absence.toDay,
        },
        { dedupeKey: absence.id },
      )
      .catch((err: unknown) => {
        logger.error({ err, absenceId: absence.id }, 'absence.approved event not published');
      });
  }

  async create(p: Principal, dto: CreateAbsenceDto): Promise<AbsenceDto> {
    checkDayRange(dto.from, dto.to, MAX_ABSENCE_DAYS);
    let status: AbsenceStatus;
    let employee: EmployeeEntity;
    if (actsForOthers(p)) {
      employee = await this.scope.assertCanSeeEmployee(p, dto.employeeId);
      status = 'approved';
    } else if (p.employeeId !== null && dto.employeeId === p.employeeId) {
      employee = await this.ownEmployee(p);
      status = 'requested';
    } else {
      await this.scope.assertCanSeeEmployee(p, dto.employeeId);
      throw new ForbiddenError(
        'You can only request absences for yourself; owners, admins and HR file them for others.',
      );
    }
    if (
      status === 'requested' &&
      (await this.repo.countRequested(p.organizationId, employee.id)) >= MAX_OPEN_REQUESTS
    ) {
      throw new ConflictError(
        `You have ${MAX_OPEN_REQUESTS} absence requests waiting for a decision; withdraw some or wait until they are decided.`,
        'too-many-open-requests',
      );
    }
    const absence = Object.assign(new AbsenceEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      employeeId: employee.id,
      fromDay: dto.from,
      toDay: dto.to,
      kind: dto.kind,
      status,
      note: dto.note ? dto.note : null,
      createdByUserId: p.userId,
      decidedByUserId: null,
      createdAt: new Date(),
    });
    const clash = await this.repo.insertUnlessOverlapping(absence);
    if (clash) {
      throw new ConflictError(
        `${employee.fullName} already has ${clash.status === 'approved' ? 'an approved' : 'a requested'} ${KIND_NAMES[clash.kind]} from ${clash.fromDay} to ${clash.toDay}, which shares days with ${dto.from} – ${dto.to}. Reject it or choose other days.`,
        'absence-overlaps',
      );
    }
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'absence.created',
      targetType: 'absence',
      targetId: absence.id,
      subjectEmployeeId: employee.id,
      details: { kind: absence.kind, from: absence.fromDay, to: absence.toDay, status },
    });
    if (status === 'requested') await this.mailRequested(absence, employee);
    else await this.published(absence);
    return toAbsenceDto(absence, employee.fullName);
  }

  async list(p: Principal, q: AbsenceListQueryDto): Promise<AbsenceListDto> {
    if (q.from && q.to && q.to < q.from) {
      throw new ValidationFailedError([{ path: 'to', message: 'to must not be before from' }]);
    }
    const after = q.cursor === undefined ? null : decodeCursor(q.cursor);
    const limit = q.limit ?? DEFAULT_ABSENCE_LIMIT;
    const own = q.employeeId !== undefined && q.employeeId === p.employeeId && !q.teamId;
    // Everyone sees their own absences, a manager too when not in a team they manage.
    const ids = await this.scope.employeeIdsOf(
      p,
      await this.scope.resolveScope(
        p,
        { employeeId: q.employeeId, teamId: q.teamId },
        own ? 'privacy' : 'data',
      ),
    );
    const page = await this.repo.page(
      p.organizationId,
      { employeeIds: ids, from: q.from, to: q.to, status: q.status, kind: q.kind },
      after,
      limit,
    );
    const names = new Map(
      (
        await this.employees.findByIds(p.organizationId, [
          ...new Set(page.items.map((a) => a.employeeId)),
        ])
      ).map((e) => [e.id, e.fullName]),
    );
    const last = page.items.at(-1);
    return {
      items: page.items.map((a) => toAbsenceDto(a, names.get(a.employeeId) ?? '')),
      ...(page.more && last ? { nextCursor: encodeCursor(last) } : {}),
    };
  }

  async balance(p: Principal, q: AbsenceBalanceQueryDto): Promise<AbsenceBalanceDto> {
    const employeeId = q.employeeId ?? p.employeeId;
    if (!employeeId) {
      throw new ValidationFailedError([
        {
          path: 'employeeId',
          message: 'employeeId is required: your login is not linked to an employee',
        },
      ]);
    }
    const employee =
      employeeId === p.employeeId
        ? await this.ownEmployee(p)
        : await this.scope.assertCanSeeEmployee(p, employeeId);
    const year = q.year ?? Number(localDayOf(employee.timeZone, Date.now()).slice(0, 4));
    return this.balances.balance(p.organizationId, employee, year);
  }

  approve(p: Principal, id: string): Promise<AbsenceDto> {
    return this.decide(p, id, 'approved');
  }

  reject(p: Principal, id: string): Promise<AbsenceDto> {
    return this.decide(p, id, 'rejected');
  }

  /**
   * Takes an absence back, freeing its days. The employee withdraws their own request while it
   * waits; owner, admin, hr and the employee's manager cancel a requested or approved one.
   */
  async cancel(p: Principal, id: string): Promise<AbsenceDto> {
    const absence = await this.repo.findById(p.organizationId, id);
    if (!absence) throw new NotFoundError('Absence');
    const own = p.employeeId !== null && absence.employeeId === p.employeeId;
    const employee = own
      ? await this.ownEmployee(p)
      : await this.scope.assertCanSeeEmployee(p, absence.employeeId).catch((error: unknown) => {
          if (error instanceof NotFoundError) throw new NotFoundError('Absence');
          throw error;
        });
    const decider = actsForOthers(p) || (!own && p.role === 'manager');
    if (!own && !decider) {
      throw new ForbiddenError(
        'Only owners, admins, HR or the employee’s manager cancel someone else’s absence.',
      );
    }
    const name = employee.fullName;
    if (absence.status === 'cancelled') return toAbsenceDto(absence, name);
    const cancellable: AbsenceStatus[] = decider ? ['requested', 'approved'] : ['requested'];
    if (
      !cancellable.includes(absence.status) ||
      !(await this.repo.cancel(p.organizationId, id, cancellable))
    ) {
      const now = (await this.repo.findById(p.organizationId, id)) ?? absence;
      if (now.status === 'cancelled') return toAbsenceDto(now, name);
      throw new ConflictError(
        now.status === 'approved'
          ? 'This absence is approved; HR or your manager can cancel it.'
          : `This absence is ${now.status}; only a requested or approved absence can be cancelled.`,
        'absence-already-decided',
      );
    }
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'absence.cancelled',
      targetType: 'absence',
      targetId: absence.id,
      subjectEmployeeId: absence.employeeId,
      details: {
        kind: absence.kind,
        from: absence.fromDay,
        to: absence.toDay,
        previousStatus: absence.status,
      },
    });
    return toAbsenceDto(Object.assign(new AbsenceEntity(), absence, { status: 'cancelled' }), name);
  }

  /** Every absence kept about one person, as stored, for their access export (GDPR Art. 15). */
  async personalData(organizationId: string, employeeId: string) {
    const rows = await this.repo.list(organizationId, { employeeIds: [employeeId] });
    return rows.map((a) => ({
      id: a.id,
      from: a.fromDay,
      to: a.toDay,
      kind: a.kind,
      status: a.status,
      note: a.note ?? null,
      createdByUserId: a.createdByUserId,
      decidedByUserId: a.decidedByUserId ?? null,
      createdAt: new Date(a.createdAt).toISOString(),
    }));
  }

  /** Approved absences of the given employees overlapping [fromDay, toDay] (for attendance). */
  async approvedBetween(
    organizationId: string,
    employeeIds: string[],
    fromDay: string,
    toDay: string,
  ): Promise<{ employeeId: string; from: string; to: string; kind: string }[]> {
    const rows = await this.repo.list(organizationId, {
      employeeIds,
      from: fromDay,
      to: toDay,
      status: 'approved',
    });
    return rows.map((a) => ({
      employeeId: a.employeeId,
      from: a.fromDay,
      to: a.toDay,
      kind: a.kind,
    }));
  }

  /** The caller's own employee record, whatever teams a manager manages. */
  private async ownEmployee(p: Principal): Promise<EmployeeEntity> {
    return (await this.scope.resolveScope(p, { employeeId: p.employeeId }, 'privacy')).employee!;
  }

  private async decide(p: Principal, id: string, status: AbsenceStatus): Promise<AbsenceDto> {
    const absence = await this.repo.findById(p.organizationId, id);
    if (!absence) throw new NotFoundError('Absence');
    const own = p.employeeId !== null && absence.employeeId === p.employeeId;
    let employee: EmployeeEntity | null = null;
    if (!own) {
      // Outside the caller's scope (another team, someone else for an employee): 404.
      employee = await this.scope
        .assertCanSeeEmployee(p, absence.employeeId)
        .catch((error: unknown) => {
          if (error instanceof NotFoundError) throw new NotFoundError('Absence');
          throw error;
        });
    }
    if (own || !employee || (!actsForOthers(p) && p.role !== 'manager')) {
      throw new ForbiddenError(
        own
          ? 'You cannot approve or reject your own absence.'
          : 'Only owners, admins, HR or the employee’s manager approve or reject absences.',
      );
    }
    const name = employee.fullName;
    if (absence.status === status) return toAbsenceDto(absence, name);
    if (
      absence.status !== 'requested' ||
      !(await this.repo.decide(p.organizationId, id, status, p.userId))
    ) {
      const now = (await this.repo.findById(p.organizationId, id)) ?? absence;
      if (now.status === status) return toAbsenceDto(now, name);
      throw new ConflictError(
        `This absence is already ${now.status}; only a requested absence can be ${status}.`,
        'absence-already-decided',
      );
    }
    const decided = Object.assign(new AbsenceEntity(), absence, {
      status,
      decidedByUserId: p.userId,
    });
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: status === 'approved' ? 'absence.approved' : 'absence.rejected',
      targetType: 'absence',
      targetId: absence.id,
      subjectEmployeeId: absence.employeeId,
      details: { kind: absence.kind, from: absence.fromDay, to: absence.toDay },
    });
    await this.mail.decided(decided, p.userId).catch((err: unknown) => {
      logger.error({ err, absenceId: id }, 'absence decision mail not queued');
    });
    if (status === 'approved') await this.published(decided);
    return toAbsenceDto(decided, name);
  }

  /** Tells the deciders, with the working days it takes and, for a vacation, what is left. */
  private async mailRequested(absence: AbsenceEntity, employee: EmployeeEntity): Promise<void> {
    try {
      const org = absence.organizationId;
      const workingDays = await this.balances.workingDays(
        org,
        employee,
        absence.fromDay,
        absence.toDay,
      );
      const year = Number(absence.fromDay.slice(0, 4));
      const vacation =
        absence.kind === 'vacation'
          ? {
              year,
              remainingDays: (await this.balances.balance(org, employee, year)).remainingDays,
            }
          : undefined;
      await this.mail.requested(absence, employee, { workingDays, vacation });
    } catch (err) {
      logger.error({ err, absenceId: absence.id }, 'absence request mail not queued');
    }
  }
}
