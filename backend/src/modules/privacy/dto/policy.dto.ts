import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsObject,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LANGUAGES, type Language } from '../entities/notice.entity.js';
import { LocalizedTextsDto } from './notice.dto.js';

export class PublishPolicyVersionDto {
  @ApiProperty({ type: LocalizedTextsDto })
  @IsObject({ message: 'texts must be an object with en, ru or uk' })
  @ValidateNested()
  @Type(() => LocalizedTextsDto)
  texts!: LocalizedTextsDto;

  @ApiProperty({ enum: LANGUAGES, description: 'Prevails when language versions differ.' })
  @IsIn(LANGUAGES)
  authoritativeLanguage!: Language;

  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'At least 30 days after publication (now), else 400.',
  })
  @IsISO8601({ strict: true }, { message: 'effectiveAt must be an ISO 8601 date-time' })
  effectiveAt!: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'What changes, for the announcement mail.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  summary?: string;
}

export class PolicyVersionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: LocalizedTextsDto }) texts!: LocalizedTextsDto;
  @ApiProperty({ enum: LANGUAGES }) authoritativeLanguage!: Language;
  @ApiPropertyOptional() summary?: string;
  @ApiProperty({ type: String, format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) effectiveAt!: string;
  @ApiProperty({ description: 'Its effective date has come.' }) inEffect!: boolean;
}

export class PublishedPolicyVersionDto extends PolicyVersionDto {
  @ApiProperty({ description: 'Announcement mails queued (one per user).' })
  mailsQueued!: number;
}

export class CurrentPolicyDto extends PolicyVersionDto {
  @ApiProperty() acceptedByMe!: boolean;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) acceptedAt?: string;
  @ApiPropertyOptional({
    type: PolicyVersionDto,
    description: 'A published version not yet in force (show a banner).',
  })
  upcoming?: PolicyVersionDto;
}

export class PolicyVersionListDto {
  @ApiProperty({ type: [PolicyVersionDto] }) items!: PolicyVersionDto[];
}

export class AcceptPolicyDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;
}

export class PolicyAcceptanceDto {
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) acceptedAt!: string;
}
