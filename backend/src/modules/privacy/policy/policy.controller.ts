import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import {
  AcceptPolicyDto,
  CurrentPolicyDto,
  PolicyAcceptanceDto,
  PolicyVersionListDto,
  PublishedPolicyVersionDto,
  PublishPolicyVersionDto,
} from '../dto/policy.dto.js';
import { PolicyService } from './policy.service.js';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy/policy')
export class PolicyController {
  constructor(@Inject(PolicyService) private readonly policy: PolicyService) {}

  @Post('versions')
  @RequirePermissions('organization:manage')
  @ApiOperation({
    summary: 'Publish a privacy-policy version; mails every user of the organization',
  })
  @ApiCreatedResponse({ type: PublishedPolicyVersionDto })
  @ApiBadRequestResponse({ description: 'effectiveAt is less than 30 days after publication.' })
  publishPolicyVersion(
    @CurrentPrincipal() p: Principal,
    @Body() dto: PublishPolicyVersionDto,
  ): Promise<PublishedPolicyVersionDto> {
    return this.policy.publish(p, dto);
  }

  @Get('versions')
  @RequirePermissions('privacy:self')
  @ApiOperation({ summary: 'All published versions, newest first' })
  @ApiOkResponse({ type: PolicyVersionListDto })
  listPolicyVersions(@CurrentPrincipal() p: Principal): Promise<PolicyVersionListDto> {
    return this.policy.list(p);
  }

  @Get('current')
  @RequirePermissions('privacy:self')
  @ApiOperation({ summary: 'The version in force, whether I accepted it, and any upcoming one' })
  @ApiOkResponse({ type: CurrentPolicyDto })
  @ApiNotFoundResponse({ description: 'No version in force yet.' })
  getCurrentPolicy(@CurrentPrincipal() p: Principal): Promise<CurrentPolicyDto> {
    return this.policy.current(p);
  }

  @Post('acceptances')
  @RequirePermissions('privacy:self')
  @ApiOperation({ summary: 'Record that I accept a policy version' })
  @ApiCreatedResponse({ type: PolicyAcceptanceDto })
  acceptPolicy(
    @CurrentPrincipal() p: Principal,
    @Body() dto: AcceptPolicyDto,
  ): Promise<PolicyAcceptanceDto> {
    return this.policy.accept(p, dto.version);
  }
}
