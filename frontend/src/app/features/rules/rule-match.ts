/** What a rule needs to be matched: its kind and pattern. */
export interface RulePattern {
  kind: 'app' | 'site';
  pattern: string;
}

/**
 * Whether a rule classifies this application or site, as the server matches (API.md): an app rule
 * matches the application name, a site rule the host name and every subdomain of it; both
 * case-insensitive. `www.facebook.com` is classified by a `facebook.com` rule.
 */
export function ruleClassifies(rule: RulePattern, kind: 'app' | 'site', name: string): boolean {
  if (rule.kind !== kind) return false;
  const pattern = rule.pattern.trim().toLowerCase();
  const value = name.trim().toLowerCase();
  if (kind === 'app') return pattern === value;
  return value === pattern || value.endsWith(`.${pattern}`);
}
