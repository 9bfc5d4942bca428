import type { Role } from '#src/common/auth/roles.js';

/** What a provider's settings say about claims, domains and MFA. */
export interface OidcSettings {
  roleClaim: string | null;
  roleMap: { value: string; role: Exclude<Role, 'owner'> }[];
  defaultRole: Exclude<Role, 'owner'>;
  teamClaim: string | null;
  teamMap: { value: string; team: string }[];
  jit: boolean;
  allowedDomains: string[];
  mfaAmr: string[];
  mfaAcr: string[];
}

export const DEFAULT_MFA_AMR = ['mfa', 'otp', 'hwk', 'swk', 'sms', 'fpt', 'face'];

const ROLE_RANK: Exclude<Role, 'owner'>[] = ['admin', 'hr', 'manager', 'employee'];

/** A claim as a list of strings: a string, an array of strings, or (dotted path) nested. */
export function claimValues(claims: Record<string, unknown>, name: string | null): string[] {
  if (!name) return [];
  let value: unknown = claims[name];
  if (value === undefined && name.includes('.')) {
    value = name.split('.').reduce<unknown>((at, key) => {
      return at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
    }, claims);
  }
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * The role the claims give: the most powerful mapped match, else the default. null when no role
 * claim is configured (the user's role is then managed in CallTimeX). Owner is never given.
 */
export function mappedRole(
  settings: OidcSettings,
  claims: Record<string, unknown>,
): Exclude<Role, 'owner'> | null {
  if (!settings.roleClaim) return null;
  const values = new Set(claimValues(claims, settings.roleClaim));
  const matched = settings.roleMap.filter((m) => values.has(m.value)).map((m) => m.role);
  return ROLE_RANK.find((r) => matched.includes(r)) ?? settings.defaultRole;
}

/** Team names the claims map to, in the order of the map. */
export function mappedTeams(settings: OidcSettings, claims: Record<string, unknown>): string[] {
  if (!settings.teamClaim) return [];
  const values = new Set(claimValues(claims, settings.teamClaim));
  return [...new Set(settings.teamMap.filter((m) => values.has(m.value)).map((m) => m.team))];
}

/** The provider says a second factor was used: an expected `amr` value or `acr`. */
export function mfaDoneAtProvider(settings: OidcSettings, claims: Record<string, unknown>) {
  const amr = claimValues(claims, 'amr');
  if (amr.some((v) => settings.mfaAmr.includes(v))) return true;
  const acr = typeof claims.acr === 'string' ? claims.acr : null;
  return acr !== null && settings.mfaAcr.includes(acr);
}

export function emailDomainAllowed(settings: OidcSettings, email: string): boolean {
  if (settings.allowedDomains.length === 0) return true;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return settings.allowedDomains.includes(domain);
}
