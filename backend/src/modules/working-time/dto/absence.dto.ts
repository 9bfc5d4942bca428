import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Trim } from '../../accounts/dto/validators.js';
import {
  ABSENCE_KINDS,
  ABSENCE_STATUSES,
  type AbsenceKind,
  type AbsenceStatus,
} from '../entities/absence.entity.js';
import { DAY } from './holiday.dto.js';

export class CreateAbsenceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'employeeId must be a UUID' })
  employeeId!: string;

  @ApiProperty({ example: '2026-07-06', description: 'First day (inclusive), YYYY-MM-DD.' })
  @IsString()
  @Matches(DAY, { message: 'from must be a day as YYYY-MM-DD' })
  from!: string;

  @ApiProperty({
    example: '2026-07-17',
    description: 'Last day (inclusive), not before from, at most 366 days in all.',
  })
  @IsString()
  @Matches(DAY, { message: 'to must be a day as YYYY-MM-DD' })
  to!: string;

  @ApiProperty({ enum: ABSENCE_KINDS })
  @IsIn(ABSENCE_KINDS)
  kind!: AbsenceKind;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class AbsenceListQueryDto {
  @ApiPropertyOptional({ example: '2026-07-01', description: 'Absences ending on or after it.' })
  @IsOptional()
  @IsString()
  @Matches(DAY, { message: 'from must be a day as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-07-31', description: 'Absences starting on or before it.' })
  @IsOptional()
  @IsString()
  @Matches(DAY, { message: 'to must be a day as YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'employeeId must be a UUID' })
  employeeId?: string;

  @ApiPropertyOptional({ enum: ABSENCE_STATUSES })
  @IsOptional()
  @IsIn(ABSENCE_STATUSES)
  status?: AbsenceStatus;
}

export class AbsenceDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  employeeId!: string;

  @ApiProperty({ example: '2026-07-06' })
  from!: string;

  @ApiProperty({ example: '2026-07-17' })
  to!: string;

  @ApiProperty({ enum: ABSENCE_KINDS })
  kind!: AbsenceKind;

  @ApiProperty({ enum: ABSENCE_STATUSES, description: 'Only approved absences count.' })
  status!: AbsenceStatus;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;
}

export class AbsenceListDto {
  @ApiProperty({ type: [AbsenceDto] })
  items!: AbsenceDto[];
}
