import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganizationSettingsEntity } from './organization-settings.entity.js';

@Injectable()
export class DataCollectionSettingsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(OrganizationSettingsEntity);
  }

  find(organizationId: string): Promise<OrganizationSettingsEntity | null> {
    return this.repo.findOneBy({ organizationId });
  }

  async save(
    settings: Pick<OrganizationSettingsEntity, 'organizationId' | 'collectTitles' | 'urlMode'>,
  ): Promise<void> {
    await this.repo.upsert(settings, ['organizationId']);
  }
}
