import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits; the prefix tells a leaked secret's kind at a glance (and to secret scanners). */
export const ENROLLMENT_TOKEN_PREFIX = 'cte_';
export const DEVICE_TOKEN_PREFIX = 'ctd_';
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Only this is stored: a leaked table does not let anyone act as a device. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Rejects what cannot be one of our secrets before it costs a database query. */
export function looksLikeSecret(value: string, prefix: string): boolean {
  return value.startsWith(prefix) && SECRET_SHAPE.test(value.slice(prefix.length));
}
