import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets kept at rest that must be read back (MFA seeds, bind passwords, client and webhook
 * secrets): AES-256-GCM under a key derived (HKDF) from the installation's master secret, one key
 * per purpose, so a database dump alone reveals none of them. The optional associated data (an
 * organization id) binds a sealed value to its row: copied to another organization it does not
 * open. Changing the master secret makes every sealed value unreadable.
 *
 * Wire format, kept from the first version: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(masterSecret: string, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', masterSecret, 'calltimex', purpose, 32));
  }

  seal(plain: Buffer | string, associatedData?: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([
      typeof plain === 'string' ? cipher.update(plain, 'utf8') : cipher.update(plain),
      cipher.final(),
    ]);
    return ['v1', ...[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'))].join('.');
  }

  /** Throws when the value was sealed with another key, purpose or associated data, or altered. */
  open(sealed: string, associatedData?: string): Buffer {
    const [version, iv, tag, body, extra] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined || extra !== undefined) {
      throw new Error('unknown sealed format');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  }

  openText(sealed: string, associatedData?: string): string {
    return this.open(sealed, associatedData).toString('utf8');
  }
}
