import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
} from 'class-validator';
import { SPAN_KINDS, type SpanKind } from '#src/modules/activity/entities/activity-span.entity.js';
import {
  URL_MODES,
  type UrlMode,
} from '#src/modules/agent/data-collection/organization-settings.entity.js';
import { MAX_EVENTS_PER_BATCH, MAX_REV } from '../event-validation.js';

// These classes describe the wire format for the OpenAPI document. At run time a batch is checked by
// event-validation.ts instead: one bad event must not fail the batch, and unknown fields inside an
// event are ignored rather than refused.

export class AgentEventDto {
  @ApiProperty({
    format: 'uuid',
    description: '(device, id) is unique: a re-sent event is a duplicate.',
  })
  @IsUUID('all')
  id!: string;

  @ApiProperty({ enum: SPAN_KINDS })
  @IsIn(SPAN_KINDS)
  kind!: SpanKind;

  @ApiProperty({ format: 'date-time', example: '2026-03-10T09:00:00+02:00' })
  @IsISO8601({ strict: true })
  start!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'After start, at most 24 h after it, at most 10 minutes in the future.',
  })
  @IsISO8601({ strict: true })
  end!: string;

  @ApiPropertyOptional({ description: 'Process or application name (active spans).' })
  @IsOptional()
  @IsString()
  app?: string;

  @ApiPropertyOptional({
    description: 'Window title; cut to 1,024 characters; dropped when titles are not collected.',
  })
  @IsOptional()
  @IsString()
  title?: string;

  @ApiPropertyOptional({
    description: 'Browser URL; cut to 2,048 characters; its host name is the site.',
  })
  @IsOptional()
  @IsString()
  url?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_REV,
    default: 0,
    example: 1,
    description:
      'Revision. The agent may send a span before it is final and correct it later (e.g. when idle ' +
      'is decided after the threshold): a higher revision of the same id replaces the stored span; ' +
      'one not higher than the stored revision is a duplicate.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_REV)
  rev?: number;

  @ApiPropertyOptional({
    description:
      'With a rev of 1 or more: the span is retracted (it counts for nothing any more; start and end ' +
      'are still checked).',
  })
  @IsOptional()
  @IsBoolean()
  deleted?: boolean;
}

export class IngestEventsDto {
  @ApiProperty({ type: [AgentEventDto], maxItems: MAX_EVENTS_PER_BATCH })
  @IsArray()
  @ArrayMaxSize(MAX_EVENTS_PER_BATCH)
  events!: AgentEventDto[];
}

export class RejectedEventDto {
  @ApiProperty({ description: 'Position of the event in the batch.' })
  index!: number;

  @ApiProperty()
  reason!: string;
}

export class IngestResultDto {
  @ApiProperty({ description: 'Events stored now.' })
  accepted!: number;

  @ApiProperty({
    description: 'Valid events stored before (or twice in this batch): not new time.',
  })
  duplicates!: number;

  @ApiProperty({
    description: 'Of the accepted events, those that replaced an earlier revision of themselves.',
  })
  revised!: number;

  @ApiProperty({ type: [RejectedEventDto] })
  rejected!: RejectedEventDto[];

  @ApiProperty({ description: 'Valid events whose title, URL or app name was cut to length.' })
  truncated!: number;

  @ApiProperty({
    description:
      'Valid events whose title, URL or app name held control characters: they were removed (a line break becomes a space; tab is kept).',
  })
  sanitized!: number;
}

export class AgentConfigDto {
  @ApiProperty({
    description: 'Whether window titles are collected; if not, the server drops them.',
  })
  collectTitles!: boolean;

  @ApiProperty({ enum: URL_MODES, description: '"host": only the host name of URLs is kept.' })
  urlMode!: UrlMode;
}
