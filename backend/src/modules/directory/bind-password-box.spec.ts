import { BindPasswordBox } from './bind-password-box.js';

describe('BindPasswordBox', () => {
  const box = new BindPasswordBox('x'.repeat(48));

  it('seals so the password does not show, and opens for the same organization only', () => {
    const sealed = box.seal('s3cret-bind-pw', 'org-a');
    expect(sealed).not.toContain('s3cret');
    expect(box.open(sealed, 'org-a')).toBe('s3cret-bind-pw');
    expect(() => box.open(sealed, 'org-b')).toThrow();
    expect(() => new BindPasswordBox('y'.repeat(48)).open(sealed, 'org-a')).toThrow();
  });
});
