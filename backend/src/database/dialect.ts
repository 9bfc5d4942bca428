import type { DataSource } from 'typeorm';

export type Dialect = 'mysql' | 'sqlite';

/** Which SQL a repository writes: MySQL/MariaDB, or the embedded SQLite. */
export function dialectOf(dataSource: DataSource): Dialect {
  return dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
}
