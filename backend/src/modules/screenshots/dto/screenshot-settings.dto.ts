import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { BLUR_LEVELS, type BlurLevel } from '../entities/screenshot.entity.js';

export const MIN_INTERVAL = 60;
export const MAX_INTERVAL = 86_400;
const MAX_NAMES = 200;

/** A full set of screenshot settings (the organization's, or a team's override). */
export class ScreenshotSettingsDto {
  @ApiProperty({ description: 'Screenshots are taken (off by default).' }) enabled!: boolean;
  @ApiProperty({ minimum: MIN_INTERVAL, maximum: MAX_INTERVAL }) intervalSeconds!: number;
  @ApiProperty({ description: 'Once at a random moment within each interval.' })
  randomize!: boolean;
  @ApiProperty({
    enum: BLUR_LEVELS,
    description:
      'none: clear images; blurred: only blurred ones are kept; thumbnails: only small thumbnails are kept.',
  })
  blur!: BlurLevel;
  @ApiProperty({ type: [String], description: 'Applications never captured (while in front).' })
  excludedApps!: string[];
  @ApiProperty({ type: [String], description: 'Sites (host names) never captured.' })
  excludedSites!: string[];
  @ApiProperty({
    minimum: 1,
    maximum: 3650,
    description: 'Screenshots are deleted after this many days.',
  })
  retentionDays!: number;
  @ApiProperty({
    minimum: 0,
    maximum: 720,
    description: 'The employee may delete their own capture within this many hours of it.',
  })
  deleteWindowHours!: number;
}

export class TeamScreenshotSettingsDto extends ScreenshotSettingsDto {
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty() teamName!: string;
}

export class ScreenshotSettingsOverviewDto {
  @ApiProperty({ type: ScreenshotSettingsDto }) organization!: ScreenshotSettingsDto;
  @ApiProperty({
    type: [TeamScreenshotSettingsDto],
    description: 'Teams with settings of their own.',
  })
  teams!: TeamScreenshotSettingsDto[];
}

/** PUT body: fields left out keep their current value (for a new team override: the organization's). */
export class UpdateScreenshotSettingsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;

  @ApiPropertyOptional({ minimum: MIN_INTERVAL, maximum: MAX_INTERVAL })
  @IsOptional()
  @IsInt()
  @Min(MIN_INTERVAL)
  @Max(MAX_INTERVAL)
  intervalSeconds?: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() randomize?: boolean;

  @ApiPropertyOptional({ enum: BLUR_LEVELS })
  @IsOptional()
  @IsIn(BLUR_LEVELS)
  blur?: BlurLevel;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_NAMES })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_NAMES)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  excludedApps?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_NAMES })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_NAMES)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(253, { each: true })
  excludedSites?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 3650 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  retentionDays?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 720 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(720)
  deleteWindowHours?: number;
}

export class TeamIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'teamId must be a UUID' })
  teamId!: string;
}
