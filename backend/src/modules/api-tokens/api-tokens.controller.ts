import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import { ApiTokensService } from './api-tokens.service.js';
import {
  ApiTokenDto,
  ApiTokenListQueryDto,
  ApiTokenPageDto,
  ApiTokenScopesDto,
  CreateApiTokenDto,
  CreatedApiTokenDto,
} from './dto/api-token.dto.js';

/** Any signed-in user manages their personal tokens; owners and admins the service tokens. */
@ApiTags('api-tokens')
@ApiBearerAuth()
@Controller('api-tokens')
export class ApiTokensController {
  constructor(@Inject(ApiTokensService) private readonly tokens: ApiTokensService) {}

  @Get()
  @ApiOkResponse({ type: ApiTokenPageDto })
  @ApiOperation({ summary: 'Your personal tokens and (owner/admin) the service tokens' })
  listApiTokens(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ApiTokenListQueryDto,
  ): Promise<ApiTokenPageDto> {
    return this.tokens.list(principal, query);
  }

  @Get('scopes')
  @ApiOkResponse({ type: ApiTokenScopesDto })
  @ApiOperation({ summary: 'The scopes, and which of them you may grant' })
  listApiTokenScopes(@CurrentPrincipal() principal: Principal): ApiTokenScopesDto {
    return this.tokens.scopesFor(principal);
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  @ApiOperation({ summary: 'Create a token; the answer holds the secret, shown this once' })
  createApiToken(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateApiTokenDto,
  ): Promise<CreatedApiTokenDto> {
    return this.tokens.create(principal, dto);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: ApiTokenDto })
  @ApiOperation({ summary: 'Revoke a token: it stops working at once' })
  revokeApiToken(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<ApiTokenDto> {
    return this.tokens.revoke(principal, id);
  }
}
