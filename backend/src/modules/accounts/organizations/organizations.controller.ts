import { Body, Controller, Get, Inject, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { OrganizationDto, UpdateOrganizationDto } from './organization.dto.js';
import { OrganizationsService } from './organizations.service.js';

/** Only the caller's own organization is addressable; there is no id to guess. */
@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations/current')
export class OrganizationsController {
  constructor(@Inject(OrganizationsService) private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOkResponse({ type: OrganizationDto })
  @ApiOperation({ summary: 'The caller’s organization' })
  getCurrentOrganization(@CurrentPrincipal() p: Principal): Promise<OrganizationDto> {
    return this.organizations.getCurrent(p);
  }

  @Patch()
  @RequirePermissions('organization:manage')
  @ApiOkResponse({ type: OrganizationDto })
  @ApiOperation({ summary: 'Change the organization’s settings' })
  updateCurrentOrganization(
    @CurrentPrincipal() p: Principal,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationDto> {
    return this.organizations.updateCurrent(p, dto);
  }
}
