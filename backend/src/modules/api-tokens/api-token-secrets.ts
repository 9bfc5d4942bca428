import { createHash, randomBytes } from 'node:crypto';
import type { ApiTokenKind } from './entities/api-token.entity.js';

/** Recognisable by people and secret scanners: `ctx_pat_…` personal, `ctx_svc_…` service. */
export const API_TOKEN_PREFIXES: Record<ApiTokenKind, string> = {
  personal: 'ctx_pat_',
  service: 'ctx_svc_',
};
const SECRET_SHAPE = /^ctx_(pat|svc)_[A-Za-z0-9_-]{43}$/;

/** 256 random bits behind the prefix. */
export function newApiToken(kind: ApiTokenKind): string {
  return API_TOKEN_PREFIXES[kind] + randomBytes(32).toString('base64url');
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Rejects what cannot be one of our tokens before it costs a database query. */
export function looksLikeApiToken(value: string): boolean {
  return SECRET_SHAPE.test(value);
}
