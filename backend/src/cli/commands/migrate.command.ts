import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runMigrations } from '#src/database/migrate.js';
import type { CliCommand, CliContext, CliHandler } from '../cli-command.js';

@Injectable()
export class MigrateHandler implements CliHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async run(ctx: CliContext): Promise<void> {
    const applied = await runMigrations(this.dataSource);
    const total = this.dataSource.migrations.length;
    if (applied.length === 0) {
      ctx.io.stdout(`Schema is up to date (${total} migrations).\n`);
    } else {
      for (const name of applied) ctx.io.stdout(`applied ${name}\n`);
      ctx.io.stdout(`Applied ${applied.length} migration(s); schema is up to date.\n`);
    }
  }
}

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
  // The database as it is: applying what it lacks is the point.
  context: 'database',
  migrated: false,
  handler: MigrateHandler,
};
