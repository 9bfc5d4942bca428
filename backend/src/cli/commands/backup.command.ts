import { Injectable } from '@nestjs/common';
import { embeddedDataDir, takeBackup } from '../backup/embedded-backup.js';
import type { CliCommand, CliContext, CliHandler } from '../cli-command.js';

@Injectable()
export class BackupHandler implements CliHandler {
  async run(ctx: CliContext): Promise<void> {
    const dataDir = embeddedDataDir(ctx.env);
    const { manifest, milliseconds } = await takeBackup(dataDir, ctx.positionals[0]);
    const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, manifest.database.bytes);
    ctx.io.stdout(
      `Backed up ${dataDir} to ${ctx.positionals[0]}: database ${manifest.database.bytes} bytes ` +
        `(schema ${manifest.schema.latest ?? 'empty'}), ${manifest.files.length} file(s), ` +
        `${bytes} bytes in all, ${milliseconds} ms.\n`,
    );
  }
}

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Back up an embedded installation (SQLite + files) while it runs',
  usage: '<dir>',
  description: `Embedded mode only (no DATABASE_URL). Copies DATA_DIR into <dir>, a new or empty directory:
  - calltimex.sqlite: SQLite's online backup of the database, one consistent instant, taken while the
    api keeps running and ingesting;
  - data/: every other file of DATA_DIR (files/, outbox/, secrets.json, billing-key);
  - manifest.json: SHA-256 of every file and the schema version (applied migrations), written last.
The backup holds personal data and the installation's secrets: keep it encrypted and access-restricted.
For server mode (MySQL) see docs/backup-restore.md.

Example:
  calltimex-cli backup /backups/calltimex-$(date +%F-%H%M)`,
  options: {},
  positionals: { min: 1, max: 1, names: ['<dir>'] },
  // The environment only: the api keeps the database open and running; this opens nothing else.
  context: 'env',
  handler: BackupHandler,
};
