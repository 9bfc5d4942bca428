import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '../../../common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '../../../common/auth/principal.js';
import { UnauthorizedError } from '../../../common/errors/domain-error.js';
import { UuidParamDto } from '../../../common/validation/common.dto.js';
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
import { clientAddressOf } from './local.strategy.js';

function clientOf(req: Request): ClientInfo {
  return { address: clientAddressOf(req), userAgent: req.header('user-agent') ?? null };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Public()
  @Post('signup')
  @ApiCreatedResponse({ type: SignupResponseDto })
  @ApiForbiddenResponse({
    description: 'Sign-up is closed (an organization exists, ALLOW_SIGNUP is off).',
  })
  @ApiConflictResponse({ description: 'A user with this email exists.' })
  @ApiOperation({ summary: 'Sign up an organization and its owner' })
  signup(@Body() dto: SignupDto, @Req() req: Request): Promise<SignupResponseDto> {
    return this.auth.signup(dto, clientOf(req));
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
  login(@Body() _dto: LoginDto, @Req() req: Request): Promise<LoginResponseDto> {
    const user = (req as Request & { [LOGIN_USER_PROPERTY]?: UserEntity })[LOGIN_USER_PROPERTY];
    if (!user) throw new UnauthorizedError();
    return this.auth.login(user, clientOf(req));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokensDto })
  @ApiUnauthorizedResponse({ description: 'Unknown, used or revoked refresh token.' })
  @ApiForbiddenResponse({
    description:
      'The organization was closed; only its owner keeps a session (`organization-closed`).',
  })
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens' })
  refreshToken(@Body() dto: RefreshDto): Promise<TokensDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session of this token is revoked.' })
  @ApiOperation({ summary: 'Sign out: revoke this session' })
  logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.auth.logout(principal);
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
