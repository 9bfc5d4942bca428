import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScimResourceEntity, type ScimResourceType } from './entities/scim-resource.entity.js';

@Injectable()
export class ScimResourcesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ScimResourceEntity);
  }

  async byResource(
    organizationId: string,
    resourceType: ScimResourceType,
  ): Promise<Map<string, ScimResourceEntity>> {
    const rows = await this.repo.findBy({ organizationId, resourceType });
    return new Map(rows.map((r) => [r.resourceId, r]));
  }

  find(
    organizationId: string,
    resourceType: ScimResourceType,
    resourceId: string,
  ): Promise<ScimResourceEntity | null> {
    return this.repo.findOneBy({ organizationId, resourceType, resourceId });
  }

  /** Sets externalId (undefined leaves it) and the deleted mark of a resource, creating its row. */
  async upsert(
    organizationId: string,
    resourceType: ScimResourceType,
    resourceId: string,
    changes: { externalId?: string | null; deletedAt?: Date | null },
  ): Promise<void> {
    const found = await this.find(organizationId, resourceType, resourceId);
    if (found) {
      await this.repo.update({ id: found.id }, changes);
      return;
    }
    const now = new Date();
    await this.repo.insert({
      id: randomUUID(),
      organizationId,
      resourceType,
      resourceId,
      externalId: changes.externalId ?? null,
      deletedAt: changes.deletedAt ?? null,
      createdAt: now,
      updatedAt: now,
    });
  }

  async remove(organizationId: string, resourceType: ScimResourceType, resourceId: string) {
    await this.repo.delete({ organizationId, resourceType, resourceId });
  }
}
