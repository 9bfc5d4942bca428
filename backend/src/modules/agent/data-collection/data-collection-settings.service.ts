import { Inject, Injectable } from '@nestjs/common';
import { DataCollectionSettingsRepository } from './data-collection-settings.repository.js';
import { DEFAULT_COLLECTION } from './organization-settings.entity.js';
import type {
  DataCollectionSettingsDto,
  UpdateDataCollectionSettingsDto,
} from './dto/data-collection-settings.dto.js';

/**
 * Read by device authentication on every upload (no cache), so a switched-off field is never
 * stored from the next request on.
 */
@Injectable()
export class DataCollectionSettingsService {
  constructor(
    @Inject(DataCollectionSettingsRepository)
    private readonly settings: DataCollectionSettingsRepository,
  ) {}

  async getSettings(organizationId: string): Promise<DataCollectionSettingsDto> {
    const found = await this.settings.find(organizationId);
    return {
      collectTitles: found?.collectTitles ?? DEFAULT_COLLECTION.collectTitles,
      urlMode: found?.urlMode ?? DEFAULT_COLLECTION.urlMode,
      updatedAt: found?.updatedAt.toISOString() ?? null,
    };
  }

  async updateSettings(
    organizationId: string,
    change: UpdateDataCollectionSettingsDto,
  ): Promise<DataCollectionSettingsDto> {
    const current = await this.getSettings(organizationId);
    await this.settings.save({
      organizationId,
      collectTitles: change.collectTitles ?? current.collectTitles,
      urlMode: change.urlMode ?? current.urlMode,
    });
    return this.getSettings(organizationId);
  }
}
