import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { logger } from '#src/common/logging/logger.js';
import { BadRequestError } from '#src/common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { Mailer } from '#src/modules/notifications/mailer.service.js';
import { PasswordResetTokenEntity } from '../entities/password-reset-token.entity.js';
import { PasswordResetTokensRepository } from './password-reset-tokens.repository.js';
import { PasswordService } from './password.service.js';

const TOKEN_TTL_MINUTES = 60;
// More requests than this per user and hour are answered the same way but send nothing.
const MAX_LINKS_PER_HOUR = 3;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

@Injectable()
export class PasswordResetService {
  constructor(
    @Inject(PasswordResetTokensRepository)
    private readonly repository: PasswordResetTokensRepository,
    @Inject(PasswordService) private readonly passwords: PasswordService,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The answer never says whether the address has an account. */
  async request(email: string): Promise<void> {
    const now = new Date();
    const user = await this.repository.findUserByEmail(email.trim().toLowerCase());
    if (!user || user.status !== 'active') return;
    const recent = await this.repository.countRecentResetTokens(
      user.id,
      new Date(now.getTime() - 3_600_000),
    );
    if (recent >= MAX_LINKS_PER_HOUR) {
      logger.info({ userId: user.id }, 'password reset link not sent: hourly limit');
      return;
    }
    const token = randomBytes(32).toString('base64url');
    await this.repository.insertResetToken(
      Object.assign(new PasswordResetTokenEntity(), {
        id: randomUUID(),
        organizationId: user.organizationId,
        userId: user.id,
        tokenHash: sha256(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + TOKEN_TTL_MINUTES * 60_000),
        usedAt: null,
      }),
    );
    await this.mailer.queueMail({
      organizationId: user.organizationId,
      template: 'password-reset',
      to: { userId: user.id },
      params: {
        resetUrl: `${this.config.http.publicUrl}/reset-password?token=${token}`,
        expiresInMinutes: TOKEN_TTL_MINUTES,
      },
    });
  }

  async confirm(token: string, password: string): Promise<void> {
    const now = new Date();
    const invalid = () =>
      new BadRequestError(
        'This password reset link is invalid, expired or already used.',
        'invalid-reset-token',
      );
    const row = await this.repository.findUsableResetToken(sha256(token), now);
    if (!row) throw invalid();
    const user = await this.repository.findUser(row.organizationId, row.userId);
    if (!user || user.status !== 'active') throw invalid();
    this.passwords.assertAcceptable(password, { email: user.email });
    const hash = await this.passwords.hash(password);
    if (!(await this.repository.resetPassword(row, hash, now))) throw invalid();
  }
}
