import { ValidationFailedError } from '#src/common/errors/domain-error.js';
import { PasswordService, passwordProblem } from './password.service.js';

describe('password policy', () => {
  it.each([
    ['short', 'Ab1!xyz'],
    ['nine characters', '9chars-ok'],
    ['a common password', 'password123'],
    ['a common password in capitals', 'QWERTYUIOP'],
    ['too few distinct characters', 'abababababab'],
  ])('refuses %s', (_, password) => {
    expect(passwordProblem(password)).toEqual(expect.any(String));
  });

  it('refuses the email or its local part', () => {
    expect(
      passwordProblem('ada.lovelace@example.com', { email: 'Ada.Lovelace@example.com' }),
    ).toMatch(/email/);
    expect(passwordProblem('ada.lovelace', { email: 'ada.lovelace@example.com' })).toMatch(/email/);
  });

  it('accepts a long uncommon passphrase, counting characters not bytes', () => {
    expect(passwordProblem('correct-horse-battery-staple')).toBeNull();
    expect(passwordProblem('пароль-кіт-🐈-дім')).toBeNull();
    expect(passwordProblem('🐈🐈🐈🐈🐈')).toMatch(/at least 10/);
  });

  it('reports the field as a validation error', () => {
    const service = new PasswordService();
    expect(() => service.assertAcceptable('short', {}, 'newPassword')).toThrow(
      ValidationFailedError,
    );
    try {
      service.assertAcceptable('short', {}, 'newPassword');
    } catch (error) {
      expect((error as ValidationFailedError).errors).toEqual([
        { path: 'newPassword', message: expect.stringContaining('at least 10') },
      ]);
    }
  });

  it('hashes with argon2id and verifies; a missing or broken hash never verifies', async () => {
    const service = new PasswordService();
    const hash = await service.hash('correct-horse-battery-staple');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain('correct-horse');
    await expect(service.verify(hash, 'correct-horse-battery-staple')).resolves.toBe(true);
    await expect(service.verify(hash, 'correct-horse-battery-stapler')).resolves.toBe(false);
    await expect(service.verify(null, 'anything-at-all')).resolves.toBe(false);
    await expect(service.verify('not-a-hash', 'anything-at-all')).resolves.toBe(false);
  });
});
