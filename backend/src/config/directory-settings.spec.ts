import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config.js';

describe('DIRECTORY_CONFIG_PATH', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctx-dircfg-'));
  const base = { DATA_DIR: dir, LOG_LEVEL: 'silent' };
  const write = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const entry = {
    organization: 'Acme',
    enabled: true,
    url: 'ldaps://dc1.corp.example:636',
    bindDn: 'cn=svc,dc=corp',
    baseDn: 'dc=corp',
    loginAttribute: 'sAMAccountName',
  };

  it('is optional', () => {
    expect(loadConfig(base).directory.environment).toEqual([]);
  });

  it('reads the settings and the bind password file', () => {
    const secret = write('bind-pw', 'p@ss\n');
    const path = write('ok.json', { organizations: [{ ...entry, bindPasswordFile: secret }] });
    const [loaded] = loadConfig({ ...base, DIRECTORY_CONFIG_PATH: path }).directory.environment;
    expect(loaded).toMatchObject({
      organization: 'Acme',
      loginAttribute: 'sAMAccountName',
      bindPassword: 'p@ss',
      userFilter: '(objectClass=person)',
    });
    expect(loaded).not.toHaveProperty('bindPasswordFile');
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.json'), /cannot read/],
    ['not JSON', () => write('bad.json', '{'), /not JSON/],
    [
      'a bad url',
      () => write('url.json', { organizations: [{ ...entry, url: 'http://x' }] }),
      /organizations\.0\.url/,
    ],
    [
      'an owner mapping',
      () =>
        write('role.json', {
          organizations: [{ ...entry, roleMappings: [{ group: 'cn=x', role: 'owner' }] }],
        }),
      /roleMappings\.0\.role/,
    ],
    [
      'an unknown field',
      () => write('field.json', { organizations: [{ ...entry, bindPasword: 'typo' }] }),
      /bindPasword/,
    ],
    [
      'search without a bind DN',
      () => write('dn.json', { organizations: [{ ...entry, bindDn: null }] }),
      /bindDn is required/,
    ],
  ])('refuses %s at start-up', (_what, file, message) => {
    let error: unknown;
    try {
      loadConfig({ ...base, DIRECTORY_CONFIG_PATH: file() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
  });
});
