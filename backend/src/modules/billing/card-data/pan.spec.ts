import { randomUUID } from 'node:crypto';
import { containsPan, findPan, luhnValid } from './pan.js';

describe('card number detection', () => {
  it.each([
    '4111111111111111',
    '4111 1111 1111 1111',
    '4111-1111-1111-1111',
    '378282246310005',
    '6011000990139424',
    '4222222222222',
    'my card is 5555 5555 5555 4444, thanks',
    '4000000000000000006',
  ])('finds %s', (text) => {
    expect(containsPan(text)).toBe(true);
  });

  it.each([
    '4111111111111112',
    '411111111111',
    '41111111111111111111',
    '2026-11-24T10:00:00.000Z',
    '+1 555 0100 1234',
    'abc4111111111111111',
    '4111111111111111-ab',
  ])('does not flag %s', (text) => {
    expect(containsPan(text)).toBe(false);
  });

  it('never flags UUIDs, even all-digit ones', () => {
    expect(containsPan('41111111-1111-1111-1111-111111111111')).toBe(false);
    expect(containsPan('abcdef12-3456-7890-1234-abcdefabcdef')).toBe(false);
    for (let i = 0; i < 20_000; i += 1) {
      const id = randomUUID();
      if (containsPan(id)) throw new Error(`flagged ${id}`);
    }
  });

  it('computes Luhn', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });

  it('names the path of the first card number in a nested body', () => {
    expect(findPan({ a: 1, b: [{ c: 'x' }, { note: '4111 1111 1111 1111' }] })).toBe('b[1].note');
    expect(findPan({ amount: 4111111111111111 })).toBe('amount');
    // 13-digit numbers are millisecond timestamps far more often than card numbers.
    expect(findPan({ at: 1732450000007 })).toBeNull();
    expect(findPan({ id: randomUUID(), start: '2026-11-24T10:00:00Z', n: 42 })).toBeNull();
    expect(findPan(null)).toBeNull();
  });
});
