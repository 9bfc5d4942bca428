import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Trim } from '#src/modules/accounts/dto/validators.js';
import { TIMESHEET_PERIODS, type TimesheetPeriod } from '../entities/timesheet-settings.entity.js';
import { DAY, MAX_NOTE, TimeEntryDto } from './time-entry.dto.js';

export const SHEET_STATUSES = ['open', 'submitted', 'approved', 'returned'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];

export class TimesheetQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the caller’s own employee.' })
  @IsOptional()
  @IsUUID('all', { message: 'employeeId must be a UUID' })
  employeeId?: string;

  @ApiPropertyOptional({
    example: '2026-12-02',
    description: 'Any day of the period (week or month); default the employee’s today.',
  })
  @IsOptional()
  @IsString()
  @Matches(DAY, { message: 'day must be a day as YYYY-MM-DD' })
  day?: string;
}

export class SubmitTimesheetDto {
  @ApiProperty({ example: '2026-12-02', description: 'Any day of the period to submit.' })
  @IsString()
  @Matches(DAY, { message: 'day must be a day as YYYY-MM-DD' })
  day!: string;
}

export class ReturnTimesheetDto {
  @ApiProperty({ maxLength: MAX_NOTE, description: 'What to correct; shown to the employee.' })
  @Trim()
  @IsString()
  @MinLength(1, { message: 'comment must say what to correct' })
  @MaxLength(MAX_NOTE, { message: `comment must be at most ${MAX_NOTE} characters` })
  comment!: string;
}

export class TimesheetCellDto {
  @ApiProperty() day!: string;
  @ApiProperty({ description: 'Tracked active seconds allocated to this row.' })
  trackedSeconds!: number;
  @ApiProperty({ description: 'Manual seconds that count (approved, or trusted).' })
  manualSeconds!: number;
  @ApiProperty({ description: 'Manual seconds waiting for approval.' })
  pendingSeconds!: number;
}

export class TimesheetRowDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: unallocated.' })
  projectId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) taskId!: string | null;
  @ApiProperty({ type: [TimesheetCellDto] }) cells!: TimesheetCellDto[];
  @ApiProperty() trackedSeconds!: number;
  @ApiProperty() manualSeconds!: number;
  @ApiProperty() pendingSeconds!: number;
}

export class TimesheetDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null while open.' })
  id!: string | null;
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty() employeeName!: string;
  @ApiProperty({ enum: TIMESHEET_PERIODS }) period!: TimesheetPeriod;
  @ApiProperty({ example: '2026-11-30' }) periodStart!: string;
  @ApiProperty({ example: '2026-12-06' }) periodEnd!: string;
  @ApiProperty({ enum: SHEET_STATUSES }) status!: SheetStatus;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ type: [String] }) days!: string[];
  @ApiProperty({ type: [TimesheetRowDto] }) rows!: TimesheetRowDto[];
  @ApiProperty({ type: [TimeEntryDto] }) entries!: TimeEntryDto[];
  @ApiProperty() trackedSeconds!: number;
  @ApiProperty() manualSeconds!: number;
  @ApiProperty() pendingSeconds!: number;
  @ApiProperty({ description: 'Manual entries count without approval in this organization.' })
  trustManualTime!: boolean;
  @ApiProperty({ description: 'The caller may submit it (their own, open or returned).' })
  canSubmit!: boolean;
  @ApiProperty({ description: 'The caller may approve or send it back.' })
  canDecide!: boolean;
}

export class TimesheetSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty() employeeName!: string;
  @ApiProperty() periodStart!: string;
  @ApiProperty() periodEnd!: string;
  @ApiProperty({ enum: SHEET_STATUSES }) status!: SheetStatus;
  @ApiProperty() trackedSeconds!: number;
  @ApiProperty() manualSeconds!: number;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt!: string | null;
}

export class ApprovalInboxDto {
  @ApiProperty({ type: [TimesheetSummaryDto], description: 'Submitted timesheets to decide.' })
  timesheets!: TimesheetSummaryDto[];
  @ApiProperty({ type: [TimeEntryDto], description: 'Pending manual entries to decide.' })
  entries!: TimeEntryDto[];
}

export class TimesheetSettingsDto {
  @ApiProperty({ description: 'Manual entries count at once, without approval.' })
  trustManualTime!: boolean;
  @ApiProperty({ enum: TIMESHEET_PERIODS }) period!: TimesheetPeriod;
}

export class UpdateTimesheetSettingsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  trustManualTime?: boolean;

  @ApiPropertyOptional({ enum: TIMESHEET_PERIODS })
  @IsOptional()
  @IsIn(TIMESHEET_PERIODS)
  period?: TimesheetPeriod;
}
