import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../../common/auth/permissions.js';
import { LoginResponseDto } from './auth.dto.js';
import { clientAddressOf } from './local.strategy.js';
import {
  SignInLinkAcceptedDto,
  SignInLinkConsumeDto,
  SignInLinkRequestDto,
} from './sign-in-link.dto.js';
import { SignInLinkService } from './sign-in-link.service.js';

@ApiTags('auth')
@Controller('auth/sign-in-link')
export class SignInLinkController {
  constructor(@Inject(SignInLinkService) private readonly links: SignInLinkService) {}

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
  consumeSignInLink(
    @Body() dto: SignInLinkConsumeDto,
    @Req() req: Request,
  ): Promise<LoginResponseDto> {
    return this.links.consume(dto.token, dto.mfaCode, {
      address: clientAddressOf(req),
      userAgent: req.header('user-agent') ?? null,
    });
  }
}
