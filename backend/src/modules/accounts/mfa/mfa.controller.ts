import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import { PasskeysService } from './passkeys.service.js';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import {
  MfaCodeDto,
  MfaDisableDto,
  MfaOverviewDto,
  MfaSetupDto,
  MfaStatusDto,
  PasskeyDto,
  PasskeyListDto,
  PasskeyOptionsDto,
  PasskeyRegisterDto,
  RecoveryCodesDto,
} from './mfa.dto.js';
import { AllowPendingMfa } from './mfa-policy.service.js';
import { MfaService } from './mfa.service.js';

/** The caller's own second factor: every role may manage it. */
@ApiTags('me')
@ApiBearerAuth()
@AllowPendingMfa()
@Controller('me/mfa')
export class MfaController {
  constructor(
    @Inject(MfaService) private readonly mfa: MfaService,
    @Inject(PasskeysService) private readonly passkeys: PasskeysService,
  ) {}

  @Get('passkeys')
  @ApiOkResponse({ type: PasskeyListDto })
  @ApiOperation({ summary: 'My passkeys and security keys' })
  async listPasskeys(@CurrentPrincipal() p: Principal): Promise<PasskeyListDto> {
    return { items: await this.passkeys.list(p) };
  }

  @Post('passkeys/options')
  @HttpCode(200)
  @ApiOkResponse({ type: PasskeyOptionsDto })
  @ApiOperation({ summary: 'Start registering a passkey (WebAuthn creation options)' })
  passkeyRegistrationOptions(@CurrentPrincipal() p: Principal): Promise<PasskeyOptionsDto> {
    return this.passkeys.registrationOptions(p);
  }

  @Post('passkeys')
  @ApiCreatedResponse({ type: PasskeyDto })
  @ApiBadRequestResponse({
    description: 'The attestation does not verify, or the challenge is unknown.',
  })
  @ApiOperation({ summary: 'Register a passkey as a second factor' })
  registerPasskey(
    @CurrentPrincipal() p: Principal,
    @Body() dto: PasskeyRegisterDto,
  ): Promise<PasskeyDto> {
    return this.passkeys.register(p, dto);
  }

  @Delete('passkeys/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove one of my passkeys' })
  deletePasskey(@CurrentPrincipal() p: Principal, @Param() { id }: UuidParamDto): Promise<void> {
    return this.passkeys.remove(p, id);
  }

  @Get()
  @ApiOkResponse({ type: MfaOverviewDto })
  @ApiOperation({ summary: 'My second factors and what the policy asks of me' })
  getMfaOverview(@CurrentPrincipal() p: Principal): Promise<MfaOverviewDto> {
    return this.mfa.overview(p);
  }

  @Post('recovery-codes')
  @HttpCode(201)
  @ApiCreatedResponse({ type: RecoveryCodesDto })
  @ApiOperation({ summary: 'New recovery codes (shown once; the old ones stop working)' })
  regenerateRecoveryCodes(@CurrentPrincipal() p: Principal): Promise<RecoveryCodesDto> {
    return this.mfa.regenerateRecoveryCodes(p);
  }

  @Post('setup')
  @ApiCreatedResponse({
    type: MfaSetupDto,
    description: 'A pending seed; the secret is never shown again.',
  })
  @ApiConflictResponse({ description: 'MFA is already enabled.' })
  @ApiOperation({ summary: 'Start setting up a second factor (TOTP secret)' })
  setupMfa(@CurrentPrincipal() p: Principal): Promise<MfaSetupDto> {
    return this.mfa.setup(p);
  }

  @Post('enable')
  @HttpCode(200)
  @ApiOkResponse({ type: MfaStatusDto })
  @ApiBadRequestResponse({ description: 'The code is wrong.' })
  @ApiConflictResponse({ description: 'Already enabled, or setup was not called.' })
  @ApiOperation({ summary: 'Turn on the second factor with a code' })
  enableMfa(@CurrentPrincipal() p: Principal, @Body() dto: MfaCodeDto): Promise<MfaStatusDto> {
    return this.mfa.enable(p, dto.code);
  }

  @Post('disable')
  @HttpCode(200)
  @ApiOkResponse({ type: MfaStatusDto })
  @ApiBadRequestResponse({ description: 'Neither code nor password, or the one given is wrong.' })
  @ApiConflictResponse({ description: 'MFA is not enabled.' })
  @ApiOperation({ summary: 'Turn off the second factor' })
  disableMfa(@CurrentPrincipal() p: Principal, @Body() dto: MfaDisableDto): Promise<MfaStatusDto> {
    return this.mfa.disable(p, dto);
  }
}
