import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { SecretBox } from '#src/common/crypto/secret-box.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import type { OrganizationMailSettingsEntity } from './mail-settings/mail-settings.entity.js';
import { MailSettingsRepository } from './mail-settings/mail-settings.repository.js';

/** An organization's slow or silent server fails a send (the job retries) instead of holding a worker. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export type MailRoute = 'console' | 'environment' | 'outbox';

/** The SecretBox purpose the organizations' SMTP passwords are sealed under. */
export const MAIL_PASSWORD_PURPOSE = 'mail-smtp-password';

/**
 * An organization's own server when it set one in the console; else SMTP when SMTP_URL is set;
 * otherwise each mail becomes an .eml file in DATA_DIR/outbox.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;
  readonly kind: 'smtp' | 'outbox';
  private readonly box: SecretBox;
  /** Per organization, rebuilt when its settings change (updatedAt). */
  private readonly own = new Map<string, { updatedAt: number; transporter: Transporter }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MailSettingsRepository) private readonly settings: MailSettingsRepository,
  ) {
    this.box = new SecretBox(config.auth.jwtSecret, MAIL_PASSWORD_PURPOSE);
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

  /** Where an organization's mail goes now. */
  async routeOf(organizationId: string | null): Promise<MailRoute> {
    if (organizationId && (await this.settings.find(organizationId))) return 'console';
    return this.kind === 'smtp' ? 'environment' : 'outbox';
  }

  /**
   * Sends the mail through the organization's route; in outbox mode answers the file it wrote,
   * else null. `response` receives the server's answer (e.g. `250 Ok: queued`).
   */
  async send(
    message: SendMailOptions,
    organizationId: string | null = null,
    response?: (text: string) => void,
  ): Promise<string | null> {
    const own = organizationId ? await this.settings.find(organizationId) : null;
    const transporter = own ? this.transporterOf(own) : this.transporter;
    const from = own ? own.fromAddress : this.config.mail.from;
    const info = (await transporter.sendMail({ from, ...message })) as {
      message?: Buffer;
      response?: string;
    };
    if (info.response) response?.(info.response);
    if (!own && this.kind === 'outbox' && info.message) {
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

  private transporterOf(row: OrganizationMailSettingsEntity): Transporter {
    const cached = this.own.get(row.organizationId);
    if (cached?.updatedAt === Number(row.updatedAt)) return cached.transporter;
    cached?.transporter.close();
    const password = row.passwordSealed
      ? this.box.openText(row.passwordSealed, row.organizationId)
      : null;
    const transporter = nodemailer.createTransport({
      host: row.host,
      port: row.port,
      secure: row.security === 'tls',
      requireTLS: row.security === 'starttls',
      ignoreTLS: row.security === 'none',
      ...(row.username ? { auth: { user: row.username, pass: password ?? '' } } : {}),
      ...SMTP_TIMEOUTS,
    });
    this.own.set(row.organizationId, { updatedAt: Number(row.updatedAt), transporter });
    return transporter;
  }

  onApplicationShutdown(): void {
    this.transporter.close();
    for (const { transporter } of this.own.values()) transporter.close();
  }
}
