import { fakeClock, strictFake } from '#test/factories/accounts.builders.js';
import { TooManyRequestsError } from '#src/common/errors/domain-error.js';
import type { LoginAttemptEntity } from '../entities/login-attempt.entity.js';
import type { LoginAttemptsRepository } from './login-attempts.repository.js';
import {
  LOGIN_WINDOW_SECONDS,
  LoginThrottleService,
  MAX_FAILED_LOGINS,
  MAX_FAILED_LOGINS_PER_ACCOUNT,
  MAX_LINK_REQUESTS,
  SIGN_IN_LINK_AVAILABLE,
} from './login-throttle.service.js';

function inMemoryAttempts() {
  const rows: LoginAttemptEntity[] = [];
  const window = (match: (r: LoginAttemptEntity) => boolean, since: Date) => {
    const hits = rows.filter((r) => match(r) && r.attemptedAt > since);
    const oldest = hits.reduce<Date | null>(
      (min, r) => (!min || r.attemptedAt < min ? r.attemptedAt : min),
      null,
    );
    return Promise.resolve({ count: hits.length, oldest });
  };
  const repo = strictFake<LoginAttemptsRepository>('LoginAttemptsRepository', {
    insert: (a: LoginAttemptEntity) => {
      rows.push({ ...a });
      return Promise.resolve();
    },
    byEmail: (hash: string, since: Date) => window((r) => r.emailHash === hash, since),
    byAddress: (address: string, since: Date) => window((r) => r.clientAddress === address, since),
    byEmailAndAddress: (hash: string, address: string, since: Date) =>
      window((r) => r.emailHash === hash && r.clientAddress === address, since),
    delete: (id: string) => {
      rows.splice(
        rows.findIndex((r) => r.id === id),
        1,
      );
      return Promise.resolve();
    },
    deleteForEmailAndAddress: (hash: string, address: string) => {
      for (let i = rows.length - 1; i >= 0; i--)
        if (rows[i].emailHash === hash && rows[i].clientAddress === address) rows.splice(i, 1);
      return Promise.resolve();
    },
    deleteOlderThan: (cutoff: Date) => {
      for (let i = rows.length - 1; i >= 0; i--)
        if (rows[i].attemptedAt < cutoff) rows.splice(i, 1);
      return Promise.resolve();
    },
  });
  return { repo, rows };
}

describe('LoginThrottleService', () => {
  const problemCode = (error: unknown) => (error as TooManyRequestsError).code;

  it(`allows ${MAX_FAILED_LOGINS} failures per email from one address, then 429 with the time left and a sign-in link hint`, async () => {
    const clock = fakeClock();
    const { repo } = inMemoryAttempts();
    const throttle = new LoginThrottleService(repo, clock);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await throttle.begin('Ada@Example.com', '10.0.0.1');
      clock.advance(1000);
    }
    const error = await throttle.begin('ada@example.com ', '10.0.0.1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBe(LOGIN_WINDOW_SECONDS - 10);
    expect(problemCode(error)).toBe(SIGN_IN_LINK_AVAILABLE);
    // The same email from another address is not blocked by this one's failures.
    await expect(throttle.begin('ada@example.com', '10.0.0.2')).resolves.toEqual(
      expect.any(String),
    );
    clock.advance((LOGIN_WINDOW_SECONDS - 9) * 1000);
    await expect(throttle.begin('ada@example.com', '10.0.0.1')).resolves.toEqual(
      expect.any(String),
    );
  });

  it(`limits one email across addresses at ${MAX_FAILED_LOGINS_PER_ACCOUNT}, pointing to a sign-in link`, async () => {
    const { repo } = inMemoryAttempts();
    const throttle = new LoginThrottleService(repo, fakeClock());
    for (let i = 0; i < MAX_FAILED_LOGINS_PER_ACCOUNT; i++)
      await throttle.begin('ada@example.com', `10.1.${Math.floor(i / 5)}.${i % 5}`);
    const error = await throttle.begin('ada@example.com', '10.9.9.9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(problemCode(error)).toBe(SIGN_IN_LINK_AVAILABLE);
    expect((error as TooManyRequestsError).detail).toMatch(/sign-in link/);
    await expect(throttle.begin('bob@example.com', '10.9.9.9')).resolves.toEqual(
      expect.any(String),
    );
  });

  it('limits one client address across emails, without a sign-in link hint', async () => {
    const { repo } = inMemoryAttempts();
    const throttle = new LoginThrottleService(repo, fakeClock());
    for (let i = 0; i < MAX_FAILED_LOGINS; i++)
      await throttle.begin(`u${i}@example.com`, '192.0.2.7');
    const error = await throttle.begin('fresh@example.com', '192.0.2.7').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(problemCode(error)).toBe('rate-limited');
    await expect(throttle.begin('fresh@example.com', '192.0.2.8')).resolves.toEqual(
      expect.any(String),
    );
  });

  it("does not count refused attempts; a success clears only this address's failures", async () => {
    const { repo, rows } = inMemoryAttempts();
    const throttle = new LoginThrottleService(repo, fakeClock());
    await throttle.begin('bob@example.com', '192.0.2.50');
    await throttle.begin('bob@example.com', '192.0.2.1');
    const good = await throttle.begin('bob@example.com', '192.0.2.1');
    await throttle.succeeded(good, 'bob@example.com', '192.0.2.1');
    expect(rows.map((r) => r.clientAddress)).toEqual(['192.0.2.50']);
    for (let i = 1; i < MAX_FAILED_LOGINS; i++)
      await throttle.begin('bob@example.com', '192.0.2.1');
    await throttle.begin('bob@example.com', '192.0.2.1');
    await expect(throttle.begin('bob@example.com', '192.0.2.1')).rejects.toBeInstanceOf(
      TooManyRequestsError,
    );
    expect(rows).toHaveLength(1 + MAX_FAILED_LOGINS);
  });

  it(`allows ${MAX_LINK_REQUESTS} sign-in link requests per address, apart from login attempts`, async () => {
    const clock = fakeClock();
    const { repo } = inMemoryAttempts();
    const throttle = new LoginThrottleService(repo, clock);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++)
      await throttle.begin(`u${i}@example.com`, '192.0.2.9');
    for (let i = 0; i < MAX_LINK_REQUESTS; i++) await throttle.beginLinkRequest('192.0.2.9');
    const error = await throttle.beginLinkRequest('192.0.2.9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBe(LOGIN_WINDOW_SECONDS);
    await expect(throttle.beginLinkRequest('192.0.2.10')).resolves.toBeUndefined();
    // Link requests do not use up the address's login budget (it has 10 failures, not 16).
    await expect(throttle.begin('x@example.com', '192.0.2.10')).resolves.toEqual(
      expect.any(String),
    );
    clock.advance(LOGIN_WINDOW_SECONDS * 1000);
    await expect(throttle.beginLinkRequest('192.0.2.9')).resolves.toBeUndefined();
  });
});
