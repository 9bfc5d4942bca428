import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { EmployeeEntity, type EmployeeStatus } from '../entities/employee.entity.js';
import { TeamEntity, TeamManagerEntity } from '../entities/team.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import { escapeLike } from '#src/database/sql.js';
import { inListSlices } from '#src/database/raw-db.js';

/** What an import writes: new teams, new and changed employees, new team managers. */
export interface EmployeeImportPlan {
  teams: TeamEntity[];
  creates: EmployeeEntity[];
  updates: {
    id: string;
    changes: Partial<Pick<EmployeeEntity, 'fullName' | 'teamId' | 'timeZone'>>;
  }[];
  managers: { teamId: string; userId: string }[];
}

// Rows per multi-row INSERT: MySQL caps placeholders per statement at 65,535.
const INSERT_CHUNK = 500;

export interface EmployeeFilter {
  /** Restricts to these teams (a manager's scope); empty matches nothing. */
  teamIds?: string[];
  /** Restricts to these employees (an employee's own id); empty matches nothing. */
  ids?: string[];
  status?: EmployeeStatus;
  search?: string;
}

/** Tracked people; every query is scoped by organization. */
@Injectable()
export class EmployeesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(EmployeeEntity);
  }

  findById(organizationId: string, id: string): Promise<EmployeeEntity | null> {
    return this.repo.findOneBy({ organizationId, id });
  }

  findByEmail(organizationId: string, email: string): Promise<EmployeeEntity | null> {
    return this.repo.findOneBy({ organizationId, email });
  }

  /** Emails are stored lower-cased; looked up in chunks to keep the IN lists short. */
  async findByEmails(organizationId: string, emails: string[]): Promise<EmployeeEntity[]> {
    const out: EmployeeEntity[] = [];
    for (const chunk of inListSlices(emails)) {
      out.push(...(await this.repo.findBy({ organizationId, email: In(chunk) })));
    }
    return out;
  }

  /** One transaction; `onCreated` runs in it for each new employee (domain events). */
  async applyImport(
    organizationId: string,
    plan: EmployeeImportPlan,
    onCreated: (tx: EntityManager, employee: EmployeeEntity) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      for (let i = 0; i < plan.teams.length; i += INSERT_CHUNK) {
        await tx.insert(TeamEntity, plan.teams.slice(i, i + INSERT_CHUNK));
      }
      for (let i = 0; i < plan.creates.length; i += INSERT_CHUNK) {
        await tx.insert(EmployeeEntity, plan.creates.slice(i, i + INSERT_CHUNK));
      }
      for (const { id, changes } of plan.updates) {
        await tx.update(EmployeeEntity, { organizationId, id }, changes);
      }
      for (let i = 0; i < plan.managers.length; i += INSERT_CHUNK) {
        await tx.insert(
          TeamManagerEntity,
          plan.managers
            .slice(i, i + INSERT_CHUNK)
            .map(({ teamId, userId }) => ({ organizationId, teamId, userId })),
        );
      }
      for (const employee of plan.creates) await onCreated(tx, employee);
    });
  }

  private filtered(organizationId: string, filter: EmployeeFilter) {
    const qb = this.repo
      .createQueryBuilder('e')
      .where('e.organizationId = :organizationId', { organizationId });
    if (filter.teamIds) {
      if (filter.teamIds.length === 0) qb.andWhere('1 = 0');
      else qb.andWhere('e.teamId IN (:...teamIds)', { teamIds: filter.teamIds });
    }
    if (filter.ids) {
      if (filter.ids.length === 0) qb.andWhere('1 = 0');
      else qb.andWhere('e.id IN (:...ids)', { ids: filter.ids });
    }
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    if (filter.search) {
      qb.andWhere("(LOWER(e.fullName) LIKE :like ESCAPE '!' OR e.email LIKE :like ESCAPE '!')", {
        like: `%${escapeLike(filter.search.toLowerCase())}%`,
      });
    }
    return qb;
  }

  async list(
    organizationId: string,
    filter: EmployeeFilter,
    page: { page: number; pageSize: number },
  ): Promise<{ items: EmployeeEntity[]; total: number }> {
    const [items, total] = await this.filtered(organizationId, filter)
      .orderBy('e.fullName', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .skip((page.page - 1) * page.pageSize)
      .take(page.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  async ids(organizationId: string, filter: EmployeeFilter): Promise<string[]> {
    const rows = await this.filtered(organizationId, filter)
      .select('e.id', 'id')
      .orderBy('e.id', 'ASC')
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** Active employees (all, or the given ones) ordered by id, for working-time reports. */
  async activeByIds(organizationId: string, ids: string[] | 'all'): Promise<EmployeeEntity[]> {
    if (ids === 'all') {
      return this.repo.find({ where: { organizationId, status: 'active' }, order: { id: 'ASC' } });
    }
    const out: EmployeeEntity[] = [];
    for (const chunk of inListSlices(ids)) {
      out.push(
        ...(await this.repo.find({ where: { organizationId, status: 'active', id: In(chunk) } })),
      );
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  countWithWorkSchedule(organizationId: string, workScheduleId: string): Promise<number> {
    return this.repo.countBy({ organizationId, workScheduleId });
  }

  findByIds(organizationId: string, ids: string[]): Promise<EmployeeEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo.findBy({ organizationId, id: In(ids) });
  }

  /** `inTransaction` runs in the same transaction (domain events: their rows commit with the employee). */
  async insert(
    employee: EmployeeEntity,
    inTransaction?: (tx: EntityManager) => Promise<void>,
  ): Promise<void> {
    if (!inTransaction) {
      await this.repo.insert(employee);
      return;
    }
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(EmployeeEntity, employee);
      await inTransaction(tx);
    });
  }

  /** Sets the status; `onChange` runs in the same transaction only when the status really changed. */
  async setStatus(
    organizationId: string,
    id: string,
    status: EmployeeStatus,
    onChange: (tx: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const result = await tx.update(
        EmployeeEntity,
        { organizationId, id, status: status === 'active' ? 'deactivated' : 'active' },
        { status },
      );
      if ((result.affected ?? 0) > 0) await onChange(tx);
    });
  }

  async update(
    organizationId: string,
    id: string,
    changes: Partial<
      Pick<
        EmployeeEntity,
        'fullName' | 'email' | 'teamId' | 'timeZone' | 'status' | 'workScheduleId'
      >
    >,
  ): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    await this.repo.update({ organizationId, id }, changes);
  }

  /** The row goes; a login linked to it stays, unlinked. */
  async delete(organizationId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { organizationId, employeeId: id }, { employeeId: null });
      await manager.delete(EmployeeEntity, { organizationId, id });
    });
  }
}
