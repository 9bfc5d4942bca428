import type { ParseArgsConfig } from 'node:util';
import type { ModuleMetadata, Provider, Type } from '@nestjs/common';

/** Where a command reads and writes; a test passes buffers instead of the process streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input (for `--password-stdin`); '' when it is a terminal. */
  readStdin(): Promise<string>;
}

export type CliOptions = NonNullable<ParseArgsConfig['options']>;
export type CliValues = Record<string, string | boolean | undefined>;

/** What a command's handler gets besides what it injects: its parsed arguments and streams. */
export interface CliContext {
  io: CliIo;
  env: NodeJS.ProcessEnv;
  values: CliValues;
  positionals: string[];
}

/** Runs one command; an injectable class resolved from the command's application context. */
export interface CliHandler {
  /** Resolves to the exit code (0 when nothing is returned). */
  run(ctx: CliContext): Promise<number | void>;
}

/**
 * What a command's application context is built from (CliModule.forCommand):
 * - `env`: nothing but the handler; no configuration is validated and no file is opened, so it
 *   runs on an empty or missing DATA_DIR (backup, restore);
 * - `config`: the validated configuration (APP_CONFIG); a bad environment fails before the handler;
 * - `database`: the core module the api and the worker use (configuration and database, never
 *   migrating by itself); unless `migrated` is false, pending migrations stop the command first.
 */
export type CliContextKind = 'env' | 'config' | 'database';

export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** What follows the command name, e.g. `<dir> [--force]`. */
  usage: string;
  /** Longer text for `<command> --help`: what it does, examples. */
  description: string;
  options: CliOptions;
  positionals: { min: number; max: number; names?: string[] };
  context: CliContextKind;
  /** With `database`: false for a command that runs on an unmigrated schema (migrate). */
  migrated?: boolean;
  /** With `database`: it queues jobs, so Redis is connected in server mode (only then). */
  queues?: boolean;
  /** Modules and providers the handler needs, on top of the context. */
  imports?: NonNullable<ModuleMetadata['imports']>;
  providers?: Provider[];
  handler: Type<CliHandler>;
}

/** A failure the user can fix; printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Wrong arguments: exit code 2, followed by a pointer to `--help`. */
export class CliUsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'CliUsageError';
  }
}
