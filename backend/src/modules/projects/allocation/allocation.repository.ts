import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { inList } from '#src/database/raw-db.js';
import {
  AllocationOverrideEntity,
  AllocationRuleEntity,
  ProjectSettingsEntity,
} from '../entities/project.entities.js';

const CHUNK = 500;

/** Allocation rules, employees' overrides, and the revision every change of either bumps. */
@Injectable()
export class AllocationRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get rules() {
    return this.dataSource.getRepository(AllocationRuleEntity);
  }
  private get overrides() {
    return this.dataSource.getRepository(AllocationOverrideEntity);
  }

  async revision(organizationId: string): Promise<number> {
    const rows: { revision: number }[] = await this.dataSource.query(
      'SELECT revision FROM project_settings WHERE organizationId = ?',
      [organizationId],
    );
    return rows.length > 0 ? Number(rows[0].revision) : 0;
  }

  /** Runs a change and bumps the organization's allocation revision in one transaction. */
  private async changing<T>(
    organizationId: string,
    work: (m: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      const out = await work(m);
      const settings = m.getRepository(ProjectSettingsEntity);
      const updated = await settings
        .createQueryBuilder()
        .update()
        .set({ revision: () => 'revision + 1' })
        .where('organizationId = :organizationId', { organizationId })
        .execute();
      if (!updated.affected) {
        await settings.insert({
          organizationId,
          defaultHourlyRateCents: 0,
          currency: 'EUR',
          revision: 2,
        });
      }
      return out;
    });
  }

  listRules(organizationId: string): Promise<AllocationRuleEntity[]> {
    return this.rules.find({ where: { organizationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findRule(organizationId: string, id: string): Promise<AllocationRuleEntity | null> {
    return this.rules.findOneBy({ organizationId, id });
  }

  async saveRule(rule: AllocationRuleEntity): Promise<void> {
    await this.changing(rule.organizationId, (m) => m.save(rule));
  }

  async deleteRule(organizationId: string, id: string): Promise<void> {
    await this.changing(organizationId, (m) =>
      m.delete(AllocationRuleEntity, { organizationId, id }),
    );
  }

  async insertOverride(o: AllocationOverrideEntity): Promise<void> {
    await this.changing(o.organizationId, (m) => m.insert(AllocationOverrideEntity, o));
  }

  async deleteOverride(organizationId: string, employeeId: string, id: string): Promise<boolean> {
    return this.changing(organizationId, async (m) => {
      const r = await m.delete(AllocationOverrideEntity, { organizationId, employeeId, id });
      return (r.affected ?? 0) > 0;
    });
  }

  /** Overrides of the employees that touch [fromMs, toMs), oldest first. */
  async overridesOf(
    employeeIds: string[],
    fromMs: number,
    toMs: number,
  ): Promise<AllocationOverrideEntity[]> {
    const out: AllocationOverrideEntity[] = [];
    for (let i = 0; i < employeeIds.length; i += CHUNK) {
      const chunk = employeeIds.slice(i, i + CHUNK);
      const rows: Record<string, unknown>[] = await this.dataSource.query(
        `SELECT id, organizationId, employeeId, startMs, endMs, projectId, taskId, createdBy, createdAt
         FROM project_allocation_overrides WHERE employeeId IN (${inList(chunk.length)}) AND startMs < ? AND endMs > ?
         ORDER BY createdAt, id`,
        [...chunk, toMs, fromMs],
      );
      for (const r of rows)
        out.push(
          Object.assign(new AllocationOverrideEntity(), {
            ...r,
            startMs: Number(r.startMs),
            endMs: Number(r.endMs),
          }),
        );
    }
    return out;
  }

  overridesById(organizationId: string, ids: string[]): Promise<AllocationOverrideEntity[]> {
    return this.overrides.findBy({ organizationId, id: In(ids) });
  }
}
