import { ScimError } from './scim-errors.js';
import { compileFilter, GROUP_FILTER, readListQuery, USER_FILTER } from './scim-filter.js';

const ADA = {
  id: 'a1',
  externalId: 'Ext-1',
  userName: 'ada@example.com',
  displayName: 'Ada Lovelace',
  active: true,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
};
const BOB = {
  ...ADA,
  id: 'b2',
  externalId: 'ext-2',
  userName: 'bob@corp.example',
  displayName: 'Bob Builder',
  active: false,
  emails: [{ value: 'bob@corp.example', type: 'work', primary: true }],
};

const ids = (filter: string) =>
  [ADA, BOB].filter(compileFilter(filter, USER_FILTER)).map((u) => u.id);

function scimTypeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return `${error.status} ${error.scimType}`;
    throw error;
  }
  return undefined;
}

describe('SCIM filters', () => {
  it('compares userName, emails and displayName case-insensitively', () => {
    expect(ids('userName eq "ADA@example.com"')).toEqual(['a1']);
    expect(ids('USERNAME sw "bob"')).toEqual(['b2']);
    expect(ids('emails.value co "corp"')).toEqual(['b2']);
    expect(ids('emails[type eq "work" and value co "@"]')).toEqual(['a1', 'b2']);
    expect(ids('displayName co "lace"')).toEqual(['a1']);
  });

  it('compares externalId exactly and booleans as booleans', () => {
    expect(ids('externalId eq "ext-1"')).toEqual([]);
    expect(ids('externalId eq "Ext-1"')).toEqual(['a1']);
    expect(ids('active eq false')).toEqual(['b2']);
    expect(ids('active eq true or externalId eq "ext-2"')).toEqual(['a1', 'b2']);
    expect(ids('not (active eq true) and userName pr')).toEqual(['b2']);
  });

  it('refuses unknown attributes, bad syntax and oversized filters as invalidFilter', () => {
    for (const bad of [
      'password eq "x"',
      'userName eq',
      '(userName eq "a"',
      'userName eq "a" or 1 eq 1',
      'userName eq "a"; DROP TABLE users',
      'emails[value[type eq "x"] eq "y"]',
      `userName eq "${'x'.repeat(2100)}"`,
      Array.from({ length: 60 }, (_, i) => `userName eq "${i}"`).join(' or '),
    ]) {
      expect(scimTypeOf(() => compileFilter(bad, USER_FILTER))).toBe('400 invalidFilter');
    }
    expect(scimTypeOf(() => compileFilter('userName eq "x"', GROUP_FILTER))).toBe(
      '400 invalidFilter',
    );
  });

  it('reads startIndex and count as RFC 7644 wants', () => {
    expect(readListQuery({})).toEqual({ filter: undefined, startIndex: 1, count: 100 });
    expect(readListQuery({ startIndex: '0', count: '-5' })).toMatchObject({
      startIndex: 1,
      count: 0,
    });
    expect(readListQuery({ count: '100000' }).count).toBe(200);
    expect(scimTypeOf(() => readListQuery({ count: '1e3' }))).toBe('400 invalidValue');
    expect(scimTypeOf(() => readListQuery({ filter: ['a', 'b'] }))).toBe('400 invalidFilter');
  });
});
