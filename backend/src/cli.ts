import 'reflect-metadata';
import 'dotenv/config';
import { setLogLevel } from './common/logging/logger.js';
import { cliCommands } from './cli/commands/index.js';
import { processIo } from './cli/process-io.js';
import { runCli } from './cli/run-cli.js';

// The admin CLI: one command per run, no HTTP listener; `--help` lists the commands.
setLogLevel(process.env.LOG_LEVEL || 'warn');
runCli(process.argv.slice(2), processIo, cliCommands()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
