import { parseArgs } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PinoNestLogger } from '../common/logging/logger.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { DomainError, ValidationFailedError } from '../common/errors/domain-error.js';
import {
  CliError,
  CliUsageError,
  type CliCommand,
  type CliContext,
  type CliIo,
  type CliValues,
} from './cli-command.js';
import { CliModule } from './cli.module.js';
import { checkDatabase } from './schema-check.js';
import type { CommandRegistry } from './command-registry.js';

const PROGRAM = 'calltimex-cli';

function overview(registry: CommandRegistry): string {
  const commands = registry.list();
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Administration commands for CallTimeX. They read the same environment variables as the api',
    '(DATA_DIR, DATABASE_URL, ...; a .env file in the working directory is read too).',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run "${PROGRAM} <command> --help" for the options of a command.`,
    '',
  ].join('\n');
}

function commandHelp(command: CliCommand): string {
  const options = Object.entries(command.options).map(([name, o]) => {
    const flag = `--${name}${o.type === 'string' ? ' <value>' : ''}`;
    return `  ${o.short ? `-${o.short}, ` : ''}${flag}`;
  });
  return [
    `Usage: ${PROGRAM} ${command.name}${command.usage ? ` ${command.usage}` : ''}`,
    '',
    command.description.trimEnd(),
    '',
    'Options:',
    ...options,
    '  -h, --help',
    '',
  ].join('\n');
}

function describeError(error: unknown): string {
  if (error instanceof ValidationFailedError) return error.errors.map((e) => e.message).join('\n');
  if (error instanceof DomainError) return error.detail;
  if (error instanceof ConfigError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Parses argv, runs one command and resolves to the process exit code: 0 done, 1 failed,
 * 2 wrong usage. Never throws: every error is printed to stderr.
 */
export async function runCli(
  argv: string[],
  io: CliIo,
  registry: CommandRegistry,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview(registry));
    return name === undefined ? 2 : 0;
  }
  const command = registry.get(name);
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${overview(registry)}`);
    return 2;
  }

  let app: INestApplicationContext | undefined;
  try {
    let parsed: { values: CliValues; positionals: string[] };
    try {
      const result = parseArgs({
        args: rest,
        options: { ...command.options, help: { type: 'boolean', short: 'h' } },
        allowPositionals: true,
        strict: true,
      });
      parsed = { values: result.values, positionals: result.positionals };
    } catch (error) {
      throw new CliUsageError(describeError(error));
    }
    if (parsed.values.help) {
      io.stdout(commandHelp(command));
      return 0;
    }
    const { min, max, names } = command.positionals;
    if (parsed.positionals.length < min) {
      throw new CliUsageError(`Missing argument: ${names?.[parsed.positionals.length] ?? 'value'}`);
    }
    if (parsed.positionals.length > max) {
      throw new CliUsageError(`Unexpected argument: ${parsed.positionals[max] ?? ''}`);
    }
    // Validated here, not in the container: a bad environment is reported as the api reports it.
    const config = command.context === 'env' ? null : loadConfig(env);
    if (config && command.context === 'database') {
      await checkDatabase(config.database, command.migrated !== false);
    }
    app = await NestFactory.createApplicationContext(CliModule.forCommand(command, config), {
      // Start-up errors (a database that does not answer) are printed below, once.
      logger: false,
      abortOnError: false,
    });
    app.useLogger(new PinoNestLogger());
    const ctx: CliContext = { io, env, values: parsed.values, positionals: parsed.positionals };
    return (await app.get(command.handler).run(ctx)) ?? 0;
  } catch (error) {
    io.stderr(`Error: ${describeError(error)}\n`);
    if (error instanceof CliUsageError) {
      io.stderr(`Run "${PROGRAM} ${command.name} --help" for usage.\n`);
    }
    return error instanceof CliError ? error.exitCode : 1;
  } finally {
    // Closes what the command opened: the database connection, Redis, the queue.
    await app?.close();
  }
}
