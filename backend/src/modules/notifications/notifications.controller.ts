import { Body, Controller, Get, Header, HttpCode, Inject, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#src/common/auth/permissions.js';
import { CurrentPrincipal, type Principal } from '#src/common/auth/principal.js';
import {
  MailPreferencesDto,
  UnsubscribeQueryDto,
  UpdateMailPreferencesDto,
} from './dto/notifications.dto.js';
import { PreferencesService } from './preferences.service.js';
import { unsubscribeConfirmPage, unsubscribedPage } from './unsubscribe-pages.js';

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(@Inject(PreferencesService) private readonly preferences: PreferencesService) {}

  @Get('notifications/preferences')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MailPreferencesDto })
  @ApiOperation({ summary: 'My mail preferences' })
  getMailPreferences(@CurrentPrincipal() principal: Principal): Promise<MailPreferencesDto> {
    return this.preferences.get(principal.userId);
  }

  @Put('notifications/preferences')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MailPreferencesDto })
  @ApiOperation({ summary: 'Change my mail preferences' })
  updateMailPreferences(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: UpdateMailPreferencesDto,
  ): Promise<MailPreferencesDto> {
    return this.preferences.update(principal.organizationId, principal.userId, dto);
  }

  /** The link in the mail: a page asking to confirm, so link scanners change nothing. */
  @Get('notifications/unsubscribe')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Page that asks to confirm unsubscribing (the link in a mail)' })
  async showUnsubscribe(@Query() { token }: UnsubscribeQueryDto): Promise<string> {
    const { category, email } = await this.preferences.describeToken(token);
    return unsubscribeConfirmPage(category, email, token);
  }

  /** RFC 8058 one-click (List-Unsubscribe=One-Click in the body) and the page's button. */
  @Post('notifications/unsubscribe')
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Unsubscribe from a mail (RFC 8058 one-click or the page’s button)' })
  async unsubscribe(@Query() { token }: UnsubscribeQueryDto): Promise<string> {
    const category = await this.preferences.unsubscribe(token, 'one-click');
    return unsubscribedPage(category);
  }
}
