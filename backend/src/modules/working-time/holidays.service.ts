import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ConflictError,
  NotFoundError,
  ValidationFailedError,
} from '#src/common/errors/domain-error.js';
import { isUniqueViolation } from '#src/database/sql.js';
import { isValidDay } from '../activity/counting/time-zone.js';
import type {
  CreateHolidayDto,
  HolidayCountryDto,
  HolidayDto,
  ImportHolidaysDto,
  ImportHolidaysResultDto,
} from './dto/holiday.dto.js';
import { HolidayEntity } from './entities/holiday.entity.js';
import { HolidaysRepository } from './holidays.repository.js';
import {
  holidayCountries,
  holidayRegions,
  publicHolidays,
  type HolidayLanguage,
} from './public-holidays.js';

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

  /**
   * A year of a country's public holidays into the calendar, in one action. Dates the calendar
   * already has are left as they are and reported, so importing twice adds nothing.
   */
  async importPublic(p: Principal, dto: ImportHolidaysDto): Promise<ImportHolidaysResultDto> {
    const found = publicHolidays(dto.year, dto.country, dto.region, dto.language ?? 'en');
    if (!found) {
      const [path, message] =
        dto.region === undefined
          ? ['country', `No holiday calendar is known for country ${dto.country}.`]
          : [
              'region',
              `Country ${dto.country} has no region ${dto.region} with holidays of its own.`,
            ];
      throw new ValidationFailedError([{ path, message }]);
    }
    const result: ImportHolidaysResultDto = { created: [], skipped: [] };
    for (const { date, name } of found) {
      try {
        result.created.push(await this.create(p, { date, name: name.slice(0, 200) }));
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        result.skipped.push({ date, name });
      }
    }
    return result;
  }

  /** Countries (and their regions) whose public holidays can be imported. */
  countries(language: HolidayLanguage): HolidayCountryDto[] {
    let list = this.countryCache.get(language);
    if (!list) {
      list = holidayCountries(language).map((c) => ({
        ...c,
        regions: holidayRegions(c.code, language),
      }));
      this.countryCache.set(language, list);
    }
    return list;
  }

  private readonly countryCache = new Map<HolidayLanguage, HolidayCountryDto[]>();

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
