import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsObject,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  Max,
  ValidateNested,
} from 'class-validator';
import { LANGUAGES, type Language } from '../entities/notice.entity.js';

export const MAX_TEXT = 20_000;

export class LocalizedTextsDto {
  @ApiPropertyOptional({ maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  en?: string;

  @ApiPropertyOptional({ maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  ru?: string;

  @ApiPropertyOptional({ maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  uk?: string;
}

export class NoticeDraftDto {
  @ApiProperty({
    type: LocalizedTextsDto,
    description: 'The notice per language: what is collected, why, who sees it.',
  })
  @IsObject({ message: 'texts must be an object with en, ru or uk' })
  @ValidateNested()
  @Type(() => LocalizedTextsDto)
  texts!: LocalizedTextsDto;

  @ApiPropertyOptional({
    description:
      'The text says that screenshots are taken (interval, blur, who sees them). Screenshots can be turned on only under a published version that does. Default false.',
  })
  @IsOptional()
  @IsBoolean()
  coversScreenshots?: boolean;
}

export class PublishNoticeDto {
  @ApiPropertyOptional({
    description:
      'Set, at publication, whether this version covers screenshots; left out: as the draft says.',
  })
  @IsOptional()
  @IsBoolean()
  coversScreenshots?: boolean;
}

export class NoticeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: LocalizedTextsDto }) texts!: LocalizedTextsDto;
  @ApiProperty({ enum: ['draft', 'published'] }) status!: 'draft' | 'published';
  @ApiProperty({ description: 'The text covers screenshots (they may be turned on under it).' })
  coversScreenshots!: boolean;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) publishedAt?: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class NoticeListDto {
  @ApiProperty({ type: [NoticeDto] }) items!: NoticeDto[];
  @ApiProperty({ description: 'No notice is published yet: the console asks to publish one.' })
  needsPublishing!: boolean;
}

export class AgentNoticeQueryDto {
  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class AgentNoticeDto {
  @ApiProperty() version!: number;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
  @ApiProperty({ description: 'This device’s employee acknowledged this version.' })
  acknowledged!: boolean;
  @ApiProperty({ description: 'This version covers screenshots.' })
  coversScreenshots!: boolean;
}

export class AcknowledgeNoticeDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;

  @ApiPropertyOptional({ enum: LANGUAGES, description: 'The language the text was shown in.' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class NoticeAcknowledgementDto {
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty({ format: 'uuid' }) deviceId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) acknowledgedAt!: string;
}

export class MissingAcknowledgementDto {
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) teamId!: string | null;
}

export class MissingAcknowledgementsDto {
  @ApiProperty({ type: Number, nullable: true, description: 'null: no notice published.' })
  version!: number | null;
  @ApiProperty({ type: [MissingAcknowledgementDto] }) items!: MissingAcknowledgementDto[];
}
