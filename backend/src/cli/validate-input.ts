import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CliUsageError } from './cli-command.js';

/**
 * Checks command options with the api's own DTO class, so the CLI accepts exactly what the HTTP
 * route accepts. `flags` names the option for each DTO field in the messages.
 */
export function validateInput<T extends object>(
  dto: ClassConstructor<T>,
  input: Record<string, unknown>,
  flags: Partial<Record<keyof T, string>>,
): T {
  const instance = plainToInstance(dto, input);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const messages = errors.flatMap((e) => {
      const flag = flags[e.property as keyof T] ?? e.property;
      return Object.values(e.constraints ?? {}).map((m) => `--${flag}: ${m}`);
    });
    throw new CliUsageError(messages.join('\n'));
  }
  return instance;
}

/** An integer option, or undefined when it was not given. */
export function intOption(value: string | boolean | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^-?\d{1,9}$/.test(value)) {
    throw new CliUsageError(`--${flag} must be a whole number`);
  }
  return Number(value);
}

export function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
