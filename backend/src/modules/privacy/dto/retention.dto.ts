import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const days = (what: string) => ({ minimum: 1, maximum: 3650, description: what });

export class UpdateRetentionSettingsDto {
  @ApiPropertyOptional(days('Raw activity spans (titles, URLs) are deleted after this many days.'))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  rawActivityDays?: number;

  @ApiPropertyOptional(days('Daily totals are deleted after this many days.'))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  dailyTotalsDays?: number;

  @ApiPropertyOptional(days('Export and access-request files are deleted after this many days.'))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  exportFileDays?: number;

  @ApiPropertyOptional(days('Audit entries are deleted after this many days.'))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  auditDays?: number;
}

export class RetentionSettingsDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() rawActivityDays!: number;
  @ApiProperty() dailyTotalsDays!: number;
  @ApiProperty() exportFileDays!: number;
  @ApiProperty() auditDays!: number;
  @ApiPropertyOptional({ description: 'Never changed: the installation defaults apply.' })
  defaults?: boolean;
}

export class OrganizationClosureDto {
  @ApiProperty({ type: String, format: 'date-time' }) closedAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'Everything is deleted after this; reopen before to cancel.',
  })
  purgeAt!: string;
}

/** What the console asks on every page: answered while open too, so no page load sees a 404. */
export class OrganizationClosureStatusDto {
  @ApiProperty({ description: 'True while the organization is closed and waiting to be purged.' })
  closed!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Everything is deleted after this; reopen before to cancel. Null while open.',
  })
  purgeAt!: string | null;
}
