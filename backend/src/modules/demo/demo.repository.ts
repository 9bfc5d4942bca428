import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '#src/database/sql.js';
import { DemoDatasetEntity, type DemoState } from './demo-dataset.entity.js';

/** The demo marker rows; the demo's employees, teams and rules belong to their own modules. */
@Injectable()
export class DemoRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get rows() {
    return this.dataSource.getRepository(DemoDatasetEntity);
  }

  find(organizationId: string): Promise<DemoDatasetEntity | null> {
    return this.rows.findOneBy({ organizationId });
  }

  /** False when the organization already has a marker (a concurrent load won). */
  async insert(row: DemoDatasetEntity): Promise<boolean> {
    try {
      await this.rows.insert(row);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async update(organizationId: string, changes: Partial<DemoDatasetEntity>): Promise<void> {
    await this.rows.update({ organizationId }, { ...changes, updatedAt: new Date() });
  }

  /** Moves the marker from one of `from` to `to`; false when it was in another state. */
  async transition(organizationId: string, from: DemoState[], to: DemoState): Promise<boolean> {
    const result = await this.rows
      .createQueryBuilder()
      .update()
      .set({ state: to, updatedAt: new Date(), error: null, progressDone: 0 })
      .where('organizationId = :organizationId AND state IN (:...from)', { organizationId, from })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async delete(organizationId: string): Promise<void> {
    await this.rows.delete({ organizationId });
  }
}
