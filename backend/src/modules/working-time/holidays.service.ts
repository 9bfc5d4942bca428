import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal.js';
import {
  ConflictError,
  NotFoundError,
  ValidationFailedError,
} from '../../common/errors/domain-error.js';
import { isUniqueViolation } from '../accounts/sql.js';
import { isValidDay } from '../activity/counting/time-zone.js';
import type { CreateHolidayDto, HolidayDto } from './dto/holiday.dto.js';
import { HolidayEntity } from './entities/holiday.entity.js';
import { HolidaysRepository } from './holidays.repository.js';

function toHolidayDto(h: HolidayEntity): HolidayDto {
  return { id: h.id, date: h.date, name: h.name };
}

function dateTaken(date: string): ConflictError {
  return new ConflictError(`A holiday on ${date} already exists.`, 'holiday-date-taken');
}

/** Organization-wide non-working days. */
@Injectable()
export class HolidaysService {
  constructor(@Inject(HolidaysRepository) private readonly repo: HolidaysRepository) {}

  async create(p: Principal, dto: CreateHolidayDto): Promise<HolidayDto> {
    if (!isValidDay(dto.date)) {
      throw new ValidationFailedError([{ path: 'date', message: 'date is not a calendar day' }]);
    }
    if (await this.repo.findByDate(p.organizationId, dto.date)) throw dateTaken(dto.date);
    const holiday = Object.assign(new HolidayEntity(), {
      id: randomUUID(),
      organizationId: p.organizationId,
      date: dto.date,
      name: dto.name,
      createdAt: new Date(),
    });
    try {
      await this.repo.insert(holiday);
    } catch (error) {
      if (isUniqueViolation(error)) throw dateTaken(dto.date);
      throw error;
    }
    return toHolidayDto(holiday);
  }

  async list(p: Principal, year?: number): Promise<HolidayDto[]> {
    const from = year === undefined ? '0000-01-01' : `${String(year).padStart(4, '0')}-01-01`;
    const to = year === undefined ? '9999-12-31' : `${String(year).padStart(4, '0')}-12-31`;
    return (await this.repo.between(p.organizationId, from, to)).map(toHolidayDto);
  }

  async delete(p: Principal, id: string): Promise<void> {
    const holiday = await this.repo.findById(p.organizationId, id);
    if (!holiday) throw new NotFoundError('Holiday');
    await this.repo.delete(p.organizationId, id);
  }

  /** Holiday dates within [fromDay, toDay] (for attendance). */
  async datesBetween(organizationId: string, fromDay: string, toDay: string): Promise<Set<string>> {
    return new Set((await this.repo.between(organizationId, fromDay, toDay)).map((h) => h.date));
  }
}
