/**
 * Citizens' phone numbers at rest: only ever stored encrypted (AES-256-GCM under QMS_DATA_KEY, or
 * SM4 with an HMAC-SM3 tag with QMS_CRYPTO=sm; a fresh IV each time), and counted per number
 * through a keyed hash, so neither the store nor its backups hold a number anyone can read or look
 * up without the key.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { keyedHash, openBytes, sealBytes, type CryptoMode } from '../crypto/crypto-suite';

/** The sealed form under the national algorithms: `sm1.` and the sealed bytes (base64url). */
const SM_PREFIX = 'sm1.';

export class PhoneVault {
  constructor(
    private readonly key: Buffer,
    private readonly mode: CryptoMode = 'default',
  ) {
    if (key.length !== 32) throw new Error('the data key must be 32 bytes');
  }

  /** `v1.<iv>.<tag>.<ciphertext>` (AES-256-GCM) or `sm1.<sealed>` (SM4/SM3), base64url: what the store keeps. */
  seal(phone: string): string {
    if (this.mode === 'sm') return SM_PREFIX + sealBytes('sm', this.key, Buffer.from(phone, 'utf8')).toString('base64url');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(sealed: string): string {
    if (sealed.startsWith(SM_PREFIX)) return openBytes(this.key, Buffer.from(sealed.slice(SM_PREFIX.length), 'base64url')).toString('utf8');
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed phone number');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** A stable name for a number (to count its tickets) that reveals nothing without the key. */
  tag(phone: string): string {
    if (this.mode === 'sm') return keyedHash('sm', this.key, `phone:${phone}`).toString('base64url').slice(0, 22);
    return createHmac('sha256', this.key).update(`phone:${phone}`).digest('base64url').slice(0, 22);
  }
}
