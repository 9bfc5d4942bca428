import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { roleHas } from '#src/common/auth/permissions.js';
import type { Principal } from '#src/common/auth/principal.js';
import type { Role } from '#src/common/auth/roles.js';
import {
  API_TOKEN_SCOPES,
  roleMayGrant,
  SCOPE_DESCRIPTIONS,
  SERVICE_ONLY_SCOPES,
  type ApiTokenScope,
} from '#src/common/auth/scopes.js';
import {
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationFailedError,
} from '#src/common/errors/domain-error.js';
import type { Page } from '#src/common/validation/common.dto.js';
import { UsersRepository } from '../accounts/users/users.repository.js';
import { AuditService } from '../audit/audit.service.js';
import { hashApiToken, looksLikeApiToken, newApiToken } from './api-token-secrets.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import {
  DEFAULT_TOKEN_DAYS,
  MAX_TOKEN_DAYS,
  type ApiTokenDto,
  type ApiTokenListQueryDto,
  type ApiTokenScopesDto,
  type CreateApiTokenDto,
  type CreatedApiTokenDto,
} from './dto/api-token.dto.js';
import type { ApiTokenEntity } from './entities/api-token.entity.js';

/** A service token acts with this role (never owner: no billing, no owner changes). */
export const SERVICE_TOKEN_ROLE: Role = 'admin';
const TOUCH_INTERVAL_MS = 60_000;
const DAY_MS = 86_400_000;

function parseScopes(stored: string): ApiTokenScope[] {
  const known = new Set<string>(API_TOKEN_SCOPES);
  return stored.split(' ').filter((s): s is ApiTokenScope => known.has(s));
}

function statusOf(t: ApiTokenEntity, now: Date): ApiTokenDto['status'] {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && t.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export function toApiTokenDto(t: ApiTokenEntity, now = new Date()): ApiTokenDto {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    userId: t.userId,
    tokenPrefix: t.tokenPrefix,
    scopes: parseScopes(t.scopes),
    status: statusOf(t, now),
    createdAt: new Date(t.createdAt).toISOString(),
    expiresAt: t.expiresAt ? new Date(t.expiresAt).toISOString() : null,
    lastUsedAt: t.lastUsedAt ? new Date(t.lastUsedAt).toISOString() : null,
    lastUsedAddress: t.lastUsedAddress,
    revokedAt: t.revokedAt ? new Date(t.revokedAt).toISOString() : null,
  };
}

const mayManageService = (role: Role) => roleHas(role, 'organization:manage');

@Injectable()
export class ApiTokensService implements BeforeApplicationShutdown {
  /** Audit entries written after answers; shutdown waits for them, so none is lost. */
  private readonly pendingAudits = new Set<Promise<void>>();

