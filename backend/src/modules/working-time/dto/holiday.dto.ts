import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Trim } from '#src/modules/accounts/dto/validators.js';

export const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateHolidayDto {
  @ApiProperty({ example: '2026-12-25', description: 'YYYY-MM-DD.' })
  @IsString()
  @Matches(DAY, { message: 'date must be a day as YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ maxLength: 200, example: 'Christmas Day' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class HolidayListQueryDto {
  @ApiPropertyOptional({ minimum: 1970, maximum: 9999, example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1970)
  @Max(9999)
  year?: number;
}

export class HolidayDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '2026-12-25' })
  date!: string;

  @ApiProperty()
  name!: string;
}

export class HolidayListDto {
  @ApiProperty({ type: [HolidayDto] })
  items!: HolidayDto[];
}

export const HOLIDAY_LANGUAGES = ['en', 'ru', 'uk'] as const;

export class ImportHolidaysDto {
  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2 country code.' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 code such as DE' })
  country!: string;

  @ApiProperty({ minimum: 1970, maximum: 2100, example: 2026 })
  @IsInt()
  @Min(1970)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({
    example: 'BY',
    description:
      'A region with holidays of its own (a state or province), as the countries list names it.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9]{1,10}$/, { message: 'region must be a region code such as BY' })
  region?: string;

  @ApiPropertyOptional({
    enum: HOLIDAY_LANGUAGES,
    default: 'en',
    description: 'Language of the names.',
  })
  @IsOptional()
  @IsIn(HOLIDAY_LANGUAGES)
  language?: (typeof HOLIDAY_LANGUAGES)[number];
}

export class SkippedHolidayDto {
  @ApiProperty({ example: '2026-12-25' })
  date!: string;

  @ApiProperty({ example: 'Christmas Day' })
  name!: string;
}

export class ImportHolidaysResultDto {
  @ApiProperty({ type: [HolidayDto], description: 'The holidays added to the calendar.' })
  created!: HolidayDto[];

  @ApiProperty({
    type: [SkippedHolidayDto],
    description:
      'Public holidays left out because the calendar already has a holiday on that date.',
  })
  skipped!: SkippedHolidayDto[];
}

export class HolidayCountriesQueryDto {
  @ApiPropertyOptional({ enum: HOLIDAY_LANGUAGES, default: 'en' })
  @IsOptional()
  @IsIn(HOLIDAY_LANGUAGES)
  language?: (typeof HOLIDAY_LANGUAGES)[number];
}

export class HolidayCountryDto {
  @ApiProperty({ example: 'DE' })
  code!: string;

  @ApiProperty({ example: 'Germany' })
  name!: string;

  @ApiProperty({
    type: [String],
    example: ['BW', 'BY'],
    description: 'Regions with holidays of their own.',
  })
  regions!: string[];
}

export class HolidayCountryListDto {
  @ApiProperty({ type: [HolidayCountryDto] })
  items!: HolidayCountryDto[];
}
