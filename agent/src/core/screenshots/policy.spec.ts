import { CaptureExclusions, parseScreenshotPolicy, SCREENSHOTS_OFF } from './policy.js';

describe('the screenshot policy', () => {
  const wire = {
    enabled: true,
    intervalSeconds: 300,
    randomize: true,
    excludedApps: ['KeePassXC'],
    excludedSites: ['bank.example'],
    maxWidth: 1280,
    format: 'jpeg',
    quality: 60,
    noticeVersion: 4,
  };

  it('reads the contract’s answer, with its defaults', () => {
    expect(parseScreenshotPolicy(wire)).toEqual(wire);
    const { maxWidth: _w, quality: _q, format: _f, ...bare } = wire;
    expect(parseScreenshotPolicy({ ...bare, enabled: false, reason: 'off' })).toMatchObject({
      enabled: false,
      reason: 'off',
      maxWidth: 1920,
      quality: 70,
      format: 'jpeg',
    });
  });

  it.each([
    { ...wire, enabled: 'yes' },
    { ...wire, intervalSeconds: 59 },
    { ...wire, intervalSeconds: 86_401 },
    { ...wire, quality: 0 },
    { ...wire, quality: 101 },
    { ...wire, format: 'png' },
    { ...wire, excludedApps: 'KeePassXC' },
    null,
    'enabled',
  ])('refuses %j', (value) => {
    expect(parseScreenshotPolicy(value)).toBeNull();
  });

  it('is off until the server says otherwise', () => {
    expect(SCREENSHOTS_OFF.enabled).toBe(false);
  });
});

describe('what is never captured', () => {
  const rules = new CaptureExclusions(
    ['KeePass*', '1Password'],
    ['bank.example', '*.clinic.example'],
  );

  it.each([
    [{ app: 'KeePassXC' }, 'application KeePassXC'],
    [{ app: '1password' }, 'application 1password'],
    [{ app: 'firefox', url: 'https://bank.example/' }, 'site bank.example'],
    [{ app: 'firefox', url: 'https://www.online.bank.example/x' }, 'site bank.example'],
    [{ app: 'firefox', url: 'https://dr.clinic.example' }, 'site clinic.example'],
    [{ app: 'firefox', title: 'Log in — www.bank.example — Mozilla Firefox' }, 'site bank.example'],
  ])('excludes %j', (activity, why) => {
    expect(rules.excludes(activity)).toBe(why);
  });

  it.each([
    { app: 'firefox', url: 'https://notbank.example/' },
    { app: 'firefox', url: 'https://bank.example.evil.test/' },
    { app: 'firefox', title: 'bank.examples and more' },
    { app: 'code', title: 'bank.ts' },
  ])('lets %j through', (activity) => {
    expect(rules.excludes(activity)).toBeNull();
  });
});
