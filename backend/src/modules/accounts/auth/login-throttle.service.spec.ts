import { fakeClock, strictFake } from '../../../../test/factories/accounts.builders.js';
import { TooManyRequestsError } from '../../../common/errors/domain-error.js';
import type { LoginAttemptEntity } from '../entities/login-attempt.entity.js';
import type { LoginAttemptsRepository } from './login-attempts.repository.js';
import {
  LOGIN_WINDOW_SECONDS,
  LoginThrottleService,
  MAX_FAILED_LOGINS,
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
    delete: (id: string) => {
      rows.splice(
        rows.findIndex((r) => r.id === id),
        1,
      );
      return Promise.resolve();
    },
    deleteForEmail: (hash: string) => {
      for (let i = rows.length - 1; i >= 0; i--) if (rows[i].emailHash === hash) rows.splice(i, 1);
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
  it(`allows ${MAX_FAILED_LOGINS} failures per email, then answers 429 with the time left`, async () => {
    const clock = fakeClock();
    const { repo } = inMemoryAttempts();
    const throttle = new LoginThrottleService(repo, clock);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await throttle.begin('Ada@Example.com', `10.0.0.${i}`);
      clock.advance(1000);
    }
    const error = await throttle.begin('ada@example.com ', '10.0.1.1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBe(LOGIN_WINDOW_SECONDS - 10);
    clock.advance((LOGIN_WINDOW_SECONDS - 9) * 1000);
    await expect(throttle.begin('ada@example.com', '10.0.1.1')).resolves.toEqual(
      expect.any(String),
    );
  });

  it('limits one client address across emails', async () => {
    const { repo } = inMemoryAttempts();
    const throttle = new LoginThrottleService(repo, fakeClock());
    for (let i = 0; i < MAX_FAILED_LOGINS; i++)
      await throttle.begin(`u${i}@example.com`, '192.0.2.7');
    await expect(throttle.begin('fresh@example.com', '192.0.2.7')).rejects.toBeInstanceOf(
      TooManyRequestsError,
    );
    await expect(throttle.begin('fresh@example.com', '192.0.2.8')).resolves.toEqual(
      expect.any(String),
    );
  });

  it('does not count refused attempts, and a success clears the email', async () => {
    const { repo, rows } = inMemoryAttempts();
    const throttle = new LoginThrottleService(repo, fakeClock());
    const first = await throttle.begin('bob@example.com', '192.0.2.1');
    await throttle.succeeded(first, 'bob@example.com');
    expect(rows).toHaveLength(0);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++)
      await throttle.begin('bob@example.com', `192.0.2.${i}`);
    await expect(throttle.begin('bob@example.com', '192.0.2.99')).rejects.toBeInstanceOf(
      TooManyRequestsError,
    );
    expect(rows).toHaveLength(MAX_FAILED_LOGINS);
  });
});
