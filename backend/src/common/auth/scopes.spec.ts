import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import { InsufficientScopeError, PermissionsGuard } from './permissions.guard.js';
import { RequirePermissions } from './permissions.js';
import type { Principal } from './principal.js';
import { API_TOKEN_SCOPES, RequireScopes, roleMayGrant } from './scopes.js';

class Routes {
  @RequireScopes('employees:read')
  @RequirePermissions('employees:read')
  read() {}

  me() {}
}

function context(handler: () => void, user: Principal): ExecutionContext {
  return {
    getHandler: () => handler,
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
  } as unknown as ExecutionContext;
}

const base: Principal = {
  userId: 'u',
  organizationId: 'o',
  role: 'admin',
  employeeId: null,
  sessionId: 's',
};

describe('API token scopes', () => {
  const guard = new PermissionsGuard(new Reflector());
  const routes = new Routes();

  it('lets user sign-ins through whatever scopes say', () => {
    expect(guard.canActivate(context(routes.read, base))).toBe(true);
    expect(guard.canActivate(context(routes.me, base))).toBe(true);
  });

  it('needs every declared scope and names the missing one', () => {
    const token = (scopes: Principal['apiToken'] extends infer T ? T : never) => ({
      ...base,
      apiToken: scopes,
    });
    const ok = token({ id: 't', kind: 'personal', scopes: ['employees:read'] });
    expect(guard.canActivate(context(routes.read, ok))).toBe(true);
    const lacking = token({ id: 't', kind: 'personal', scopes: ['reports:read'] });
    expect(() => guard.canActivate(context(routes.read, lacking))).toThrow(InsufficientScopeError);
    try {
      guard.canActivate(context(routes.read, lacking));
    } catch (error) {
      expect((error as InsufficientScopeError).extra).toEqual({
        missingScopes: ['employees:read'],
      });
    }
  });

  it('refuses tokens on routes that declare no scope', () => {
    const user = {
      ...base,
      apiToken: { id: 't', kind: 'service' as const, scopes: [...API_TOKEN_SCOPES] },
    };
    expect(() => guard.canActivate(context(routes.me, user))).toThrow(/API tokens cannot call it/);
  });

  it('grants scopes by role: an employee reads reports, never manages employees', () => {
    expect(roleMayGrant('employee', 'reports:read')).toBe(true);
    expect(roleMayGrant('employee', 'employees:manage')).toBe(false);
    expect(roleMayGrant('manager', 'audit:read')).toBe(false);
    expect(roleMayGrant('admin', 'scim:provision')).toBe(true);
    expect(roleMayGrant('hr', 'scim:provision')).toBe(false);
  });
});
