import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import {
  CreatedPrivacyRequestDto,
  CreatePrivacyRequestDto,
  LegalHoldDto,
  LegalHoldResponseDto,
  ListPrivacyRequestsQueryDto,
  PrivacyRequestDto,
  PrivacyRequestPageDto,
  RejectPrivacyRequestDto,
} from '../dto/privacy-request.dto.js';
import { PrivacyRequestsService } from './privacy-requests.service.js';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy')
export class PrivacyRequestsController {
  constructor(@Inject(PrivacyRequestsService) private readonly requests: PrivacyRequestsService) {}

  @Post('requests')
  @RequirePermissions('privacy:self')
  @ApiOperation({
    summary: 'File an access, erasure or rectification request',
    description:
      'HR, admins and owners file for any employee of their organization; anyone else only for themself. Due 30 days after filing.',
  })
  @ApiCreatedResponse({ type: CreatedPrivacyRequestDto })
  @ApiNotFoundResponse({ description: 'No such employee in your scope.' })
  createPrivacyRequest(
    @CurrentPrincipal() p: Principal,
    @Body() dto: CreatePrivacyRequestDto,
  ): Promise<CreatedPrivacyRequestDto> {
    return this.requests.file(p, dto);
  }

  @Get('requests')
  @RequirePermissions('privacy:self')
  @ApiOperation({ summary: 'Requests, newest first, with overdue flags (own ones for employees)' })
  @ApiOkResponse({ type: PrivacyRequestPageDto })
  listPrivacyRequests(
    @CurrentPrincipal() p: Principal,
    @Query() q: ListPrivacyRequestsQueryDto,
  ): Promise<PrivacyRequestPageDto> {
    return this.requests.list(p, q);
  }

  @Get('requests/:id')
  @RequirePermissions('privacy:self')
  @ApiOperation({ summary: 'One request: status, due date, download link, verification' })
  @ApiOkResponse({ type: PrivacyRequestDto })
  @ApiNotFoundResponse()
  getPrivacyRequest(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<PrivacyRequestDto> {
    return this.requests.get(p, id);
  }

  @Get('requests/:id/download')
  @RequirePermissions('privacy:self')
  @ApiOperation({ summary: 'The ZIP of a completed access request (same bearer token)' })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'application/zip' })
  @ApiGoneResponse({ description: 'The link expired.' })
  async downloadPrivacyRequest(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.requests.download(p, id);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(file.stream, {
      type: 'application/zip',
      length: file.size,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }

  @Post('requests/:id/reject')
  @HttpCode(200)
  @RequirePermissions('privacy:manage')
  @ApiOperation({ summary: 'Refuse a pending request, stating why' })
  @ApiOkResponse({ type: PrivacyRequestDto })
  @ApiConflictResponse({ description: 'Not pending.' })
  rejectPrivacyRequest(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() dto: RejectPrivacyRequestDto,
  ): Promise<PrivacyRequestDto> {
    return this.requests.reject(p, id, dto.reason);
  }

  @Post('requests/:id/complete')
  @HttpCode(200)
  @RequirePermissions('privacy:manage')
  @ApiOperation({ summary: 'Mark a rectification request done' })
  @ApiOkResponse({ type: PrivacyRequestDto })
  completePrivacyRequest(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<PrivacyRequestDto> {
    return this.requests.complete(p, id);
  }

  @Put('legal-holds/:id')
  @RequirePermissions('privacy:manage')
  @ApiOperation({ summary: 'Put an employee (id) under legal hold: erasure requests are refused' })
  @ApiOkResponse({ type: LegalHoldResponseDto })
  setLegalHold(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Body() dto: LegalHoldDto,
  ): Promise<LegalHoldResponseDto> {
    return this.requests.setLegalHold(p, id, dto.reason);
  }

  @Get('legal-holds/:id')
  @RequirePermissions('privacy:manage')
  @ApiOperation({ summary: 'The legal hold on an employee (id), if any' })
  @ApiOkResponse({ type: LegalHoldResponseDto })
  getLegalHold(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<LegalHoldResponseDto> {
    return this.requests.getLegalHold(p, id);
  }

  @Delete('legal-holds/:id')
  @HttpCode(204)
  @RequirePermissions('privacy:manage')
  @ApiOperation({ summary: 'Lift the legal hold on an employee (id)' })
  @ApiNoContentResponse()
  clearLegalHold(@CurrentPrincipal() p: Principal, @Param() { id }: UuidParamDto): Promise<void> {
    return this.requests.clearLegalHold(p, id);
  }
}
