import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import {
  MailSettingsDto,
  PutMailSettingsDto,
  TestMailDto,
  TestMailResultDto,
} from './mail-settings.dto.js';
import { MailSettingsService } from './mail-settings.service.js';

/** The organization's mail server and a test mail (owner and admin). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('settings/mail')
@RequirePermissions('organization:manage')
export class MailSettingsController {
  constructor(@Inject(MailSettingsService) private readonly settings: MailSettingsService) {}

  @Get()
  @ApiOkResponse({ type: MailSettingsDto, description: '`configured: false` before any.' })
  @ApiOperation({ summary: 'Where the organization’s mail goes (never the password)' })
  getMailSettings(@CurrentPrincipal() p: Principal): Promise<MailSettingsDto> {
    return this.settings.get(p);
  }

  @Put()
  @ApiOkResponse({ type: MailSettingsDto })
  @ApiOperation({ summary: 'Send the organization’s mail through its own SMTP server' })
  putMailSettings(
    @CurrentPrincipal() p: Principal,
    @Body() dto: PutMailSettingsDto,
  ): Promise<MailSettingsDto> {
    return this.settings.put(p, dto);
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Mail goes through the installation’s server again.' })
  @ApiNotFoundResponse()
  @ApiOperation({ summary: 'Remove the organization’s own mail server' })
  deleteMailSettings(@CurrentPrincipal() p: Principal): Promise<void> {
    return this.settings.remove(p);
  }

  @Post('test')
  @HttpCode(200)
  @ApiOkResponse({
    type: TestMailResultDto,
    description: 'Also when the server refused: `delivered: false` with its answer.',
  })
  @ApiOperation({ summary: 'Send a test mail now, the way the organization’s mail goes' })
  sendTestMail(
    @CurrentPrincipal() p: Principal,
    @Body() dto: TestMailDto,
  ): Promise<TestMailResultDto> {
    return this.settings.test(p, dto);
  }
}
