import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull, Trim } from '#src/modules/accounts/dto/validators.js';

export const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const WALL_TIME_MESSAGE = 'must be a local time as HH:MM (00:00–23:59)';

export class WorkScheduleDayDto {
  @ApiProperty({ minimum: 1, maximum: 7, example: 1, description: 'ISO weekday: 1 = Monday.' })
  @IsInt({ message: 'weekday must be an integer from 1 (Monday) to 7 (Sunday)' })
  @Min(1, { message: 'weekday must be an integer from 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'weekday must be an integer from 1 (Monday) to 7 (Sunday)' })
  weekday!: number;

  @ApiProperty({ example: '09:00', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' })
  @IsString()
  @Matches(WALL_TIME, { message: `start ${WALL_TIME_MESSAGE}` })
  start!: string;

  @ApiProperty({
    example: '18:00',
    pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
    description: 'Later than start (night shifts are not supported yet).',
  })
  @IsString()
  @Matches(WALL_TIME, { message: `end ${WALL_TIME_MESSAGE}` })
  end!: string;
}

export class CreateWorkScheduleDto {
  @ApiProperty({ maxLength: 200, example: 'Office hours' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    type: [WorkScheduleDayDto],
    maxItems: 7,
    description: 'At most one entry per weekday; a weekday not listed is a day off.',
  })
  @IsArray()
  @ArrayMaxSize(7)
  @ValidateNested({ each: true })
  @Type(() => WorkScheduleDayDto)
  days!: WorkScheduleDayDto[];

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 720,
    default: 0,
    description: 'Grace in minutes before an arrival counts as late.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(720)
  lateAfterMinutes?: number;

  @ApiPropertyOptional({
    description:
      "Makes it the organization's default schedule (the previous default stops being one).",
  })
  @IsOptional()
  @IsBoolean()
  default?: boolean;
}

export class UpdateWorkScheduleDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: [WorkScheduleDayDto], maxItems: 7 })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(7)
  @ValidateNested({ each: true })
  @Type(() => WorkScheduleDayDto)
  days?: WorkScheduleDayDto[];

  @ApiPropertyOptional({ minimum: 0, maximum: 720 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(720)
  lateAfterMinutes?: number;

  @ApiPropertyOptional({
    description: 'true makes it the default; false leaves the organization without a default.',
  })
  @OptionalNotNull()
  @IsBoolean()
  default?: boolean;
}

export class WorkScheduleDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: [WorkScheduleDayDto] })
  days!: WorkScheduleDayDto[];

  @ApiProperty({ minimum: 0, maximum: 720 })
  lateAfterMinutes!: number;

  @ApiProperty({ description: "The organization's default schedule." })
  default!: boolean;
}

export class WorkScheduleListDto {
  @ApiProperty({ type: [WorkScheduleDto] })
  items!: WorkScheduleDto[];
}
