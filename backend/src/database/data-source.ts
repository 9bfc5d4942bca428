import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
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
    entities: ENTITIES,
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
    },
  };
}

export async function createDataSource(db: DatabaseConfig): Promise<DataSource> {
  const flavor = db.type === 'mysql' ? await mysqlFlavor(db.url) : 'mysql';
  return new DataSource(dataSourceOptions(db, flavor));
}

export type Dialect = 'mysql' | 'sqlite';

export function dialectOf(dataSource: DataSource): Dialect {
  return dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
}
