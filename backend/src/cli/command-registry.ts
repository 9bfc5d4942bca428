import type { CliCommand } from './cli-command.js';

/** The commands `cli.js` knows; other modules register theirs with one line in commands/index.ts. */
export class CommandRegistry {
  private readonly commands = new Map<string, CliCommand>();

  register(...commands: CliCommand[]): this {
    for (const command of commands) {
      if (!/^[a-z][a-z0-9-]*$/.test(command.name)) {
        throw new Error(`CLI command name "${command.name}" must be kebab-case`);
      }
      if (this.commands.has(command.name)) {
        throw new Error(`CLI command "${command.name}" is registered twice`);
      }
      if ('help' in command.options) {
        throw new Error(`CLI command "${command.name}" must not define --help itself`);
      }
      this.commands.set(command.name, command);
    }
    return this;
  }

  get(name: string): CliCommand | undefined {
    return this.commands.get(name);
  }

  list(): CliCommand[] {
    return [...this.commands.values()];
  }
}
