import type { DataSource } from 'typeorm';
import { dialectOf } from './dialect.js';

/**
 * Applies pending migrations once, even when several api replicas start together: MySQL serializes
 * them with a named lock; SQLite is a single file that only one embedded process opens.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (dialectOf(dataSource) === 'sqlite') {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // Named locks are server-wide: the database name keeps installations sharing a server apart.
    const lockName = `calltimex_migrations:${(await runner.getCurrentDatabase()) ?? ''}`;
    const [row] = (await runner.query('SELECT GET_LOCK(?, 300) AS locked', [lockName])) as {
      locked: number;
    }[];
    if (row?.locked !== 1) throw new Error('Timed out waiting for the migration lock');
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [lockName]);
    }
  } finally {
    await runner.release();
  }
}
