import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export const IMPORT_MAX_ROWS = 5000;
/** The route's body limit (configure-app.ts) is a little larger: the JSON escaping of the text. */
export const IMPORT_MAX_CSV_CHARS = 2_000_000;

export const IMPORT_ROW_STATUSES = ['created', 'updated', 'unchanged', 'error'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

export class ImportEmployeesDto {
  @ApiProperty({
    maxLength: IMPORT_MAX_CSV_CHARS,
    description:
      'CSV text with a header row: name, email, team, timezone, manager_email (only name and ' +
      'email are required; empty cells keep what an existing employee has). At most 5,000 rows.',
    example: 'name,email,team,timezone,manager_email\nGrace Hopper,grace@example.com,Navy,UTC,',
  })
  @IsString()
  @MaxLength(IMPORT_MAX_CSV_CHARS)
  csv!: string;

  @ApiPropertyOptional({ default: false, description: 'Only check and preview; change nothing.' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportRowErrorDto {
  @ApiProperty({ example: 'email', description: 'The column at fault, or `row`.' })
  field!: string;

  @ApiProperty({ example: 'email must be an email address' })
  message!: string;
}

export class ImportRowResultDto {
  @ApiProperty({ description: 'Data row number, 1 for the first row after the header.' })
  row!: number;

  @ApiProperty({ description: 'Line in the file where the row starts (the header is line 1).' })
  line!: number;

  @ApiProperty({ enum: IMPORT_ROW_STATUSES })
  status!: ImportRowStatus;

  @ApiProperty()
  fullName!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ type: String, nullable: true })
  team!: string | null;

  @ApiProperty({ type: String, nullable: true })
  timeZone!: string | null;

  @ApiProperty({ type: String, nullable: true })
  managerEmail!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The matched or created employee; null for a new one in a dry run.',
  })
  employeeId!: string | null;

  @ApiProperty({
    type: [String],
    description: 'What an update changes: fullName, team, timeZone, manager.',
  })
  changes!: string[];

  @ApiProperty({ type: [ImportRowErrorDto] })
  errors!: ImportRowErrorDto[];
}

export class EmployeeImportResultDto {
  @ApiProperty()
  dryRun!: boolean;

  @ApiProperty()
  total!: number;

  @ApiProperty()
  created!: number;

  @ApiProperty()
  updated!: number;

  @ApiProperty()
  unchanged!: number;

  @ApiProperty({ description: 'Rows with errors; they are skipped, the others are imported.' })
  failed!: number;

  @ApiProperty({ type: [String], description: 'Teams the import creates (or created).' })
  teamsCreated!: string[];

  @ApiProperty({ type: [ImportRowResultDto] })
  rows!: ImportRowResultDto[];
}
