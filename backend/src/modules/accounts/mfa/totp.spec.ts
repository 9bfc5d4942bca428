import { base32Decode, base32Encode, hotp, totp, verifyTotp } from './totp.js';

// RFC 6238 appendix B, SHA-1 seed.
const SEED = Buffer.from('12345678901234567890');

describe('TOTP', () => {
  it('matches the RFC 6238 SHA-1 test vectors', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) {
      expect(totp(SEED, new Date(seconds * 1000), 8)).toBe(code);
    }
    expect(hotp(SEED, 0)).toBe('755224'); // RFC 4226 appendix D
  });

  it('accepts one step of drift either side, nothing further, and only six digits', () => {
    const now = new Date(1_800_000_000_000);
    const at = (steps: number) => totp(SEED, new Date(now.getTime() + steps * 30_000));
    expect(verifyTotp(SEED, at(0), now)).toBe(true);
    expect(verifyTotp(SEED, at(-1), now)).toBe(true);
    expect(verifyTotp(SEED, at(1), now)).toBe(true);
    expect(verifyTotp(SEED, at(-2), now)).toBe(false);
    expect(verifyTotp(SEED, at(2), now)).toBe(false);
    expect(verifyTotp(SEED, ` ${at(0)}`, now)).toBe(false);
    expect(verifyTotp(SEED, 'abcdef', now)).toBe(false);
  });

  it('round-trips base32', () => {
    expect(base32Encode(SEED)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ').equals(SEED)).toBe(true);
  });
});
