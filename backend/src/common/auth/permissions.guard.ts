import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ForbiddenError } from '../errors/domain-error.js';
import { IS_PUBLIC_KEY, PERMISSIONS_KEY, roleHas, type Permission } from './permissions.js';
import type { RequestWithPrincipal } from './principal.js';
import { SCOPES_KEY, type ApiTokenScope } from './scopes.js';

/** Runs after authentication: the route's declared permissions against the caller's role. */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const needed = this.reflector.getAllAndOverride<Permission[]>(PERMISSIONS_KEY, targets) ?? [];
    const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().user;
    if (!principal) return false;
    if (principal.apiToken) this.assertScopes(principal.apiToken.scopes, targets);
    if (needed.every((p) => roleHas(principal.role, p))) return true;
    throw new ForbiddenError();
  }

  /** API tokens reach only routes that declare scopes, and need all of them. */
  private assertScopes(granted: ApiTokenScope[], targets: Parameters<Reflector['get']>[1][]) {
    const scopes = this.reflector.getAllAndOverride<ApiTokenScope[]>(SCOPES_KEY, targets) ?? [];
    if (scopes.length === 0) {
      throw new ForbiddenError(
        'This operation needs a signed-in user; API tokens cannot call it.',
        'api-token-not-accepted',
      );
    }
    const missing = scopes.filter((s) => !granted.includes(s));
    if (missing.length > 0) {
      throw new InsufficientScopeError(missing);
    }
  }
}

export class InsufficientScopeError extends DomainError {
  constructor(readonly missing: ApiTokenScope[]) {
    super(
      403,
      'insufficient-scope',
      'Forbidden',
      `The API token lacks the scope ${missing.join(', ')}.`,
      { missingScopes: missing },
    );
  }
}
