import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { EmployeeEntity } from '../entities/employee.entity.js';
import { TeamEntity, TeamManagerEntity } from '../entities/team.entity.js';
import { escapeLike } from '#src/database/sql.js';

/** Teams and their managers; every query is scoped by organization. */
@Injectable()
export class TeamsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  findById(organizationId: string, id: string): Promise<TeamEntity | null> {
    return this.dataSource.getRepository(TeamEntity).findOneBy({ organizationId, id });
  }

  findByIds(organizationId: string, ids: string[]): Promise<TeamEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(TeamEntity).findBy({ organizationId, id: In(ids) });
  }

  /** Every team of the organization (an import matches names against them). */
  all(organizationId: string): Promise<TeamEntity[]> {
    return this.dataSource.getRepository(TeamEntity).findBy({ organizationId });
  }

  async list(
    organizationId: string,
    filter: { onlyIds?: string[]; search?: string },
    page: { page: number; pageSize: number },
  ): Promise<{ items: TeamEntity[]; total: number }> {
    if (filter.onlyIds && filter.onlyIds.length === 0) return { items: [], total: 0 };
    const qb = this.dataSource
      .getRepository(TeamEntity)
      .createQueryBuilder('t')
      .where('t.organizationId = :organizationId', { organizationId });
    if (filter.onlyIds) qb.andWhere('t.id IN (:...ids)', { ids: filter.onlyIds });
    if (filter.search) {
      qb.andWhere("LOWER(t.name) LIKE :like ESCAPE '!'", {
        like: `%${escapeLike(filter.search.toLowerCase())}%`,
      });
    }
    const [items, total] = await qb
      .orderBy('t.name', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .skip((page.page - 1) * page.pageSize)
      .take(page.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  async insert(team: TeamEntity): Promise<void> {
    await this.dataSource.getRepository(TeamEntity).insert(team);
  }

  async rename(organizationId: string, id: string, name: string): Promise<void> {
    await this.dataSource.getRepository(TeamEntity).update({ organizationId, id }, { name });
  }

  async setWorkSchedule(organizationId: string, id: string, workScheduleId: string | null) {
    await this.dataSource
      .getRepository(TeamEntity)
      .update({ organizationId, id }, { workScheduleId });
  }

  /** Teams of an organization with a work schedule of their own. */
  async withWorkSchedules(
    organizationId: string,
  ): Promise<{ id: string; workScheduleId: string }[]> {
    const rows = await this.dataSource
      .getRepository(TeamEntity)
      .createQueryBuilder('t')
      .select('t.id', 'id')
      .addSelect('t.workScheduleId', 'workScheduleId')
      .where('t.organizationId = :organizationId', { organizationId })
      .andWhere('t.workScheduleId IS NOT NULL')
      .getRawMany<{ id: string; workScheduleId: string }>();
    return rows;
  }

  /** Its employees stay, without a team; its manager assignments go with it. */
  async delete(organizationId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(EmployeeEntity, { organizationId, teamId: id }, { teamId: null });
      await manager.delete(TeamManagerEntity, { organizationId, teamId: id });
      await manager.delete(TeamEntity, { organizationId, id });
    });
  }

  /** Manager user ids per team id. */
  async managersOf(organizationId: string, teamIds: string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(teamIds.map((id) => [id, []]));
    if (teamIds.length === 0) return result;
    const rows = await this.dataSource
      .getRepository(TeamManagerEntity)
      .find({ where: { organizationId, teamId: In(teamIds) }, order: { userId: 'ASC' } });
    for (const row of rows) result.get(row.teamId)?.push(row.userId);
    return result;
  }

  async setManagers(organizationId: string, teamId: string, userIds: string[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(TeamManagerEntity, { organizationId, teamId });
      if (userIds.length > 0) {
        await manager.insert(
          TeamManagerEntity,
          userIds.map((userId) => ({ organizationId, teamId, userId })),
        );
      }
    });
  }

  async teamIdsManagedBy(organizationId: string, userId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(TeamManagerEntity)
      .find({ where: { organizationId, userId }, order: { teamId: 'ASC' } });
    return rows.map((r) => r.teamId);
  }
}
