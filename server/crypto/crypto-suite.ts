/**
 * The algorithms that protect data at rest, chosen once by QMS_CRYPTO: `default` — AES-256-GCM and
 * SHA-256; `sm` — the national algorithms of GB/T 39786 (密评): SM4 in CTR mode with an HMAC-SM3 tag
 * (encrypt-then-MAC: Node's OpenSSL has no SM4-GCM) and SM3. Whatever the mode, what was sealed
 * under the other one still opens (the sealed form names its algorithm), so switching the setting
 * never strands data written before.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type CryptoMode = 'default' | 'sm';
export type HashAlgorithm = 'sha256' | 'sm3';

/** The hash each mode uses for chains and fingerprints. */
export const hashAlgorithmOf = (mode: CryptoMode): HashAlgorithm => (mode === 'sm' ? 'sm3' : 'sha256');

/** Hex digest of `text` (UTF-8) with `alg`. */
export function digest(alg: HashAlgorithm, text: string): string {
  return createHash(alg).update(text, 'utf8').digest('hex');
}

/** A keyed hash (HMAC) of `text` with the mode's hash: stable names that reveal nothing without the key. */
export function keyedHash(mode: CryptoMode, key: Buffer, text: string): Buffer {
  return createHmac(hashAlgorithmOf(mode), key).update(text, 'utf8').digest();
}

/** The first byte of a sealed buffer: which algorithm sealed it. */
const AES_GCM = 1;
const SM4_CTR_HMAC_SM3 = 2;

/** SM4 takes a 16-byte key and MAC key apart from it: both derived from the one 32-byte key. */
function smKeys(key: Buffer): { enc: Buffer; mac: Buffer } {
  return {
    enc: createHmac('sm3', key).update('qms sm4 encryption key').digest().subarray(0, 16),
    mac: createHmac('sm3', key).update('qms hmac-sm3 key').digest(),
  };
}

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

/**
 * Authenticated encryption of `plain` under a 32-byte `key`: [alg][iv][tag][ciphertext]. Opening
 * with the wrong key, or after any byte changed, throws SealError — never wrong plaintext.
 */
export function sealBytes(mode: CryptoMode, key: Buffer, plain: Buffer): Buffer {
  if (key.length !== 32) throw new Error('the key must be 32 bytes');
  if (mode === 'sm') {
    const { enc, mac } = smKeys(key);
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-ctr', enc, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const head = Buffer.from([SM4_CTR_HMAC_SM3]);
    const tag = createHmac('sm3', mac).update(head).update(iv).update(body).digest();
    return Buffer.concat([head, iv, tag, body]);
  }
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from([AES_GCM]), iv, cipher.getAuthTag(), body]);
}

export function openBytes(key: Buffer, sealed: Buffer): Buffer {
  if (key.length !== 32) throw new Error('the key must be 32 bytes');
  const alg = sealed[0];
  if (alg === AES_GCM && sealed.length >= 29) {
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
    } catch {
      throw new SealError('wrong key, or the data was changed');
    }
  }
  if (alg === SM4_CTR_HMAC_SM3 && sealed.length >= 49) {
    const { enc, mac } = smKeys(key);
    const iv = sealed.subarray(1, 17);
    const tag = sealed.subarray(17, 49);
    const body = sealed.subarray(49);
    const expected = createHmac('sm3', mac).update(sealed.subarray(0, 1)).update(iv).update(body).digest();
    if (!timingSafeEqual(tag, expected)) throw new SealError('wrong key, or the data was changed');
    const decipher = createDecipheriv('sm4-ctr', enc, iv);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  }
  throw new SealError('not sealed data');
}
