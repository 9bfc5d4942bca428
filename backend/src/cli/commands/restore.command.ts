import { Injectable } from '@nestjs/common';
import { embeddedDataDir, restoreBackup } from '../backup/embedded-backup.js';
import type { CliCommand, CliContext, CliHandler } from '../cli-command.js';

@Injectable()
export class RestoreHandler implements CliHandler {
  async run(ctx: CliContext): Promise<void> {
    const dataDir = embeddedDataDir(ctx.env);
    const { manifest, pendingMigrations } = await restoreBackup(ctx.positionals[0], dataDir, {
      force: ctx.values.force === true,
    });
    ctx.io.stdout(
      `Restored the backup of ${manifest.createdAt} into ${dataDir}: database and ` +
        `${manifest.files.length} file(s), checksums verified.\n`,
    );
    if (pendingMigrations.length > 0) {
      ctx.io.stdout(
        `Its schema is older than this release: ${pendingMigrations.length} migration(s) will be applied when the api starts (or run "migrate").\n`,
      );
    }
  }
}

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'Restore an embedded backup into DATA_DIR (empty, or --force)',
  usage: '<dir> [--force]',
  description: `Embedded mode only. Verifies every checksum in <dir>/manifest.json and refuses a backup whose
schema is newer than this release, before anything is written. Then fills DATA_DIR, which must be
empty or missing; --force first deletes what DATA_DIR holds, and is refused while a running api has
the database open. A backup from an older release is migrated by the api when it starts (or by the
"migrate" command).

Example:
  calltimex-cli restore /backups/calltimex-2026-01-31-0200`,
  options: { force: { type: 'boolean' } },
  positionals: { min: 1, max: 1, names: ['<dir>'] },
  // The environment only: DATA_DIR must stay empty until the backup is verified.
  context: 'env',
  handler: RestoreHandler,
};
