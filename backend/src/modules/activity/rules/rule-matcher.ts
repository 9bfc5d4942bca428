import type { Productivity } from '../counting/productivity.js';
import type { ActivityKeyKind } from '../entities/activity-key.entity.js';

export interface RuleLike {
  kind: ActivityKeyKind;
  /** Lower case: an app name, or a host name. */
  normalized: string;
  productivity: Productivity;
  teamId: string | null;
}

export interface KeyLike {
  kind: ActivityKeyKind;
  /** Lower case app name or host name. */
  normalized: string;
}

const HOST_RE =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Reduces what an admin typed (a URL, "*.example.com", "Example.com:443") to a host name. */
export function normalizeSitePattern(input: string): string | null {
  let s = input.trim().toLowerCase();
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  s = s.replace(/[/?#].*$/, '');
  s = s.replace(/^[^@]*@/, '');
  s = s.replace(/:\d*$/, '');
  s = s.replace(/^\*?\./, '');
  s = s.replace(/\.$/, '');
  return HOST_RE.test(s) ? s : null;
}

export function normalizeAppPattern(input: string): string | null {
  const s = input.trim();
  return s.length > 0 && s.length <= 255 ? s.toLowerCase() : null;
}

/**
 * Classifies keys under one organization's rules. A team's matching rule beats the organization's;
 * among site rules of one scope the most specific host wins (mail.example.com over example.com).
 */
export class RuleBook {
  private readonly apps = new Map<string, Map<string, Productivity>>();
  private readonly sites = new Map<string, Map<string, Productivity>>();
  private readonly cache = new Map<string, Productivity>();

  constructor(rules: readonly RuleLike[]) {
    for (const r of rules) {
      const byScope = r.kind === 'app' ? this.apps : this.sites;
      const scope = r.teamId ?? '';
      let m = byScope.get(scope);
      if (!m) byScope.set(scope, (m = new Map<string, Productivity>()));
      m.set(r.normalized, r.productivity);
    }
  }

  /** Whether the team has rules of its own; without any, it classes as the organization does. */
  hasTeamRules(teamId: string): boolean {
    return this.apps.has(teamId) || this.sites.has(teamId);
  }

  /** teamId null: the organization-level class. */
  classify(key: KeyLike, teamId: string | null): Productivity {
    const cacheKey = `${teamId ?? ''}|${key.kind}|${key.normalized}`;
    let c = this.cache.get(cacheKey);
    if (c === undefined) {
      c =
        (teamId !== null ? this.match(key, teamId) : undefined) ?? this.match(key, '') ?? 'neutral';
      this.cache.set(cacheKey, c);
    }
    return c;
  }

  private match(key: KeyLike, scope: string): Productivity | undefined {
    if (key.kind === 'app') return this.apps.get(scope)?.get(key.normalized);
    const rules = this.sites.get(scope);
    if (!rules) return undefined;
    // Walk from the full host to its parents: the first hit is the most specific rule.
    let host = key.normalized;
    for (;;) {
      const hit = rules.get(host);
      if (hit !== undefined) return hit;
      const dot = host.indexOf('.');
      if (dot < 0) return undefined;
      host = host.slice(dot + 1);
    }
  }
}
