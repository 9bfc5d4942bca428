import { CommandRegistry } from '../command-registry.js';
import { backupCommand } from './backup.command.js';
import { demoCommand } from './demo.command.js';
import { createOwnerCommand } from './create-owner.command.js';
import { issueEnrollmentTokenCommand } from './issue-enrollment-token.command.js';
import { migrateCommand } from './migrate.command.js';
import { resetPasswordCommand } from './reset-password.command.js';
import { restoreCommand } from './restore.command.js';
import { showConfigCommand } from './show-config.command.js';

/** Every command of `cli.js`, in the order `--help` lists them. A module adds its own here. */
export function cliCommands(): CommandRegistry {
  return new CommandRegistry().register(
    migrateCommand,
    createOwnerCommand,
    resetPasswordCommand,
    issueEnrollmentTokenCommand,
    showConfigCommand,
    backupCommand,
    restoreCommand,
    demoCommand,
  );
}
