import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ctx-config-'));

describe('loadConfig', () => {
  it('needs nothing in embedded mode and persists a generated secret', () => {
    const dir = tempDir();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.database).toEqual({ type: 'sqlite', path: join(dir, 'calltimex.sqlite') });
    expect(first.redis).toBeNull();
    expect(first.http.port).toBe(3000);
    expect(first.allowSignup).toBe(false);
    expect(first.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toContain(first.auth.jwtSecret);
  });

  it('selects MySQL and BullMQ from their URLs', () => {
    const config = loadConfig({
      DATA_DIR: tempDir(),
      DATABASE_URL: 'mysql://root@db:3306/calltimex',
      REDIS_URL: 'redis://redis:6379',
      JWT_SECRET: 'x'.repeat(40),
      ALLOW_SIGNUP: 'true',
      PORT: '8080',
    });
    expect(config.database).toEqual({
      type: 'mysql',
      url: 'mysql://root@db:3306/calltimex',
      poolSize: 10,
    });
    expect(config.redis).toEqual({ url: 'redis://redis:6379' });
    expect(config.allowSignup).toBe(true);
    expect(config.http.port).toBe(8080);
    expect(config.http.publicUrl).toBe('http://localhost:8080');
  });

  it('lists every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        DATA_DIR: tempDir(),
        PORT: 'eighty',
        DATABASE_URL: 'postgres://nope',
        REDIS_URL: 'http://redis',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const variable of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'LOG_LEVEL', 'JWT_SECRET']) {
      expect(problems).toContain(variable);
    }
  });

  it('refuses a short JWT secret', () => {
    expect(() => loadConfig({ DATA_DIR: tempDir(), JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});
