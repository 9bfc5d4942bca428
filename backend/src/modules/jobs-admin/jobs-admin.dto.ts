import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { QUEUE_NAMES } from '#src/jobs/job-definitions.js';

export class JobIdParamDto {
  @ApiProperty({ example: 'export-3f1c2a9e-8d4b-4f7a-9a51-0c2d7e6b1a22' })
  @Matches(/^[A-Za-z0-9._-]{1,120}$/, { message: 'id must be a job id' })
  id!: string;
}

export class FailedJobsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}

export class FailedJobDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: QUEUE_NAMES }) queue!: string;
  @ApiProperty({ example: 'export.run' }) name!: string;
  @ApiProperty() failedReason!: string;
  @ApiProperty() attemptsMade!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt!: string | null;
  @ApiProperty({
    description: 'The ids the job carried',
    type: 'object',
    additionalProperties: true,
  })
  data!: Record<string, unknown>;
}

export class FailedJobListDto {
  @ApiProperty({ type: [FailedJobDto] }) items!: FailedJobDto[];
}

export class RetriedJobDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['waiting'] }) status!: 'waiting';
}
