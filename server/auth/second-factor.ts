/**
 * Second factors: TOTP (RFC 6238, SHA-1, 6 digits, 30 s — what every authenticator app reads from
 * an `otpauth://` QR code) with one-use recovery codes. Each account's factor is one private store
 * document (`second-factor:<id>`, never shown by a history reader): the TOTP secret sealed with
 * AES-256-GCM under a key derived from the token secret (so neither the store nor a backup holds it
 * in clear), and the recovery codes as SHA-256 hashes (they are random, so a plain hash is enough).
 * A code is accepted once (RFC 6238 §5.2): the time step it belongs to is claimed in the store, so
 * the same code replayed on any node is refused. Who must have a factor is decided in
 * `server/domain/second-factor-rules.ts`; the account's `secondFactor` flag is set by `AccountAdmin`.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { DomainError } from '../domain/errors';
import { normaliseCode, RECOVERY_CODE_COUNT, RECOVERY_CODE_PATTERN, TOTP_CODE_PATTERN } from '../domain/second-factor-rules';
import type { Limiter } from '../app/limiter';
import type { EventStore } from '../store/event-store';
import { secondFactorKey, type Account } from './accounts';

/** The name an authenticator app shows above the code. */
const ISSUER = '排队叫号系统';
const PERIOD_S = 30;
/** One step either side of now: a phone's clock a little off, or a code typed as it turned over. */
const WINDOW = 1;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

type FactorDoc =
  | { state: 'none' }
  /** Set up but not yet proven by a code from the app: signs nothing in. */
  | { state: 'pending'; sealed: string; at: number }
  | { state: 'active'; sealed: string; recovery: string[]; at: number };

export interface SecondFactorSetup {
  /** Base32, for typing into an app that cannot scan. */
  secret: string;
  otpauthUrl: string;
  /** The QR code of `otpauthUrl`, as an SVG document. */
  qrSvg: string;
}

const hashRecovery = (code: string): string => createHash('sha256').update(`recovery:${code}`).digest('base64url');

