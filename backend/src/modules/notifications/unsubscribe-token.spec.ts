import { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token.js';

const SECRET = 's'.repeat(48);
const USER = '3f1c2a9e-8d4b-4f7a-9a51-0c2d7e6b1a22';

describe('unsubscribe tokens', () => {
  it('round-trips the user and the category', () => {
    const token = signUnsubscribeToken(SECRET, USER, 'reports');
    expect(verifyUnsubscribeToken(SECRET, token)).toEqual({ userId: USER, category: 'reports' });
  });

  it('refuses another secret, another category or user, essential categories and junk', () => {
    const token = signUnsubscribeToken(SECRET, USER, 'reports');
    const [, , sig] = token.split('.');
    expect(verifyUnsubscribeToken('t'.repeat(48), token)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, `${USER}.product.${sig}`)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, `${USER.replace('3f', '4f')}.reports.${sig}`)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, `${USER}.security.${sig}`)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, `${token}.extra`)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, 'not-a-uuid.reports.x')).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, '')).toBeNull();
  });
});
