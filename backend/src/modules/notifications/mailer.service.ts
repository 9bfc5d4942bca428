import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { logger } from '#src/common/logging/logger.js';
import { jobIdFor, JobQueue } from '#src/jobs/job-queue.js';
import type { MailAttachmentRef } from './entities/mail-message.entity.js';
import { MailMessageEntity } from './entities/mail-message.entity.js';
import {
  TEMPLATE_CATEGORY,
  type MailLocale,
  type MailParams,
  type MailTemplate,
} from './mail-catalog.js';
import { MailDirectory } from './mail-directory.js';
import { NotificationsRepository } from './notifications.repository.js';

export type MailRecipient =
  | { userId: string }
  /** Someone without a console login (an employee): no preferences, the organization's language unless given. */
  | { email: string; locale?: MailLocale };

export interface QueueMail<T extends MailTemplate> {
  organizationId: string;
  template: T;
  to: MailRecipient;
  params: MailParams[T];
  /** Sends at most once per key, however often this is called (e.g. `export-ready:<exportId>`). */
  dedupeKey?: string;
  attachments?: MailAttachmentRef[];
}

/** The one way to send mail: a durable row, then a retried `mail.send` job. */
@Injectable()
export class Mailer {
  constructor(
    @Inject(NotificationsRepository) private readonly repository: NotificationsRepository,
    @Inject(MailDirectory) private readonly directory: MailDirectory,
    @Inject(JobQueue) private readonly queue: JobQueue,
  ) {}

  /** Returns the message id, or null when the user does not exist in that organization. */
  async queueMail<T extends MailTemplate>(mail: QueueMail<T>): Promise<string | null> {
    let userId: string | null = null;
    let email: string;
    let locale: MailLocale | null = null;
    if ('userId' in mail.to) {
      const user = await this.directory.user(mail.organizationId, mail.to.userId);
      if (!user) return null;
      userId = user.id;
      email = user.email;
    } else {
      email = mail.to.email;
      locale = mail.to.locale ?? null;
    }
    const message = Object.assign(new MailMessageEntity(), {
      id: randomUUID(),
      organizationId: mail.organizationId,
      userId,
      toEmail: email,
      template: mail.template,
      category: TEMPLATE_CATEGORY[mail.template],
      locale,
      params: { ...mail.params },
      attachments: mail.attachments ?? null,
      status: 'queued' as const,
      dedupeKey: mail.dedupeKey ?? null,
      attempts: 0,
      lastError: null,
      createdAt: new Date(),
      sentAt: null,
    });
    const { id, created } = await this.repository.insertMessage(message);
    if (created) {
      // The row is durable: if the queue is unreachable now, the sweeper sends it later.
      await this.enqueue(mail.organizationId, id).catch((error: unknown) =>
        logger.warn({ err: error, messageId: id }, 'mail queued in the database only'),
      );
    }
    return id;
  }

  enqueue(organizationId: string, messageId: string): Promise<void> {
    return this.queue.enqueue(
      'mail.send',
      { organizationId, messageId },
      { jobId: jobIdFor('mail', messageId) },
    );
  }
}
