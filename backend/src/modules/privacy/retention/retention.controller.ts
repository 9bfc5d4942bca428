import { Body, Controller, Delete, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import {
  OrganizationClosureDto,
  OrganizationClosureStatusDto,
  RetentionSettingsDto,
  UpdateRetentionSettingsDto,
} from '../dto/retention.dto.js';
import { RetentionService } from './retention.service.js';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy')
export class RetentionController {
  constructor(@Inject(RetentionService) private readonly retention: RetentionService) {}

  @Get('retention')
  @RequirePermissions('privacy:manage')
  @ApiOperation({ summary: 'How long each kind of data is kept' })
  @ApiOkResponse({ type: RetentionSettingsDto })
  getRetentionSettings(@CurrentPrincipal() p: Principal): Promise<RetentionSettingsDto> {
    return this.retention.get(p);
  }

  @Patch('retention')
  @RequirePermissions('organization:manage')
  @ApiOperation({ summary: 'Change retention; the daily purge applies it' })
  @ApiOkResponse({ type: RetentionSettingsDto })
  updateRetentionSettings(
    @CurrentPrincipal() p: Principal,
    @Body() dto: UpdateRetentionSettingsDto,
  ): Promise<RetentionSettingsDto> {
    return this.retention.update(p, dto);
  }

  @Post('organization-closure')
  @RequirePermissions('organization:manage')
  @ApiOperation({
    summary: 'Close the organization (owner): all its data is purged after 30 days',
    description:
      'During the 30 days only owners can sign in (everyone else is signed out at once and gets 403 `organization-closed`), agents, enrollment and invitations get 403 `organization-closed`, and the owner can reopen it.',
  })
  @ApiCreatedResponse({ type: OrganizationClosureDto })
  closeOrganization(@CurrentPrincipal() p: Principal): Promise<OrganizationClosureDto> {
    return this.retention.close(p);
  }

  @Get('organization-closure')
  @RequirePermissions('organization:manage')
  @ApiOperation({ summary: 'Whether the organization is closed, and its purge date if it is' })
  @ApiOkResponse({ type: OrganizationClosureStatusDto })
  getOrganizationClosure(@CurrentPrincipal() p: Principal): Promise<OrganizationClosureStatusDto> {
    return this.retention.getClosure(p);
  }

  @Delete('organization-closure')
  @HttpCode(204)
  @RequirePermissions('organization:manage')
  @ApiOperation({ summary: 'Cancel the closure during the grace period (owner)' })
  @ApiNoContentResponse()
  reopenOrganization(@CurrentPrincipal() p: Principal): Promise<void> {
    return this.retention.reopen(p);
  }
}
