import { Global, Module } from '@nestjs/common';
import { MailDirectory } from './mail-directory.js';
import { MailRenderer } from './mail-renderer.js';
import { MailSendProcessor } from './mail-send.processor.js';
import { MailTransport } from './mail-transport.js';
import { MailSweeper } from './mail.sweeper.js';
import { MailSettingsController } from './mail-settings/mail-settings.controller.js';
import { MailSettingsRepository } from './mail-settings/mail-settings.repository.js';
import { MailSettingsService } from './mail-settings/mail-settings.service.js';
import { Mailer } from './mailer.service.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { PreferencesService } from './preferences.service.js';

/**
 * Mail: templates, preferences, unsubscribe, the send job, the organization's own SMTP server;
 * `Mailer` is for every module.
 */
@Global()
@Module({
  controllers: [NotificationsController, MailSettingsController],
  providers: [
    NotificationsRepository,
    { provide: MailRenderer, useFactory: () => new MailRenderer() },
    MailTransport,
    Mailer,
    MailSendProcessor,
    MailSweeper,
    PreferencesService,
    MailDirectory,
    MailSettingsRepository,
    MailSettingsService,
  ],
  exports: [Mailer, MailDirectory],
})
export class NotificationsModule {}
