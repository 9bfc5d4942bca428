import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, FILE_VARIABLES, loadConfig } from './load-config.js';

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

  it('keeps screenshots on the filesystem by default, in DATA_DIR', () => {
    const dir = tempDir();
    expect(loadConfig({ DATA_DIR: dir }).screenshots).toEqual({
      storage: 'filesystem',
      dir: join(dir, 'files', 'screenshots'),
    });
  });

  it('selects an S3 bucket for screenshots, path-style and us-east-1 unless told', () => {
    const config = loadConfig({
      DATA_DIR: tempDir(),
      SCREENSHOTS_STORAGE: 's3',
      SCREENSHOTS_S3_ENDPOINT: 'http://minio:9000',
      SCREENSHOTS_S3_BUCKET: 'calltimex-shots',
      SCREENSHOTS_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      SCREENSHOTS_S3_SECRET_ACCESS_KEY: 'secret-example',
    });
    expect(config.screenshots).toMatchObject({
      storage: 's3',
      s3: {
        endpoint: 'http://minio:9000',
        bucket: 'calltimex-shots',
        region: 'us-east-1',
        accessKeyId: 'AKIAEXAMPLE',
        secretAccessKey: 'secret-example',
        forcePathStyle: true,
      },
    });
    const aws = loadConfig({
      DATA_DIR: tempDir(),
      SCREENSHOTS_STORAGE: 's3',
      SCREENSHOTS_S3_ENDPOINT: 'https://s3.eu-central-1.amazonaws.com',
      SCREENSHOTS_S3_BUCKET: 'shots',
      SCREENSHOTS_S3_REGION: 'eu-central-1',
      SCREENSHOTS_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      SCREENSHOTS_S3_SECRET_ACCESS_KEY: 'secret-example',
      SCREENSHOTS_S3_FORCE_PATH_STYLE: 'false',
    });
    expect(aws.screenshots).toMatchObject({
      s3: { region: 'eu-central-1', forcePathStyle: false },
    });
  });

  it('names every missing S3 variable when s3 is chosen, and never echoes a secret', () => {
    let error: unknown;
    try {
      loadConfig({
        DATA_DIR: tempDir(),
        SCREENSHOTS_STORAGE: 's3',
        SCREENSHOTS_S3_ENDPOINT: 'minio:9000',
        SCREENSHOTS_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
        SCREENSHOTS_S3_SECRET_ACCESS_KEY: 'do-not-print-me',
        SCREENSHOTS_S3_BUCKET: 'Bad_Bucket',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        'SCREENSHOTS_S3_ENDPOINT: SCREENSHOTS_S3_ENDPOINT must be an http(s) URL, e.g. https://s3.example.com',
        'SCREENSHOTS_S3_BUCKET: SCREENSHOTS_S3_BUCKET must be a bucket name: 3-63 of a-z 0-9 . -',
      ]),
    );
    expect((error as Error).message).not.toContain('do-not-print-me');
    expect(() => loadConfig({ DATA_DIR: tempDir(), SCREENSHOTS_STORAGE: 's3' })).toThrow(
      new ConfigError([
        'SCREENSHOTS_S3_ENDPOINT: required when SCREENSHOTS_STORAGE=s3',
        'SCREENSHOTS_S3_BUCKET: required when SCREENSHOTS_STORAGE=s3',
        'SCREENSHOTS_S3_ACCESS_KEY_ID: required when SCREENSHOTS_STORAGE=s3',
        'SCREENSHOTS_S3_SECRET_ACCESS_KEY: required when SCREENSHOTS_STORAGE=s3',
      ]),
    );
    expect(() =>
      loadConfig({
        DATA_DIR: tempDir(),
        SCREENSHOTS_STORAGE: 's3',
        SCREENSHOTS_S3_ENDPOINT: 'https://storage.example.com/s3',
        SCREENSHOTS_S3_BUCKET: 'shots',
        SCREENSHOTS_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
        SCREENSHOTS_S3_SECRET_ACCESS_KEY: 'secret-example',
      }),
    ).toThrow(/SCREENSHOTS_S3_ENDPOINT: only scheme, host and port/);
    expect(() => loadConfig({ DATA_DIR: tempDir(), SCREENSHOTS_STORAGE: 'ftp' })).toThrow(
      /SCREENSHOTS_STORAGE/,
    );
  });

  describe('read replicas', () => {
    const server = {
      DATABASE_URL: 'mysql://app:pw@primary:3306/calltimex',
      JWT_SECRET: 'x'.repeat(40),
    };
    const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
      try {
        loadConfig({ DATA_DIR: tempDir(), ...env });
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      throw new Error('loadConfig accepted the environment');
    };

    it('has none by default, and a lag limit of 30 seconds', () => {
      expect(loadConfig({ DATA_DIR: tempDir(), ...server }).replicas).toEqual({
        urls: [],
        maxLagSeconds: 30,
      });
    });

    it('reads a comma-separated list, spaces allowed around the commas', () => {
      const config = loadConfig({
        DATA_DIR: tempDir(),
        ...server,
        DATABASE_REPLICA_URLS:
          'mysql://app:pw@replica-1:3306/calltimex , mysql://app:pw@replica-2/calltimex',
        DATABASE_REPLICA_MAX_LAG_SECONDS: '5',
      });
      expect(config.replicas).toEqual({
        urls: ['mysql://app:pw@replica-1:3306/calltimex', 'mysql://app:pw@replica-2/calltimex'],
        maxLagSeconds: 5,
      });
    });

    it('refuses them in the embedded SQLite mode, with a clear reason', () => {
      expect(
        problemsOf({ DATABASE_REPLICA_URLS: 'mysql://app:pw@replica-1:3306/calltimex' }),
      ).toEqual([
        'DATABASE_REPLICA_URLS: read replicas need MySQL/MariaDB (DATABASE_URL); the embedded SQLite mode has none, unset it',
      ]);
    });

    it('refuses what is not a list of mysql:// URLs, and a bad lag limit', () => {
      const problems = problemsOf({
        ...server,
        DATABASE_REPLICA_URLS: 'mysql://app:pw@replica-1/calltimex,postgres://replica-2/db',
        DATABASE_REPLICA_MAX_LAG_SECONDS: '0',
      });
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringContaining('DATABASE_REPLICA_URLS must be comma-separated URLs'),
          expect.stringContaining('DATABASE_REPLICA_MAX_LAG_SECONDS'),
        ]),
      );
    });

    it('refuses the primary itself and a replica listed twice, without echoing a password', () => {
      const problems = problemsOf({
        ...server,
        DATABASE_REPLICA_URLS:
          'mysql://app:pw@PRIMARY:3306/calltimex,mysql://app:secret1@r1/calltimex,mysql://app:secret1@r1:3306/calltimex',
      });
      expect(problems).toEqual([
        'DATABASE_REPLICA_URLS: mysql://app:***@PRIMARY:3306/calltimex is the primary (DATABASE_URL) itself',
        'DATABASE_REPLICA_URLS: mysql://app:***@r1:3306/calltimex is listed twice',
      ]);
      expect(problems.join('\n')).not.toContain('secret1');
    });
  });

  it('refuses a short JWT secret', () => {
    expect(() => loadConfig({ DATA_DIR: tempDir(), JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});

describe('loadConfig with VAR_FILE secrets', () => {
  const secretFile = (text: string) => {
    const file = join(tempDir(), 'secret');
    writeFileSync(file, text, { mode: 0o600 });
    return file;
  };
  const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    throw new Error('loadConfig accepted the environment');
  };
  const serverMode = {
    DATABASE_URL: 'mysql://calltimex:pw@db:3306/calltimex',
    REDIS_URL: 'redis://:pw@redis:6379',
    SMTP_URL: 'smtp://relay:25',
    JWT_SECRET: 'j'.repeat(40),
    BILLING_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
    METRICS_TOKEN: 'm'.repeat(32),
    DATABASE_REPLICA_URLS: 'mysql://calltimex:pw@replica-1:3306/calltimex',
    OIDC_CLIENT_SECRET: 'client-secret-from-the-idp',
    SCREENSHOTS_S3_SECRET_ACCESS_KEY: 's3-secret-key',
  };

  it('covers the secrets and nothing that is not one', () => {
    expect([...FILE_VARIABLES].sort()).toEqual(Object.keys(serverMode).sort());
  });

  it('reads every secret from its file, without the trailing newline', () => {
    const env: NodeJS.ProcessEnv = { DATA_DIR: tempDir() };
    for (const [name, value] of Object.entries(serverMode)) {
      env[`${name}_FILE`] = secretFile(`${value}\n`);
    }
    const config = loadConfig(env);
    expect(config.database).toMatchObject({ type: 'mysql', url: serverMode.DATABASE_URL });
    expect(config.redis).toEqual({ url: serverMode.REDIS_URL });
    expect(config.mail.smtpUrl).toBe(serverMode.SMTP_URL);
    expect(config.auth.jwtSecret).toBe(serverMode.JWT_SECRET);
    expect(config.billing.encryptionKeys.map((k) => k.key)).toEqual([
      Buffer.from(serverMode.BILLING_ENCRYPTION_KEY, 'base64'),
    ]);
    expect(config.replicas.urls).toEqual([serverMode.DATABASE_REPLICA_URLS]);
  });

  it('takes an empty replica file as no replicas (compose always mounts it)', () => {
    const { DATABASE_REPLICA_URLS: _replicas, ...rest } = serverMode;
    const config = loadConfig({
      DATA_DIR: tempDir(),
      ...rest,
      DATABASE_REPLICA_URLS_FILE: secretFile('\n'),
    });
    expect(config.replicas.urls).toEqual([]);
  });

  it('trims one trailing newline (CRLF too) and keeps other whitespace', () => {
    const jwt = ` ${'s'.repeat(40)} `;
    const config = loadConfig({
      DATA_DIR: tempDir(),
      JWT_SECRET_FILE: secretFile(`${jwt}\r\n`),
    });
    expect(config.auth.jwtSecret).toBe(jwt);
  });

  it('validates a value from a file like one from the environment', () => {
    const problems = problemsOf({
      DATA_DIR: tempDir(),
      DATABASE_URL_FILE: secretFile('postgres://db/calltimex\n'),
      JWT_SECRET: 'j'.repeat(40),
    });
    expect(problems.join('\n')).toContain('DATABASE_URL must look like mysql://');
  });

  it.each(FILE_VARIABLES)('refuses %s together with its _FILE variant', (name) => {
    const problems = problemsOf({
      DATA_DIR: tempDir(),
      ...serverMode,
      [`${name}_FILE`]: secretFile(serverMode[name]),
    });
    expect(problems).toEqual([`${name}_FILE: ${name} is set as well; set only one of them`]);
  });

  it('names a missing or empty file, together with the other problems', () => {
    const missing = join(tempDir(), 'no-such-secret');
    const empty = secretFile('\n');
    const problems = problemsOf({
      DATA_DIR: tempDir(),
      REDIS_URL_FILE: missing,
      JWT_SECRET_FILE: empty,
      PORT: 'eighty',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        `REDIS_URL_FILE: cannot read ${missing} (ENOENT)`,
        `JWT_SECRET_FILE: ${empty} is empty`,
        expect.stringContaining('PORT'),
      ]),
    );
  });

  it('ignores _FILE for variables that are not secrets', () => {
    const config = loadConfig({ DATA_DIR: tempDir(), LOG_LEVEL_FILE: secretFile('debug') });
    expect(config.logLevel).toBe('info');
  });
});
