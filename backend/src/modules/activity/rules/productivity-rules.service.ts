import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#src/common/auth/principal.js';
import {
  ConflictError,
  NotFoundError,
  ValidationFailedError,
} from '#src/common/errors/domain-error.js';
import { AccessScopeService } from '#src/modules/accounts/access-scope.service.js';
import type { Productivity } from '../counting/productivity.js';
import type { ActivityKeyKind } from '../entities/activity-key.entity.js';
import { ProductivityRulesRepository, type RuleRow } from './productivity-rules.repository.js';
import { normalizeAppPattern, normalizeSitePattern, RuleBook } from './rule-matcher.js';

export interface RuleBookAt {
  revision: number;
  book: RuleBook;
}

type Listener = (organizationId: string) => void;

/** Rules CRUD, lazy seeding of the defaults, and a per-organization RuleBook cached by revision. */
@Injectable()
export class ProductivityRulesService {
  private readonly books = new Map<string, RuleBookAt>();
  private readonly seeded = new Set<string>();
  private readonly history = new Map<string, RuleBook>();
  private readonly listeners: Listener[] = [];

  constructor(
    @Inject(ProductivityRulesRepository) private readonly rules: ProductivityRulesRepository,
    @Inject(AccessScopeService) private readonly scope: AccessScopeService,
  ) {}

  /** Called after every rule change (the rollups refresh their cached split). */
  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  async ensureSeeded(organizationId: string): Promise<void> {
    if (this.seeded.has(organizationId)) return;
    await this.rules.seedDefaults(organizationId);
    this.seeded.add(organizationId);
  }

  /**
   * The organization's rules as of now, with the revision they are the rules of. A change committed
   * between reading the revision and reading the rules would pair newer rules with the older
   * revision (and cache them under it); figures counted with them and stamped with that revision
   * were then corrected from it again, counting the change twice (a negative productive time). The
   * revision is read again after the rules: a change bumps it in the same transaction, so equal
   * readings on both sides mean the rules are that revision's.
   */
  async ruleBook(organizationId: string): Promise<RuleBookAt> {
    await this.ensureSeeded(organizationId);
    for (;;) {
      const revision = await this.rules.revision(organizationId);
      const cached = this.books.get(organizationId);
      if (cached && cached.revision === revision) return cached;
      const rules = await this.rules.list(organizationId);
      if ((await this.rules.revision(organizationId)) !== revision) continue;
      const fresh = { revision, book: new RuleBook(rules) };
      this.books.set(organizationId, fresh);
      return fresh;
    }
  }

  /** The rules as of an earlier revision (cached figures were computed under it); null if unknown. */
  async ruleBookAt(organizationId: string, revision: number): Promise<RuleBook | null> {
    const key = `${organizationId}|${revision}`;
    const cached = this.history.get(key);
    if (cached) return cached;
    const rules = await this.rules.rulesAt(organizationId, revision);
    if (!rules) return null;
    const book = new RuleBook(rules);
    if (this.history.size > 1_000) this.history.clear();
    this.history.set(key, book);
    return book;
  }

  /**
   * Organization rules and the rules of the teams the caller sees (a manager: their teams); with
   * teamId, that team's rules, 404 when the team is outside the caller's scope.
   */
  async list(
    p: Principal,
    filter: { kind?: ActivityKeyKind; teamId?: string },
  ): Promise<RuleRow[]> {
    const { teamIds } = await this.scope.resolveScope(p, { teamId: filter.teamId });
    await this.ensureSeeded(p.organizationId);
    return (await this.rules.list(p.organizationId)).filter(
      (r) =>
        (filter.kind === undefined || r.kind === filter.kind) &&
        (filter.teamId === undefined ? visibleRule(r, teamIds) : r.teamId === filter.teamId),
    );
  }

  /** A rule of a team outside the caller's scope answers 404, like another organization's. */
  async get(p: Principal, id: string): Promise<RuleRow> {
    await this.ensureSeeded(p.organizationId);
    const rule = await this.rules.find(p.organizationId, id);
    if (!rule) throw new NotFoundError('Productivity rule');
    if (rule.teamId !== null) {
      const { teamIds } = await this.scope.resolveScope(p);
      if (!visibleRule(rule, teamIds)) throw new NotFoundError('Productivity rule');
    }
    return rule;
  }

  async create(
    p: Principal,
    input: { kind: ActivityKeyKind; pattern: string; productivity: Productivity; teamId?: string },
  ): Promise<RuleRow> {
    const organizationId = p.organizationId;
    const teamId = input.teamId ?? null;
    await this.scope.resolveScope(p, { teamId });
    await this.ensureSeeded(organizationId);
    const { pattern, normalized } = normalizePattern(input.kind, input.pattern);
    const id = await this.rules.upsert({
      organizationId,
      teamId,
      kind: input.kind,
      pattern,
      normalized,
      productivity: input.productivity,
    });
    this.changed(organizationId);
    return this.get(p, id);
  }

  async update(
    p: Principal,
    id: string,
    patch: { pattern?: string; productivity?: Productivity },
  ): Promise<RuleRow> {
    const organizationId = p.organizationId;
    const current = await this.get(p, id);
    const { pattern, normalized } =
      patch.pattern === undefined ? current : normalizePattern(current.kind, patch.pattern);
    const ok = await this.rules.update(organizationId, id, {
      pattern,
      normalized,
      productivity: patch.productivity ?? current.productivity,
    });
    if (!ok)
      throw new ConflictError(
        'A rule with this pattern already exists in this scope.',
        'rule-exists',
      );
    this.changed(organizationId);
    return this.get(p, id);
  }

  async delete(p: Principal, id: string): Promise<void> {
    await this.get(p, id);
    if (!(await this.rules.delete(p.organizationId, id)))
      throw new NotFoundError('Productivity rule');
    this.changed(p.organizationId);
  }

  private changed(organizationId: string): void {
    this.books.delete(organizationId);
    for (const l of this.listeners) l(organizationId);
  }
}

/** Organization rules are visible to every reader; a team rule to those who see the team. */
function visibleRule(rule: RuleRow, teamIds: string[] | undefined): boolean {
  return rule.teamId === null || teamIds === undefined || teamIds.includes(rule.teamId);
}

function normalizePattern(
  kind: ActivityKeyKind,
  input: string,
): { pattern: string; normalized: string } {
  if (kind === 'site') {
    const host = normalizeSitePattern(input);
    if (!host)
      throw new ValidationFailedError([
        { path: 'pattern', message: 'pattern must be a host name such as example.com' },
      ]);
    return { pattern: host, normalized: host };
  }
  const normalized = normalizeAppPattern(input);
  if (!normalized)
    throw new ValidationFailedError([
      { path: 'pattern', message: 'pattern must be an application name of 1 to 255 characters' },
    ]);
  return { pattern: input.trim(), normalized };
}
