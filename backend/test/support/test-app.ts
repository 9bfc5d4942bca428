import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import type { AppConfig } from '#src/config/app-config.js';
import { loadConfig } from '#src/config/load-config.js';
import { createApp } from '#src/configure-app.js';
import { dialectOf } from '#src/database/dialect.js';
import { MIGRATIONS } from '#src/database/migrations/index.js';

export const TEST_DB = (process.env.TEST_DB ?? 'sqlite') as 'sqlite' | 'mysql';
const MYSQL_ROOT = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Each jest worker gets its own MariaDB database, so files in parallel never see each other. */
async function workerDatabaseUrl(): Promise<string> {
  const name = `calltimex_t_${process.env.TEST_RUN_ID ?? process.ppid}_${process.env.JEST_WORKER_ID ?? '1'}`;
  const admin = await createConnection(MYSQL_ROOT);
  try {
    // A database migrated by migrations that no longer exist (regenerated during development) starts over.
    const known = new Set(MIGRATIONS.map((m) => m.name));
    const [rows] = await admin.query(
      `SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'migrations'`,
      [name],
    );
    if ((rows as unknown[]).length > 0) {
      const [applied] = await admin.query(`SELECT name FROM \`${name}\`.migrations`);
      if ((applied as { name: string }[]).some((r) => !known.has(r.name))) {
        await admin.query(`DROP DATABASE \`${name}\``);
      }
    }
    await admin.query(
      `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await admin.end();
  }
  const url = new URL(MYSQL_ROOT);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestContext {
  app: NestExpressApplication;
  config: AppConfig;
  dataDir: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Empties every table but the migration history, so each file starts from a clean database. */
export async function truncateAll(dataSource: DataSource): Promise<void> {
  const tables = dataSource.entityMetadatas.map((m) => m.tableName);
  if (dialectOf(dataSource) === 'mysql') {
    await dataSource.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const t of tables) await dataSource.query(`TRUNCATE TABLE \`${t}\``);
    await dataSource.query('SET FOREIGN_KEY_CHECKS = 1');
  } else {
    for (const t of tables) await dataSource.query(`DELETE FROM "${t}"`);
  }
}

/** Removes the BullMQ keys a test app left in the shared Redis. */
export async function deleteQueueKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The real api on the database this run tests (TEST_DB), migrated and empty. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestContext> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ctx-test-'));
  const server = TEST_DB === 'mysql' ? { DATABASE_URL: await workerDatabaseUrl(), REDIS_URL } : {};
  const config = loadConfig({
    DATA_DIR: dataDir,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    LOG_LEVEL: 'silent',
    // Jest workers (and files) share one Redis: each app gets BullMQ keys of its own.
    QUEUE_PREFIX: `ctx-test-${process.env.JEST_WORKER_ID ?? '1'}-${randomUUID().slice(0, 8)}`,
    WORKER_HEALTH_PORT: '0',
    // Suites read /metrics without a token; test/integration/platform/metrics-access checks the default.
    METRICS_PUBLIC: 'true',
    ...server,
    ...env,
  });
  const app = await createApp(config);
  const dataSource = app.get(DataSource);
  await truncateAll(dataSource);
  return {
    app,
    config,
    dataDir,
    dataSource,
    close: async () => {
      await app.close();
      if (config.redis) await deleteQueueKeys(config.redis.url, config.jobs.prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
