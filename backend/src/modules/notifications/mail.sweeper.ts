import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { Inject, Injectable } from '@nestjs/common';
import { JobSweeper, type Sweeper } from '#src/jobs/job-sweeper.js';
import { Mailer } from './mailer.service.js';
import { NotificationsRepository } from './notifications.repository.js';

/** Queued mail whose job vanished (Redis flushed, embedded process restarted) is queued again. */
@Injectable()
@JobSweeper()
export class MailSweeper implements Sweeper {
  constructor(
    @Inject(NotificationsRepository) private readonly repository: NotificationsRepository,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sweep(now: Date): Promise<number> {
    const stale = await this.repository.findStaleQueued(
      new Date(now.getTime() - this.config.jobs.sweepStaleSeconds * 1000),
      500,
    );
    for (const message of stale) await this.mailer.enqueue(message.organizationId, message.id);
    return stale.length;
  }
}
