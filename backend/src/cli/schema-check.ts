import type { DataSource } from 'typeorm';
import { CliError, type CliContext } from './cli-command.js';

/** The database, refused while migrations are pending: commands write with this build's entities. */
export async function migratedDataSource(ctx: CliContext): Promise<DataSource> {
  const dataSource = await ctx.dataSource();
  if (await dataSource.showMigrations()) {
    throw new CliError('The database schema is not up to date: run the "migrate" command first.');
  }
  return dataSource;
}
