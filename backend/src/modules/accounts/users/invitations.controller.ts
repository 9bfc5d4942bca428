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
import type { Request } from 'express';
import { Public, RequirePermissions } from '../../../common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '../../../common/auth/principal.js';
import { PageQueryDto, UuidParamDto, type Page } from '../../../common/validation/common.dto.js';
import { LoginResponseDto } from '../auth/auth.dto.js';
import { clientAddressOf } from '../auth/local.strategy.js';
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
  constructor(@Inject(InvitationsService) private readonly invitations: InvitationsService) {}

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
  acceptInvitation(
    @Body() dto: AcceptInvitationDto,
    @Req() req: Request,
  ): Promise<LoginResponseDto> {
    return this.invitations.accept(dto, {
      address: clientAddressOf(req),
      userAgent: req.header('user-agent') ?? null,
    });
  }
}
