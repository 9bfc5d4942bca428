import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, LessThan, Not, type EntityManager } from 'typeorm';
import { EmployeeEntity } from '../accounts/entities/employee.entity.js';
import { OrganizationEntity } from '../accounts/entities/organization.entity.js';
import { UserEntity } from '../accounts/entities/user.entity.js';
import {
  LegalHoldEntity,
  PrivacyRequestEntity,
  type PrivacyRequestStatus,
} from './entities/privacy-request.entity.js';

const OPEN: PrivacyRequestStatus[] = ['pending', 'processing'];

/** Privacy requests and legal holds; reads employees and users for addressing. */
@Injectable()
export class PrivacyRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get requests() {
    return this.dataSource.getRepository(PrivacyRequestEntity);
  }

  async insert(request: PrivacyRequestEntity): Promise<void> {
    await this.requests.insert(request);
  }

  findById(organizationId: string, id: string): Promise<PrivacyRequestEntity | null> {
    return this.requests.findOneBy({ organizationId, id });
  }

  findByIdAnyOrg(id: string): Promise<PrivacyRequestEntity | null> {
    return this.requests.findOneBy({ id });
  }

  async list(
    organizationId: string,
    filter: { employeeId?: string; status?: PrivacyRequestStatus },
    page: { page: number; pageSize: number },
  ): Promise<{ items: PrivacyRequestEntity[]; total: number }> {
    const [items, total] = await this.requests.findAndCount({
      where: { organizationId, ...filter },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    return { items, total };
  }

  /** Moves a request on only from the statuses given; false when someone else moved it first. */
  async transition(
    id: string,
    from: PrivacyRequestStatus[],
    changes: Partial<PrivacyRequestEntity>,
    /** Runs in the same transaction when the request moved (its domain event's rows). */
    onMoved?: (tx: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    if (!onMoved) {
      const result = await this.requests.update({ id, status: In(from) }, changes);
      return (result.affected ?? 0) > 0;
    }
    return this.dataSource.transaction(async (tx) => {
      const result = await tx.update(PrivacyRequestEntity, { id, status: In(from) }, changes);
      if ((result.affected ?? 0) === 0) return false;
      await onMoved(tx);
      return true;
    });
  }

  async update(id: string, changes: Partial<PrivacyRequestEntity>): Promise<void> {
    await this.requests.update({ id }, changes);
  }

  /** Open access/erasure requests not touched since `before` (their job may have been lost). */
  stale(before: Date, limit: number): Promise<PrivacyRequestEntity[]> {
    return this.requests.find({
      where: { status: In(OPEN), type: Not('rectification'), updatedAt: LessThan(before) },
      order: { updatedAt: 'ASC' },
      take: limit,
    });
  }

  /** Open requests due before `before` (reminders). */
  dueBefore(before: Date, limit: number): Promise<PrivacyRequestEntity[]> {
    return this.requests.find({
      // Once the last reminder went out a request leaves this list, so old ones never crowd it.
      where: { status: In(OPEN), dueAt: LessThan(before), reminded1: false },
      order: { dueAt: 'ASC' },
      take: limit,
    });
  }

  /** Access ZIPs past their download expiry (or older than a retention cutoff). */
  expiredFiles(before: Date, limit: number): Promise<PrivacyRequestEntity[]> {
    return this.requests.find({
      where: { resultFile: Not(IsNull()), downloadExpiresAt: LessThan(before) },
      take: limit,
    });
  }

  findEmployee(organizationId: string, id: string): Promise<EmployeeEntity | null> {
    return this.dataSource.getRepository(EmployeeEntity).findOneBy({ organizationId, id });
  }

  findOrganization(id: string): Promise<OrganizationEntity | null> {
    return this.dataSource.getRepository(OrganizationEntity).findOneBy({ id });
  }

  /** Owners, admins and HR who can sign in: the organization's privacy contacts. */
  privacyContacts(organizationId: string): Promise<UserEntity[]> {
    return this.dataSource.getRepository(UserEntity).findBy({
      organizationId,
      role: In(['owner', 'admin', 'hr']),
      status: 'active',
    });
  }

  activeUsers(organizationId: string): Promise<UserEntity[]> {
    return this.dataSource
      .getRepository(UserEntity)
      .findBy({ organizationId, status: Not('deactivated') });
  }

  /** The person's login is the only active owner: erasing it would leave the organization without one. */
  async isLastOwner(organizationId: string, employeeId: string): Promise<boolean> {
    const users = this.dataSource.getRepository(UserEntity);
    const own = await users.findOneBy({
      organizationId,
      employeeId,
      role: 'owner',
      status: 'active',
    });
    if (!own) return false;
    return (await users.countBy({ organizationId, role: 'owner', status: 'active' })) === 1;
  }

  findLegalHold(organizationId: string, employeeId: string): Promise<LegalHoldEntity | null> {
    return this.dataSource.getRepository(LegalHoldEntity).findOneBy({ organizationId, employeeId });
  }

  async saveLegalHold(hold: LegalHoldEntity): Promise<void> {
    await this.dataSource.getRepository(LegalHoldEntity).save(hold);
  }

  async deleteLegalHold(organizationId: string, employeeId: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(LegalHoldEntity)
      .delete({ organizationId, employeeId });
    return (result.affected ?? 0) > 0;
  }
}
