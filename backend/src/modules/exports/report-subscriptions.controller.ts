import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import {
  CreateReportSubscriptionDto,
  ReportSubscriptionDto,
  ReportSubscriptionListDto,
} from './dto/report-subscription.dto.js';
import { ReportSubscriptionsService } from './report-subscriptions.service.js';

@ApiTags('exports')
@ApiBearerAuth()
@Controller('report-subscriptions')
export class ReportSubscriptionsController {
  constructor(
    @Inject(ReportSubscriptionsService) private readonly subscriptions: ReportSubscriptionsService,
  ) {}

  @Post()
  @RequirePermissions('reports:read')
  @ApiCreatedResponse({ type: ReportSubscriptionDto })
  @ApiOperation({ summary: 'Subscribe to a scheduled report mail' })
  createReportSubscription(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateReportSubscriptionDto,
  ): Promise<ReportSubscriptionDto> {
    return this.subscriptions.create(principal, dto);
  }

  @Get()
  @RequirePermissions('reports:read')
  @ApiOkResponse({ type: ReportSubscriptionListDto })
  @ApiOperation({ summary: 'List report subscriptions' })
  async listReportSubscriptions(
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReportSubscriptionListDto> {
    return { items: await this.subscriptions.list(principal) };
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'Delete a report subscription' })
  deleteReportSubscription(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<void> {
    return this.subscriptions.remove(principal, id);
  }
}
