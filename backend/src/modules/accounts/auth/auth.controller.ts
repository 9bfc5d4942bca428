import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UnauthorizedError } from '#src/common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import type { UserEntity } from '../entities/user.entity.js';
import {
  LoginDto,
  LoginResponseDto,
  RefreshDto,
  SessionDto,
  SessionListDto,
  SignupDto,
  SignupResponseDto,
  TokensDto,
} from './auth.dto.js';
import { LOGIN_USER_PROPERTY, LocalAuthGuard } from './auth.guards.js';
import { AuthService, type ClientInfo } from './auth.service.js';
import { clientAddressOf, LOGIN_FACTOR_PROPERTY } from './local.strategy.js';
import { AllowPendingMfa, type FactorMethod } from '../mfa/mfa-policy.service.js';
import {
  assertSameOriginRequest,
  clearRefreshCookie,
  CSRF_HEADER,
  DELIVERY_HEADER,
  deliverTokens,
  refreshCookieOf,
  wantsBodyDelivery,
} from './session-cookie.js';

const DELIVERY_DOC = {
  name: DELIVERY_HEADER,
  required: false,
  enum: ['cookie', 'body'],
  description:
    'Where the refresh token goes: `cookie` (default; HttpOnly, for the console) or `body` (API and CLI clients).',
};

function clientOf(req: Request): ClientInfo {
  return { address: clientAddressOf(req), userAgent: req.header('user-agent') ?? null };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private deliver<T extends TokensDto>(req: Request, res: Response, tokens: T, body: boolean) {
    const ttlDays = this.config.auth.refreshTokenTtlDays;
    return deliverTokens(req, res, tokens, ttlDays, body ? 'body' : 'cookie');
  }

  @Public()
  @Post('signup')
  @ApiCreatedResponse({ type: SignupResponseDto })
  @ApiForbiddenResponse({
    description: 'Sign-up is closed (an organization exists, ALLOW_SIGNUP is off).',
  })
  @ApiConflictResponse({ description: 'A user with this email exists.' })
  @ApiOperation({ summary: 'Sign up an organization and its owner' })
  @ApiHeader(DELIVERY_DOC)
  async signup(
    @Body() dto: SignupDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignupResponseDto> {
    const tokens = await this.auth.signup(dto, clientOf(req));
    return this.deliver(req, res, tokens, wantsBodyDelivery(req));
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password.' })
  @ApiForbiddenResponse({
    description:
      'Right password, but the organization is closed and only its owner may sign in (`organization-closed`).',
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed logins for this email or address; see Retry-After.',
  })
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiHeader(DELIVERY_DOC)
  async login(
    @Body() _dto: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    const user = (req as Request & { [LOGIN_USER_PROPERTY]?: UserEntity })[LOGIN_USER_PROPERTY];
    if (!user) throw new UnauthorizedError();
    const factor =
      (req as Request & { [LOGIN_FACTOR_PROPERTY]?: FactorMethod | null })[LOGIN_FACTOR_PROPERTY] ??
      null;
    const tokens = await this.auth.login(user, clientOf(req), factor);
    return this.deliver(req, res, tokens, wantsBodyDelivery(req));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokensDto })
  @ApiUnauthorizedResponse({ description: 'Unknown, used or revoked refresh token.' })
  @ApiForbiddenResponse({
    description:
      'The organization was closed; only its owner keeps a session (`organization-closed`), or a cookie-authenticated call without `X-CSRF` or from another origin (`csrf`).',
  })
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens' })
  @ApiHeader({
    name: CSRF_HEADER,
    required: false,
    description: 'Required (any value) when the refresh token comes from the cookie.',
  })
  async refreshToken(
    @Body() dto: RefreshDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokensDto> {
    // A token in the body is the API/CLI flow and is answered in the body; otherwise the cookie
    // authenticates, which makes this a CSRF target.
    if (dto.refreshToken !== undefined) return this.auth.refresh(dto.refreshToken);
    const cookie = refreshCookieOf(req);
    if (!cookie) throw new UnauthorizedError('No refresh token in the body or the cookie.');
    assertSameOriginRequest(req, this.config.http.publicUrl);
    try {
      return this.deliver(req, res, await this.auth.refresh(cookie), false);
    } catch (error) {
      // A refused cookie is dead for good; dropping it keeps the browser from sending it again.
      if (error instanceof UnauthorizedError) clearRefreshCookie(req, res);
      throw error;
    }
  }

  @ApiBearerAuth()
  @AllowPendingMfa()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: revoke this session' })
  @ApiNoContentResponse({
    description: 'The session of this token is revoked and the refresh cookie cleared.',
  })
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(principal);
    clearRefreshCookie(req, res);
  }

  @ApiBearerAuth()
  @Get('sessions')
  @ApiOkResponse({ type: SessionListDto })
  @ApiOperation({ summary: 'My sessions' })
  async listSessions(@CurrentPrincipal() principal: Principal): Promise<SessionListDto> {
    return { items: await this.auth.listSessions(principal) };
  }

  @ApiBearerAuth()
  @Post('sessions/revoke-others')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Every session but the current one is revoked.' })
  @ApiOperation({ summary: 'Revoke all my sessions except this one' })
  revokeOtherSessions(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.auth.revokeOtherSessions(principal);
  }

  @ApiBearerAuth()
  @Get('sessions/:id')
  @ApiOkResponse({ type: SessionDto })
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'One of my sessions' })
  getSession(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<SessionDto> {
    return this.auth.getSession(principal, id);
  }

  @ApiBearerAuth()
  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: its tokens answer 401 from now on.' })
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'Revoke one of my sessions' })
  revokeSession(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<void> {
    return this.auth.revokeSession(principal, id);
  }
}
