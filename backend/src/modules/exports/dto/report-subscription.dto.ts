import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  EXPORT_FORMATS,
  SUBSCRIPTION_REPORTS,
  type ExportFormat,
  type SubscriptionReport,
} from '../entities/report-export.entity.js';
import { DELIVERIES, type Delivery } from '../entities/report-subscription.entity.js';
import { FREQUENCIES, type Frequency } from '../periods.js';

export class CreateReportSubscriptionDto {
  @ApiProperty({ enum: FREQUENCIES })
  @IsIn(FREQUENCIES, { message: 'frequency must be weekly or monthly' })
  frequency!: Frequency;

  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format?: ExportFormat;

  @ApiPropertyOptional({
    enum: SUBSCRIPTION_REPORTS,
    default: 'summary',
    description: 'The report the mail carries, over the last complete week or month.',
  })
  @IsOptional()
  @IsIn(SUBSCRIPTION_REPORTS, {
    message: `report must be one of ${SUBSCRIPTION_REPORTS.join(', ')}`,
  })
  report?: SubscriptionReport;

  @ApiPropertyOptional({ format: 'uuid', description: 'One team; omitted: every team you may see' })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a UUID' })
  teamId?: string;

  @ApiPropertyOptional({ enum: DELIVERIES, default: 'attachment' })
  @IsOptional()
  @IsIn(DELIVERIES, { message: 'delivery must be attachment or link' })
  delivery?: Delivery;
}

export class ReportSubscriptionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: FREQUENCIES }) frequency!: Frequency;
  @ApiProperty({ enum: EXPORT_FORMATS }) format!: ExportFormat;
  @ApiProperty({ enum: SUBSCRIPTION_REPORTS }) report!: SubscriptionReport;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) teamId!: string | null;
  @ApiProperty({ enum: DELIVERIES }) delivery!: Delivery;
  @ApiProperty({ type: String, nullable: true, description: 'First day of the last period sent' })
  lastPeriodFrom!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class ReportSubscriptionListDto {
  @ApiProperty({ type: [ReportSubscriptionDto] }) items!: ReportSubscriptionDto[];
}
