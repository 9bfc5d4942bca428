import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, LessThan } from 'typeorm';
import { isUniqueViolation } from '#src/database/sql.js';
import { ScreenshotSettingsEntity } from './entities/screenshot-settings.entity.js';
import { ScreenshotEntity } from './entities/screenshot.entity.js';

export const ORGANIZATION_SCOPE = 'organization';

export interface PageCursor {
  capturedAt: Date;
  id: string;
}

/** The only place that speaks TypeORM for screenshots and their settings. */
@Injectable()
export class ScreenshotsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get shots() {
    return this.dataSource.getRepository(ScreenshotEntity);
  }

  private get settings() {
    return this.dataSource.getRepository(ScreenshotSettingsEntity);
  }

  findSettings(organizationId: string, scope: string): Promise<ScreenshotSettingsEntity | null> {
    return this.settings.findOneBy({ organizationId, scope });
  }

  listSettings(organizationId: string): Promise<ScreenshotSettingsEntity[]> {
    return this.settings.findBy({ organizationId });
  }

  async saveSettings(s: ScreenshotSettingsEntity): Promise<void> {
    await this.settings.save(s);
  }

  async deleteSettings(organizationId: string, scope: string): Promise<boolean> {
    return ((await this.settings.delete({ organizationId, scope })).affected ?? 0) > 0;
  }

  findById(organizationId: string, id: string): Promise<ScreenshotEntity | null> {
    return this.shots.findOneBy({ organizationId, id });
  }

  findAnyById(id: string): Promise<ScreenshotEntity | null> {
    return this.shots.findOneBy({ id });
  }

  /** False when the id is taken (a re-send, or another device's capture). */
  async insert(s: ScreenshotEntity): Promise<boolean> {
    try {
      await this.shots.insert(s);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async delete(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return (await this.shots.delete({ id: In(ids) })).affected ?? 0;
  }

  /** One employee's captures in [from, to), oldest first, after the cursor. */
  page(
    organizationId: string,
    employeeId: string,
    from: Date,
    to: Date,
    limit: number,
    after: PageCursor | null,
  ): Promise<ScreenshotEntity[]> {
    const q = this.shots
      .createQueryBuilder('s')
      .where('s.organizationId = :organizationId', { organizationId })
      .andWhere('s.employeeId = :employeeId', { employeeId })
      .andWhere('s.capturedAt >= :from', { from })
      .andWhere('s.capturedAt < :to', { to });
    if (after) {
      q.andWhere(
        new Brackets((b) =>
          b
            .where('s.capturedAt > :at', { at: after.capturedAt })
            .orWhere('(s.capturedAt = :at AND s.id > :id)', { at: after.capturedAt, id: after.id }),
        ),
      );
    }
    return q.orderBy('s.capturedAt', 'ASC').addOrderBy('s.id', 'ASC').take(limit).getMany();
  }

  /** Everything of one person (access requests), oldest first. */
  allOf(organizationId: string, employeeId: string): Promise<ScreenshotEntity[]> {
    return this.shots.find({
      where: { organizationId, employeeId },
      order: { capturedAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * A batch of captures older than the cutoff: of one team (teamId), or of everyone but the teams
   * with their own retention (teamId null).
   */
  async expired(
    organizationId: string,
    cutoff: Date,
    teamId: string | null,
    exceptTeams: string[],
    limit: number,
  ): Promise<ScreenshotEntity[]> {
    if (teamId) {
      return this.shots.find({
        where: { organizationId, teamId, capturedAt: LessThan(cutoff) },
        take: limit,
      });
    }
    const q = this.shots
      .createQueryBuilder('s')
      .where('s.organizationId = :organizationId', { organizationId })
      .andWhere('s.capturedAt < :cutoff', { cutoff });
    if (exceptTeams.length > 0) {
      q.andWhere('(s.teamId IS NULL OR s.teamId NOT IN (:...teams))', { teams: exceptTeams });
    }
    return q.take(limit).getMany();
  }

  async countOf(organizationId: string, employeeId: string): Promise<number> {
    return this.shots.countBy({ organizationId, employeeId });
  }

  async deleteOf(organizationId: string, employeeId: string): Promise<number> {
    return (await this.shots.delete({ organizationId, employeeId })).affected ?? 0;
  }
}
