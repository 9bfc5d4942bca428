import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import { AccessScopeService } from '../accounts/access-scope.service.js';
import { AuditService } from '../audit/audit.service.js';
import {
  DEFAULT_VACATION_DAYS,
  type UpdateVacationAllowanceDto,
  type UpdateVacationPolicyDto,
  type VacationAllowanceDto,
  type VacationPolicyDto,
} from './dto/vacation-policy.dto.js';
import { VacationPolicyRepository } from './vacation-policy.repository.js';

/**
 * Vacation days a year: the organization's, and an employee's own in place of it. Kept here rather
 * than on the employee row, so accounts knows nothing of vacations.
 */
@Injectable()
export class VacationPolicyService {
  constructor(
    @Inject(VacationPolicyRepository) private readonly repo: VacationPolicyRepository,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async getPolicy(p: Principal): Promise<VacationPolicyDto> {
    return { daysPerYear: await this.organizationDays(p.organizationId) };
  }

  async updatePolicy(p: Principal, dto: UpdateVacationPolicyDto): Promise<VacationPolicyDto> {
    await this.repo.savePolicy(p.organizationId, dto.daysPerYear);
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'vacation-policy.changed',
      targetType: 'organization',
      targetId: p.organizationId,
      details: { daysPerYear: dto.daysPerYear },
    });
    return { daysPerYear: dto.daysPerYear };
  }

  /** Employees in the caller's scope with days of their own. */
  async listAllowances(p: Principal): Promise<VacationAllowanceDto[]> {
    const ids = await this.scope.employeeIdsOf(p, await this.scope.resolveScope(p));
    const all = await this.repo.allAllowances(p.organizationId);
    const inScope = ids === 'all' ? null : new Set(ids);
    const visible = inScope ? all.filter((a) => inScope.has(a.employeeId)) : all;
    return visible.map((a) => ({
      employeeId: a.employeeId,
      daysPerYear: a.daysPerYear,
      allowanceDays: a.daysPerYear,
    }));
  }

  async getAllowance(p: Principal, employeeId: string): Promise<VacationAllowanceDto> {
    await this.scope.assertCanSeeEmployee(p, employeeId);
    return this.allowanceDto(p.organizationId, employeeId);
  }

  async updateAllowance(
    p: Principal,
    employeeId: string,
    dto: UpdateVacationAllowanceDto,
  ): Promise<VacationAllowanceDto> {
    await this.scope.assertCanSeeEmployee(p, employeeId);
    if (dto.daysPerYear === null) await this.repo.deleteAllowance(p.organizationId, employeeId);
    else await this.repo.saveAllowance(p.organizationId, employeeId, dto.daysPerYear);
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'vacation-allowance.changed',
      targetType: 'employee',
      targetId: employeeId,
      subjectEmployeeId: employeeId,
      details: { daysPerYear: dto.daysPerYear },
    });
    return this.allowanceDto(p.organizationId, employeeId);
  }

  /** An employee's own yearly vacation days, or null when the organization's apply. */
  async ownAllowance(organizationId: string, employeeId: string): Promise<number | null> {
    return (await this.repo.allowances(organizationId, [employeeId])).get(employeeId) ?? null;
  }

  /** The days a year in force for an employee: their own, else the organization's. */
  async allowanceOf(organizationId: string, employeeId: string): Promise<number> {
    return (await this.allowanceDto(organizationId, employeeId)).allowanceDays;
  }

  private async allowanceDto(
    organizationId: string,
    employeeId: string,
  ): Promise<VacationAllowanceDto> {
    const own = (await this.repo.allowances(organizationId, [employeeId])).get(employeeId) ?? null;
    return {
      employeeId,
      daysPerYear: own,
      allowanceDays: own ?? (await this.organizationDays(organizationId)),
    };
  }

  private async organizationDays(organizationId: string): Promise<number> {
    return (await this.repo.policyDays(organizationId)) ?? DEFAULT_VACATION_DAYS;
  }
}
