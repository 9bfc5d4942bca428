import { SetMetadata } from '@nestjs/common';
import { roleHas, type Permission } from './permissions.js';
import type { Role } from './roles.js';

/**
 * What an API token may be used for. A token reaches only routes that declare a scope with
 * @RequireScopes (everything else, such as managing tokens or the caller's own account, needs a
 * user's sign-in); on those routes the role checks still apply: a personal token has its user's
 * current role, a service token the admin role.
 */
export const API_TOKEN_SCOPES = [
  'reports:read',
  'attendance:read',
  'employees:read',
  'employees:manage',
  'exports:run',
  'audit:read',
  'scim:provision',
] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** The permissions a role needs before it may put the scope on a token. */
export const SCOPE_PERMISSIONS: Record<ApiTokenScope, readonly Permission[]> = {
  'reports:read': ['reports:read'],
  'attendance:read': ['reports:read'],
  'employees:read': ['employees:read', 'teams:read'],
  'employees:manage': ['employees:manage'],
  'exports:run': ['reports:read'],
  'audit:read': ['audit:read'],
  'scim:provision': ['users:manage', 'employees:manage', 'teams:manage'],
};

export const SCOPE_DESCRIPTIONS: Record<ApiTokenScope, string> = {
  'reports:read': 'Read activity reports (summary, usage, timeline).',
  'attendance:read': 'Read attendance reports, schedules, holidays and absences.',
  'employees:read': 'Read employees and teams.',
  'employees:manage': 'Create, change and deactivate employees and teams.',
  'exports:run': 'Start report exports and download them.',
  'audit:read': 'Read and verify the audit log.',
  'scim:provision': 'SCIM 2.0 provisioning of users and groups (service tokens only).',
};

/** Scopes only an organization's service token may carry. */
export const SERVICE_ONLY_SCOPES: readonly ApiTokenScope[] = ['scim:provision'];

export function roleMayGrant(role: Role, scope: ApiTokenScope): boolean {
  return SCOPE_PERMISSIONS[scope].every((p) => roleHas(role, p));
}

export const SCOPES_KEY = 'calltimex:scopes';

/** The passport strategy name of API tokens (modules/api-tokens registers it). */
export const API_TOKEN_STRATEGY = 'api-token';

/** Lets API tokens call the route; the token must carry every listed scope (else 403). */
export const RequireScopes = (...scopes: ApiTokenScope[]) => SetMetadata(SCOPES_KEY, scopes);
