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
