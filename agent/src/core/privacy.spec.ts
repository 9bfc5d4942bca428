import { DEFAULT_PRIVACY, effectivePrivacy, PrivacyFilter } from './privacy.js';

describe('PrivacyFilter', () => {
  const filter = new PrivacyFilter({
    excludedApps: ['KeePassXC', 'bank*'],
    excludedSites: ['mybank.example', '*.health.example'],
    collectTitles: true,
    titleRedactions: ['\\b\\d{4}(?: \\d{4}){3}\\b', 'secret-\\w+'],
    urlMode: 'host',
  });

  it('keeps the time of an excluded app but nothing that names it', () => {
    expect(filter.apply({ app: 'keepassxc', title: 'Passwords.kdbx' })).toEqual({ kind: 'active' });
    expect(filter.apply({ app: 'BankingApp', title: 'Balance' })).toEqual({ kind: 'active' });
  });

  it('excludes a site and its subdomains', () => {
    for (const url of [
      'https://mybank.example/login',
      'https://www.mybank.example/x',
      'https://a.health.example/',
    ]) {
      expect(filter.apply({ app: 'firefox', title: 'Login', url })).toEqual({ kind: 'active' });
    }
    expect(filter.apply({ app: 'firefox', title: 'X', url: 'https://notmybank.example/' })).toEqual(
      {
        kind: 'active',
        app: 'firefox',
        title: 'X',
        url: 'notmybank.example',
      },
    );
  });

  it('redacts titles and keeps only the host of a URL', () => {
    expect(
      filter.apply({
        app: 'firefox',
        title: 'Card 4111 1111 1111 1111 – secret-project',
        url: 'https://Docs.Example.com:8443/a?q=1',
      }),
    ).toEqual({
      kind: 'active',
      app: 'firefox',
      title: 'Card [redacted] – [redacted]',
      url: 'docs.example.com',
    });
  });

  it('drops titles and URLs when the settings say so, and caps long fields', () => {
    const strict = new PrivacyFilter({ ...DEFAULT_PRIVACY, collectTitles: false, urlMode: 'none' });
    expect(strict.apply({ app: 'x'.repeat(5000), title: 't', url: 'https://a.example/' })).toEqual({
      kind: 'active',
      app: 'x'.repeat(1024),
    });
  });

  it('records active time without details when nothing can be told', () => {
    expect(filter.apply(null)).toEqual({ kind: 'active' });
  });

  it('ignores a broken redaction pattern instead of failing', () => {
    const broken = new PrivacyFilter({ ...DEFAULT_PRIVACY, titleRedactions: ['(unclosed'] });
    expect(broken.apply({ app: 'a', title: 'b' })).toEqual({
      kind: 'active',
      app: 'a',
      title: 'b',
    });
  });

  it('takes the stricter of local and organization settings', () => {
    const local = { ...DEFAULT_PRIVACY, collectTitles: true, urlMode: 'full' as const };
    expect(effectivePrivacy(local, { collectTitles: false, urlMode: 'host' })).toMatchObject({
      collectTitles: false,
      urlMode: 'host',
    });
    expect(
      effectivePrivacy({ ...local, urlMode: 'none' }, { collectTitles: true, urlMode: 'full' }),
    ).toMatchObject({ collectTitles: true, urlMode: 'none' });
    expect(effectivePrivacy(local, null)).toBe(local);
  });
});
