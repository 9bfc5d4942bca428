import { cliCommands } from '#src/cli/commands/index.js';
import type { CliIo } from '#src/cli/cli-command.js';
import { runCli } from '#src/cli/run-cli.js';
import type { TestContext } from '#test/support/test-app.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one CLI command in this process, as `node dist/cli.js` would, with captured streams. */
export async function cli(argv: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: () => Promise.resolve(stdin),
  };
  const code = await runCli(argv, io, cliCommands(), { LOG_LEVEL: 'silent', ...env });
  return { code, stdout, stderr };
}

/** The environment that points the CLI at the test app's database (SQLite file or MariaDB). */
export function envOf(ctx: TestContext): NodeJS.ProcessEnv {
  return {
    DATA_DIR: ctx.dataDir,
    JWT_SECRET: ctx.config.auth.jwtSecret,
    ...(ctx.config.database.type === 'mysql' ? { DATABASE_URL: ctx.config.database.url } : {}),
  };
}
