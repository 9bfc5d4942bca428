import { SecretBox } from './secret-box.js';

const MASTER = 'm'.repeat(48);

describe('SecretBox', () => {
  it('opens values sealed by the four boxes it replaced (same purposes, same wire format)', () => {
    // Sealed with MASTER by the former BindPasswordBox, ClientSecretBox and the webhook and TOTP boxes.
    expect(
      new SecretBox(MASTER, 'directory-bind-password').openText(
        'v1.bRsCcfnfBJi9yTbJ.6ydyDD8u2DX5WneX9r5emg.N1kU9cZutw',
        'org-a',
      ),
    ).toBe('bind-pw');
    expect(
      new SecretBox(MASTER, 'oidc-client-secret').openText(
        'v1.304_7fadvHrsHQRQ.b3cZ1YC_uVK8lQZ9RQXVRw.otu2JRJQNWPFZR7a0w',
        'org-a',
      ),
    ).toBe('client-secret');
    expect(
      new SecretBox(MASTER, 'webhook-secrets').openText(
        'v1.v-_oI2qnT8-XaLIn.RiGlvQdQEZK2kpS1hx2TYw.GznnyKlyZGNl',
      ),
    ).toBe('whsec_abc');
    expect(
      new SecretBox(MASTER, 'mfa-totp-secret')
        .open('v1.4NceqQAE9gy8eWWy.8MYG8eSxlwS1F8h-CSCIQA.xYvC7NgL_ZSDhAtpC7lVtpEj-2w')
        .toString(),
    ).toBe('12345678901234567890');
  });

  it('round-trips text and bytes without showing them', () => {
    const box = new SecretBox(MASTER, 'test');
    const sealed = box.seal('s3cret-value');
    expect(sealed).not.toContain('s3cret');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(box.openText(sealed)).toBe('s3cret-value');
    const bytes = Buffer.from([0, 1, 2, 255]);
    expect(box.open(box.seal(bytes)).equals(bytes)).toBe(true);
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('does not open under another master secret, purpose or organization, or when altered', () => {
    const box = new SecretBox(MASTER, 'test');
    const sealed = box.seal('pw', 'org-a');
    expect(box.openText(sealed, 'org-a')).toBe('pw');
    expect(() => box.open(sealed, 'org-b')).toThrow();
    expect(() => box.open(sealed)).toThrow();
    expect(() => new SecretBox('n'.repeat(48), 'test').open(sealed, 'org-a')).toThrow();
    expect(() => new SecretBox(MASTER, 'other').open(sealed, 'org-a')).toThrow();
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = flipped[0] ^ 1;
    expect(() =>
      box.open([v, iv, tag, flipped.toString('base64url')].join('.'), 'org-a'),
    ).toThrow();
    expect(() => box.open('v2.a.b.c')).toThrow('unknown sealed format');
    expect(() => box.open(`${sealed}.extra`, 'org-a')).toThrow('unknown sealed format');
  });
});
