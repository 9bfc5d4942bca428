import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TooManyRequestsError } from '../../../common/errors/domain-error.js';
import { CLOCK, type Clock } from '../clock.js';
import { sha256 } from './token.service.js';
import { LoginAttemptsRepository } from './login-attempts.repository.js';

export const MAX_FAILED_LOGINS = 10;
export const LOGIN_WINDOW_SECONDS = 15 * 60;

/**
 * At most MAX_FAILED_LOGINS failed logins per submitted email and per client address within the
 * window. An attempt is recorded BEFORE the password is checked and counted with the others, so
 * concurrent requests on several replicas cannot slip past the limit; a success deletes its record.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(LoginAttemptsRepository) private readonly attempts: LoginAttemptsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Records the attempt and returns its id, or throws 429 when either key is over the limit. */
  async begin(email: string, clientAddress: string): Promise<string> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - LOGIN_WINDOW_SECONDS * 1000);
    const emailHash = sha256(email.trim().toLowerCase());
    const address = clientAddress.slice(0, 64);
    const id = randomUUID();
    await this.attempts.insert({ id, emailHash, clientAddress: address, attemptedAt: now });
    const [byEmail, byAddress] = await Promise.all([
      this.attempts.byEmail(emailHash, since),
      this.attempts.byAddress(address, since),
    ]);
    const over = [byEmail, byAddress].filter((w) => w.count > MAX_FAILED_LOGINS);
    if (over.length === 0) {
      // Housekeeping, now and then: rows older than the window count for nothing.
      if (Math.random() < 0.02) await this.attempts.deleteOlderThan(since);
      return id;
    }
    // A refused attempt does not extend the lockout: it is not a guess that reached the password.
    await this.attempts.delete(id);
    const retryAfter = Math.max(
      ...over.map((w) => {
        const oldest = (w.oldest ?? now).getTime();
        return Math.ceil((oldest + LOGIN_WINDOW_SECONDS * 1000 - now.getTime()) / 1000);
      }),
    );
    throw new TooManyRequestsError(
      Math.min(Math.max(retryAfter, 1), LOGIN_WINDOW_SECONDS),
      'Too many failed sign-in attempts. Try again later.',
    );
  }

  /** The attempt was not a guess (the password matched, a second factor is still to come). */
  async release(attemptId: string): Promise<void> {
    await this.attempts.delete(attemptId);
  }

  /** The password was right: this attempt and the email's earlier failures no longer count. */
  async succeeded(attemptId: string, email: string): Promise<void> {
    await this.attempts.delete(attemptId);
    await this.attempts.deleteForEmail(sha256(email.trim().toLowerCase()));
  }
}
