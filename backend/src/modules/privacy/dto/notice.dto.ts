import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
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
}

export class NoticeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: LocalizedTextsDto }) texts!: LocalizedTextsDto;
  @ApiProperty({ enum: ['draft', 'published'] }) status!: 'draft' | 'published';
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
