import { plainToInstance } from 'class-transformer';
import { DirectorySettingsSchema } from '#src/config/directory-settings.js';
import { roleFor, teamFor } from './directory-provisioner.js';

const settings = (extra: Partial<DirectorySettingsSchema> = {}) =>
  plainToInstance(DirectorySettingsSchema, {
    enabled: true,
    url: 'ldap://x',
    baseDn: 'dc=x',
    roleMappings: [
      { group: 'CN=Staff,OU=Groups,DC=X', role: 'employee' },
      { group: 'cn=admins,ou=groups,dc=x', role: 'admin' },
      { group: 'cn=hr,ou=groups,dc=x', role: 'hr' },
    ],
    teamMappings: [
      { group: 'cn=support,ou=groups,dc=x', teamId: 'A0000000-0000-4000-8000-000000000000' },
    ],
    ...extra,
  });

describe('roleFor', () => {
  it('takes the most powerful role any group grants', () => {
    expect(roleFor(settings(), ['cn=staff,ou=groups,dc=x', 'cn=hr, ou=groups, dc=x'])).toBe('hr');
    expect(roleFor(settings(), ['cn=staff,ou=groups,dc=x', 'cn=admins,ou=groups,dc=x'])).toBe(
      'admin',
    );
  });

  it('admits nobody outside the mapped groups unless a default role is set', () => {
    expect(roleFor(settings(), ['cn=other,dc=x'])).toBeNull();
    expect(roleFor(settings({ defaultRole: 'employee' }), [])).toBe('employee');
  });
});

describe('teamFor', () => {
  it('maps a group to its team', () => {
    expect(teamFor(settings(), ['CN=Support,OU=Groups,DC=X'])).toBe(
      'a0000000-0000-4000-8000-000000000000',
    );
    expect(teamFor(settings(), [])).toBeNull();
  });
});
