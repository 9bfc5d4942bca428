import { AndFilter, EqualityFilter, type Filter, FilterParser } from 'ldapts';

/**
 * Filters with untrusted values are built as filter objects, never by pasting strings: the login
 * is the value of one EqualityFilter, which ldapts encodes as an octet string (and escapes per
 * RFC 4515 when printed). Filters IT wrote in the settings are parsed once, as they are.
 */
export function parseFilter(text: string): Filter {
  return FilterParser.parseString(text);
}

/** Throws when IT's filter is not one valid LDAP filter. */
export function assertValidFilter(text: string): void {
  parseFilter(text);
}

export function userByLoginFilter(userFilter: string, attribute: string, login: string): Filter {
  return new AndFilter({
    filters: [parseFilter(userFilter), new EqualityFilter({ attribute, value: login })],
  });
}

export function groupsOfMemberFilter(
  groupFilter: string,
  memberAttribute: string,
  dn: string,
): Filter {
  return new AndFilter({
    filters: [
      parseFilter(groupFilter),
      new EqualityFilter({ attribute: memberAttribute, value: dn }),
    ],
  });
}

/** RFC 4514 escaping of a value placed in a DN (for the direct-bind template). */
export function escapeDnValue(value: string): string {
  let out = '';
  for (const [i, ch] of [...value].entries()) {
    if (ch === '\0') out += '\\00';
    else if ('\\,+"<>;='.includes(ch)) out += `\\${ch}`;
    else if ((i === 0 && (ch === ' ' || ch === '#')) || (i === value.length - 1 && ch === ' ')) {
      out += `\\${ch}`;
    } else out += ch;
  }
  return out;
}

/**
 * The bind name for a direct bind: a DN template gets the login DN-escaped; a UPN template
 * (`{login}@corp.example`) accepts only logins without characters that mean something there.
 */
export function bindNameFor(template: string, login: string): string | null {
  const isDn = template.includes('=');
  if (!isDn && !/^[A-Za-z0-9._-]+$/.test(login)) return null;
  const value = isDn ? escapeDnValue(login) : login;
  return template.split('{login}').join(value);
}

/** DNs compared the way directories do for our purposes: case and spaces after separators. */
export function normalizeDn(dn: string): string {
  return dn
    .split(',')
    .map((part) => part.trim())
    .join(',')
    .toLowerCase();
}
