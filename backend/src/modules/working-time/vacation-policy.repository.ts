import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  VacationAllowanceEntity,
  VacationPolicyEntity,
} from './entities/vacation-policy.entity.js';
import { inListSlices } from '#src/database/raw-db.js';

/** The organization's vacation days a year and employees' own; every query is scoped by organization. */
@Injectable()
export class VacationPolicyRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async policyDays(organizationId: string): Promise<number | null> {
    const row = await this.dataSource
      .getRepository(VacationPolicyEntity)
      .findOneBy({ organizationId });
    return row ? Number(row.daysPerYear) : null;
  }

  async savePolicy(organizationId: string, daysPerYear: number): Promise<void> {
    await this.dataSource
      .getRepository(VacationPolicyEntity)
      .upsert({ organizationId, daysPerYear, updatedAt: new Date() }, ['organizationId']);
  }

  /** Employees' own days a year by employee id, for those of the ids that have one. */
  async allowances(organizationId: string, employeeIds: string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    for (const chunk of inListSlices(employeeIds)) {
      const rows = await this.dataSource.getRepository(VacationAllowanceEntity).findBy({
        organizationId,
        employeeId: In(chunk),
      });
      for (const row of rows) result.set(row.employeeId, Number(row.daysPerYear));
    }
    return result;
  }

  /** Every employee's own days a year, ordered by employee id. */
  async allAllowances(
    organizationId: string,
  ): Promise<{ employeeId: string; daysPerYear: number }[]> {
    const rows = await this.dataSource
      .getRepository(VacationAllowanceEntity)
      .find({ where: { organizationId }, order: { employeeId: 'ASC' } });
    return rows.map((r) => ({ employeeId: r.employeeId, daysPerYear: Number(r.daysPerYear) }));
  }

  async saveAllowance(
    organizationId: string,
    employeeId: string,
    daysPerYear: number,
  ): Promise<void> {
    await this.dataSource
      .getRepository(VacationAllowanceEntity)
      .upsert({ organizationId, employeeId, daysPerYear, updatedAt: new Date() }, ['employeeId']);
  }

  async deleteAllowance(organizationId: string, employeeId: string): Promise<void> {
    await this.dataSource
      .getRepository(VacationAllowanceEntity)
      .delete({ organizationId, employeeId });
  }
}
