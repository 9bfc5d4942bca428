import type { DataSource } from 'typeorm';
import { OrganizationEntity } from '../modules/accounts/entities/organization.entity.js';

/** The few reads the CLI needs that no feature repository offers. */
export class CliRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** At most `limit` organizations, oldest first: enough to tell "none", "one" and "several". */
  organizations(limit: number): Promise<OrganizationEntity[]> {
    return this.dataSource
      .getRepository(OrganizationEntity)
      .find({ order: { createdAt: 'ASC' }, take: limit });
  }
}
