import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganizationClosureEntity } from '../entities/organization-closure.entity.js';
import { OrganizationEntity } from '../entities/organization.entity.js';
import { UserEntity } from '../entities/user.entity.js';

@Injectable()
export class OrganizationsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async any(): Promise<boolean> {
    return (await this.dataSource.getRepository(OrganizationEntity).count({ take: 1 })) > 0;
  }

  findById(id: string): Promise<OrganizationEntity | null> {
    return this.dataSource.getRepository(OrganizationEntity).findOneBy({ id });
  }

  /** When a closed organization's data goes; null while it is open. */
  async closedUntil(id: string): Promise<Date | null> {
    const closure = await this.dataSource
      .getRepository(OrganizationClosureEntity)
      .findOneBy({ organizationId: id });
    return closure ? new Date(closure.purgeAt) : null;
  }

  /** The organization and its owner appear together or not at all. */
  async createWithOwner(organization: OrganizationEntity, owner: UserEntity): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(OrganizationEntity, organization);
      await manager.insert(UserEntity, owner);
    });
  }

  async update(
    id: string,
    changes: Partial<Pick<OrganizationEntity, 'name' | 'defaultTimeZone' | 'locale'>>,
  ): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    await this.dataSource.getRepository(OrganizationEntity).update({ id }, changes);
  }
}
