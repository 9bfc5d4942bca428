import {
  normalizeAppPattern,
  normalizeSitePattern,
} from '#src/modules/activity/rules/rule-matcher.js';
import type { AllocationRuleKind } from '../entities/project.entities.js';

export interface AllocationRuleLike {
  id: string;
  teamId: string | null;
  kind: AllocationRuleKind;
  /** Lower case. Sites: a host name; apps: the name; titles: a substring, `*` any characters. */
  normalized: string;
  projectId: string;
  taskId: string | null;
}

/** What a span tells the rules: the application, the site's host (lower case) and the title. */
export interface SpanFacts {
  app: string | null;
  host: string | null;
  title: string | null;
}

export interface Allocation {
  projectId: string;
  taskId: string | null;
}

interface Hit extends Allocation {
  rank: number;
}

/** Reduces what an admin typed to what matching uses; null when it cannot match anything. */
export function normalizeAllocationPattern(kind: AllocationRuleKind, input: string): string | null {
  if (kind === 'site') return normalizeSitePattern(input);
  if (kind === 'app') return normalizeAppPattern(input);
  const s = input.trim().toLowerCase();
  return s.replace(/\*/g, '').length > 0 && s.length <= 255 ? s : null;
}

// Day shapes repeat the same few thousand (app, host, title) triples millions of times: each
// triple is one frozen object, so a rule book can remember its match by identity.
const interned = new Map<string, SpanFacts>();
const internedSet = new WeakSet<SpanFacts>();
const MAX_INTERNED = 200_000;

/** The one shared, frozen facts object of this (app, host, title). */
export function internFacts(
  app: string | null,
  host: string | null,
  title: string | null,
): SpanFacts {
  const key = `${app ?? ''}\u0001${host ?? ''}\u0001${title ?? ''}`;
  let facts = interned.get(key);
  if (!facts) {
    // Past the bound new triples start a new table; objects handed out stay valid and interned.
    if (interned.size >= MAX_INTERNED) interned.clear();
    facts = Object.freeze({ app, host, title });
    interned.set(key, facts);
    internedSet.add(facts);
  }
  return facts;
}

function isInterned(facts: SpanFacts): boolean {
  return internedSet.has(facts);
}

const KIND_RANK: Record<AllocationRuleKind, number> = { title: 3, site: 2, app: 1 };

function titleMatcher(pattern: string): (title: string) => boolean {
  if (!pattern.includes('*')) return (t) => t.includes(pattern);
  const re = new RegExp(
    pattern
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*'),
  );
  return (t) => re.test(t);
}

// Each rule's hit is one object, made when the book is built: allocation sums by its identity.
interface ScopeRules {
  apps: Map<string, Hit>;
  sites: Map<string, Hit>;
  titles: { normalized: string; test: (t: string) => boolean; hit: Hit }[];
}

/**
 * One organization's allocation rules. Precedence, first match wins: a team's rules before the
 * organization's; within a scope a window-title rule, then a site rule (the most specific host:
 * mail.example.com before example.com), then an application rule. Among title rules the longest
 * pattern wins (then the oldest rule). Where several spans are active at once (two devices), the
 * span with the strongest match decides; equal matches go to the smaller project id.
 */
export class AllocationBook {
  private readonly scopes = new Map<string, ScopeRules>();
  private readonly cache = new Map<string, Hit | null>();
  /** Hits of interned facts (day shapes), by team: an identity lookup, no key to build. */
  private readonly internedHits = new Map<string, WeakMap<SpanFacts, Hit | null>>();

  constructor(rules: readonly AllocationRuleLike[]) {
    for (const r of rules) {
      const key = r.teamId ?? '';
      let s = this.scopes.get(key);
      if (!s) this.scopes.set(key, (s = { apps: new Map(), sites: new Map(), titles: [] }));
      // A team's rules rank above the organization's.
      const hit: Hit = {
        projectId: r.projectId,
        taskId: r.taskId,
        rank: (key === '' ? 0 : 3) + KIND_RANK[r.kind],
      };
      if (r.kind === 'app') {
        if (!s.apps.has(r.normalized)) s.apps.set(r.normalized, hit);
      } else if (r.kind === 'site') {
        if (!s.sites.has(r.normalized)) s.sites.set(r.normalized, hit);
      } else {
        s.titles.push({ normalized: r.normalized, test: titleMatcher(r.normalized), hit });
      }
    }
    // Stable: equal lengths keep the given (oldest first) order.
    for (const s of this.scopes.values())
      s.titles.sort(
        (a, b) => b.normalized.replace(/\*/g, '').length - a.normalized.replace(/\*/g, '').length,
      );
  }

  get empty(): boolean {
    return this.scopes.size === 0;
  }

  /** The allocation of one span's facts for an employee of teamId; null: unallocated. */
  match(facts: SpanFacts, teamId: string | null): Allocation | null {
    const hit = this.hit(facts, teamId);
    return hit ? { projectId: hit.projectId, taskId: hit.taskId } : null;
  }

  /**
   * The allocation of time during which all these spans are active at once: the rule's own
   * object (the same object for every match of one rule), or null.
   */
  matchAll(spans: readonly SpanFacts[], teamId: string | null): Allocation | null {
    let best: Hit | null = null;
    for (const f of spans) {
      const h = this.hit(f, teamId);
      if (!h) continue;
      if (!best || h.rank > best.rank || (h.rank === best.rank && h.projectId < best.projectId))
        best = h;
    }
    return best;
  }

  private hit(facts: SpanFacts, teamId: string | null): Hit | null {
    if (!isInterned(facts)) return this.hitByText(facts, teamId);
    const team = teamId ?? '';
    let hits = this.internedHits.get(team);
    if (!hits) this.internedHits.set(team, (hits = new WeakMap()));
    let hit = hits.get(facts);
    if (hit === undefined) hits.set(facts, (hit = this.hitByText(facts, teamId)));
    return hit;
  }

  private hitByText(facts: SpanFacts, teamId: string | null): Hit | null {
    const key = `${teamId ?? ''}\u0001${facts.app ?? ''}\u0001${facts.host ?? ''}\u0001${facts.title ?? ''}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    let hit: Hit | null = null;
    if (teamId !== null) hit = this.matchScope(facts, teamId);
    hit ??= this.matchScope(facts, '');
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(key, hit);
    return hit;
  }

  private matchScope(facts: SpanFacts, scope: string): Hit | null {
    const s = this.scopes.get(scope);
    if (!s) return null;
    if (facts.title && s.titles.length > 0) {
      const title = facts.title.toLowerCase();
      for (const t of s.titles) if (t.test(title)) return t.hit;
    }
    if (facts.host && s.sites.size > 0) {
      let host = facts.host.toLowerCase();
      for (;;) {
        const a = s.sites.get(host);
        if (a) return a;
        const dot = host.indexOf('.');
        if (dot < 0) break;
        host = host.slice(dot + 1);
      }
    }
    if (facts.app) {
      const a = s.apps.get(facts.app.trim().toLowerCase());
      if (a) return a;
    }
    return null;
  }
}
