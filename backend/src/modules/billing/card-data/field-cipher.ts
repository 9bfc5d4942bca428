import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface CipherKey {
  id: string;
  key: Buffer;
}

/**
 * AES-256-GCM with a 96-bit random nonce. Sealed form: base64url(nonce).base64url(tag).base64url(data);
 * the associated data binds a value to its row, so a sealed value copied to another row does not open.
 */
export class FieldCipher {
  constructor(private readonly keys: CipherKey[]) {
    if (keys.length === 0) throw new Error('FieldCipher needs at least one key');
  }

  get currentKeyId(): string {
    return this.keys[0].id;
  }

  seal(plaintext: string, associatedData: string): { keyId: string; sealed: string } {
    const { id, key } = this.keys[0];
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(Buffer.from(associatedData));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const sealed = [nonce, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
    return { keyId: id, sealed };
  }

  open(keyId: string, sealed: string, associatedData: string): string {
    const entry = this.keys.find((k) => k.id === keyId);
    if (!entry) throw new Error(`No billing encryption key with id ${keyId} is configured`);
    const [nonce, tag, data] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', entry.key, nonce);
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  }
}