function recoveryCode(): string {
  let out = '';
  for (let i = 0; i < 10; i++) out += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

export class SecondFactors {
  private readonly key: Buffer;

  constructor(
    private readonly store: EventStore,
    tokenSecret: string,
    /** The one limiter (`domain/limits.ts`): codes tried per account. */
    private readonly limiter: Limiter,
    /** The wall clock (ms): an authenticator app reads the real time, never a hall's test clock. */
    private readonly wallClock: () => number = Date.now,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', tokenSecret, 'qms-second-factor', 'totp secret seal v1', 32));
  }

  /** A fresh secret for `account`, waiting for `confirm`; refused once a factor is active (a security administrator resets it). */
  async setup(account: Account, by: { at: number }): Promise<SecondFactorSetup> {
    const current = await this.read(account.id);
    if (current.doc.state === 'active') throw new DomainError('second_factor_enrolled', `${account.id} already has a second factor`);
    const secret = new Secret({ size: 20 });
    const totp = this.totp(account.id, secret);
    await this.write(account.id, current.version, { state: 'pending', sealed: this.seal(secret.base32), at: by.at }, account.id, by.at);
    const otpauthUrl = totp.toString();
    const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret: secret.base32, otpauthUrl, qrSvg };
  }

  /** Proves the pending secret with a code from the app; answers the recovery codes (shown once). */
  async confirm(account: Account, code: string, at: number): Promise<string[]> {
    await this.countAttempt(account.id);
    const current = await this.read(account.id);
    if (current.doc.state !== 'pending') throw new DomainError('second_factor_not_set_up', 'set up the second factor first');
    if (!(await this.totpMatches(account.id, current.doc.sealed, normaliseCode(code))))
      throw new DomainError('second_factor_invalid', 'wrong code', { field: 'code' });
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, recoveryCode);
    await this.write(account.id, current.version, { state: 'active', sealed: current.doc.sealed, recovery: codes.map(hashRecovery), at }, account.id, at);
    return codes;
  }

  /** Whether `code` (from the app, or an unused recovery code, which is then used up) proves `account`'s factor. */
  async verify(account: Account, code: string, at: number): Promise<boolean> {
    await this.countAttempt(account.id);
    const typed = normaliseCode(code);
    for (let attempt = 0; attempt < 8; attempt++) {
      const current = await this.read(account.id);
      if (current.doc.state !== 'active') return false;
      if (TOTP_CODE_PATTERN.test(typed)) return this.totpMatches(account.id, current.doc.sealed, typed);
      if (!RECOVERY_CODE_PATTERN.test(typed)) return false;
      const wanted = Buffer.from(hashRecovery(typed));
      const left = current.doc.recovery.filter((h) => !(h.length === wanted.length && timingSafeEqual(Buffer.from(h), wanted)));
      if (left.length === current.doc.recovery.length) return false;
      // Used up by compare-and-set: of two sign-ins with one recovery code only one gets in.
      if (await this.tryWrite(account.id, current.version, { ...current.doc, recovery: left }, account.id, at)) return true;
    }
    throw new DomainError('store_unavailable', `second factor of ${account.id} kept changing; try again`);
  }

  /** How many recovery codes `id` has left (null: no active factor). */
  async recoveryLeft(id: string): Promise<number | null> {
    const { doc } = await this.read(id);
    return doc.state === 'active' ? doc.recovery.length : null;
  }

  /** Removes `id`'s factor (a security administrator's reset): they enrol again at their next sign-in. */
  async reset(id: string, by: string, at: number): Promise<void> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const current = await this.read(id);
      if (current.doc.state === 'none') return;
      if (await this.tryWrite(id, current.version, { state: 'none' }, by, at)) return;
    }
    throw new DomainError('store_unavailable', `second factor of ${id} kept changing; try again`);
  }

  /**
   * Counted before any code is checked, atomically in the store (every node, every burst in
   * parallel): at most this many codes per account and window, right or wrong.
   */
  private async countAttempt(id: string): Promise<void> {
    await this.limiter.count([{ limit: 'second-factor-account', subject: id }]);
  }

  private async totpMatches(id: string, sealed: string, code: string): Promise<boolean> {
    if (!TOTP_CODE_PATTERN.test(code)) return false;
    const totp = this.totp(id, Secret.fromBase32(this.open(sealed)));
    const now = this.wallClock();
    const delta = totp.validate({ token: code, timestamp: now, window: WINDOW });
    if (delta === null) return false;
    // The step this code belongs to, claimed once (kept past the window in which it could be accepted).
    const step = totp.counter({ timestamp: now }) + delta;
    return this.store.putIfAbsent(`second-factor-used:${id}:${step}`, '1', (2 * WINDOW + 2) * PERIOD_S * 1000);
  }

  private totp(id: string, secret: Secret): TOTP {
    return new TOTP({ issuer: ISSUER, label: id, algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret });
  }

  private seal(text: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  private open(sealed: string): string {
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed second-factor secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  private async read(id: string): Promise<{ version: number; doc: FactorDoc }> {
    const stored = await this.store.readDoc(secondFactorKey(id));
    if (!stored) return { version: 0, doc: { state: 'none' } };
    return { version: stored.version, doc: JSON.parse(stored.value) as FactorDoc };
  }

  private tryWrite(id: string, version: number, doc: FactorDoc, by: string, at: number): Promise<boolean> {
    return this.store.writeDoc(secondFactorKey(id), version, JSON.stringify(doc), { by, at }).then((w) => w.ok);
  }

  private async write(id: string, version: number, doc: FactorDoc, by: string, at: number): Promise<void> {
    if (!(await this.tryWrite(id, version, doc, by, at))) throw new DomainError('version_conflict', `second factor of ${id} changed meanwhile; try again`);
  }
}
