import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { UnauthorizedError } from '#src/common/errors/domain-error.js';
import { logger } from '#src/common/logging/logger.js';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { Mailer } from '#src/modules/notifications/mailer.service.js';
import { CLOCK, type Clock } from '../clock.js';
import { SignInLinkEntity } from '../entities/sign-in-link.entity.js';
import { MfaCodeInvalidError, MfaService } from '../mfa/mfa.service.js';
import { UsersRepository } from '../users/users.repository.js';
import type { LoginResponseDto } from './auth.dto.js';
import { AuthService, type ClientInfo } from './auth.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { SignInLinksRepository } from './sign-in-links.repository.js';
import { sha256, TokenService } from './token.service.js';

export const SIGN_IN_LINK_TTL_MINUTES = 15;
// More requests than this per user and hour from one address, or from all addresses together, are
// answered the same way but send nothing. The per-address budget is what keeps the owner's own
// request working while an attacker spends theirs; the total only bounds the mail an attacker with
// many addresses can cause.
const MAX_LINKS_PER_HOUR_PER_ADDRESS = 3;
const MAX_LINKS_PER_HOUR = 30;

/**
 * Sign-in by a single-use link mailed to the account's address: the way in that password guessers
 * cannot block. Stored like password reset links, as the SHA-256 of the token.
 */
@Injectable()
export class SignInLinkService {
  constructor(
    @Inject(SignInLinksRepository) private readonly links: SignInLinksRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(LoginThrottleService) private readonly throttle: LoginThrottleService,
    @Inject(MfaService) private readonly mfa: MfaService,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Limited per client address (429); the answer never says whether the address has an account. */
  async request(email: string, clientAddress: string): Promise<void> {
    await this.throttle.beginLinkRequest(clientAddress);
    const now = this.clock.now();
    const user = await this.users.findByEmail(email.trim().toLowerCase());
    if (!user || user.status !== 'active') return;
    const hourAgo = new Date(now.getTime() - 3_600_000);
    if (
      (await this.links.countSince(user.id, hourAgo, clientAddress)) >=
        MAX_LINKS_PER_HOUR_PER_ADDRESS ||
      (await this.links.countSince(user.id, hourAgo)) >= MAX_LINKS_PER_HOUR
    ) {
      logger.info({ userId: user.id }, 'sign-in link not sent: hourly limit');
      return;
    }
    const { token, hash } = this.tokens.opaque();
    await this.links.insert(
      Object.assign(new SignInLinkEntity(), {
        id: randomUUID(),
        organizationId: user.organizationId,
        userId: user.id,
        tokenHash: hash,
        createdAt: now,
        expiresAt: new Date(now.getTime() + SIGN_IN_LINK_TTL_MINUTES * 60_000),
        usedAt: null,
        requestedFrom: clientAddress.slice(0, 64),
      }),
    );
    await this.mailer.queueMail({
      organizationId: user.organizationId,
      template: 'sign-in-link',
      to: { userId: user.id },
      params: {
        signInUrl: `${this.config.http.publicUrl}/sign-in-link?token=${token}`,
        expiresInMinutes: SIGN_IN_LINK_TTL_MINUTES,
      },
    });
  }

  /**
   * Signs in as login does, MFA included. A missing code keeps the link usable (the console asks
   * for it and sends both again); a wrong code uses the link up, so a link is worth one guess.
   */
  async consume(
    token: string,
    mfaCode: string | undefined,
    client: ClientInfo,
  ): Promise<LoginResponseDto> {
    const now = this.clock.now();
    const invalid = () =>
      new UnauthorizedError('This sign-in link is invalid, expired or already used.');
    const link = await this.links.findUsable(sha256(token), now);
    if (!link) throw invalid();
    const user = await this.users.findById(link.organizationId, link.userId);
    if (!user || user.status !== 'active') throw invalid();
    try {
      await this.mfa.assertLoginFactor(user, { code: mfaCode }, { ticket: false });
    } catch (error) {
      if (error instanceof MfaCodeInvalidError) await this.links.claim(link.id, now);
      throw error;
    }
    if (!(await this.links.claim(link.id, now))) throw invalid();
    await this.auth.assertOrganizationOpen(user);
    return this.auth.login(user, client);
  }
}
