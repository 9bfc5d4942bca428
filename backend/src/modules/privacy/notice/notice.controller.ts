import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Public, RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import { CurrentDevice, DeviceAuthGuard } from '#src/modules/agent/device-auth.guard.js';
import type { DeviceSession } from '#src/modules/agent/devices.repository.js';
import {
  AcknowledgeNoticeDto,
  AgentNoticeDto,
  AgentNoticeQueryDto,
  MissingAcknowledgementsDto,
  NoticeAcknowledgementDto,
  NoticeDraftDto,
  NoticeDto,
  NoticeListDto,
  PublishNoticeDto,
} from '../dto/notice.dto.js';
import { NoticeService } from './notice.service.js';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy/notices')
export class NoticeController {
  constructor(@Inject(NoticeService) private readonly notices: NoticeService) {}

  @Get()
  @RequirePermissions('privacy:manage')
  @ApiOperation({ summary: 'Monitoring notice versions, newest first' })
  @ApiOkResponse({ type: NoticeListDto })
  listNotices(@CurrentPrincipal() p: Principal): Promise<NoticeListDto> {
    return this.notices.list(p);
  }

  @Post()
  @RequirePermissions('organization:manage')
  @ApiOperation({ summary: 'Write a new notice version (a draft until published)' })
  @ApiCreatedResponse({ type: NoticeDto })
  createNotice(@CurrentPrincipal() p: Principal, @Body() dto: NoticeDraftDto): Promise<NoticeDto> {
    return this.notices.createDraft(p, dto.texts, dto.coversScreenshots);
  }

  @Get('current')
  @RequirePermissions('privacy:self')
  @ApiOperation({ summary: 'The published notice in force' })
  @ApiOkResponse({ type: NoticeDto })
  @ApiNotFoundResponse({ description: 'No notice published yet.' })
  getCurrentNotice(@CurrentPrincipal() p: Principal): Promise<NoticeDto> {
    return this.notices.current(p);
  }

  @Get('current/missing-acknowledgements')
  @RequirePermissions('privacy:manage')
  @ApiOperation({ summary: 'Active employees who have not acknowledged the current notice' })
  @ApiOkResponse({ type: MissingAcknowledgementsDto })
  listMissingNoticeAcknowledgements(
    @CurrentPrincipal() p: Principal,
  ): Promise<MissingAcknowledgementsDto> {
    return this.notices.missing(p);
  }

  @Patch(':id')
  @RequirePermissions('organization:manage')
  @ApiOperation({ summary: 'Edit a draft' })
  @ApiOkResponse({ type: NoticeDto })
  @ApiConflictResponse({ description: 'Already published.' })
  updateNotice(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() dto: NoticeDraftDto,
  ): Promise<NoticeDto> {
    return this.notices.updateDraft(p, id, dto.texts, dto.coversScreenshots);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @RequirePermissions('organization:manage')
  @ApiOperation({
    summary: 'Publish a draft: from now on agents must have it acknowledged before uploading',
  })
  @ApiOkResponse({ type: NoticeDto })
  publishNotice(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() dto: PublishNoticeDto,
  ): Promise<NoticeDto> {
    return this.notices.publish(p, id, dto.coversScreenshots);
  }
}

@ApiTags('agent')
@ApiBearerAuth()
@Public()
@UseGuards(DeviceAuthGuard)
@Controller('agent/notice')
export class AgentNoticeController {
  constructor(@Inject(NoticeService) private readonly notices: NoticeService) {}

  @Get()
  @ApiOperation({ summary: 'The monitoring notice to show on this device (bearer = device token)' })
  @ApiOkResponse({ type: AgentNoticeDto })
  @ApiNotFoundResponse({ description: 'The organization has not published a notice.' })
  getAgentNotice(
    @CurrentDevice() device: DeviceSession,
    @Query() q: AgentNoticeQueryDto,
  ): Promise<AgentNoticeDto> {
    return this.notices.forAgent(device, q.language);
  }

  @Post('acknowledgements')
  @ApiOperation({ summary: 'Record that this device’s employee acknowledged a notice version' })
  @ApiCreatedResponse({ type: NoticeAcknowledgementDto })
  @ApiConflictResponse({ description: 'That version is not the current notice.' })
  acknowledgeAgentNotice(
    @CurrentDevice() device: DeviceSession,
    @Body() dto: AcknowledgeNoticeDto,
  ): Promise<NoticeAcknowledgementDto> {
    return this.notices.acknowledge(device, dto);
  }
}
