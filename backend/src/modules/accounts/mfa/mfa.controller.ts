import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../../../common/auth/principal.js';
import { MfaCodeDto, MfaDisableDto, MfaSetupDto, MfaStatusDto } from './mfa.dto.js';
import { MfaService } from './mfa.service.js';

/** The caller's own second factor: every role may manage it. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me/mfa')
export class MfaController {
  constructor(@Inject(MfaService) private readonly mfa: MfaService) {}

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
