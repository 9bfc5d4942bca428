import { Inject, Injectable } from '@nestjs/common';
import { Between, DataSource } from 'typeorm';
import { HolidayEntity } from './entities/holiday.entity.js';

/** Organization holidays; every query is scoped by organization. */
@Injectable()
export class HolidaysRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(HolidayEntity);
  }

  async insert(holiday: HolidayEntity): Promise<void> {
    await this.repo.insert(holiday);
  }

  findById(organizationId: string, id: string): Promise<HolidayEntity | null> {
    return this.repo.findOneBy({ organizationId, id });
  }

  findByDate(organizationId: string, date: string): Promise<HolidayEntity | null> {
    return this.repo.findOneBy({ organizationId, date });
  }

  /** Holidays with fromDay ≤ date ≤ toDay, by date. */
  between(organizationId: string, fromDay: string, toDay: string): Promise<HolidayEntity[]> {
    return this.repo.find({
      where: { organizationId, date: Between(fromDay, toDay) },
      order: { date: 'ASC' },
    });
  }

  async delete(organizationId: string, id: string): Promise<void> {
    await this.repo.delete({ organizationId, id });
  }
}
