import { CliUsageError, type CliContext } from './cli-command.js';

/** Env variable a script can set instead of piping the password (never on the command line: `ps` shows it). */
export const PASSWORD_ENV = 'CALLTIMEX_PASSWORD';

export const PASSWORD_OPTIONS = {
  'password-stdin': { type: 'boolean' },
} as const;

export const PASSWORD_HELP = `The password is read from standard input with --password-stdin (its first line), or from the
environment variable ${PASSWORD_ENV}; never from the command line, where other users can see it.`;

export async function readPassword(ctx: CliContext): Promise<string> {
  if (ctx.values['password-stdin']) {
    const text = await ctx.io.readStdin();
    const line = text.split(/\r?\n/)[0] ?? '';
    if (!line) throw new CliUsageError('--password-stdin: standard input holds no password');
    return line;
  }
  const fromEnv = ctx.env[PASSWORD_ENV];
  if (fromEnv) return fromEnv;
  throw new CliUsageError(`Give the password with --password-stdin or in ${PASSWORD_ENV}`);
}
