import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '#src/common/errors/domain-error.js';
import { SecretBox } from '#src/common/crypto/secret-box.js';
import type { Principal } from '#src/common/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { MAIL_PASSWORD_PURPOSE, MailTransport } from '../mail-transport.js';
import { MailDirectory } from '../mail-directory.js';
import type {
  MailSettingsDto,
  PutMailSettingsDto,
  TestMailDto,
  TestMailResultDto,
} from './mail-settings.dto.js';
import { OrganizationMailSettingsEntity } from './mail-settings.entity.js';
import { MailSettingsRepository } from './mail-settings.repository.js';

/**
 * An organization's own SMTP server (console), over the installation's SMTP_URL. Auditing is the
 * audit interceptor's (putMailSettings, deleteMailSettings, sendTestMail): notifications imports
 * no other module.
 */
@Injectable()
export class MailSettingsService {
  private readonly box: SecretBox;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MailSettingsRepository) private readonly repository: MailSettingsRepository,
    @Inject(MailTransport) private readonly transport: MailTransport,
    @Inject(MailDirectory) private readonly directory: MailDirectory,
  ) {
    this.box = new SecretBox(config.auth.jwtSecret, MAIL_PASSWORD_PURPOSE);
  }

  async get(p: Principal): Promise<MailSettingsDto> {
    const row = await this.repository.find(p.organizationId);
    if (!row) {
      // The form's starting point: the usual submission port, the installation's sender.
      return {
        source: await this.transport.routeOf(null),
        configured: false,
        host: '',
        port: 587,
        security: 'starttls',
        username: null,
        hasPassword: false,
        from: this.config.mail.from,
        updatedAt: null,
      };
    }
    return {
      source: 'console',
      configured: true,
      host: row.host,
      port: row.port,
      security: row.security,
      username: row.username,
      hasPassword: row.passwordSealed !== null,
      from: row.fromAddress,
      updatedAt: new Date(Number(row.updatedAt)).toISOString(),
    };
  }

  async put(p: Principal, dto: PutMailSettingsDto): Promise<MailSettingsDto> {
    const existing = await this.repository.find(p.organizationId);
    const passwordSealed =
      dto.password === undefined
        ? (existing?.passwordSealed ?? null)
        : dto.password === null
          ? null
          : this.box.seal(dto.password, p.organizationId);
    const row = Object.assign(new OrganizationMailSettingsEntity(), {
      organizationId: p.organizationId,
      host: dto.host.replace(/^\[|\]$/g, ''),
      port: dto.port,
      security: dto.security,
      username: dto.username ?? null,
      // A password without a user name is never sent: keep none rather than a dead one.
      passwordSealed: dto.username ? passwordSealed : null,
      fromAddress: dto.from,
      updatedByUserId: p.userId,
      // Strictly increasing, so a cached transport never survives a change in the same millisecond.
      updatedAt: Math.max(Date.now(), Number(existing?.updatedAt ?? 0) + 1),
    });
    await this.repository.save(row);
    return this.get(p);
  }

  async remove(p: Principal): Promise<void> {
    if (!(await this.repository.remove(p.organizationId))) {
      throw new NotFoundError('Mail server settings');
    }
  }

  /** Sends a mail now, the way the organization's mail goes, and says what the server answered. */
  async test(p: Principal, dto: TestMailDto): Promise<TestMailResultDto> {
    const source = await this.transport.routeOf(p.organizationId);
    const organization = await this.directory.organization(p.organizationId);
    const name = organization?.name ?? 'CallTimeX';
    const started = Date.now();
    let response: string | null = null;
    try {
      const written = await this.transport.send(
        {
          to: dto.to,
          subject: `CallTimeX: test mail for ${name}`,
          text: [
            `This is a test mail from CallTimeX for ${name}.`,
            '',
            source === 'console'
              ? 'It went through the mail server set on the Settings page.'
              : 'It went through the installation’s mail server (SMTP_URL).',
            'Invitations, approvals and scheduled reports will arrive the same way.',
          ].join('\n'),
          headers: { 'Auto-Submitted': 'auto-generated' },
        },
        p.organizationId,
        (text) => (response = text),
      );
      if (source === 'outbox') response = `written to ${written ?? 'the outbox'}`;
      return { delivered: true, source, error: null, response, durationMs: Date.now() - started };
    } catch (error) {
      return {
        delivered: false,
        source,
        error: describeSmtpError(error),
        response: null,
        durationMs: Date.now() - started,
      };
    }
  }
}

/** The server's own words where it gave some, else what went wrong on the way to it. */
function describeSmtpError(error: unknown): string {
  const e = error as { code?: string; response?: string; message?: string };
  const text = e.response ?? e.message ?? String(error);
  return e.code && !text.includes(e.code) ? `${e.code}: ${text}` : text;
}
