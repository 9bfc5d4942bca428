import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
} from 'class-validator';
import {
  DOMAIN_EVENT_NAMES,
  type SubscribableEventName,
} from '#src/common/events/domain-event-map.js';
import { PageQueryDto } from '#src/common/validation/common.dto.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../entities/webhook-delivery.entity.js';

const URL_OPTIONS = {
  protocols: ['http', 'https'],
  require_protocol: true,
  require_tld: false,
  allow_underscores: true,
};
const URL_MESSAGE = 'url must be an absolute http or https URL';
const EVENTS_MESSAGE = `each event must be one of ${DOMAIN_EVENT_NAMES.join(', ')}`;

export class CreateWebhookDto {
  @ApiProperty({ maxLength: 2048, example: 'https://hr.example.com/hooks/calltimex' })
  @IsString()
  @MaxLength(2048)
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  url!: string;

  @ApiProperty({ enum: DOMAIN_EVENT_NAMES, isArray: true, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1, { message: 'events must list at least one event' })
  @ArrayMaxSize(DOMAIN_EVENT_NAMES.length)
  @ArrayUnique({ message: 'events must not repeat an event' })
  @IsIn(DOMAIN_EVENT_NAMES, { each: true, message: EVENTS_MESSAGE })
  events!: SubscribableEventName[];

  @ApiPropertyOptional({ maxLength: 200, default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ maxLength: 2048 })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  url?: string;

  @ApiPropertyOptional({ enum: DOMAIN_EVENT_NAMES, isArray: true, minItems: 1 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'events must list at least one event' })
  @ArrayMaxSize(DOMAIN_EVENT_NAMES.length)
  @ArrayUnique({ message: 'events must not repeat an event' })
  @IsIn(DOMAIN_EVENT_NAMES, { each: true, message: EVENTS_MESSAGE })
  events?: SubscribableEventName[];

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: DOMAIN_EVENT_NAMES, isArray: true }) events!: string[];
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'Last four characters of the signing secret' }) secretHint!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class WebhookWithSecretDto extends WebhookDto {
  @ApiProperty({
    description:
      'The signing secret (whsec_…). Shown only in this answer: store it in the receiver.',
  })
  secret!: string;
}

export class WebhookListDto {
  @ApiProperty({ type: [WebhookDto] }) items!: WebhookDto[];
}

export class WebhookEventTypesDto {
  @ApiProperty({ enum: DOMAIN_EVENT_NAMES, isArray: true }) items!: string[];
}

export class DeliveryParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'deliveryId must be a UUID' })
  deliveryId!: string;
}

export class DeliveryListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES, { message: `status must be one of ${DELIVERY_STATUSES.join(', ')}` })
  status?: DeliveryStatus;
}

export class DeliveryAttemptDto {
  @ApiProperty() attempt!: number;
  @ApiProperty({ type: String, format: 'date-time' }) attemptedAt!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null: no HTTP answer' })
  statusCode!: number | null;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) webhookId!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() event!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: Number, nullable: true }) lastStatusCode!: number | null;
  @ApiProperty({ type: Number, nullable: true }) lastDurationMs!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'While pending' })
  nextAttemptAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
}

export class DeliveryDetailDto extends DeliveryDto {
  @ApiProperty({ description: 'The JSON body sent' }) payload!: string;
  @ApiProperty({ type: [DeliveryAttemptDto] })
  @Type(() => DeliveryAttemptDto)
  attemptLog!: DeliveryAttemptDto[];
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items!: DeliveryDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
