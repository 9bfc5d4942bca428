import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { logger } from '#src/common/logging/logger.js';
import type { MailParams, MailTemplate } from '../notifications/mail-catalog.js';
import { Mailer } from '../notifications/mailer.service.js';

/** Privacy mails through the notifications module's Mailer; a mail that cannot be queued never fails the action. */
@Injectable()
export class PrivacyMail {
  constructor(
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An absolute console link for mails. */
  link(path: string): string {
    return `${this.config.http.publicUrl.replace(/\/$/, '')}${path}`;
  }

  async toUsers<T extends MailTemplate>(
    organizationId: string,
    userIds: string[],
    template: T,
    params: MailParams[T],
    dedupe: string,
  ): Promise<number> {
    let queued = 0;
    for (const userId of userIds) {
      try {
        const id = await this.mailer.queueMail({
          organizationId,
          template,
          to: { userId },
          params,
          dedupeKey: `${dedupe}:${userId}`,
        });
        if (id) queued++;
      } catch (err) {
        logger.error({ err, template, organizationId }, 'privacy mail not queued');
      }
    }
    return queued;
  }
}
