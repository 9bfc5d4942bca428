import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { AppConfig } from './app-config.js';
import { EnvironmentSchema } from './config.schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`),
  );
}

/** Embedded mode needs no configuration: its secrets are generated once and kept in DATA_DIR. */
function embeddedSecrets(dataDir: string): { jwtSecret: string } {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string };
  mkdirSync(dataDir, { recursive: true });
  const secrets = { jwtSecret: randomBytes(48).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

/** Validates the environment once and lists every bad variable together. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const schema = plainToInstance(EnvironmentSchema, raw, { exposeDefaultValues: true });
  const problems = describe(validateSync(schema, { skipMissingProperties: false }));
  if (schema.DATABASE_URL && !schema.JWT_SECRET) {
    problems.push('JWT_SECRET: required when DATABASE_URL is set (server mode)');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = resolve(schema.DATA_DIR);
  const jwtSecret = schema.JWT_SECRET ?? embeddedSecrets(dataDir).jwtSecret;
  return {
    http: {
      port: schema.PORT,
      trustProxyHops: schema.TRUST_PROXY_HOPS,
      publicUrl: (schema.PUBLIC_URL ?? `http://localhost:${schema.PORT}`).replace(/\/$/, ''),
    },
    dataDir,
    database: schema.DATABASE_URL
      ? { type: 'mysql', url: schema.DATABASE_URL, poolSize: schema.DATABASE_POOL_SIZE }
      : { type: 'sqlite', path: join(dataDir, 'calltimex.sqlite') },
    redis: schema.REDIS_URL ? { url: schema.REDIS_URL } : null,
    mail: { smtpUrl: schema.SMTP_URL ?? null, from: schema.MAIL_FROM },
    auth: {
      jwtSecret,
      accessTokenTtlSeconds: schema.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: schema.REFRESH_TOKEN_TTL_DAYS,
    },
    allowSignup: schema.ALLOW_SIGNUP,
    migrateOnStart: schema.MIGRATE_ON_START,
    worker: {
      concurrency: schema.WORKER_CONCURRENCY,
      healthPort: schema.WORKER_HEALTH_PORT,
      shutdownGraceSeconds: schema.WORKER_SHUTDOWN_GRACE_SECONDS,
    },
    jobs: {
      prefix: schema.QUEUE_PREFIX,
      lockSeconds: schema.JOB_LOCK_SECONDS,
      sweepIntervalSeconds: schema.SWEEP_INTERVAL_SECONDS,
    },
    exports: { retentionDays: schema.EXPORT_RETENTION_DAYS },
    logLevel: schema.LOG_LEVEL,
  };
}
