import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** What kind of mail this is, for whoever later picks the file up. */
  template: string;
}

/**
 * Until the mail module exists, account mails are written as JSON files to DATA_DIR/outbox (the
 * embedded mode's documented outbox), readable by IT and by tests.
 */
@Injectable()
export class OutboxMailer {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(mail: OutgoingMail): Promise<string> {
    const dir = join(this.config.dataDir, 'outbox');
    await mkdir(dir, { recursive: true });
    const createdAt = new Date().toISOString();
    const file = join(
      dir,
      `${createdAt.replace(/[:.]/g, '-')}-${mail.template}-${randomUUID()}.json`,
    );
    const body = { from: this.config.mail.from, createdAt, ...mail };
    await writeFile(file, JSON.stringify(body, null, 2), { mode: 0o600 });
    return file;
  }
}
