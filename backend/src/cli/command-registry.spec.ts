import type { CliCommand } from './cli-command.js';
import { CommandRegistry } from './command-registry.js';
import { cliCommands } from './commands/index.js';

const command = (name: string, options: CliCommand['options'] = {}): CliCommand => ({
  name,
  summary: 's',
  usage: '',
  description: 'd',
  options,
  positionals: { min: 0, max: 0 },
  run: () => Promise.resolve(),
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
});
