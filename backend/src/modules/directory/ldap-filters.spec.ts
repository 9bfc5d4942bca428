import { AndFilter, EqualityFilter } from 'ldapts';
import { bindNameFor, escapeDnValue, normalizeDn, userByLoginFilter } from './ldap-filters.js';

describe('userByLoginFilter', () => {
  const hostile: [string, string][] = [
    ['*)(uid=*', '(&(objectClass=person)(uid=\\2a\\29\\28uid=\\2a))'],
    ['*', '(&(objectClass=person)(uid=\\2a))'],
    ['alice)(|(uid=*', '(&(objectClass=person)(uid=alice\\29\\28|\\28uid=\\2a))'],
    ['alice\u0000', '(&(objectClass=person)(uid=alice\\00))'],
    ['(alice)', '(&(objectClass=person)(uid=\\28alice\\29))'],
    ['al\\69ce', '(&(objectClass=person)(uid=al\\5c69ce))'],
  ];

  it.each(hostile)('keeps %j one escaped value (RFC 4515)', (login, printed) => {
    const filter = userByLoginFilter('(objectClass=person)', 'uid', login);
    expect(filter.toString()).toBe(printed);
    // Sent as a filter tree: the login is the whole value of one equality match, nothing else.
    expect(filter).toBeInstanceOf(AndFilter);
    const [, equality] = (filter as AndFilter).filters;
    expect(equality).toBeInstanceOf(EqualityFilter);
    expect((equality as EqualityFilter).attribute).toBe('uid');
    expect((equality as EqualityFilter).value).toBe(login);
  });

  it('keeps IT’s own filter as written', () => {
    const filter = userByLoginFilter(
      '(&(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))',
      'sAMAccountName',
      'jdoe',
    );
    expect(filter.toString()).toContain('(sAMAccountName=jdoe)');
    expect(filter.toString()).toContain('userAccountControl');
  });

  it('refuses a settings filter that does not parse', () => {
    expect(() => userByLoginFilter('(objectClass=person', 'uid', 'x')).toThrow();
  });
});

describe('bindNameFor', () => {
  it('DN-escapes the login in a DN template (RFC 4514)', () => {
    expect(bindNameFor('uid={login},ou=people,dc=x', 'bob,ou=admins')).toBe(
      'uid=bob\\,ou\\=admins,ou=people,dc=x',
    );
    expect(bindNameFor('uid={login},dc=x', ' a+b"<>;\\ ')).toBe(
      'uid=\\ a\\+b\\"\\<\\>\\;\\\\\\ ,dc=x',
    );
    expect(bindNameFor('uid={login},dc=x', '#a')).toBe('uid=\\#a,dc=x');
    expect(escapeDnValue('a\u0000')).toBe('a\\00');
  });

  it('accepts only plain logins in a UPN template', () => {
    expect(bindNameFor('{login}@corp.example', 'j.doe')).toBe('j.doe@corp.example');
    expect(bindNameFor('{login}@corp.example', 'x@evil.example')).toBeNull();
    expect(bindNameFor('{login}@corp.example', 'a b')).toBeNull();
  });
});

describe('normalizeDn', () => {
  it('compares DNs without case or spaces after commas', () => {
    expect(normalizeDn('CN=Admins, OU=Groups,DC=Corp')).toBe(
      normalizeDn('cn=admins,ou=groups,dc=corp'),
    );
  });
});
