import type { AppConfig } from '../config/app-config.js';
import { createDataSource } from '../database/data-source.js';
import { CliError } from './cli-command.js';

/**
 * Before a command's context is built: the database answers and, unless `migrated` is false, has
 * no pending migration (commands write with this build's entities). On a connection of its own,
 * closed again: a context that fails half-built cannot be closed, so it must not fail for these.
 */
export async function checkDatabase(
  config: AppConfig['database'],
  migrated: boolean,
): Promise<void> {
  const dataSource = await createDataSource(config);
  await dataSource.initialize();
  try {
    if (migrated && (await dataSource.showMigrations())) {
      throw new CliError('The database schema is not up to date: run the "migrate" command first.');
    }
  } finally {
    await dataSource.destroy();
  }
}
