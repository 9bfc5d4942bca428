import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dialectOf } from '#src/database/dialect.js';
import { OrganizationClosureEntity } from '../entities/organization-closure.entity.js';
import { OrganizationEntity } from '../entities/organization.entity.js';
import { UserEntity } from '../entities/user.entity.js';

@Injectable()
export class OrganizationsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async any(): Promise<boolean> {
    return (await this.dataSource.getRepository(OrganizationEntity).count({ take: 1 })) > 0;
  }

  /** Every organization's id and time zone, for per-organization scheduled work. */
  listTimeZones(): Promise<{ id: string; defaultTimeZone: string }[]> {
    return this.dataSource
      .getRepository(OrganizationEntity)
      .find({ select: { id: true, defaultTimeZone: true }, order: { id: 'ASC' } });
  }

  /** Exact name; names are not unique, so callers refuse more than one match. */
  findByName(name: string): Promise<OrganizationEntity[]> {
    return this.dataSource.getRepository(OrganizationEntity).findBy({ name });
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

  /**
   * The organization and its owner appear together or not at all. With `onlyIfNone` (the first
   * sign-up of an installation that takes no more), it creates nothing and answers false when an
   * organization exists. On MySQL the check and the inserts hold a named lock until commit, so two
   * api replicas answering two first sign-ups at once cannot both win.
   */
  async createWithOwner(
    organization: OrganizationEntity,
    owner: UserEntity,
    options: { onlyIfNone?: boolean } = {},
  ): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    const locking = dialectOf(this.dataSource) === 'mysql' && options.onlyIfNone === true;
    await runner.connect();
    try {
      if (locking) {
        const [row] = (await runner.query(
          "SELECT GET_LOCK('calltimex:first-signup', 10) AS got",
        )) as {
          got: number | string | null;
        }[];
        if (Number(row?.got) !== 1) throw new Error('could not take the first-signup lock');
      }
      if (options.onlyIfNone && (await runner.manager.count(OrganizationEntity, { take: 1 })) > 0) {
        return false;
      }
      await runner.startTransaction();
      try {
        await runner.manager.insert(OrganizationEntity, organization);
        await runner.manager.insert(UserEntity, owner);
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
      return true;
    } finally {
      if (locking) await runner.query("SELECT RELEASE_LOCK('calltimex:first-signup')");
      await runner.release();
    }
  }

  async update(
    id: string,
    changes: Partial<Pick<OrganizationEntity, 'name' | 'defaultTimeZone' | 'locale'>>,
  ): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    await this.dataSource.getRepository(OrganizationEntity).update({ id }, changes);
  }
}
