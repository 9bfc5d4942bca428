import { ruleClassifies } from './rule-match';

describe('ruleClassifies', () => {
  it('matches a site rule on the host and its subdomains, not on look-alikes', () => {
    const rule = { kind: 'site' as const, pattern: 'Facebook.com' };
    expect(ruleClassifies(rule, 'site', 'facebook.com')).toBe(true);
    expect(ruleClassifies(rule, 'site', 'www.facebook.com')).toBe(true);
    expect(ruleClassifies(rule, 'site', 'm.web.FACEBOOK.com')).toBe(true);
    expect(ruleClassifies(rule, 'site', 'notfacebook.com')).toBe(false);
    expect(ruleClassifies(rule, 'site', 'facebook.com.evil.net')).toBe(false);
    expect(ruleClassifies(rule, 'app', 'facebook.com')).toBe(false);
  });

  it('matches an app rule on the whole name, ignoring case', () => {
    const rule = { kind: 'app' as const, pattern: 'Code' };
    expect(ruleClassifies(rule, 'app', 'code')).toBe(true);
    expect(ruleClassifies(rule, 'app', 'Code - Insiders')).toBe(false);
  });
});
