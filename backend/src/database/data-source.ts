import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { logger } from '../common/logging/logger.js';
import type { DatabaseConfig } from '../config/app-config.js';
import { entitiesFor } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/**
 * MariaDB reports column defaults differently from MySQL; TypeORM's 'mariadb' driver reads them
 * right, so the server is asked which it is before the data source is built.
 */
async function mysqlFlavor(url: string): Promise<'mysql' | 'mariadb'> {
  const connection = await createConnection(url);
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return /mariadb/i.test((rows as { version: string }[])[0]?.version ?? '') ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

export function dataSourceOptions(
  db: DatabaseConfig,
  flavor: 'mysql' | 'mariadb' = 'mysql',
): DataSourceOptions {
  const common = {
    entities: entitiesFor(db.type),
    migrations: MIGRATIONS,
    synchronize: false,
    logging: false,
  } as const;
  if (db.type === 'mysql') {
    return {
      ...common,
      type: flavor,
      url: db.url,
      poolSize: db.poolSize,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      // Large ingestion batches are sent as one multi-row INSERT.
      extra: { maxPreparedStatements: 256 },
      supportBigNumbers: true,
      bigNumberStrings: false,
    };
  }
  mkdirSync(dirname(db.path), { recursive: true });
  secureSqliteFiles(db.path);
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    // WAL for concurrent readers; secure_delete so erased data does not linger in free pages.
    prepareDatabase: (sqlite: { pragma(s: string): unknown }) => {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('secure_delete = ON');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('busy_timeout = 5000');
      // The -wal and -shm files exist from here on; SQLite gives them the database file's mode.
      secureSqliteFiles(db.path);
    },
  };
}

const SQLITE_FILE_MODE = 0o600;

/**
 * The SQLite file and its -wal, -shm and -journal companions hold everything: owner-only, like the
 * secrets and the outbox. A missing database file is created 0600 before SQLite opens it (SQLite
 * then creates the companions with the same mode); a looser existing file is corrected and logged.
 */
export function secureSqliteFiles(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', SQLITE_FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    let mode: number;
    try {
      mode = statSync(file).mode & 0o777;
    } catch {
      continue;
    }
    if (mode === SQLITE_FILE_MODE) continue;
    chmodSync(file, SQLITE_FILE_MODE);
    logger.warn(
      { file, was: mode.toString(8), now: SQLITE_FILE_MODE.toString(8) },
      'database file was readable by others; its mode is corrected',
    );
  }
}

export async function createDataSource(db: DatabaseConfig): Promise<DataSource> {
  const flavor = db.type === 'mysql' ? await mysqlFlavor(db.url) : 'mysql';
  return new DataSource(dataSourceOptions(db, flavor));
}

/**
 * A read replica's own DataSource: the primary's options (the same server software, hence its
 * flavor), no migrations, and a short connect timeout so that a replica that is down costs a read
 * two seconds at most before it goes to the primary.
 */
export function replicaDataSource(
  url: string,
  poolSize: number,
  flavor: 'mysql' | 'mariadb',
): DataSource {
  const options = dataSourceOptions({ type: 'mysql', url, poolSize }, flavor);
  return new DataSource({ ...options, migrations: [], connectTimeout: 2_000 } as DataSourceOptions);
}
