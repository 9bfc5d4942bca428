import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { UserEntity, type UserStatus } from '../entities/user.entity.js';
import { type Role } from '#src/common/auth/roles.js';
import { escapeLike } from '#src/database/sql.js';
import { inListSlices } from '#src/database/raw-db.js';

export interface UserFilter {
  role?: Role;
  status?: UserStatus;
  search?: string;
}

/** Every query but the installation-wide email lookups is scoped by organization. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(UserEntity);
  }

  /** Emails are unique across the installation: login and sign-up look them up globally. */
  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ email });
  }

  /** Users of one organization with these (lower-cased) emails. */
  async findByEmails(organizationId: string, emails: string[]): Promise<UserEntity[]> {
    const out: UserEntity[] = [];
    for (const chunk of inListSlices(emails)) {
      out.push(...(await this.repo.findBy({ organizationId, email: In(chunk) })));
    }
    return out;
  }

  /** Logins linked to any of these employees. */
  findByEmployeeIds(organizationId: string, employeeIds: string[]): Promise<UserEntity[]> {
    if (employeeIds.length === 0) return Promise.resolve([]);
    return this.repo.findBy({ organizationId, employeeId: In(employeeIds) });
  }

  findById(organizationId: string, id: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ organizationId, id });
  }

  findByIds(organizationId: string, ids: string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo.findBy({ organizationId, id: In(ids) });
  }

  /** Active users of an organization with any of these roles, ordered by id. */
  findActiveByRoles(organizationId: string, roles: Role[]): Promise<UserEntity[]> {
    if (roles.length === 0) return Promise.resolve([]);
    return this.repo.find({
      where: { organizationId, status: 'active', role: In(roles) },
      order: { id: 'ASC' },
    });
  }

  findByEmployeeId(organizationId: string, employeeId: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ organizationId, employeeId });
  }

  async list(
    organizationId: string,
    filter: UserFilter,
    page: { page: number; pageSize: number },
  ): Promise<{ items: UserEntity[]; total: number }> {
    const qb = this.repo
      .createQueryBuilder('u')
      .where('u.organizationId = :organizationId', { organizationId });
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.status) qb.andWhere('u.status = :status', { status: filter.status });
    if (filter.search) {
      const like = `%${escapeLike(filter.search.toLowerCase())}%`;
      qb.andWhere(
        "(LOWER(u.firstName) LIKE :like ESCAPE '!' OR LOWER(u.lastName) LIKE :like ESCAPE '!' OR u.email LIKE :like ESCAPE '!')",
        { like },
      );
    }
    const [items, total] = await qb
      .orderBy('u.createdAt', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .skip((page.page - 1) * page.pageSize)
      .take(page.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  countActiveOwners(organizationId: string): Promise<number> {
    return this.repo.countBy({ organizationId, role: 'owner', status: 'active' });
  }

  async insert(user: UserEntity): Promise<void> {
    await this.repo.insert(user);
  }

  async update(
    organizationId: string,
    id: string,
    changes: Partial<
      Pick<
        UserEntity,
        | 'firstName'
        | 'lastName'
        | 'email'
        | 'phone'
        | 'locale'
        | 'role'
        | 'status'
        | 'passwordHash'
        | 'employeeId'
      >
    >,
  ): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    await this.repo.update({ organizationId, id }, changes);
  }

  /** The sealed TOTP seed is never loaded with the user; only MFA code asks for it. */
  async findMfaSecret(organizationId: string, id: string): Promise<string | null> {
    const row = await this.repo.findOne({
      where: { organizationId, id },
      select: { id: true, mfaSecret: true },
    });
    return row?.mfaSecret ?? null;
  }

  async setMfa(
    organizationId: string,
    id: string,
    mfa: { mfaSecret: string | null; mfaEnabledAt: Date | null },
  ): Promise<void> {
    await this.repo.update({ organizationId, id }, mfa);
  }
}
