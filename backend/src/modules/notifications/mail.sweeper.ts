import { Inject, Injectable } from '@nestjs/common';
import { JobSweeper, type Sweeper } from '../../jobs/job-sweeper.js';
import { Mailer } from './mailer.service.js';
import { NotificationsRepository } from './notifications.repository.js';

// Longer than the backoff of a few retries, so a mail still retrying is not queued twice.
const STALE_AFTER_MS = 15 * 60 * 1000;

/** Queued mail whose job vanished (Redis flushed, embedded process restarted) is queued again. */
@Injectable()
@JobSweeper()
export class MailSweeper implements Sweeper {
  constructor(
    @Inject(NotificationsRepository) private readonly repository: NotificationsRepository,
    @Inject(Mailer) private readonly mailer: Mailer,
  ) {}

  async sweep(now: Date): Promise<number> {
    const stale = await this.repository.findStaleQueued(
      new Date(now.getTime() - STALE_AFTER_MS),
      500,
    );
    for (const message of stale) await this.mailer.enqueue(message.organizationId, message.id);
    return stale.length;
  }
}
