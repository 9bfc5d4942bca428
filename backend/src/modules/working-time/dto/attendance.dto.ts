import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { DAY } from './holiday.dto.js';

export const ATTENDANCE_STATUSES = [
  'present',
  'late',
  'absent',
  'day-off',
  'extra',
  'holiday',
  'absence',
] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const DEFAULT_ATTENDANCE_LIMIT = 1000;
export const MAX_ATTENDANCE_LIMIT = 10_000;
export const DEFAULT_TOTALS_LIMIT = 200;
export const MAX_TOTALS_LIMIT = 1000;

export class AttendanceQueryDto {
  @ApiProperty({ example: '2026-03-01', description: 'First local day (inclusive), YYYY-MM-DD.' })
  @IsString()
  @Matches(DAY, { message: 'from must be a day as YYYY-MM-DD' })
  from!: string;

  @ApiProperty({
    example: '2026-03-31',
    description: 'Last local day (inclusive); at most 366 days after from.',
  })
  @IsString()
  @Matches(DAY, { message: 'to must be a day as YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this team’s employees.' })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a UUID' })
  teamId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this employee.' })
  @IsOptional()
  @IsUUID('all', { message: 'employeeId must be a UUID' })
  employeeId?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_ATTENDANCE_LIMIT,
    default: DEFAULT_ATTENDANCE_LIMIT,
    description: 'Rows per page.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ATTENDANCE_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 200, description: 'nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class AttendanceRowDto {
  @ApiProperty({ format: 'uuid' })
  employeeId!: string;

  @ApiProperty({ example: '2026-03-02', description: 'A local day of the employee.' })
  date!: string;

  @ApiProperty({
    enum: ATTENDANCE_STATUSES,
    description:
      'First match: holiday, approved absence, scheduled without work (absent), late, present, unscheduled with work (extra), day-off.',
  })
  status!: AttendanceStatus;

  @ApiProperty({
    description:
      'Real seconds between the local start and end on that date (a DST change counts); 0 when not scheduled.',
  })
  scheduledSeconds!: number;

  @ApiProperty({ description: 'Active seconds of that local day, exactly as in the summary.' })
  workedSeconds!: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'UTC instant of the first active second of the day.',
  })
  arrivedAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'UTC instant of the end of the last active second of the day.',
  })
  leftAt!: string | null;

  @ApiProperty({
    description: 'arrivedAt − scheduled start, when later than start + lateAfterMinutes; else 0.',
  })
  lateSeconds!: number;

  @ApiProperty({ description: 'Scheduled end − leftAt, when leftAt is earlier; else 0.' })
  earlyLeaveSeconds!: number;

  @ApiProperty({ description: 'max(0, workedSeconds − scheduledSeconds).' })
  overtimeSeconds!: number;
}

export class AttendanceDto {
  @ApiProperty({ example: '2026-03-01' })
  from!: string;

  @ApiProperty({ example: '2026-03-31' })
  to!: string;

  @ApiProperty({ type: [AttendanceRowDto] })
  rows!: AttendanceRowDto[];

  @ApiPropertyOptional({
    description: 'Present when more rows remain: pass it back as cursor for the next page.',
  })
  nextCursor?: string;
}

export class AttendanceTotalsQueryDto extends OmitType(AttendanceQueryDto, ['limit', 'cursor']) {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_TOTALS_LIMIT,
    default: DEFAULT_TOTALS_LIMIT,
    description: 'Employees per page.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TOTALS_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 200, description: 'nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** Sums over one employee's attendance rows of the range. */
export interface AttendanceTotalsFields {
  scheduledSeconds: number;
  workedSeconds: number;
  overtimeSeconds: number;
  balanceSeconds: number;
  daysScheduled: number;
  daysPresent: number;
  daysLate: number;
  daysAbsent: number;
  daysOnLeave: number;
  daysHoliday: number;
  lateSeconds: number;
  earlyLeaveSeconds: number;
}

export class AttendanceTotalsItemDto implements AttendanceTotalsFields {
  @ApiProperty({ format: 'uuid' })
  employeeId!: string;

  @ApiProperty({ example: 'Berta Berlin' })
  fullName!: string;

  @ApiProperty({ description: 'Sum of the rows’ scheduledSeconds.', example: 576000 })
  scheduledSeconds!: number;

  @ApiProperty({ description: 'Sum of the rows’ workedSeconds.', example: 581400 })
  workedSeconds!: number;

  @ApiProperty({
    description:
      'Sum of the rows’ overtimeSeconds (each day’s excess; short days do not reduce it).',
    example: 9000,
  })
  overtimeSeconds!: number;

  @ApiProperty({
    description:
      'workedSeconds − scheduledSeconds: the overtime balance at the end of the range; negative when short.',
    example: 5400,
  })
  balanceSeconds!: number;

  @ApiProperty({ description: 'Rows with status present, late or absent.', example: 20 })
  daysScheduled!: number;

  @ApiProperty({ description: 'Rows with status present or late.', example: 19 })
  daysPresent!: number;

  @ApiProperty({ description: 'Rows with status late.', example: 2 })
  daysLate!: number;

  @ApiProperty({ description: 'Rows with status absent.', example: 1 })
  daysAbsent!: number;

  @ApiProperty({ description: 'Rows with status absence (approved leave).', example: 1 })
  daysOnLeave!: number;

  @ApiProperty({ description: 'Rows with status holiday.', example: 1 })
  daysHoliday!: number;

  @ApiProperty({ description: 'Sum of the rows’ lateSeconds.', example: 1260 })
  lateSeconds!: number;

  @ApiProperty({ description: 'Sum of the rows’ earlyLeaveSeconds.', example: 3600 })
  earlyLeaveSeconds!: number;
}

export class AttendanceTotalsDto {
  @ApiProperty({ example: '2026-03-01' })
  from!: string;

  @ApiProperty({ example: '2026-03-31' })
  to!: string;

  @ApiProperty({ type: [AttendanceTotalsItemDto] })
  items!: AttendanceTotalsItemDto[];

  @ApiPropertyOptional({
    description: 'Present when more employees remain: pass it back as cursor for the next page.',
  })
  nextCursor?: string;
}
