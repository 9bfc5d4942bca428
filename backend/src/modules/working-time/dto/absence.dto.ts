import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Trim } from '#src/modules/accounts/dto/validators.js';
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

  @ApiPropertyOptional({ maxLength: 1000, example: 'Family trip' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000, { message: 'note must be at most 1000 characters' })
  note?: string;
}

export const DEFAULT_ABSENCE_LIMIT = 1000;
export const MAX_ABSENCE_LIMIT = 5000;

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

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this employee.' })
  @IsOptional()
  @IsUUID('all', { message: 'employeeId must be a UUID' })
  employeeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this team’s employees.' })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a UUID' })
  teamId?: string;

  @ApiPropertyOptional({ enum: ABSENCE_STATUSES })
  @IsOptional()
  @IsIn(ABSENCE_STATUSES)
  status?: AbsenceStatus;

  @ApiPropertyOptional({ enum: ABSENCE_KINDS })
  @IsOptional()
  @IsIn(ABSENCE_KINDS)
  kind?: AbsenceKind;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_ABSENCE_LIMIT,
    default: DEFAULT_ABSENCE_LIMIT,
    description: 'Absences per page.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ABSENCE_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 200, description: 'nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class AbsenceDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  employeeId!: string;

  @ApiProperty({ example: 'Eve Employee', description: 'The employee’s full name.' })
  employeeName!: string;

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

  @ApiProperty({ example: '2026-06-01T08:00:00.000Z', description: 'When it was filed.' })
  createdAt!: string;
}

export class AbsenceListDto {
  @ApiProperty({
    type: [AbsenceDto],
    description: 'Sorted by first day, then employee; each overlaps from–to when given.',
  })
  items!: AbsenceDto[];

  @ApiPropertyOptional({ description: 'Present when more absences match: pass it as cursor.' })
  nextCursor?: string;
}

export class AbsenceBalanceQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Default: the caller’s own employee record.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'employeeId must be a UUID' })
  employeeId?: string;

  @ApiPropertyOptional({
    minimum: 1970,
    maximum: 9999,
    example: 2026,
    description: 'Default: the current year in the employee’s time zone.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(1970)
  @Max(9999)
  year?: number;
}

export class AbsenceBalanceDto {
  @ApiProperty({ format: 'uuid' })
  employeeId!: string;

  @ApiProperty({ example: 2026 })
  year!: number;

  @ApiProperty({
    example: 25,
    description: 'Vacation days a year: the employee’s own, else the organization’s.',
  })
  allowanceDays!: number;

  @ApiProperty({
    example: 10,
    description: 'Working days in the year covered by approved vacations.',
  })
  approvedDays!: number;

  @ApiProperty({
    example: 3,
    description: 'Working days in the year covered by vacations still awaiting a decision.',
  })
  requestedDays!: number;

  @ApiProperty({
    example: 12,
    description:
      'allowanceDays − approvedDays − requestedDays; negative when more was filed than allowed.',
  })
  remainingDays!: number;
}
