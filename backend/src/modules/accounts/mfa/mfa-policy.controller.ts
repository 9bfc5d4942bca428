import { Body, Controller, Get, HttpCode, Inject, Post, Put, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UnauthorizedError } from '#src/common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { toUserDto } from '../dto/user.dto.js';
import { LoginResponseDto } from '../auth/auth.dto.js';
import { AuthService } from '../auth/auth.service.js';
import { clientAddressOf } from '../auth/local.strategy.js';
import { deliverTokens, wantsBodyDelivery } from '../auth/session-cookie.js';
import { MfaCompleteDto, MfaPolicyDto, MfaTicketDto, PasskeyOptionsDto } from './mfa.dto.js';
import { PasskeysService } from './passkeys.service.js';
import { MfaPolicyService } from './mfa-policy.service.js';
import { MfaService } from './mfa.service.js';

/** The organization's MFA policy (owner and admin). */
@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations/current/mfa-policy')
export class MfaPolicyController {
  constructor(@Inject(MfaPolicyService) private readonly policy: MfaPolicyService) {}

  @Get()
  @RequirePermissions('organization:manage')
  @ApiOkResponse({ type: MfaPolicyDto })
  @ApiOperation({ summary: 'Roles that must use a second factor' })
  async getMfaPolicy(@CurrentPrincipal() p: Principal): Promise<MfaPolicyDto> {
    return { requiredRoles: await this.policy.requiredRoles(p.organizationId) };
  }

  @Put()
  @RequirePermissions('organization:manage')
  @ApiOkResponse({ type: MfaPolicyDto })
  @ApiOperation({ summary: 'Set the roles that must use a second factor' })
  async setMfaPolicy(
    @CurrentPrincipal() p: Principal,
    @Body() dto: MfaPolicyDto,
  ): Promise<MfaPolicyDto> {
    return {
      requiredRoles: await this.policy.setRequiredRoles(p.organizationId, dto.requiredRoles),
    };
  }
}

/** The second step of a sign-in whose first step (OpenID Connect) did not prove MFA. */
@ApiTags('auth')
@Controller('auth/mfa')
export class MfaSignInController {
  constructor(
    @Inject(MfaPolicyService) private readonly policy: MfaPolicyService,
    @Inject(MfaService) private readonly mfa: MfaService,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PasskeysService) private readonly passkeys: PasskeysService,
  ) {}

  @Public()
  @Post('passkey-options')
  @HttpCode(200)
  @ApiOkResponse({ type: PasskeyOptionsDto })
  @ApiUnauthorizedResponse({ description: 'Bad or expired ticket.' })
  @ApiOperation({ summary: 'WebAuthn request options for the second step of a sign-in' })
  async passkeySignInOptions(@Body() dto: MfaTicketDto): Promise<PasskeyOptionsDto> {
    const user = await this.policy.userOfTicket(dto.ticket);
    return await this.passkeys.authenticationOptions(user);
  }

  @Public()
  @Post('complete')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({
    description:
      'Bad or expired ticket (`unauthorized`), missing or wrong code (`mfa-required`, `mfa-code-invalid`).',
  })
  @ApiOperation({ summary: 'Finish a sign-in with a second factor' })
  async completeMfaSignIn(
    @Body() dto: MfaCompleteDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    const user = await this.policy.userOfTicket(dto.ticket);
    const method = await this.mfa.assertLoginFactor(user, {
      code: dto.mfaCode,
      recoveryCode: dto.recoveryCode,
      passkey: dto.passkey,
    });
    if (!method) throw new UnauthorizedError('This account has no second factor to check.');
    await this.auth.assertOrganizationOpen(user);
    const client = { address: clientAddressOf(req), userAgent: req.header('user-agent') ?? null };
    const tokens = await this.auth.startSession(user, client, method);
    return deliverTokens(
      req,
      res,
      { ...tokens, user: toUserDto(user) },
      this.config.auth.refreshTokenTtlDays,
      wantsBodyDelivery(req) ? 'body' : 'cookie',
    );
  }
}
