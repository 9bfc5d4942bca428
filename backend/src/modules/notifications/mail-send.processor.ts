import { readFile, rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { SendMailOptions } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { JOBS, type JobPayloads } from '#src/jobs/job-definitions.js';
import { JobProcessor, type JobContext } from '#src/jobs/job-processor.decorator.js';
import {
  CATEGORY_DEFAULTS,
  isOptional,
  toMailLocale,
  type MailCategory,
  type MailParams,
  type MailTemplate,
} from './mail-catalog.js';
import { MailDirectory } from './mail-directory.js';
import { MailRenderer } from './mail-renderer.js';
import { MailTransport } from './mail-transport.js';
import { NotificationsRepository } from './notifications.repository.js';
import { signUnsubscribeToken } from './unsubscribe-token.js';

/** Renders a queued message in the recipient's language and hands it to SMTP (or the outbox). */
@Injectable()
export class MailSendProcessor {
  constructor(
    @Inject(NotificationsRepository) private readonly repository: NotificationsRepository,
    @Inject(MailDirectory) private readonly directory: MailDirectory,
    @Inject(MailRenderer) private readonly renderer: MailRenderer,
    @Inject(MailTransport) private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @JobProcessor('mail.send')
  async send(data: JobPayloads['mail.send'], context: JobContext): Promise<void> {
    const message = await this.repository.findMessage(data.organizationId, data.messageId);
    if (!message || message.status !== 'queued' || !message.params) return;
    const category = message.category as MailCategory;
    const user = message.userId
      ? await this.directory.user(message.organizationId, message.userId)
      : null;
    if (isOptional(category)) {
      const choice = user ? await this.repository.findPreference(user.id, category) : false;
      if (!user || user.status !== 'active' || !(choice ?? CATEGORY_DEFAULTS[category])) {
        await this.repository.markSuppressed(message.id);
        return;
      }
    }
    const organization = await this.directory.organization(message.organizationId);
    const locale =
      toMailLocale(message.locale) ??
      toMailLocale(user?.locale) ??
      toMailLocale(organization?.locale) ??
      'en';
    const publicUrl = this.config.http.publicUrl;
    const unsubscribeUrl =
      isOptional(category) && user
        ? `${publicUrl}/api/v1/notifications/unsubscribe?token=${signUnsubscribeToken(
            this.config.auth.jwtSecret,
            user.id,
            category,
          )}`
        : null;
    const template = message.template as MailTemplate;
    const rendered = this.renderer.render(
      template,
      locale,
      message.params as unknown as MailParams[MailTemplate],
      {
        organizationName: organization?.name ?? null,
        timeZone: organization?.defaultTimeZone ?? 'UTC',
        unsubscribeUrl,
        preferencesUrl: user ? `${publicUrl}/settings/notifications` : null,
        essential: !isOptional(category),
      },
    );
    const mail: SendMailOptions = {
      to: message.toEmail,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      headers: {
        'X-CallTimeX-Template': template,
        'X-CallTimeX-Message-Id': message.id,
        // RFC 8058: a mail client may unsubscribe with one POST, without opening a page.
        ...(unsubscribeUrl
          ? {
              'List-Unsubscribe': `<${unsubscribeUrl}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            }
          : {}),
        ...(isOptional(category) ? {} : { 'Auto-Submitted': 'auto-generated' }),
      },
      attachments: await this.attachments(message.attachments ?? []),
    };
    let written: string | null;
    try {
      written = await this.transport.send(mail, message.organizationId);
    } catch (error) {
      const final = context.attempt >= JOBS['mail.send'].attempts;
      await this.repository.markAttemptFailed(
        message.id,
        error instanceof Error ? error.message : String(error),
        final,
      );
      throw error;
    }
    // An erasure may have removed the message while it was being written: its outbox copy
    // must not outlive it (privacy policy: no file in the data directory keeps the person).
    if (!(await this.repository.markSent(message.id, new Date())) && written) {
      await rm(written, { force: true });
    }
  }

  private async attachments(
    refs: { filename: string; path: string; contentType: string }[],
  ): Promise<SendMailOptions['attachments']> {
    const root = resolve(this.config.dataDir, 'files');
    const result: NonNullable<SendMailOptions['attachments']> = [];
    for (const ref of refs) {
      const path = resolve(join(root, ref.path));
      if (!path.startsWith(root + sep)) continue;
      result.push({
        filename: ref.filename,
        content: await readFile(path),
        contentType: ref.contentType,
      });
    }
    return result;
  }
}
