import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
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
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { PageQueryDto, UuidParamDto, type Page } from '#src/common/validation/common.dto.js';
import { LoginResponseDto } from '../auth/auth.dto.js';
import { clientAddressOf } from '../auth/local.strategy.js';
import { deliverTokens, wantsBodyDelivery } from '../auth/session-cookie.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import {
  AcceptInvitationDto,
  CreateInvitationDto,
  CreatedInvitationDto,
  InvitationDto,
  InvitationPageDto,
} from './invitation.dto.js';
import { InvitationsService } from './invitations.service.js';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiBearerAuth()
  @Post()
  @RequirePermissions('users:manage')
  @ApiCreatedResponse({ type: CreatedInvitationDto })
  @ApiConflictResponse({ description: 'A user with this email exists.' })
  @ApiOperation({ summary: 'Invite a user by mail' })
  createInvitation(
    @CurrentPrincipal() p: Principal,
    @Body() dto: CreateInvitationDto,
  ): Promise<CreatedInvitationDto> {
    return this.invitations.create(p, dto);
  }

  @ApiBearerAuth()
  @Get()
  @RequirePermissions('users:manage')
  @ApiOkResponse({
    type: InvitationPageDto,
    description: 'Invitations not yet accepted, withdrawn or expired.',
  })
  @ApiOperation({ summary: 'List open invitations' })
  listInvitations(
    @CurrentPrincipal() p: Principal,
    @Query() query: PageQueryDto,
  ): Promise<Page<InvitationDto>> {
    return this.invitations.listOpen(p, query);
  }

  @ApiBearerAuth()
  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('users:manage')
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'Revoke an invitation' })
  revokeInvitation(@CurrentPrincipal() p: Principal, @Param() { id }: UuidParamDto): Promise<void> {
    return this.invitations.revoke(p, id);
  }

  @Public()
  @Post('accept')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto, description: 'Password set; signed in.' })
  @ApiNotFoundResponse({ description: 'Unknown token.' })
  @ApiGoneResponse({ description: 'Expired, withdrawn or already accepted.' })
  @ApiOperation({ summary: 'Accept an invitation and set a password' })
  async acceptInvitation(
    @Body() dto: AcceptInvitationDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    const tokens = await this.invitations.accept(dto, {
      address: clientAddressOf(req),
      userAgent: req.header('user-agent') ?? null,
    });
    // Delivered like login: the console gets the refresh token as an HttpOnly cookie only, so the
    // person who accepted is signed in and stays signed in across a reload.
    const delivery = wantsBodyDelivery(req) ? 'body' : 'cookie';
    return deliverTokens(req, res, tokens, this.config.auth.refreshTokenTtlDays, delivery);
  }
}
