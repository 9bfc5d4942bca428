import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TooManyRequestsError } from '#src/common/errors/domain-error.js';
import { CLOCK, type Clock } from '../clock.js';
import { sha256 } from './token.service.js';
import { LoginAttemptsRepository, type AttemptWindow } from './login-attempts.repository.js';

/** Failed logins allowed per client address, and per submitted email from one address. */
export const MAX_FAILED_LOGINS = 10;
/**
 * Failed logins allowed per submitted email across all addresses. Higher, so that an attacker on
 * one address cannot lock the owner out; past it the owner signs in with a link by mail.
 */
export const MAX_FAILED_LOGINS_PER_ACCOUNT = 50;
export const LOGIN_WINDOW_SECONDS = 15 * 60;
/** Sign-in link requests allowed per client address within the window. */
export const MAX_LINK_REQUESTS = 5;

/** The problem type a client reads to offer "mail me a sign-in link". */
export const SIGN_IN_LINK_AVAILABLE = 'sign-in-link-available';

// Link requests share the attempts table under keys of their own: a `link:` address never
// matches a login's address, and the marker never matches an email's hash.
const LINK_REQUEST_MARKER = sha256('sign-in-link-request');
const linkKey = (address: string) => `link:${address}`.slice(0, 64);

const hashOf = (email: string) => sha256(email.trim().toLowerCase());

/**
 * Failed logins are limited per client address, per (email, address) and, more softly, per email
 * across addresses. An attempt is recorded BEFORE the password is checked and counted with the
 * others, so concurrent requests on several replicas cannot slip past a limit; a success deletes
 * its record and this address's earlier failures for the email (never other addresses' ones, or a
 * sign-in by the owner would hand an attacker a fresh budget).
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(LoginAttemptsRepository) private readonly attempts: LoginAttemptsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Records the attempt and returns its id, or throws 429 when a key is over its limit. */
  async begin(email: string, clientAddress: string): Promise<string> {
    const now = this.clock.now();
    const since = this.windowStart(now);
    const emailHash = hashOf(email);
    const address = clientAddress.slice(0, 64);
    const id = randomUUID();
    await this.attempts.insert({ id, emailHash, clientAddress: address, attemptedAt: now });
    const [byAddress, byPair, byEmail] = await Promise.all([
      this.attempts.byAddress(address, since),
      this.attempts.byEmailAndAddress(emailHash, address, since),
      this.attempts.byEmail(emailHash, since),
    ]);
    const addressOver = byAddress.count > MAX_FAILED_LOGINS;
    const emailOver = [
      byPair.count > MAX_FAILED_LOGINS && byPair,
      byEmail.count > MAX_FAILED_LOGINS_PER_ACCOUNT && byEmail,
    ].filter((w): w is AttemptWindow => w !== false);
    if (!addressOver && emailOver.length === 0) {
      await this.housekeeping(since);
      return id;
    }
    // A refused attempt does not extend the lockout: it is not a guess that reached the password.
    await this.attempts.delete(id);
    const retryAfter = this.retryAfter([...(addressOver ? [byAddress] : []), ...emailOver], now);
    if (emailOver.length > 0) {
      // The owner keeps a way in that no password guesser can block: a link to their mailbox.
      throw new TooManyRequestsError(
        retryAfter,
        'Too many failed sign-in attempts for this email. Try again later, or request a sign-in link by mail.',
        SIGN_IN_LINK_AVAILABLE,
      );
    }
    throw new TooManyRequestsError(
      retryAfter,
      'Too many failed sign-in attempts. Try again later.',
    );
  }

  /** The attempt was not a guess (the password matched, a second factor is still to come). */
  async release(attemptId: string): Promise<void> {
    await this.attempts.delete(attemptId);
  }

  /** The password was right: this attempt and this address's failures for the email no longer count. */
  async succeeded(attemptId: string, email: string, clientAddress: string): Promise<void> {
    await this.attempts.delete(attemptId);
    await this.attempts.deleteForEmailAndAddress(hashOf(email), clientAddress.slice(0, 64));
  }

  /** Counts a sign-in link request from this address; throws 429 past MAX_LINK_REQUESTS. */
  async beginLinkRequest(clientAddress: string): Promise<void> {
    const now = this.clock.now();
    const since = this.windowStart(now);
    const key = linkKey(clientAddress);
    const id = randomUUID();
    await this.attempts.insert({
      id,
      emailHash: LINK_REQUEST_MARKER,
      clientAddress: key,
      attemptedAt: now,
    });
    const window = await this.attempts.byAddress(key, since);
    if (window.count <= MAX_LINK_REQUESTS) return;
    await this.attempts.delete(id);
    throw new TooManyRequestsError(
      this.retryAfter([window], now),
      'Too many sign-in link requests from this address. Try again later.',
    );
  }

  private windowStart(now: Date): Date {
    return new Date(now.getTime() - LOGIN_WINDOW_SECONDS * 1000);
  }

  /** Seconds until the oldest counted attempt of the slowest window leaves it. */
  private retryAfter(windows: AttemptWindow[], now: Date): number {
    const seconds = Math.max(
      ...windows.map((w) => {
        const oldest = (w.oldest ?? now).getTime();
        return Math.ceil((oldest + LOGIN_WINDOW_SECONDS * 1000 - now.getTime()) / 1000);
      }),
    );
    return Math.min(Math.max(seconds, 1), LOGIN_WINDOW_SECONDS);
  }

  private async housekeeping(since: Date): Promise<void> {
    // Now and then: rows older than the window count for nothing.
    if (Math.random() < 0.02) await this.attempts.deleteOlderThan(since);
  }
}
