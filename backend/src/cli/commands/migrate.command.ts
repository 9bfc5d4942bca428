import { runMigrations } from '../../database/migrate.js';
import type { CliCommand } from '../cli-command.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Apply pending database migrations (under the migration lock) and exit',
  usage: '',
  description: `Applies the migrations this release has and the database lacks, then exits. Safe to run while
an older api runs and from several places at once: MySQL serializes runs with a named lock. The Helm
chart runs it as a pre-install/pre-upgrade Job; with MIGRATE_ON_START=true the api does the same at
start-up.`,
  options: {},
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const dataSource = await ctx.dataSource();
    const applied = await runMigrations(dataSource);
    const total = dataSource.migrations.length;
    if (applied.length === 0) {
      ctx.io.stdout(`Schema is up to date (${total} migrations).\n`);
    } else {
      for (const name of applied) ctx.io.stdout(`applied ${name}\n`);
      ctx.io.stdout(`Applied ${applied.length} migration(s); schema is up to date.\n`);
    }
  },
};
