import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { ALLOCATION_RULE_KINDS, type AllocationRuleKind } from '../entities/project.entities.js';
import { DAY } from './catalog.dto.js';

export class CreateAllocationRuleDto {
  @ApiProperty({
    enum: ALLOCATION_RULE_KINDS,
    description: 'app, site (with subdomains) or title (substring, * = anything).',
  })
  @IsIn(ALLOCATION_RULE_KINDS)
  kind!: AllocationRuleKind;

  @ApiProperty({ maxLength: 255, example: 'PROJ-*' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  pattern!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'projectId must be a UUID' })
  projectId!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: 'taskId must be a UUID' })
  taskId?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'A team’s rule; omitted: the organization’s.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a UUID' })
  teamId?: string | null;
}

export class UpdateAllocationRuleDto {
  @ApiPropertyOptional({ enum: ALLOCATION_RULE_KINDS })
  @IsOptional()
  @IsIn(ALLOCATION_RULE_KINDS)
  kind?: AllocationRuleKind;

  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  pattern?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'projectId must be a UUID' })
  projectId?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: 'taskId must be a UUID' })
  taskId?: string | null;
}

export class AllocationRuleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ALLOCATION_RULE_KINDS }) kind!: AllocationRuleKind;
  @ApiProperty() pattern!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) taskId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) teamId!: string | null;
}

export class AllocationRuleListDto {
  @ApiProperty({ type: [AllocationRuleDto] }) items!: AllocationRuleDto[];
}

export class ListAllocationRulesQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'teamId must be a UUID' })
  teamId?: string;
}

export class DayQueryDto {
  @ApiProperty({ example: '2026-12-03' })
  @IsString()
  @Matches(DAY, { message: 'day must be a day as YYYY-MM-DD' })
  day!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Someone else’s day (in the caller’s scope).',
  })
  @IsOptional()
  @IsUUID('all', { message: 'employeeId must be a UUID' })
  employeeId?: string;
}

export class DayPieceDto {
  @ApiProperty({ example: '2026-12-03T09:00:00.000Z' }) start!: string;
  @ApiProperty({ example: '2026-12-03T10:30:00.000Z' }) end!: string;
  @ApiProperty() seconds!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) projectId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) taskId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) overrideId!: string | null;
}

export class DayAllocationDto {
  @ApiProperty() day!: string;
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty() activeSeconds!: number;
  @ApiProperty() unallocatedSeconds!: number;
  @ApiProperty({ type: [DayPieceDto] }) pieces!: DayPieceDto[];
}

export class OverrideRangeDto {
  @ApiProperty({ example: '2026-12-03T09:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'start must be an ISO 8601 time' })
  start!: string;

  @ApiProperty({ example: '2026-12-03T10:30:00Z' })
  @IsISO8601({ strict: true }, { message: 'end must be an ISO 8601 time' })
  end!: string;
}

export class CreateAllocationOverridesDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'projectId must be a UUID' })
  projectId!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: 'taskId must be a UUID' })
  taskId?: string | null;

  @ApiProperty({
    type: [OverrideRangeDto],
    description: 'Stretches of the caller’s own day (at most 200).',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OverrideRangeDto)
  ranges!: OverrideRangeDto[];
}

export class AllocationOverrideDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() start!: string;
  @ApiProperty() end!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) taskId!: string | null;
}

export class AllocationOverrideListDto {
  @ApiProperty({ type: [AllocationOverrideDto] }) items!: AllocationOverrideDto[];
}