  constructor(
    @Inject(ApiTokensRepository) private readonly tokens: ApiTokensRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  scopesFor(p: Principal): ApiTokenScopesDto {
    const service = mayManageService(p.role);
    return {
      scopes: API_TOKEN_SCOPES.map((scope) => ({
        scope,
        description: SCOPE_DESCRIPTIONS[scope],
        personal: !SERVICE_ONLY_SCOPES.includes(scope) && roleMayGrant(p.role, scope),
        service: service && roleMayGrant(SERVICE_TOKEN_ROLE, scope),
      })),
      mayCreateService: service,
      maxDays: MAX_TOKEN_DAYS,
    };
  }

  async create(
    p: Principal,
    dto: CreateApiTokenDto,
    now = new Date(),
  ): Promise<CreatedApiTokenDto> {
    if (dto.kind === 'service' && !mayManageService(p.role)) {
      throw new ForbiddenError('Only an owner or admin may create service tokens.');
    }
    const tokenRole = dto.kind === 'service' ? SERVICE_TOKEN_ROLE : p.role;
    const refused = dto.scopes.filter(
      (s) =>
        !roleMayGrant(tokenRole, s) || (dto.kind === 'personal' && SERVICE_ONLY_SCOPES.includes(s)),
    );
    if (refused.length > 0) {
      throw new ForbiddenError(
        `A ${dto.kind} token of yours cannot carry the scope ${refused.join(', ')}.`,
        'scope-not-grantable',
      );
    }
    if (dto.expiresInDays === null && dto.kind !== 'service') {
      throw new ValidationFailedError([
        { path: 'expiresInDays', message: 'personal tokens must expire (1 to 365 days)' },
      ]);
    }
    const days = dto.expiresInDays === undefined ? DEFAULT_TOKEN_DAYS : dto.expiresInDays;
    const secret = newApiToken(dto.kind);
    const entity: ApiTokenEntity = {
      id: randomUUID(),
      organizationId: p.organizationId,
      kind: dto.kind,
      name: dto.name.trim() || 'API token',
      userId: dto.kind === 'personal' ? p.userId : null,
      createdByUserId: p.userId,
      tokenHash: hashApiToken(secret),
      tokenPrefix: secret.slice(0, 12),
      scopes: [...dto.scopes].sort().join(' '),
      expiresAt: days === null ? null : new Date(now.getTime() + days * DAY_MS),
      lastUsedAt: null,
      lastUsedAddress: null,
      revokedAt: null,
      createdAt: now,
    };
    await this.tokens.insert(entity);
    await this.audit.record({
      organizationId: p.organizationId,
      actorUserId: p.userId,
      actorRole: p.role,
      action: 'api-token.created',
      targetType: 'api-token',
      targetId: entity.id,
      details: { kind: entity.kind, scopes: parseScopes(entity.scopes), expiresInDays: days },
    });
    return { ...toApiTokenDto(entity, now), token: secret };
  }

  async list(p: Principal, query: ApiTokenListQueryDto): Promise<Page<ApiTokenDto>> {
    const now = new Date();
    const { items, total } = await this.tokens.listVisible(
      p.organizationId,
      p.userId,
      mayManageService(p.role),
      query,
    );
    return {
      items: items.map((t) => toApiTokenDto(t, now)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  /** One's own personal tokens; an owner or admin also any service token. */
  async revoke(p: Principal, id: string, now = new Date()): Promise<ApiTokenDto> {
    const token = await this.tokens.findById(p.organizationId, id);
    const visible =
      token && (token.kind === 'service' ? mayManageService(p.role) : token.userId === p.userId);
    if (!token || !visible) throw new NotFoundError('API token');
    if (!token.revokedAt) {
      await this.tokens.revoke(p.organizationId, id, now);
      token.revokedAt = now;
      await this.audit.record({
        organizationId: p.organizationId,
        actorUserId: p.userId,
        actorRole: p.role,
        action: 'api-token.revoked',
        targetType: 'api-token',
        targetId: id,
        details: { kind: token.kind },
      });
    }
    return toApiTokenDto(token, now);
  }

  /** Deprovisioning: a user's personal tokens stop working with their sign-ins. */
  revokeAllForUser(organizationId: string, userId: string, now = new Date()): Promise<number> {
    return this.tokens.revokeAllForUser(organizationId, userId, now);
  }

  /**
   * The bearer strategy: a live token, its user still active (personal), scopes cut to what the
   * user's current role allows. Records the call in the audit log once it is answered.
   */
  async authenticate(secret: string, req: Request, now = new Date()): Promise<Principal> {
    const invalid = () => new UnauthorizedError('The API token is not valid, expired or revoked.');
    if (!looksLikeApiToken(secret)) throw invalid();
    const token = await this.tokens.findByHash(hashApiToken(secret));
    if (!token || statusOf(token, now) !== 'active') throw invalid();
    let role: Role = SERVICE_TOKEN_ROLE;
    let employeeId: string | null = null;
    let userId = token.createdByUserId;
    if (token.kind === 'personal') {
      const user = token.userId
        ? await this.users.findById(token.organizationId, token.userId)
        : null;
      if (!user || user.status !== 'active') throw invalid();
      role = user.role;
      employeeId = user.employeeId;
      userId = user.id;
    }
    const scopes = parseScopes(token.scopes).filter((s) => roleMayGrant(role, s));
    const address = (req.ip ?? '').slice(0, 64) || null;
    const last = token.lastUsedAt ? new Date(token.lastUsedAt).getTime() : 0;
    if (now.getTime() - last >= TOUCH_INTERVAL_MS || token.lastUsedAddress !== address) {
      await this.tokens.touch(token.id, now, address);
    }
    const principal: Principal = {
      userId,
      organizationId: token.organizationId,
      role,
      employeeId,
      sessionId: `api-token:${token.id}`,
      apiToken: { id: token.id, kind: token.kind, scopes },
    };
    this.auditWhenAnswered(principal, req);
    return principal;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pendingAudits]);
  }

  private auditWhenAnswered(p: Principal, req: Request): void {
    const res = req.res as Response | undefined;
    const method = req.method;
    const record = () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      const write = this.audit.recordQuietly({
        organizationId: p.organizationId,
        actorUserId: p.userId,
        actorRole: p.role,
        action: 'api-token.used',
        targetType: 'api-token',
        targetId: p.apiToken?.id ?? null,
        details: {
          kind: p.apiToken?.kind,
          method,
          // The route template, never the query string or concrete path (no personal data).
          route: typeof route === 'string' ? `${req.baseUrl}${route}` : null,
          status: res?.statusCode ?? null,
        },
        // 'finish' may fire outside the request's async context: the address is passed along.
        clientAddress: (req.ip ?? '').slice(0, 64) || null,
      });
      this.pendingAudits.add(write);
      void write.finally(() => this.pendingAudits.delete(write));
    };
    if (res) res.once('finish', record);
    else record();
  }
}
