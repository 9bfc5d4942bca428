import type { CliCommand, CliHandler } from './cli-command.js';
import { CommandRegistry } from './command-registry.js';
import { cliCommands } from './commands/index.js';

class NoopHandler implements CliHandler {
  run(): Promise<void> {
    return Promise.resolve();
  }
}

const command = (name: string, options: CliCommand['options'] = {}): CliCommand => ({
  name,
  summary: 's',
  usage: '',
  description: 'd',
  options,
  positionals: { min: 0, max: 0 },
  context: 'env',
  handler: NoopHandler,
});

describe('CommandRegistry', () => {
  it('keeps commands in registration order', () => {
    const registry = new CommandRegistry().register(command('b'), command('a'));
    expect(registry.list().map((c) => c.name)).toEqual(['b', 'a']);
    expect(registry.get('a')?.name).toBe('a');
    expect(registry.get('c')).toBeUndefined();
  });

  it('refuses duplicates, bad names and an own --help', () => {
    expect(() => new CommandRegistry().register(command('x'), command('x'))).toThrow('twice');
    expect(() => new CommandRegistry().register(command('Bad_Name'))).toThrow('kebab-case');
    expect(() =>
      new CommandRegistry().register(command('y', { help: { type: 'boolean' } })),
    ).toThrow('--help');
  });

  it('holds the documented commands', () => {
    expect(
      cliCommands()
        .list()
        .map((c) => c.name),
    ).toEqual(
      expect.arrayContaining([
        'migrate',
        'create-owner',
        'reset-password',
        'issue-enrollment-token',
        'show-config',
        'backup',
        'restore',
      ]),
    );
  });

  it('opens for each command only what it needs', () => {
    const contexts = Object.fromEntries(
      cliCommands()
        .list()
        .map((c) => [c.name, c.context]),
    );
    // Backup and restore run on an empty DATA_DIR; show-config connects to nothing.
    expect(contexts).toMatchObject({
      backup: 'env',
      restore: 'env',
      'show-config': 'config',
      migrate: 'database',
      'create-owner': 'database',
    });
    const migrate = cliCommands().get('migrate');
    expect(migrate?.migrated).toBe(false);
    expect(cliCommands().get('create-owner')?.migrated).toBeUndefined();
  });
});
