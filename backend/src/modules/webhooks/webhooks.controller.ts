import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { DOMAIN_EVENT_NAMES } from '#src/common/events/domain-event-map.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import {
  CreateWebhookDto,
  DeliveryDetailDto,
  DeliveryDto,
  DeliveryListQueryDto,
  DeliveryPageDto,
  DeliveryParamDto,
  UpdateWebhookDto,
  WebhookDto,
  WebhookEventTypesDto,
  WebhookListDto,
  WebhookWithSecretDto,
} from './dto/webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
@RequirePermissions('organization:manage')
export class WebhooksController {
  constructor(@Inject(WebhooksService) private readonly webhooks: WebhooksService) {}

  @Get('event-types')
  @ApiOkResponse({ type: WebhookEventTypesDto })
  @ApiOperation({ summary: 'Events a webhook can subscribe to' })
  listWebhookEventTypes(): WebhookEventTypesDto {
    return { items: [...DOMAIN_EVENT_NAMES] };
  }

  @Get()
  @ApiOkResponse({ type: WebhookListDto })
  @ApiOperation({ summary: 'List webhooks' })
  async listWebhooks(@CurrentPrincipal() p: Principal): Promise<WebhookListDto> {
    return { items: await this.webhooks.list(p) };
  }

  @Post()
  @ApiCreatedResponse({ type: WebhookWithSecretDto })
  @ApiOperation({ summary: 'Create a webhook; the answer holds its signing secret, once' })
  createWebhook(
    @CurrentPrincipal() p: Principal,
    @Body() dto: CreateWebhookDto,
  ): Promise<WebhookWithSecretDto> {
    return this.webhooks.create(p, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookDto })
  @ApiOperation({ summary: 'Get a webhook' })
  getWebhook(@CurrentPrincipal() p: Principal, @Param() { id }: UuidParamDto): Promise<WebhookDto> {
    return this.webhooks.get(p, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: WebhookDto })
  @ApiOperation({ summary: 'Change a webhook’s URL, events, description or active flag' })
  updateWebhook(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookDto> {
    return this.webhooks.update(p, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook and its delivery log' })
  deleteWebhook(@CurrentPrincipal() p: Principal, @Param() { id }: UuidParamDto): Promise<void> {
    return this.webhooks.remove(p, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookWithSecretDto })
  @ApiOperation({ summary: 'Replace the signing secret; the answer holds the new one, once' })
  rotateWebhookSecret(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<WebhookWithSecretDto> {
    return this.webhooks.rotateSecret(p, id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: DeliveryDto })
  @ApiOperation({ summary: 'Send a webhook.test event to this webhook' })
  sendWebhookTest(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<DeliveryDto> {
    return this.webhooks.sendTest(p, id);
  }

  @Get(':id/deliveries')
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiOperation({ summary: 'A webhook’s delivery log, newest first' })
  listWebhookDeliveries(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Query() query: DeliveryListQueryDto,
  ): Promise<DeliveryPageDto> {
    return this.webhooks.listDeliveries(p, id, query);
  }

  @Get(':id/deliveries/:deliveryId')
  @ApiOkResponse({ type: DeliveryDetailDto })
  @ApiOperation({ summary: 'One delivery with its body and every attempt' })
  getWebhookDelivery(
    @CurrentPrincipal() p: Principal,
    @Param() { id, deliveryId }: DeliveryParamDto,
  ): Promise<DeliveryDetailDto> {
    return this.webhooks.getDelivery(p, id, deliveryId);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: DeliveryDetailDto })
  @ApiOperation({ summary: 'Send a finished (failed or succeeded) delivery again' })
  retryWebhookDelivery(
    @CurrentPrincipal() p: Principal,
    @Param() { id, deliveryId }: DeliveryParamDto,
  ): Promise<DeliveryDetailDto> {
    return this.webhooks.retryDelivery(p, id, deliveryId);
  }
}
