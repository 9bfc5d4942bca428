import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

/** SMTP when SMTP_URL is set; otherwise each mail becomes an .eml file in DATA_DIR/outbox. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;
  readonly kind: 'smtp' | 'outbox';

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.mail.smtpUrl) {
      this.kind = 'smtp';
      this.transporter = nodemailer.createTransport(config.mail.smtpUrl);
    } else {
      this.kind = 'outbox';
      this.transporter = nodemailer.createTransport({
        streamTransport: true,
        buffer: true,
        newline: 'unix',
      });
    }
  }

  get outboxDir(): string {
    return join(this.config.dataDir, 'outbox');
  }

  /** Sends the mail; in outbox mode answers the file it wrote, else null. */
  async send(message: SendMailOptions): Promise<string | null> {
    const info = (await this.transporter.sendMail({ from: this.config.mail.from, ...message })) as {
      message?: Buffer;
    };
    if (this.kind === 'outbox' && info.message) {
      await mkdir(this.outboxDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const name = `${stamp}-${randomUUID()}.eml`;
      // Written aside and renamed, so a reader of the outbox never sees half a mail.
      const partial = join(this.outboxDir, `.${name}.partial`);
      await writeFile(partial, info.message, { mode: 0o600 });
      const path = join(this.outboxDir, name);
      await rename(partial, path);
      return path;
    }
    return null;
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
