import {
  CONFIG_VERSION,
  ConfigError,
  defaultConfig,
  migrateConfig,
  validateConfig,
} from './config.js';

describe('agent configuration', () => {
  it('migrates the version 1 file, keeping what it said', () => {
    const { config, migrated } = migrateConfig({
      version: 1,
      server: 'https://ctx.example',
      device: 'dev-1',
      excludedApps: ['keepass'],
      idleMinutes: 3,
    });
    expect(migrated).toBe(true);
    expect(config).toMatchObject({
      version: CONFIG_VERSION,
      serverUrl: 'https://ctx.example',
      deviceId: 'dev-1',
      sampling: { idleThresholdSeconds: 180, intervalSeconds: 5 },
      privacy: { excludedApps: ['keepass'], urlMode: 'host' },
    });
  });

  it('treats a file without a version as version 1', () => {
    expect(migrateConfig({ server: 'http://localhost:3000' }).config.serverUrl).toBe(
      'http://localhost:3000',
    );
  });

  it('leaves a current file as it is', () => {
    const current = { ...defaultConfig(), serverUrl: 'https://a.example' };
    expect(migrateConfig(current)).toEqual({ config: current, migrated: false });
  });

  it('refuses a file written by a newer agent', () => {
    expect(() => migrateConfig({ version: CONFIG_VERSION + 1 })).toThrow(ConfigError);
  });

  it('lists every problem at once', () => {
    const bad = {
      ...defaultConfig(),
      serverUrl: 'ftp://x',
      sampling: { intervalSeconds: 0, idleThresholdSeconds: -1, maxSpanSeconds: 99_999 },
      privacy: { ...defaultConfig().privacy, urlMode: 'path', titleRedactions: ['('] },
      pauseAllowanceMinutes: -5,
      workHours: { timeZone: 'UTC', days: { mon: [['10:00', '09:00']] } },
    };
    try {
      validateConfig(bad);
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'serverUrl: an http(s) URL',
        'sampling.intervalSeconds: a positive number',
        'sampling.idleThresholdSeconds: a positive number',
        'sampling.maxSpanSeconds: ≤ 12 h',
        'privacy.titleRedactions: bad pattern (',
        'privacy.urlMode: full, host or none',
        'pauseAllowanceMinutes: a number ≥ 0',
        'workHours: empty work window 10:00-09:00',
      ]);
    }
  });
});
