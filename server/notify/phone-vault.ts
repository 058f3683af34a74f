/**
 * Citizens' phone numbers at rest: only ever stored encrypted (AES-256-GCM under QMS_DATA_KEY,
 * a fresh IV each time), and counted per number through a keyed hash, so neither the store nor its
 * backups hold a number anyone can read or look up without the key.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export class PhoneVault {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the data key must be 32 bytes');
  }

  /** `v1.<iv>.<tag>.<ciphertext>` (base64url): what the store keeps. */
  seal(phone: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(sealed: string): string {
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed phone number');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** A stable name for a number (to count its tickets) that reveals nothing without the key. */
  tag(phone: string): string {
    return createHmac('sha256', this.key).update(`phone:${phone}`).digest('base64url').slice(0, 22);
  }
}
