import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Trim } from '../../accounts/dto/validators.js';

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
