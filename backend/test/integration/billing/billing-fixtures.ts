import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  privateKeyFrom,
  signLicense,
  type LicenseClaims,
} from '#src/modules/billing/license/license-document.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export const TEST_LICENSE_PUBLIC_KEY = readFileSync(
  join(FIXTURES, 'license-test-public.pem'),
  'utf8',
);
const TEST_PRIVATE = privateKeyFrom(
  readFileSync(join(FIXTURES, 'license-test-private.pem'), 'utf8'),
);
const OTHER_PRIVATE = privateKeyFrom(
  readFileSync(join(FIXTURES, 'license-other-private.pem'), 'utf8'),
);

/** A license signed with the test key pair (or another key, for the wrong-key case). */
export function testLicense(
  organizationId: string,
  overrides: Partial<LicenseClaims> = {},
  key: 'test' | 'other' = 'test',
): string {
  const claims: LicenseClaims = {
    v: 1,
    licenseId: randomUUID(),
    organizationId,
    licensee: 'Test Customer Ltd',
    plan: 'team',
    seats: 10,
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2099-01-01T00:00:00.000Z',
    issuedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
  return signLicense(claims, key === 'test' ? TEST_PRIVATE : OTHER_PRIVATE);
}
