import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import { UuidParamDto } from '#src/common/validation/common.dto.js';
import {
  ScreenshotSettingsDto,
  ScreenshotSettingsOverviewDto,
  TeamIdParamDto,
  UpdateScreenshotSettingsDto,
} from './dto/screenshot-settings.dto.js';
import {
  OwnScreenshotsQueryDto,
  ScreenshotListDto,
  ScreenshotsQueryDto,
} from './dto/screenshot.dto.js';
import { ScreenshotSettingsService } from './screenshot-settings.service.js';
import { ScreenshotsService } from './screenshots.service.js';

function webp(res: Response, bytes: Buffer): StreamableFile {
  res.setHeader('Cache-Control', 'private, no-store');
  return new StreamableFile(bytes, { type: 'image/webp', length: bytes.length });
}

@ApiTags('screenshots')
@ApiBearerAuth()
@Controller('settings/screenshots')
export class ScreenshotSettingsController {
  constructor(
    @Inject(ScreenshotSettingsService) private readonly settings: ScreenshotSettingsService,
  ) {}

  @Get()
  @RequirePermissions('privacy:manage')
  @ApiOperation({ summary: 'Screenshot settings of the organization and of teams with their own' })
  @ApiOkResponse({ type: ScreenshotSettingsOverviewDto })
  getScreenshotSettings(@CurrentPrincipal() p: Principal): Promise<ScreenshotSettingsOverviewDto> {
    return this.settings.overview(p);
  }

  @Put()
  @RequirePermissions('privacy:manage')
  @ApiOperation({ summary: 'Change the organization’s screenshot settings' })
  @ApiOkResponse({ type: ScreenshotSettingsDto })
  @ApiConflictResponse({
    description:
      'notice-does-not-cover-screenshots: publish a notice version that covers them first.',
  })
  updateScreenshotSettings(
    @CurrentPrincipal() p: Principal,
    @Body() dto: UpdateScreenshotSettingsDto,
  ): Promise<ScreenshotSettingsDto> {
    return this.settings.updateOrganization(p, dto);
  }

  @Put('teams/:teamId')
  @RequirePermissions('privacy:manage')
  @ApiOperation({ summary: 'Give a team screenshot settings of its own' })
  @ApiOkResponse({ type: ScreenshotSettingsDto })
  @ApiNotFoundResponse({ description: 'No such team.' })
  @ApiConflictResponse({ description: 'notice-does-not-cover-screenshots.' })
  updateTeamScreenshotSettings(
    @CurrentPrincipal() p: Principal,
    @Param() { teamId }: TeamIdParamDto,
    @Body() dto: UpdateScreenshotSettingsDto,
  ): Promise<ScreenshotSettingsDto> {
    return this.settings.updateTeam(p, teamId, dto);
  }

  @Delete('teams/:teamId')
  @HttpCode(204)
  @RequirePermissions('privacy:manage')
  @ApiOperation({ summary: 'The team inherits the organization’s screenshot settings again' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiNotFoundResponse({ description: 'No such team, or it has no settings of its own.' })
  async deleteTeamScreenshotSettings(
    @CurrentPrincipal() p: Principal,
    @Param() { teamId }: TeamIdParamDto,
  ): Promise<void> {
    await this.settings.deleteTeam(p, teamId);
  }
}

@ApiTags('screenshots')
@ApiBearerAuth()
@Controller('screenshots')
export class ScreenshotsController {
  constructor(@Inject(ScreenshotsService) private readonly screenshots: ScreenshotsService) {}

  @Get()
  @RequirePermissions('reports:read')
  @ApiOperation({ summary: 'One employee’s captures in a time range, oldest first (playback)' })
  @ApiOkResponse({ type: ScreenshotListDto })
  @ApiForbiddenResponse({ description: 'Employees use /me/screenshots.' })
  @ApiNotFoundResponse({ description: 'Employee not found or outside the caller’s teams.' })
  listScreenshots(
    @CurrentPrincipal() p: Principal,
    @Query() q: ScreenshotsQueryDto,
  ): Promise<ScreenshotListDto> {
    return this.screenshots.list(p, q);
  }

  @Get(':id/image')
  @RequirePermissions('reports:read')
  @ApiProduces('image/webp')
  @ApiOperation({ summary: 'The capture (WebP; blurred when the organization blurs); audited' })
  @ApiOkResponse({ description: 'The image bytes.' })
  @ApiNotFoundResponse({ description: 'Unknown, out of scope, or only a thumbnail is kept.' })
  async getScreenshotImage(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return webp(res, await this.screenshots.view(p, id, 'image'));
  }

  @Get(':id/thumbnail')
  @RequirePermissions('reports:read')
  @ApiProduces('image/webp')
  @ApiOperation({ summary: 'The capture’s thumbnail (WebP); audited' })
  @ApiOkResponse({ description: 'The thumbnail bytes.' })
  @ApiNotFoundResponse({ description: 'Unknown or out of scope.' })
  async getScreenshotThumbnail(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return webp(res, await this.screenshots.view(p, id, 'thumbnail'));
  }
}

@ApiTags('screenshots')
@ApiBearerAuth()
@Controller('me/screenshots')
export class MyScreenshotsController {
  constructor(@Inject(ScreenshotsService) private readonly screenshots: ScreenshotsService) {}

  @Get()
  @RequirePermissions('privacy:self')
  @ApiOperation({ summary: 'My own captures in a time range, oldest first' })
  @ApiOkResponse({ type: ScreenshotListDto })
  listMyScreenshots(
    @CurrentPrincipal() p: Principal,
    @Query() q: OwnScreenshotsQueryDto,
  ): Promise<ScreenshotListDto> {
    return this.screenshots.listOwn(p, q);
  }

  @Get(':id/image')
  @RequirePermissions('privacy:self')
  @ApiProduces('image/webp')
  @ApiOperation({ summary: 'One of my captures (WebP)' })
  @ApiOkResponse({ description: 'The image bytes.' })
  @ApiNotFoundResponse({ description: 'Not mine, unknown, or only a thumbnail is kept.' })
  async getMyScreenshotImage(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return webp(res, await this.screenshots.viewOwn(p, id, 'image'));
  }

  @Get(':id/thumbnail')
  @RequirePermissions('privacy:self')
  @ApiProduces('image/webp')
  @ApiOperation({ summary: 'The thumbnail of one of my captures (WebP)' })
  @ApiOkResponse({ description: 'The thumbnail bytes.' })
  @ApiNotFoundResponse({ description: 'Not mine or unknown.' })
  async getMyScreenshotThumbnail(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return webp(res, await this.screenshots.viewOwn(p, id, 'thumbnail'));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('privacy:self')
  @ApiOperation({ summary: 'Delete one of my captures, within the delete window' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ description: 'Not mine or unknown.' })
  @ApiConflictResponse({ description: 'delete-window-passed.' })
  async deleteMyScreenshot(
    @CurrentPrincipal() p: Principal,
    @Param() { id }: UuidParamDto,
  ): Promise<void> {
    await this.screenshots.deleteOwn(p, id);
  }
}
