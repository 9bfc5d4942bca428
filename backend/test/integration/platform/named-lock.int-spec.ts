import { NamedLock, NamedLockTimeoutError } from '#src/database/named-lock.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';

describe('named lock (SQLite in process, MySQL/MariaDB GET_LOCK)', () => {
  let ctx: TestContext;
  let locks: NamedLock;

  beforeAll(async () => {
    ctx = await startTestApp();
    locks = ctx.app.get(NamedLock);
  });
  afterAll(async () => {
    await ctx.close();
  });

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('runs holders of one name one after another, in order, and other names beside them', async () => {
    const log: string[] = [];
    const holder = (name: string, label: string, ms: number) =>
      locks.run(name, 10, async () => {
        log.push(`${label}+`);
        await pause(ms);
        log.push(`${label}-`);
        return label;
      });
    const first = holder('test:a', 'a1', 150);
    await pause(20);
    const results = await Promise.all([
      first,
      holder('test:a', 'a2', 10),
      holder(`test:${'x'.repeat(80)}`, 'b', 10),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b']);
    expect(log.indexOf('a2+')).toBeGreaterThan(log.indexOf('a1-'));
    // The other name did not wait for a1.
    expect(log.indexOf('b-')).toBeLessThan(log.indexOf('a1-'));
  });

  it('gives up after the wait with NamedLockTimeoutError, and the lock is free afterwards', async () => {
    const long = locks.run('test:busy', 10, () => pause(1_500));
    await pause(50);
    await expect(locks.run('test:busy', 1, () => Promise.resolve('late'))).rejects.toBeInstanceOf(
      NamedLockTimeoutError,
    );
    await long;
    await expect(locks.run('test:busy', 1, () => Promise.resolve('free'))).resolves.toBe('free');
  });

  it('releases the lock when the work throws', async () => {
    await expect(
      locks.run('test:throws', 5, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    await expect(locks.run('test:throws', 1, () => Promise.resolve(1))).resolves.toBe(1);
  });
});
