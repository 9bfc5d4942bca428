import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkScheduleEntity, type WorkScheduleDay } from './entities/work-schedule.entity.js';

/** A schedule as the services see it: days parsed. */
export interface WorkSchedule {
  id: string;
  organizationId: string;
  name: string;
  days: WorkScheduleDay[];
  lateAfterMinutes: number;
  isDefault: boolean;
}

function fromRow(row: WorkScheduleEntity): WorkSchedule {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    days: JSON.parse(row.days) as WorkScheduleDay[],
    lateAfterMinutes: Number(row.lateAfterMinutes),
    isDefault: Boolean(row.isDefault),
  };
}

/** Work schedules; every query is scoped by organization. */
@Injectable()
export class WorkSchedulesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(WorkScheduleEntity);
  }

  async list(organizationId: string): Promise<WorkSchedule[]> {
    const rows = await this.repo.find({
      where: { organizationId },
      order: { name: 'ASC', id: 'ASC' },
    });
    return rows.map(fromRow);
  }

  async findById(organizationId: string, id: string): Promise<WorkSchedule | null> {
    const row = await this.repo.findOneBy({ organizationId, id });
    return row ? fromRow(row) : null;
  }

  /** Inserts or updates; a schedule that becomes the default takes that from any other. */
  async save(schedule: WorkSchedule, createdAt?: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (schedule.isDefault) {
        await manager.update(
          WorkScheduleEntity,
          { organizationId: schedule.organizationId, isDefault: true },
          { isDefault: false },
        );
      }
      const values = {
        name: schedule.name,
        days: JSON.stringify(schedule.days),
        lateAfterMinutes: schedule.lateAfterMinutes,
        isDefault: schedule.isDefault,
      };
      if (createdAt) {
        await manager.insert(WorkScheduleEntity, {
          id: schedule.id,
          organizationId: schedule.organizationId,
          createdAt,
          ...values,
        });
      } else {
        await manager.update(
          WorkScheduleEntity,
          { organizationId: schedule.organizationId, id: schedule.id },
          values,
        );
      }
    });
  }

  async delete(organizationId: string, id: string): Promise<void> {
    await this.repo.delete({ organizationId, id });
  }
}
