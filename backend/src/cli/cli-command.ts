import type { ParseArgsConfig } from 'node:util';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';

/** Where a command reads and writes; a test passes buffers instead of the process streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input (for `--password-stdin`); '' when it is a terminal. */
  readStdin(): Promise<string>;
}

export type CliOptions = NonNullable<ParseArgsConfig['options']>;
export type CliValues = Record<string, string | boolean | undefined>;

/** What a command gets: its parsed arguments and lazily opened config and database. */
export interface CliContext {
  io: CliIo;
  env: NodeJS.ProcessEnv;
  values: CliValues;
  positionals: string[];
  /** Validated once on first use; a bad environment is reported as ConfigError. */
  config(): AppConfig;
  /** Initialized on first use, closed when the command ends; never migrates by itself. */
  dataSource(): Promise<DataSource>;
}

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
  /** Resolves to the exit code (0 when nothing is returned). */
  run(ctx: CliContext): Promise<number | void>;
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
