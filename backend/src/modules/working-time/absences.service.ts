import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { roleHas } from '../../common/auth/permissions.js';
import type { Principal } from '../../common/auth/principal.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
  type FieldError,
} from '../../common/errors/domain-error.js';
import { AccessScopeService } from '../accounts/access-scope.service.js';
import { daysBetween, isValidDay } from '../activity/counting/time-zone.js';
import type { AbsenceDto, AbsenceListQueryDto, CreateAbsenceDto } from './dto/absence.dto.js';
import { AbsenceEntity, type AbsenceStatus } from './entities/absence.entity.js';
import { AbsencesRepository } from './absences.repository.js';

export const MAX_ABSENCE_DAYS = 366;

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

function toAbsenceDto(a: AbsenceEntity): AbsenceDto {
  return {
    id: a.id,
    employeeId: a.employeeId,
    from: a.fromDay,
    to: a.toDay,
    kind: a.kind,
    status: a.status,
    note: a.note ?? null,
  };
}

/** Who may act for others: owner, admin and hr (the roles that manage employees). */
const actsForOthers = (p: Principal) => roleHas(p.role, 'employees:manage');

/**
 * Vacations, sick days and other absences. Owner/admin/hr file them approved; an employee files
 * their own as requested, which owner/admin/hr or the employee's manager approve or reject.
 */
@Injectable()
export class AbsencesService {
  constructor(
    @Inject(AbsencesRepository) private readonly repo: AbsencesRepository,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
  ) {}

  async create(p: Principal, dto: CreateAbsenceDto): Promise<AbsenceDto> {
    checkDayRange(dto.from, dto.to, MAX_ABSENCE_DAYS);
    let status: AbsenceStatus;
    if (actsForOthers(p)) {
      await this.scope.assertCanSeeEmployee(p, dto.employeeId);
      status = 'approved';
    } else if (p.employeeId !== null && dto.employeeId === p.employeeId) {
      // Their own record, whatever teams a manager manages.
      await this.scope.resolveScope(p, { employeeId: dto.employeeId }, 'privacy');
      status = 'requested';
    } else {
      await this.scope.assertCanSeeEmployee(p, dto.employeeId);
      throw new ForbiddenError(
        'You can only request absences for yourself; owners, admins and HR file them for others.',
      );
    }
    const absence = Object.assign(new AbsenceEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      employeeId: dto.employeeId,
      fromDay: dto.from,
      toDay: dto.to,
      kind: dto.kind,
      status,
      note: dto.note ? dto.note : null,
      createdByUserId: p.userId,
      decidedByUserId: null,
      createdAt: new Date(),
    });
    await this.repo.insert(absence);
    return toAbsenceDto(absence);
  }

  async list(p: Principal, q: AbsenceListQueryDto): Promise<AbsenceDto[]> {
    const ids = await this.scope.employeeIdsOf(
      p,
      await this.scope.resolveScope(p, { employeeId: q.employeeId }),
    );
    const rows = await this.repo.list(p.organizationId, {
      employeeIds: ids,
      from: q.from,
      to: q.to,
      status: q.status,
    });
    return rows.map(toAbsenceDto);
  }

  approve(p: Principal, id: string): Promise<AbsenceDto> {
    return this.decide(p, id, 'approved');
  }

  reject(p: Principal, id: string): Promise<AbsenceDto> {
    return this.decide(p, id, 'rejected');
  }

  /** Approved absences of the given employees overlapping [fromDay, toDay] (for attendance). */
  async approvedBetween(
    organizationId: string,
    employeeIds: string[],
    fromDay: string,
    toDay: string,
  ): Promise<{ employeeId: string; from: string; to: string }[]> {
    const rows = await this.repo.list(organizationId, {
      employeeIds,
      from: fromDay,
      to: toDay,
      status: 'approved',
    });
    return rows.map((a) => ({ employeeId: a.employeeId, from: a.fromDay, to: a.toDay }));
  }

  private async decide(p: Principal, id: string, status: AbsenceStatus): Promise<AbsenceDto> {
    const absence = await this.repo.findById(p.organizationId, id);
    if (!absence) throw new NotFoundError('Absence');
    const own = p.employeeId !== null && absence.employeeId === p.employeeId;
    if (!own) {
      // Outside the caller's scope (another team, someone else for an employee): 404.
      await this.scope.assertCanSeeEmployee(p, absence.employeeId).catch((error: unknown) => {
        if (error instanceof NotFoundError) throw new NotFoundError('Absence');
        throw error;
      });
    }
    if (own || (!actsForOthers(p) && p.role !== 'manager')) {
      throw new ForbiddenError(
        own
          ? 'You cannot approve or reject your own absence.'
          : 'Only owners, admins, HR or the employee’s manager approve or reject absences.',
      );
    }
    if (absence.status === status) return toAbsenceDto(absence);
    if (
      absence.status !== 'requested' ||
      !(await this.repo.decide(p.organizationId, id, status, p.userId))
    ) {
      const now = (await this.repo.findById(p.organizationId, id)) ?? absence;
      if (now.status === status) return toAbsenceDto(now);
      throw new ConflictError(
        `This absence is already ${now.status}; only a requested absence can be ${status}.`,
        'absence-already-decided',
      );
    }
    return toAbsenceDto({ ...absence, status, decidedByUserId: p.userId });
  }
}
