import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEMO_MAX_EMPLOYEES = 200;
export const DEMO_MAX_DAYS = 92;

export class LoadDemoDto {
  @ApiPropertyOptional({ minimum: 1, maximum: DEMO_MAX_EMPLOYEES, default: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(DEMO_MAX_EMPLOYEES)
  employees?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: DEMO_MAX_DAYS, default: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(DEMO_MAX_DAYS)
  days?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 2147483647,
    description: 'The generator seed: the same seed gives the same people and activity.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  seed?: number;
}

export class DemoCountsDto {
  @ApiProperty() teams!: number;
  @ApiProperty() employees!: number;
  @ApiProperty() rules!: number;
}

export class DemoProgressDto {
  @ApiProperty({ description: 'Employees loaded (or removed) so far.' }) done!: number;
  @ApiProperty() total!: number;
}

export class DemoStatusDto {
  @ApiProperty({
    enum: ['none', 'loading', 'loaded', 'failed', 'removing'],
    description: '`none`: no demo data in the organization.',
  })
  state!: 'none' | 'loading' | 'loaded' | 'failed' | 'removing';

  @ApiProperty({
    description:
      'Whether the console may load demo data here: embedded mode, or ALLOW_DEMO_DATA=true, and an organization with no employees yet.',
  })
  canLoad!: boolean;

  @ApiProperty({
    description: 'Why demo data cannot be loaded now, when canLoad is false.',
    nullable: true,
    type: String,
  })
  reason!: string | null;

  @ApiProperty({ type: DemoCountsDto })
  counts!: DemoCountsDto;

  @ApiProperty({ type: DemoProgressDto, nullable: true })
  progress!: DemoProgressDto | null;

  @ApiProperty({ nullable: true, type: Number }) seed!: number | null;
  @ApiProperty({ nullable: true, type: Number }) days!: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why loading failed.' })
  error!: string | null;
}
