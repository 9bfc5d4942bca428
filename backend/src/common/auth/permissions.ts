import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles.js';

/** What a route needs; a role has a fixed set of these. Data scoping (teams, self) is the services' job. */
export const PERMISSIONS = [
  'organization:manage',
  'users:manage',
  'teams:read',
  'teams:manage',
  'employees:read',
  'employees:manage',
  'devices:manage',
  'rules:read',
  'rules:manage',
  'reports:read',
  'privacy:manage',
  'privacy:self',
  'billing:manage',
  'audit:read',
  'jobs:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL = [...PERMISSIONS];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: ALL,
  admin: ALL.filter((p) => p !== 'billing:manage'),
  hr: [
    'teams:read',
    'employees:read',
    'employees:manage',
    'rules:read',
    'reports:read',
    'privacy:manage',
    'privacy:self',
    'audit:read',
  ],
  manager: ['teams:read', 'employees:read', 'rules:read', 'reports:read', 'privacy:self'],
  employee: ['reports:read', 'privacy:self'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export const PERMISSIONS_KEY = 'calltimex:permissions';
export const IS_PUBLIC_KEY = 'calltimex:public';

/** The caller's role must grant every listed permission. */
export const RequirePermissions = (...permissions: Permission[]) =>
  SetMetadata(PERMISSIONS_KEY, permissions);

/** No user token needed (signup, login, agent endpoints with their own device guard). */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
