/**
 * The keyed hash and the sealing of 实名取号 data — the one place that says how (so a deployment's
 * crypto module can take it over). Keys are derived from QMS_DATA_KEY, one per purpose, so a hash
 * key never doubles as an encryption key:
 *
 * - `tag`: HMAC-SHA256 (HMAC-SM3 with QMS_CRYPTO=sm) of the ID number, scoped to one hall and one
 *   day. A hall can count a person's tickets today and check in their booking, but tags of two
 *   days (or halls) cannot be linked, and without the key a tag reveals nothing.
 * - `seal`/`open`: the masked number and the name, encrypted (AES-256-GCM, a fresh IV each time,
 *   as `PhoneVault` keeps phone numbers) and kept for the day only.
 */
import { createHmac, getHashes } from 'node:crypto';
import { PhoneVault } from '../notify/phone-vault';

export type CryptoMode = 'default' | 'sm';

export class IdentityCrypto {
  private readonly tagKey: Buffer;
  private readonly vault: PhoneVault;
  private readonly hash: 'sha256' | 'sm3';

  constructor(
    dataKey: Buffer,
    readonly mode: CryptoMode = 'default',
  ) {
    if (dataKey.length !== 32) throw new Error('the data key must be 32 bytes');
    this.hash = mode === 'sm' ? 'sm3' : 'sha256';
    if (!getHashes().includes(this.hash)) throw new Error(`QMS_CRYPTO=${mode}: this Node.js build has no ${this.hash}`);
    this.tagKey = this.derive(dataKey, 'qms/identity/tag/v1');
    // The sealing key is 32 bytes whichever hash derives it (SM3 and SHA-256 both give 32).
    this.vault = new PhoneVault(this.derive(dataKey, 'qms/identity/seal/v1'));
  }

  private derive(key: Buffer, purpose: string): Buffer {
    return createHmac(this.hash, key).update(purpose).digest();
  }

  /** A person's name in one hall on one day: stable for the limits, useless elsewhere. */
  tag(hallId: string, day: string, idNumber: string): string {
    return createHmac(this.hash, this.tagKey).update(`${hallId}\n${day}\n${idNumber}`).digest('base64url').slice(0, 32);
  }

  seal(text: string): string {
    return this.vault.seal(text);
  }

  open(sealed: string): string {
    return this.vault.open(sealed);
  }
}

/** The deployment's identity crypto, or null without QMS_DATA_KEY (then no hall takes identities). */
export function identityCryptoFor(dataKey: Buffer | null, mode: CryptoMode): IdentityCrypto | null {
  return dataKey ? new IdentityCrypto(dataKey, mode) : null;
}
