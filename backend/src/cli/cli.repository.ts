import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganizationEntity } from '../modules/accounts/entities/organization.entity.js';
import { OrganizationsRepository } from '../modules/accounts/organizations/organizations.repository.js';
import { CliError, CliUsageError } from './cli-command.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The few reads the CLI needs that no feature repository offers. */
@Injectable()
export class CliRepository {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(OrganizationsRepository) private readonly organizations: OrganizationsRepository,
  ) {}

  /** At most `limit` organizations, oldest first: enough to tell "none", "one" and "several". */
  firstOrganizations(limit: number): Promise<OrganizationEntity[]> {
    return this.dataSource
      .getRepository(OrganizationEntity)
      .find({ order: { createdAt: 'ASC' }, take: limit });
  }

  /**
   * The organization a command acts on: the one `--organization` names, or the only one there is.
   */
  async chosenOrganization(wanted: string | undefined): Promise<string> {
    if (wanted !== undefined && !UUID.test(wanted)) {
      throw new CliUsageError('--organization must be an organization id (a UUID)');
    }
    if (wanted) {
      const found = await this.organizations.findById(wanted);
      if (!found) throw new CliError(`No organization has the id ${wanted}.`);
      return found.id;
    }
    const some = await this.firstOrganizations(2);
    if (some.length === 0) throw new CliError('There is no organization yet: run create-owner.');
    if (some.length > 1) {
      throw new CliError('Several organizations exist: choose one with --organization <id>.');
    }
    return some[0].id;
  }
}
