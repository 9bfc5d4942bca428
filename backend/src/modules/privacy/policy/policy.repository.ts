import { Inject, Injectable } from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { isUniqueViolation } from '#src/database/sql.js';
import { PolicyAcceptanceEntity, PolicyVersionEntity } from '../entities/policy.entity.js';

@Injectable()
export class PolicyRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get versions() {
    return this.dataSource.getRepository(PolicyVersionEntity);
  }

  private get acceptances() {
    return this.dataSource.getRepository(PolicyAcceptanceEntity);
  }

  async nextVersion(organizationId: string): Promise<number> {
    const latest = await this.versions.findOne({
      where: { organizationId },
      order: { version: 'DESC' },
    });
    return (latest?.version ?? 0) + 1;
  }

  async insert(v: PolicyVersionEntity): Promise<boolean> {
    try {
      await this.versions.insert(v);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  list(organizationId: string): Promise<PolicyVersionEntity[]> {
    return this.versions.find({ where: { organizationId }, order: { version: 'DESC' } });
  }

  /** The version in force: the latest whose effective date has come. */
  inForce(organizationId: string, now: Date): Promise<PolicyVersionEntity | null> {
    return this.versions.findOne({
      where: { organizationId, effectiveAt: LessThanOrEqual(now) },
      order: { effectiveAt: 'DESC', version: 'DESC' },
    });
  }

  findByVersion(organizationId: string, version: number): Promise<PolicyVersionEntity | null> {
    return this.versions.findOneBy({ organizationId, version });
  }

  findAcceptance(userId: string, policyVersionId: string): Promise<PolicyAcceptanceEntity | null> {
    return this.acceptances.findOneBy({ userId, policyVersionId });
  }

  async accept(a: PolicyAcceptanceEntity): Promise<PolicyAcceptanceEntity> {
    try {
      await this.acceptances.insert(a);
      return a;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.acceptances.findOneByOrFail({
        userId: a.userId,
        policyVersionId: a.policyVersionId,
      });
    }
  }
}
