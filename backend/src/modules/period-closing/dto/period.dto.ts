import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export class MonthParamDto {
  @ApiProperty({ example: '2026-10', description: 'A calendar month, YYYY-MM.' })
  @IsString()
  @Matches(MONTH_PATTERN, { message: 'month must be a month as YYYY-MM' })
  month!: string;
}

export class PeriodListQueryDto {
  @ApiPropertyOptional({
    example: 2026,
    description: 'The year whose twelve months to list; default: this year.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(1970)
  @Max(9999)
  year?: number;
}

export class UnlockPeriodDto {
  @ApiProperty({
    maxLength: 500,
    description: 'Why the period is reopened; kept in the audit log.',
  })
  @IsString({ message: 'reason must be a text' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason!: string;
}

export const PERIOD_STATES = ['open', 'locked', 'current', 'future'] as const;

export class PeriodDto {
  @ApiProperty({ example: '2026-10' })
  month!: string;

  @ApiProperty({ example: '2026-10-01' })
  from!: string;

  @ApiProperty({ example: '2026-10-31' })
  to!: string;

  @ApiProperty({
    enum: PERIOD_STATES,
    description:
      'locked: figures frozen; open: ended and can be locked; current: not ended yet everywhere; future.',
  })
  state!: (typeof PERIOD_STATES)[number];

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' })
  lockedAt!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  lockedByUserId!: string | null;
}

export class PeriodListDto {
  @ApiProperty({ type: [PeriodDto] })
  items!: PeriodDto[];
}
