import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiDefaultResponse,
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { Public, RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { clientAddressOf } from '../accounts/auth/local.strategy.js';
import { clearRefreshCookie, deliverTokens } from '../accounts/auth/session-cookie.js';
import { AllowPendingMfa } from '../accounts/mfa/mfa-policy.service.js';
import {
  DiscoveryResultDto,
  DiscoveryTestDto,
  OidcCallbackQueryDto,
  OidcLogoutDto,
  OidcProviderDto,
  OidcProviderInputDto,
  OidcStartQueryDto,
  OrganizationIdParamDto,
  PublicOidcProviderDto,
  PublicOidcProviderListDto,
} from './dto/oidc.dto.js';
import { OidcError, OidcService } from './oidc.service.js';

/** Binds an authorization request to the browser that started it. */
const BROWSER_COOKIE = 'ctx_oidc';
const BROWSER_COOKIE_PATH = '/api/v1/auth/oidc';

function browserCookieOptions(req: Request, maxAgeMs?: number): CookieOptions {
  // Lax, not Strict: the provider's redirect back is a cross-site top-level navigation.
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: BROWSER_COOKIE_PATH,
    ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }),
  };
}

function cookieOf(req: Request, name: string): string | null {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim()) || null;
    } catch {
      return null;
    }
  }
  return null;
}

/** Sign-in with the organization's OpenID provider (browser redirects). */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcSignInController {
  constructor(
    @Inject(OidcService) private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: PublicOidcProviderListDto })
  @ApiOperation({ summary: 'Providers the sign-in page offers ("Sign in with …")' })
  async listOidcProviders(): Promise<PublicOidcProviderListDto> {
    return { items: await this.oidc.publicProviders() };
  }

  @ApiBearerAuth()
  @AllowPendingMfa()
  @Post('logout')
  @HttpCode(200)
  @ApiOkResponse({ type: OidcLogoutDto })
  @ApiOperation({
    summary: "Sign out; also the provider's end-session URL when the session came from it",
  })
  async oidcLogout(
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OidcLogoutDto> {
    const endSessionUrl = await this.oidc.logout(p);
    clearRefreshCookie(req, res);
    return { endSessionUrl };
  }

  @Public()
  @Get(':organizationId')
  @ApiOkResponse({ type: PublicOidcProviderDto })
  @ApiNotFoundResponse()
  @ApiOperation({ summary: "An organization's provider, for its sign-in button" })
  getOidcProvider(@Param() { organizationId }: OrganizationIdParamDto) {
    return this.oidc.publicProvider(organizationId);
  }

  @Public()
  @Get(':organizationId/start')
  @ApiFoundResponse({ description: "Redirect to the provider's authorization endpoint." })
  // A redirect has no 2XX answer; the OpenAPI linter accepts `default` (errors, as problems) instead.
  @ApiDefaultResponse({ description: 'An error, as a problem document.' })
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'Start signing in with the provider' })
  async startOidcSignIn(
    @Param() { organizationId }: OrganizationIdParamDto,
    @Query() query: OidcStartQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { url, browserSecret } = await this.oidc.start(organizationId, query.returnTo ?? null);
    res.cookie(BROWSER_COOKIE, browserSecret, browserCookieOptions(req, 10 * 60_000));
    res.redirect(302, url);
  }

  @Public()
  @Get(':organizationId/callback')
  @ApiFoundResponse({
    description:
      'Signed in: the refresh cookie is set and the browser goes to the console. A second factor still needed: to /sign-in#mfaTicket=…',
  })
  @ApiDefaultResponse({ description: 'An error, as a problem document (API clients).' })
  @ApiOperation({ summary: "The provider's redirect back" })
  async oidcCallback(
    @Param() { organizationId }: OrganizationIdParamDto,
    @Query() query: OidcCallbackQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const browserSecret = cookieOf(req, BROWSER_COOKIE);
    res.clearCookie(BROWSER_COOKIE, browserCookieOptions(req));
    const base = this.config.http.publicUrl;
    let outcome: Awaited<ReturnType<OidcService['callback']>>;
    try {
      outcome = await this.oidc.callback(organizationId, { ...query }, browserSecret, {
        address: clientAddressOf(req),
        userAgent: req.header('user-agent') ?? null,
      });
    } catch (error) {
      // A browser lands on the sign-in page with the reason; API clients get the problem.
      if (error instanceof OidcError && req.accepts(['json', 'html']) === 'html') {
        res.redirect(302, `${base}/sign-in?ssoError=${encodeURIComponent(error.code)}`);
        return;
      }
      throw error;
    }
    if (outcome.kind === 'mfa') {
      res.redirect(302, `${base}/sign-in#mfaTicket=${encodeURIComponent(outcome.ticket)}`);
      return;
    }
    deliverTokens(req, res, outcome.tokens, this.config.auth.refreshTokenTtlDays, 'cookie');
    res.redirect(302, `${base}${outcome.returnTo ?? '/'}`);
  }
}

/** The organization's provider settings (owner and admin). */
@ApiTags('sso')
@ApiBearerAuth()
@Controller('sso/oidc')
export class OidcSettingsController {
  constructor(@Inject(OidcService) private readonly oidc: OidcService) {}

  @Get()
  @RequirePermissions('organization:manage')
  @ApiOkResponse({ type: OidcProviderDto })
  @ApiNotFoundResponse({ description: 'No provider is configured.' })
  @ApiOperation({ summary: "The organization's OpenID Connect provider" })
  getOidcSettings(@CurrentPrincipal() p: Principal): Promise<OidcProviderDto> {
    return this.oidc.getSettings(p);
  }

  @Put()
  @RequirePermissions('organization:manage')
  @ApiOkResponse({ type: OidcProviderDto })
  @ApiConflictResponse({ description: 'The provider is set by the environment.' })
  @ApiOperation({ summary: 'Configure the OpenID Connect provider' })
  saveOidcSettings(
    @CurrentPrincipal() p: Principal,
    @Body() dto: OidcProviderInputDto,
  ): Promise<OidcProviderDto> {
    return this.oidc.saveSettings(p, dto);
  }

  @Delete()
  @HttpCode(204)
  @RequirePermissions('organization:manage')
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'Remove the OpenID Connect provider' })
  deleteOidcSettings(@CurrentPrincipal() p: Principal): Promise<void> {
    return this.oidc.deleteSettings(p);
  }

  @Post('discovery')
  @HttpCode(200)
  @RequirePermissions('organization:manage')
  @ApiOkResponse({ type: DiscoveryResultDto })
  @ApiOperation({ summary: "Read the provider's discovery document (test the settings)" })
  testOidcDiscovery(
    @CurrentPrincipal() p: Principal,
    @Body() dto: DiscoveryTestDto,
  ): Promise<DiscoveryResultDto> {
    return this.oidc.testDiscovery(p, dto.issuer);
  }
}
