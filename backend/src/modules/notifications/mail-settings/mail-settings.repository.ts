import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganizationMailSettingsEntity } from './mail-settings.entity.js';

@Injectable()
export class MailSettingsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get rows() {
    return this.dataSource.getRepository(OrganizationMailSettingsEntity);
  }

  find(organizationId: string): Promise<OrganizationMailSettingsEntity | null> {
    return this.rows.findOneBy({ organizationId });
  }

  async save(row: OrganizationMailSettingsEntity): Promise<void> {
    await this.rows.save(row);
  }

  /** False when there was nothing to remove. */
  async remove(organizationId: string): Promise<boolean> {
    const result = await this.rows.delete({ organizationId });
    return (result.affected ?? 0) > 0;
  }
}
