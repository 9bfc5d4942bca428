import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, LessThanOrEqual, Not } from 'typeorm';
import {
  DirectoryConfigEntity,
  DirectoryLinkEntity,
  DirectorySyncRunEntity,
} from './entities/directory.entities.js';

/** Every query is scoped by organization, except the scheduler's look for due syncs. */
@Injectable()
export class DirectoryRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get configs() {
    return this.dataSource.getRepository(DirectoryConfigEntity);
  }
  private get links() {
    return this.dataSource.getRepository(DirectoryLinkEntity);
  }
  private get runs() {
    return this.dataSource.getRepository(DirectorySyncRunEntity);
  }

  findConfig(organizationId: string): Promise<DirectoryConfigEntity | null> {
    return this.configs.findOneBy({ organizationId });
  }

  async findSealedPassword(organizationId: string): Promise<string | null> {
    const row = await this.configs.findOne({
      where: { organizationId },
      select: { organizationId: true, bindPasswordSealed: true },
    });
    return row?.bindPasswordSealed ?? null;
  }

  /** Organizations whose directory sign-in is on (for a sign-in that names none). */
  enabledOrganizationIds(): Promise<string[]> {
    return this.configs
      .find({ where: { enabled: true }, select: { organizationId: true } })
      .then((rows) => rows.map((r) => r.organizationId));
  }

  /** `bindPasswordSealed` undefined keeps the stored one. */
  async saveConfig(
    row: Omit<DirectoryConfigEntity, 'bindPasswordSealed'>,
    bindPasswordSealed: string | null | undefined,
  ): Promise<void> {
    const existing = await this.configs.findOneBy({ organizationId: row.organizationId });
    const values = { ...row, ...(bindPasswordSealed !== undefined ? { bindPasswordSealed } : {}) };
    if (existing) await this.configs.update({ organizationId: row.organizationId }, values);
    else await this.configs.insert({ bindPasswordSealed: null, ...values });
  }

  async deleteConfig(organizationId: string): Promise<void> {
    await this.configs.delete({ organizationId });
  }

  dueForSync(now: Date): Promise<DirectoryConfigEntity[]> {
    return this.configs.find({
      where: [
        { enabled: true, syncEnabled: true, nextSyncAt: LessThanOrEqual(now) },
        { enabled: true, syncEnabled: true, nextSyncAt: IsNull() },
      ],
    });
  }

  async setNextSync(organizationId: string, next: Date | null): Promise<void> {
    await this.configs.update({ organizationId }, { nextSyncAt: next });
  }

  findLinkByKey(organizationId: string, directoryKey: string): Promise<DirectoryLinkEntity | null> {
    return this.links.findOneBy({ organizationId, directoryKey });
  }

  findLinkByUser(organizationId: string, userId: string): Promise<DirectoryLinkEntity | null> {
    return this.links.findOneBy({ organizationId, userId });
  }

  activeLinks(organizationId: string): Promise<DirectoryLinkEntity[]> {
    return this.links.findBy({ organizationId, status: 'active' });
  }

  async insertLink(link: DirectoryLinkEntity): Promise<void> {
    await this.links.insert(link);
  }

  async updateLink(
    organizationId: string,
    id: string,
    changes: Partial<
      Pick<
        DirectoryLinkEntity,
        'dn' | 'employeeId' | 'status' | 'lastSeenAt' | 'updatedAt' | 'userId'
      >
    >,
  ): Promise<void> {
    await this.links.update({ organizationId, id }, changes);
  }

  async insertRun(run: DirectorySyncRunEntity): Promise<void> {
    await this.runs.insert(run);
  }

  findRun(organizationId: string, id: string): Promise<DirectorySyncRunEntity | null> {
    return this.runs.findOneBy({ organizationId, id });
  }

  async updateRun(
    organizationId: string,
    id: string,
    changes: Partial<DirectorySyncRunEntity>,
  ): Promise<void> {
    await this.runs.update({ organizationId, id }, changes);
  }

  /** A run queued or running already (one at a time per organization). */
  findOpenRun(organizationId: string): Promise<DirectorySyncRunEntity | null> {
    return this.runs.findOneBy({ organizationId, status: In(['queued', 'running']) });
  }

  /** Queued runs older than the cutoff (the queue lost them): for the sweeper. */
  staleQueuedRuns(before: Date): Promise<DirectorySyncRunEntity[]> {
    return this.runs.findBy({
      status: 'queued',
      createdAt: LessThanOrEqual(before),
      id: Not(IsNull()),
    });
  }

  async listRuns(
    organizationId: string,
    page: { page: number; pageSize: number },
  ): Promise<{ items: DirectorySyncRunEntity[]; total: number }> {
    const [items, total] = await this.runs.findAndCount({
      where: { organizationId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    return { items, total };
  }
}
