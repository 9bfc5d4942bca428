import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import {
  EXPORT_FORMATS,
  EXPORT_REPORTS,
  EXPORT_STATUSES,
  GENERIC_EXPORT_REPORTS,
  type ExportFormat,
  type ExportReport,
  type ExportStatus,
} from '../entities/report-export.entity.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class ExportFiltersDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this team' })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a UUID' })
  teamId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this employee' })
  @IsOptional()
  @IsUUID('all', { message: 'employeeId must be a UUID' })
  employeeId?: string;
}

export class CreateExportDto {
  @ApiProperty({ enum: GENERIC_EXPORT_REPORTS })
  @IsIn(GENERIC_EXPORT_REPORTS, {
    message: `report must be one of ${GENERIC_EXPORT_REPORTS.join(', ')}`,
  })
  report!: ExportReport;

  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format!: ExportFormat;

  @ApiProperty({ example: '2026-11-01', description: 'First day, inclusive (YYYY-MM-DD)' })
  @Matches(DAY, { message: 'from must be a day (YYYY-MM-DD)' })
  from!: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last day, inclusive (YYYY-MM-DD)' })
  @Matches(DAY, { message: 'to must be a day (YYYY-MM-DD)' })
  to!: string;

  @ApiPropertyOptional({ type: ExportFiltersDto })
  @IsOptional()
  @IsObject({ message: 'filters must be an object' })
  @ValidateNested()
  @Type(() => ExportFiltersDto)
  filters?: ExportFiltersDto;
}

export class ExportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EXPORT_REPORTS }) report!: ExportReport;
  @ApiProperty({ enum: EXPORT_FORMATS }) format!: ExportFormat;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: ExportFiltersDto }) filters!: ExportFiltersDto;
  @ApiProperty({ enum: EXPORT_STATUSES }) status!: ExportStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty() rowCount!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;
  @ApiPropertyOptional({ description: 'Path under /api/v1; needs the same bearer token.' })
  downloadUrl?: string;
  @ApiPropertyOptional({ nullable: true }) error?: string | null;
}

export class ExportListDto {
  @ApiProperty({ type: [ExportDto] }) items!: ExportDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
