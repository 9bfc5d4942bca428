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
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { LoginResponseDto } from '../accounts/auth/auth.dto.js';
import { clientAddressOf } from '../accounts/auth/local.strategy.js';
import {
  DELIVERY_HEADER,
  deliverTokens,
  wantsBodyDelivery,
} from '../accounts/auth/session-cookie.js';
import { DirectoryAuthService } from './directory-auth.service.js';
import { DirectoryConfigService } from './directory-config.service.js';
import { DirectorySyncService } from './directory-sync.service.js';
import { DirectoryTestService } from './directory-test.service.js';
import {
  DirectoryConfigDto,
  LdapLoginDto,
  PutDirectoryConfigDto,
  SyncRunDto,
  SyncRunListDto,
  SyncRunListQueryDto,
  TestConnectionDto,
  TestConnectionResultDto,
} from './dto/directory.dto.js';

/** LDAP / Active Directory settings, test, sync (owner and admin). */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('directory')
@RequirePermissions('organization:manage')
export class DirectoryController {
  constructor(
    @Inject(DirectoryConfigService) private readonly configs: DirectoryConfigService,
    @Inject(DirectoryTestService) private readonly tester: DirectoryTestService,
    @Inject(DirectorySyncService) private readonly sync: DirectorySyncService,
  ) {}

  @Get('config')
  @ApiOkResponse({ type: DirectoryConfigDto, description: '`configured: false` before any.' })
  @ApiOperation({ summary: 'The organization’s directory settings (never the bind password)' })
  getDirectoryConfig(@CurrentPrincipal() p: Principal): Promise<DirectoryConfigDto> {
    return this.configs.get(p);
  }

  @Put('config')
  @ApiOkResponse({ type: DirectoryConfigDto })
  @ApiConflictResponse({
    description: 'IT manages the settings by file (`directory-managed-by-environment`).',
  })
  @ApiOperation({ summary: 'Set the organization’s directory settings' })
  putDirectoryConfig(
    @CurrentPrincipal() p: Principal,
    @Body() dto: PutDirectoryConfigDto,
  ): Promise<DirectoryConfigDto> {
    return this.configs.put(p, dto);
  }

  @Delete('config')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed; linked users keep their accounts.' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'IT manages the settings by file.' })
  @ApiOperation({ summary: 'Remove the directory settings' })
  deleteDirectoryConfig(@CurrentPrincipal() p: Principal): Promise<void> {
    return this.configs.remove(p);
  }

  @Post('test')
  @HttpCode(200)
  @ApiOkResponse({ type: TestConnectionResultDto })
  @ApiNotFoundResponse({ description: 'No directory is configured.' })
  @ApiOperation({ summary: 'Bind with the stored settings and show users and groups found' })
  testDirectoryConnection(
    @CurrentPrincipal() p: Principal,
    @Body() dto: TestConnectionDto,
  ): Promise<TestConnectionResultDto> {
    return this.tester.test(p, dto);
  }

  @Post('sync-runs')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: SyncRunDto,
    description: 'Queued (or the run already queued or running).',
  })
  @ApiNotFoundResponse({ description: 'No directory is configured.' })
  @ApiOperation({ summary: 'Run the directory sync now' })
  runDirectorySync(@CurrentPrincipal() p: Principal): Promise<SyncRunDto> {
    return this.sync.requestRun(p);
  }

  @Get('sync-runs')
  @ApiOkResponse({ type: SyncRunListDto })
  @ApiOperation({ summary: 'Directory sync runs, newest first' })
  listDirectorySyncRuns(
    @CurrentPrincipal() p: Principal,
    @Query() query: SyncRunListQueryDto,
  ): Promise<SyncRunListDto> {
    return this.sync.listRuns(p, query);
  }

  @Get('sync-runs/:id')
  @ApiOkResponse({ type: SyncRunDto })
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'One directory sync run' })
  getDirectorySyncRun(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<SyncRunDto> {
    return this.sync.getRun(p, id);
  }
}

/** Sign-in with a directory login; answers like POST /auth/login. */
@ApiTags('auth')
@Controller('auth/ldap')
export class DirectoryLoginController {
  constructor(
    @Inject(DirectoryAuthService) private readonly auth: DirectoryAuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({
    description: 'Wrong login or password, or an MFA code is needed (`mfa-required`).',
  })
  @ApiForbiddenResponse({
    description:
      'Not in a group allowed to sign in (`directory-not-permitted`), or the organization is closed.',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many failed sign-ins; see Retry-After.' })
  @ApiServiceUnavailableResponse({
    description: 'The directory cannot be reached (`directory-unavailable`).',
  })
  @ApiHeader({
    name: DELIVERY_HEADER,
    required: false,
    enum: ['cookie', 'body'],
    description: 'Where the refresh token goes, as for POST /auth/login.',
  })
  @ApiOperation({
    summary: 'Sign in with a directory (LDAP / Active Directory) login and password',
  })
  async ldapLogin(
    @Body() dto: LdapLoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    const tokens = await this.auth.login(dto, {
      address: clientAddressOf(req),
      userAgent: req.header('user-agent') ?? null,
    });
    return deliverTokens(
      req,
      res,
      tokens,
      this.config.auth.refreshTokenTtlDays,
      wantsBodyDelivery(req) ? 'body' : 'cookie',
    );
  }
}
