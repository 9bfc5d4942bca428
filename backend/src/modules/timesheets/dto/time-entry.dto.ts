import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Trim } from '#src/modules/accounts/dto/validators.js';
import {
  TIME_ENTRY_KINDS,
  TIME_ENTRY_STATUSES,
  type TimeEntryKind,
  type TimeEntryStatus,
} from '../entities/time-entry.entity.js';

export const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** An instant with its offset: a bare local time would be guessed in the server's zone. */
export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i;
export const MAX_NOTE = 1000;

export class CreateTimeEntryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Whose time; the caller’s own employee when left out.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'employeeId must be a UUID' })
  employeeId?: string;

  @ApiProperty({ example: '2026-11-30T09:00:00+01:00', description: 'ISO 8601 with offset.' })
  @IsString()
  @IsISO8601({ strict: true }, { message: 'start must be an ISO 8601 instant' })
  @Matches(INSTANT, { message: 'start must be an ISO 8601 instant with an offset' })
  start!: string;

  @ApiProperty({
    example: '2026-11-30T10:30:00+01:00',
    description: 'After start, at most 24 hours later, not in the future.',
  })
  @IsString()
  @IsISO8601({ strict: true }, { message: 'end must be an ISO 8601 instant' })
  @Matches(INSTANT, { message: 'end must be an ISO 8601 instant with an offset' })
  end!: string;

  @ApiProperty({ enum: TIME_ENTRY_KINDS, description: 'work, or what an idle stretch was.' })
  @IsIn(TIME_ENTRY_KINDS)
  kind!: TimeEntryKind;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'projectId must be a UUID' })
  projectId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Needs a projectId.' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'taskId must be a UUID' })
  taskId?: string | null;

  @ApiPropertyOptional({ maxLength: MAX_NOTE, example: 'Planning with the client' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(MAX_NOTE, { message: `note must be at most ${MAX_NOTE} characters` })
  note?: string;
}

export class UpdateTimeEntryDto {
  @ApiPropertyOptional({ example: '2026-11-30T09:00:00+01:00' })
  @IsOptional()
  @IsString()
  @IsISO8601({ strict: true }, { message: 'start must be an ISO 8601 instant' })
  @Matches(INSTANT, { message: 'start must be an ISO 8601 instant with an offset' })
  start?: string;

  @ApiPropertyOptional({ example: '2026-11-30T10:30:00+01:00' })
  @IsOptional()
  @IsString()
  @IsISO8601({ strict: true }, { message: 'end must be an ISO 8601 instant' })
  @Matches(INSTANT, { message: 'end must be an ISO 8601 instant with an offset' })
  end?: string;

  @ApiPropertyOptional({ enum: TIME_ENTRY_KINDS })
  @IsOptional()
  @IsIn(TIME_ENTRY_KINDS)
  kind?: TimeEntryKind;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null: no project.' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'projectId must be a UUID' })
  projectId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'taskId must be a UUID' })
  taskId?: string | null;

  @ApiPropertyOptional({ maxLength: MAX_NOTE })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(MAX_NOTE, { message: `note must be at most ${MAX_NOTE} characters` })
  note?: string;

  @ApiPropertyOptional({
    maxLength: 500,
    description: 'Why it changed; kept in the audit log.',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason?: string;
}

export class DecisionDto {
  @ApiPropertyOptional({ maxLength: MAX_NOTE, description: 'Why; shown to the employee.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(MAX_NOTE, { message: `comment must be at most ${MAX_NOTE} characters` })
  comment?: string;
}

export class TimeEntryListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the caller’s own employee.' })
  @IsOptional()
  @IsUUID('all', { message: 'employeeId must be a UUID' })
  employeeId?: string;

  @ApiProperty({ example: '2026-11-30', description: 'First local day, inclusive.' })
  @IsString()
  @Matches(DAY, { message: 'from must be a day as YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-12-06', description: 'Last local day, inclusive (≤ 62 days).' })
  @IsString()
  @Matches(DAY, { message: 'to must be a day as YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ enum: TIME_ENTRY_STATUSES })
  @IsOptional()
  @IsIn(TIME_ENTRY_STATUSES)
  status?: TimeEntryStatus;
}

export class TimeEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty() employeeName!: string;
  @ApiProperty({ example: '2026-11-30T08:00:00.000Z' }) start!: string;
  @ApiProperty({ example: '2026-11-30T09:30:00.000Z' }) end!: string;
  @ApiProperty({ description: 'The employee’s local day it starts on.' }) day!: string;
  @ApiProperty() seconds!: number;
  @ApiProperty({ enum: TIME_ENTRY_KINDS }) kind!: TimeEntryKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) projectId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) taskId!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ enum: TIME_ENTRY_STATUSES }) status!: TimeEntryStatus;
  @ApiProperty({ nullable: true, type: String }) decisionComment!: string | null;
  @ApiProperty({ format: 'uuid' }) createdByUserId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) updatedByUserId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedByUserId!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class TimeEntryListDto {
  @ApiProperty({ type: [TimeEntryDto] }) items!: TimeEntryDto[];
}
