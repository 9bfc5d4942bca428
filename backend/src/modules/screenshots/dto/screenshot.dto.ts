import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { BLUR_LEVELS, type BlurLevel } from '../entities/screenshot.entity.js';

/** ISO 8601 with an offset (Z or ±hh:mm), as every time in the API. */
const WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

export class ScreenshotPolicyDto {
  @ApiProperty() enabled!: boolean;
  @ApiPropertyOptional({
    enum: ['off', 'notice-not-acknowledged', 'notice-does-not-cover-screenshots'],
  })
  reason?: 'off' | 'notice-not-acknowledged' | 'notice-does-not-cover-screenshots';
  @ApiProperty({ minimum: 60, maximum: 86_400 }) intervalSeconds!: number;
  @ApiProperty() randomize!: boolean;
  @ApiProperty({ type: [String] }) excludedApps!: string[];
  @ApiProperty({ type: [String] }) excludedSites!: string[];
  @ApiProperty({ default: 1920 }) maxWidth!: number;
  @ApiProperty({ enum: ['jpeg'] }) format!: 'jpeg';
  @ApiProperty({ minimum: 1, maximum: 100, default: 70 }) quality!: number;
  @ApiPropertyOptional({ description: 'The notice version in force.' }) noticeVersion?: number;
}

/** The text fields of the multipart upload (the file is the part named `image`). */
export class UploadScreenshotFieldsDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the agent; a re-send is a duplicate.' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  @IsString()
  @MaxLength(40)
  @IsISO8601({ strict: true }, { message: 'capturedAt must be an ISO 8601 time' })
  @Matches(WITH_OFFSET, { message: 'capturedAt must carry an offset (Z or ±hh:mm)' })
  capturedAt!: string;
}

/** For the OpenAPI document: the multipart body as a whole. */
export class UploadScreenshotBodyDto extends UploadScreenshotFieldsDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'image/jpeg or image/webp, at most 5 MB',
  })
  image!: unknown;
}

export class ScreenshotUploadResultDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({ description: 'Stored now (201).' }) stored?: boolean;
  @ApiPropertyOptional({ description: 'Stored before: a re-send (200).' }) duplicate?: boolean;
}

export class ScreenshotDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty({ format: 'uuid' }) deviceId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) capturedAt!: string;
  @ApiProperty() width!: number;
  @ApiProperty() height!: number;
  @ApiProperty({ enum: BLUR_LEVELS, description: 'thumbnails: only the thumbnail is kept.' })
  blur!: BlurLevel;
}

export class ScreenshotListDto {
  @ApiProperty({ type: [ScreenshotDto] }) items!: ScreenshotDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page.' })
  nextCursor!: string | null;
}

export class OwnScreenshotsQueryDto {
  @ApiProperty({ type: String, format: 'date-time' })
  @IsString()
  @MaxLength(40)
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 time or day' })
  from!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  @IsString()
  @MaxLength(40)
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 time or day' })
  to!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 200;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor is not one this server gave' })
  cursor?: string;
}

export class ScreenshotsQueryDto extends OwnScreenshotsQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'employeeId must be a UUID' })
  employeeId!: string;
}
