import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { PAID_PLANS, type PaidPlan } from '../plans.js';

/** What a license grants. Times are ISO 8601 UTC; validUntil is exclusive. */
export interface LicenseClaims {
  v: 1;
  licenseId: string;
  organizationId: string;
  licensee: string;
  plan: PaidPlan;
  seats: number;
  validFrom: string;
  validUntil: string;
  issuedAt: string;
}

export const LICENSE_PREFIX = 'CTXL1';

export type LicenseProblem = 'malformed' | 'bad-signature';

export class LicenseFormatError extends Error {
  constructor(
    readonly problem: LicenseProblem,
    detail: string,
  ) {
    super(detail);
    this.name = 'LicenseFormatError';
  }
}

/** Accepts PEM, or base64 of the DER (SPKI) form. */
export function publicKeyFrom(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return createPublicKey(trimmed);
  return createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
}

export function privateKeyFrom(pem: string): KeyObject {
  return createPrivateKey(pem.trim());
}

/** `CTXL1.<base64url claims JSON>.<base64url Ed25519 signature of "CTXL1.<claims>">`. */
export function signLicense(claims: LicenseClaims, privateKey: KeyObject): string {
  const body = `${LICENSE_PREFIX}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = sign(null, Buffer.from(body), privateKey).toString('base64url');
  return `${body}.${signature}`;
}

const PART = /^[A-Za-z0-9_-]+$/;

function isIsoTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && /T.*Z$/.test(value);
}

function checkClaims(value: unknown): LicenseClaims {
  const c = value as Partial<LicenseClaims> | null;
  const ok =
    c !== null &&
    typeof c === 'object' &&
    c.v === 1 &&
    typeof c.licenseId === 'string' &&
    c.licenseId.length <= 64 &&
    typeof c.organizationId === 'string' &&
    /^[0-9a-f-]{36}$/i.test(c.organizationId) &&
    typeof c.licensee === 'string' &&
    c.licensee.length <= 200 &&
    typeof c.plan === 'string' &&
    (PAID_PLANS as readonly string[]).includes(c.plan) &&
    Number.isInteger(c.seats) &&
    (c.seats ?? 0) >= 1 &&
    (c.seats ?? 0) <= 1_000_000 &&
    isIsoTime(c.validFrom) &&
    isIsoTime(c.validUntil) &&
    isIsoTime(c.issuedAt) &&
    Date.parse(c.validUntil) > Date.parse(c.validFrom);
  if (!ok)
    throw new LicenseFormatError('malformed', 'The license claims are incomplete or invalid.');
  return c as LicenseClaims;
}

/** Verifies the signature first, then reads the claims: nothing unsigned is ever trusted. */
export function verifyLicense(document: string, publicKey: KeyObject): LicenseClaims {
  const parts = document.trim().split('.');
  if (
    parts.length !== 3 ||
    parts[0] !== LICENSE_PREFIX ||
    !PART.test(parts[1]) ||
    !PART.test(parts[2])
  ) {
    throw new LicenseFormatError(
      'malformed',
      `A license is "${LICENSE_PREFIX}.<claims>.<signature>".`,
    );
  }
  const signature = Buffer.from(parts[2], 'base64url');
  // Re-encoding catches non-canonical base64url (a changed trailing character can decode alike).
  if (signature.length !== 64 || signature.toString('base64url') !== parts[2]) {
    throw new LicenseFormatError('bad-signature', 'The license signature is not valid.');
  }
  if (!verify(null, Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, signature)) {
    throw new LicenseFormatError(
      'bad-signature',
      'The license signature is not valid: it was changed or not issued by the vendor.',
    );
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    throw new LicenseFormatError('malformed', 'The license claims are not JSON.');
  }
  return checkClaims(claims);
}
