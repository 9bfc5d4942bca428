import { MASK, maskUrl } from './mask-config.js';

describe('maskUrl', () => {
  it('masks the password and keeps host, user and path', () => {
    expect(maskUrl('mysql://app:p%40ss@db:3306/calltimex')).toBe(
      `mysql://app:${MASK}@db:3306/calltimex`,
    );
    expect(maskUrl('redis://:secret@redis:6379')).toBe(`redis://:${MASK}@redis:6379`);
  });

  it('leaves a URL without a password as it is and hides an unparsable one entirely', () => {
    expect(maskUrl('redis://redis:6379')).toBe('redis://redis:6379');
    expect(maskUrl('not a url with secret')).toBe(MASK);
  });
});
