import { generateKeyPairSync } from 'node:crypto';
import {
  LicenseFormatError,
  signLicense,
  verifyLicense,
  type LicenseClaims,
} from './license-document.js';

const vendor = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
const claims: LicenseClaims = {
  v: 1,
  licenseId: 'lic-1',
  organizationId: '6f1c1f9e-3f7a-4d7c-9a57-0c6f3b1f2a10',
  licensee: 'Acme',
  plan: 'business',
  seats: 25,
  validFrom: '2026-01-01T00:00:00.000Z',
  validUntil: '2027-01-01T00:00:00.000Z',
  issuedAt: '2026-01-01T00:00:00.000Z',
};

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof LicenseFormatError) return error.problem;
    throw error;
  }
  return 'accepted';
}

describe('license documents', () => {
  const document = signLicense(claims, vendor.privateKey);

  it('round-trips through sign and verify', () => {
    expect(document.startsWith('CTXL1.')).toBe(true);
    expect(verifyLicense(document, vendor.publicKey)).toEqual(claims);
  });

  it('refuses every single-character change anywhere in the document', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < document.length; i += 1) {
      if (document[i] === '.') continue;
      const replacement = alphabet[(alphabet.indexOf(document[i]) + 1) % alphabet.length];
      const changed = document.slice(0, i) + replacement + document.slice(i + 1);
      expect(problem(() => verifyLicense(changed, vendor.publicKey))).not.toBe('accepted');
    }
  });

  it('refuses a license signed with another key', () => {
    expect(
      problem(() => verifyLicense(signLicense(claims, stranger.privateKey), vendor.publicKey)),
    ).toBe('bad-signature');
  });

  it('refuses well-signed but invalid claims', () => {
    const bad = signLicense({ ...claims, seats: 0 }, vendor.privateKey);
    expect(problem(() => verifyLicense(bad, vendor.publicKey))).toBe('malformed');
    const backwards = signLicense({ ...claims, validUntil: claims.validFrom }, vendor.privateKey);
    expect(problem(() => verifyLicense(backwards, vendor.publicKey))).toBe('malformed');
  });

  it.each(['', 'CTXL1', 'CTXL1..', 'CTXL2.a.b', 'CTXL1.a b.c', 'CTXL1.a.b.c'])(
    'refuses %j as malformed',
    (text) => {
      expect(problem(() => verifyLicense(text, vendor.publicKey))).toBe('malformed');
    },
  );
});
