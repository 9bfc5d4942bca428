import { Injectable } from '@nestjs/common';
import { dictionary } from '@zxcvbn-ts/language-common';
import argon2 from 'argon2';
import { ValidationFailedError } from '#src/common/errors/domain-error.js';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): strong, and cheap enough that a login
// burst does not exhaust a small api pod. Old hashes keep verifying: parameters live in the hash.
const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

// About 49,000 passwords seen most often in breaches (zxcvbn's list), compared case-insensitively.
const COMMON_PASSWORDS = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return `password must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `password must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  }
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'password is too common; choose another';
  if (new Set(password).size < 3) return 'password repeats too few characters; choose another';
  const email = context.email?.toLowerCase();
  if (email && (lower === email || lower === email.split('@')[0])) {
    return 'password must not be your email address';
  }
  return null;
}

/** argon2id hashes and the password policy (length, not a common password). */
@Injectable()
export class PasswordService {
  // Verified against when the email is unknown, so both answers take about as long.
  private dummyHash: Promise<string> | null = null;

  assertAcceptable(password: string, context: { email?: string } = {}, path = 'password'): void {
    const problem = passwordProblem(password, context);
    if (problem) throw new ValidationFailedError([{ path, message: problem }]);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      this.dummyHash ??= this.hash('calltimex-dummy-password');
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }
}
