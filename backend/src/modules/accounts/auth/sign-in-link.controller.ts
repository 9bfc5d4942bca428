import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { Public } from '#src/common/auth/permissions.js';
import { LoginResponseDto } from './auth.dto.js';
import { clientAddressOf } from './local.strategy.js';
import {
  SignInLinkAcceptedDto,
  SignInLinkConsumeDto,
  SignInLinkRequestDto,
} from './sign-in-link.dto.js';
import { SignInLinkService } from './sign-in-link.service.js';
import { deliverTokens, wantsBodyDelivery } from './session-cookie.js';

@ApiTags('auth')
@Controller('auth/sign-in-link')
export class SignInLinkController {
  constructor(
    @Inject(SignInLinkService) private readonly links: SignInLinkService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: SignInLinkAcceptedDto,
    description:
      'Always the same answer: when the email belongs to an active account, a single-use link valid for 15 minutes is mailed to it.',
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many link requests from this address; see Retry-After.',
  })
  @ApiOperation({ summary: 'Mail me a single-use sign-in link' })
  async requestSignInLink(
    @Body() dto: SignInLinkRequestDto,
    @Req() req: Request,
  ): Promise<SignInLinkAcceptedDto> {
    await this.links.request(dto.email, clientAddressOf(req));
    return { status: 'accepted' };
  }

  @Public()
  @Post('consume')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto, description: 'Signed in, as by login.' })
  @ApiUnauthorizedResponse({
    description:
      'Invalid, expired or used link; or `mfa-required` (send mfaCode too) or `mfa-code-invalid` (the link is used up).',
  })
  @ApiOperation({ summary: 'Sign in with a mailed link' })
  async consumeSignInLink(
    @Body() dto: SignInLinkConsumeDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    const tokens = await this.links.consume(dto.token, dto.mfaCode, {
      address: clientAddressOf(req),
      userAgent: req.header('user-agent') ?? null,
    });
    // Delivered like login: the console gets the refresh token as an HttpOnly cookie only.
    const delivery = wantsBodyDelivery(req) ? 'body' : 'cookie';
    return deliverTokens(req, res, tokens, this.config.auth.refreshTokenTtlDays, delivery);
  }
}
