import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  AllocationOverrideEntity,
  AllocationRuleEntity,
  ProjectClientEntity,
  ProjectEmployeeRateEntity,
  ProjectEntity,
  ProjectMemberEntity,
  ProjectSettingsEntity,
  ProjectTaskEntity,
} from './entities/project.entities.js';

/** Clients, projects, tasks, members, rates and settings; every query is scoped by organization. */
@Injectable()
export class ProjectsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get clients() {
    return this.dataSource.getRepository(ProjectClientEntity);
  }
  private get projects() {
    return this.dataSource.getRepository(ProjectEntity);
  }
  private get tasks() {
    return this.dataSource.getRepository(ProjectTaskEntity);
  }
  private get members() {
    return this.dataSource.getRepository(ProjectMemberEntity);
  }
  private get rates() {
    return this.dataSource.getRepository(ProjectEmployeeRateEntity);
  }
  private get settingsRepo() {
    return this.dataSource.getRepository(ProjectSettingsEntity);
  }

  // Clients
  listClients(organizationId: string): Promise<ProjectClientEntity[]> {
    return this.clients.find({ where: { organizationId }, order: { name: 'ASC', id: 'ASC' } });
  }
  findClient(organizationId: string, id: string): Promise<ProjectClientEntity | null> {
    return this.clients.findOneBy({ organizationId, id });
  }
  async saveClient(c: ProjectClientEntity): Promise<void> {
    await this.clients.save(c);
  }
  async deleteClient(organizationId: string, id: string): Promise<void> {
    await this.clients.delete({ organizationId, id });
  }
  countProjectsOfClient(organizationId: string, clientId: string): Promise<number> {
    return this.projects.countBy({ organizationId, clientId });
  }

  // Projects
  listProjects(organizationId: string, ids?: string[]): Promise<ProjectEntity[]> {
    if (ids && ids.length === 0) return Promise.resolve([]);
    return this.projects.find({
      where: ids ? { organizationId, id: In(ids) } : { organizationId },
      order: { name: 'ASC', id: 'ASC' },
    });
  }
  findProject(organizationId: string, id: string): Promise<ProjectEntity | null> {
    return this.projects.findOneBy({ organizationId, id });
  }
  async saveProject(p: ProjectEntity): Promise<void> {
    await this.projects.save(p);
  }
  async deleteProject(organizationId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.delete(ProjectTaskEntity, { organizationId, projectId: id });
      await m.delete(ProjectMemberEntity, { organizationId, projectId: id });
      await m.delete(ProjectEntity, { organizationId, id });
    });
  }

  // Tasks
  listTasks(organizationId: string, projectIds?: string[]): Promise<ProjectTaskEntity[]> {
    if (projectIds && projectIds.length === 0) return Promise.resolve([]);
    return this.tasks.find({
      where: projectIds ? { organizationId, projectId: In(projectIds) } : { organizationId },
      order: { name: 'ASC', id: 'ASC' },
    });
  }
  findTask(
    organizationId: string,
    projectId: string,
    id: string,
  ): Promise<ProjectTaskEntity | null> {
    return this.tasks.findOneBy({ organizationId, projectId, id });
  }
  async saveTask(t: ProjectTaskEntity): Promise<void> {
    await this.tasks.save(t);
  }
  async deleteTask(organizationId: string, id: string): Promise<void> {
    await this.tasks.delete({ organizationId, id });
  }

  // Members
  listMembers(organizationId: string, projectIds?: string[]): Promise<ProjectMemberEntity[]> {
    if (projectIds && projectIds.length === 0) return Promise.resolve([]);
    return this.members.find({
      where: projectIds ? { organizationId, projectId: In(projectIds) } : { organizationId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }
  findMember(
    organizationId: string,
    projectId: string,
    id: string,
  ): Promise<ProjectMemberEntity | null> {
    return this.members.findOneBy({ organizationId, projectId, id });
  }
  findMemberBy(
    projectId: string,
    memberKind: 'team' | 'employee',
    memberId: string,
  ): Promise<ProjectMemberEntity | null> {
    return this.members.findOneBy({ projectId, memberKind, memberId });
  }
  async saveMember(m: ProjectMemberEntity): Promise<void> {
    await this.members.save(m);
  }
  async deleteMember(organizationId: string, id: string): Promise<void> {
    await this.members.delete({ organizationId, id });
  }

  // Rates and settings
  employeeRates(organizationId: string): Promise<ProjectEmployeeRateEntity[]> {
    return this.rates.findBy({ organizationId });
  }
  async setEmployeeRate(
    organizationId: string,
    employeeId: string,
    cents: number | null,
  ): Promise<void> {
    if (cents === null) await this.rates.delete({ organizationId, employeeId });
    else await this.rates.save({ organizationId, employeeId, hourlyRateCents: cents });
  }
  async settings(organizationId: string): Promise<ProjectSettingsEntity> {
    const found = await this.settingsRepo.findOneBy({ organizationId });
    if (found) return found;
    return { organizationId, defaultHourlyRateCents: 0, currency: 'EUR', revision: 0 };
  }
  async saveSettings(
    organizationId: string,
    patch: { defaultHourlyRateCents?: number; currency?: string },
  ): Promise<void> {
    const current = await this.settings(organizationId);
    await this.settingsRepo.save({
      ...current,
      ...patch,
      revision: current.revision === 0 ? 1 : current.revision,
    });
  }

  /** Whether rules or employees' allocations point at the project (or task): then archive, not delete. */
  async isReferenced(organizationId: string, projectId: string, taskId?: string): Promise<boolean> {
    const where = taskId ? { organizationId, projectId, taskId } : { organizationId, projectId };
    if ((await this.dataSource.getRepository(AllocationOverrideEntity).countBy(where)) > 0)
      return true;
    return (await this.dataSource.getRepository(AllocationRuleEntity).countBy(where)) > 0;
  }
}
