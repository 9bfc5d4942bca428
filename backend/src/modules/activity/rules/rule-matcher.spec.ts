import { DEFAULT_RULES } from './default-rules.js';
import {
  normalizeAppPattern,
  normalizeSitePattern,
  RuleBook,
  type RuleLike,
} from './rule-matcher.js';

const rule = (r: Partial<RuleLike> & Pick<RuleLike, 'kind' | 'normalized'>): RuleLike => ({
  productivity: 'productive',
  teamId: null,
  ...r,
});

describe('RuleBook', () => {
  const book = new RuleBook([
    rule({ kind: 'site', normalized: 'example.com', productivity: 'productive' }),
    rule({ kind: 'site', normalized: 'games.example.com', productivity: 'unproductive' }),
    rule({ kind: 'site', normalized: 'youtube.com', productivity: 'unproductive' }),
    rule({ kind: 'site', normalized: 'youtube.com', productivity: 'productive', teamId: 'team-a' }),
    rule({ kind: 'app', normalized: 'code', productivity: 'productive' }),
    rule({ kind: 'app', normalized: 'steam', productivity: 'unproductive' }),
    rule({ kind: 'app', normalized: 'steam', productivity: 'neutral', teamId: 'team-a' }),
  ]);

  it('matches a host and its subdomains, the most specific rule first', () => {
    expect(book.classify({ kind: 'site', normalized: 'example.com' }, null)).toBe('productive');
    expect(book.classify({ kind: 'site', normalized: 'a.b.example.com' }, null)).toBe('productive');
    expect(book.classify({ kind: 'site', normalized: 'x.games.example.com' }, null)).toBe(
      'unproductive',
    );
    expect(book.classify({ kind: 'site', normalized: 'notexample.com' }, null)).toBe('neutral');
    expect(book.classify({ kind: 'site', normalized: 'example.com.evil.net' }, null)).toBe(
      'neutral',
    );
  });

  it('matches apps by whole name only, and never across kinds', () => {
    expect(book.classify({ kind: 'app', normalized: 'code' }, null)).toBe('productive');
    expect(book.classify({ kind: 'app', normalized: 'code-insiders' }, null)).toBe('neutral');
    expect(book.classify({ kind: 'site', normalized: 'code' }, null)).toBe('neutral');
    expect(book.classify({ kind: 'app', normalized: 'example.com' }, null)).toBe('neutral');
  });

  it('lets a matching team rule override the organization, and falls back otherwise', () => {
    expect(book.classify({ kind: 'site', normalized: 'm.youtube.com' }, 'team-a')).toBe(
      'productive',
    );
    expect(book.classify({ kind: 'site', normalized: 'm.youtube.com' }, 'team-b')).toBe(
      'unproductive',
    );
    expect(book.classify({ kind: 'app', normalized: 'steam' }, 'team-a')).toBe('neutral');
    expect(book.classify({ kind: 'app', normalized: 'code' }, 'team-a')).toBe('productive');
  });

  it('knows which teams have rules of their own; any other team classes as the organization', () => {
    expect(book.hasTeamRules('team-a')).toBe(true);
    expect(book.hasTeamRules('team-b')).toBe(false);
    const siteOnly = new RuleBook([rule({ kind: 'site', normalized: 'a.com', teamId: 'team-s' })]);
    expect(siteOnly.hasTeamRules('team-s')).toBe(true);
    for (const key of [
      { kind: 'site', normalized: 'm.youtube.com' },
      { kind: 'site', normalized: 'x.games.example.com' },
      { kind: 'app', normalized: 'steam' },
      { kind: 'app', normalized: 'unknown' },
    ] as const) {
      expect(book.classify(key, 'team-b')).toBe(book.classify(key, null));
    }
  });
});

describe('pattern normalization', () => {
  it('reduces site patterns to host names and refuses what is not one', () => {
    expect(normalizeSitePattern('https://WWW.Example.com:8443/path?q=1')).toBe('www.example.com');
    expect(normalizeSitePattern('*.example.com')).toBe('example.com');
    expect(normalizeSitePattern(' example.com. ')).toBe('example.com');
    expect(normalizeSitePattern('localhost')).toBe('localhost');
    expect(normalizeSitePattern('')).toBeNull();
    expect(normalizeSitePattern('exa mple.com')).toBeNull();
    expect(normalizeSitePattern('a..b')).toBeNull();
    expect(normalizeSitePattern('x'.repeat(300))).toBeNull();
  });

  it('trims and lower-cases app patterns', () => {
    expect(normalizeAppPattern('  Visual Studio Code ')).toBe('visual studio code');
    expect(normalizeAppPattern('   ')).toBeNull();
    expect(normalizeAppPattern('x'.repeat(256))).toBeNull();
  });

  it('ships default rules that are all valid and distinct', () => {
    const seen = new Set<string>();
    for (const r of DEFAULT_RULES) {
      const n =
        r.kind === 'site' ? normalizeSitePattern(r.pattern) : normalizeAppPattern(r.pattern);
      expect(n).not.toBeNull();
      const k = `${r.kind}|${n}`;
      expect(seen.has(k)).toBe(false);
      seen.add(k);
    }
  });
});
