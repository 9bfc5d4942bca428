import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { DAY } from './catalog.dto.js';

export const GROUP_BY = ['client', 'project', 'task', 'employee'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export class ProjectReportQueryDto {
  @ApiProperty({ example: '2026-11-01' })
  @IsString()
  @Matches(DAY, { message: 'from must be a day as YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-11-30' })
  @IsString()
  @Matches(DAY, { message: 'to must be a day as YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ enum: GROUP_BY, default: 'project' })
  @IsOptional()
  @IsIn(GROUP_BY)
  groupBy?: GroupBy;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a UUID' })
  teamId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'employeeId must be a UUID' })
  employeeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'projectId must be a UUID' })
  projectId?: string;
}

export class ProjectReportRowDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Id of the group; null: unallocated (or no client / task).',
  })
  id!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Tracked active seconds allocated to the group.' }) seconds!: number;
  @ApiProperty() billableSeconds!: number;
  @ApiProperty({ description: 'Billable hours × effective hourly rate.' }) amount!: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'groupBy=project: budget in hours.',
  })
  budgetHours?: number | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'groupBy=project: share of the budget used in the range, %.',
  })
  budgetUsedPercent?: number | null;
}

export class ProjectReportDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ enum: GROUP_BY }) groupBy!: GroupBy;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty() totalSeconds!: number;
  @ApiProperty() unallocatedSeconds!: number;
  @ApiProperty() amount!: number;
  @ApiProperty({ type: [ProjectReportRowDto] }) rows!: ProjectReportRowDto[];
}
