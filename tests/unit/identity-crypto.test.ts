/**
 * The keyed hash and the sealing of 实名取号 data (`server/auth/identity-crypto.ts`): a tag is stable
 * within one hall and day and unlinkable across days and halls, differs by key and by algorithm
 * (HMAC-SM3 with QMS_CRYPTO=sm), and never contains the number; sealed data opens only with its key.
 */
import { describe, expect, it } from 'vitest';
import { IdentityCrypto, identityCryptoFor } from '../../server/auth/identity-crypto';
import { loadSettings } from '../../server/config/settings';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const ID = '530402199001011238';

describe('identity crypto', () => {
  for (const mode of ['default', 'sm'] as const) {
    it(`tags by hall and day, seals with a fresh IV (${mode})`, () => {
      const c = new IdentityCrypto(KEY, mode);
      const tag = c.tag('yuxi', '2026-12-02', ID);
      expect(c.tag('yuxi', '2026-12-02', ID)).toBe(tag);
      expect(c.tag('yuxi', '2026-12-03', ID)).not.toBe(tag);
      expect(c.tag('tonghai', '2026-12-02', ID)).not.toBe(tag);
      expect(new IdentityCrypto(OTHER_KEY, mode).tag('yuxi', '2026-12-02', ID)).not.toBe(tag);
      expect(tag).not.toContain(ID.slice(0, 6));
      const a = c.seal('5304**********1238');
      expect(a).not.toBe(c.seal('5304**********1238'));
      expect(c.open(a)).toBe('5304**********1238');
      expect(() => new IdentityCrypto(OTHER_KEY, mode).open(a)).toThrow();
    });
  }

  it('SM3 and SHA-256 tags differ; QMS_CRYPTO is read and checked; no key, no identities', () => {
    expect(new IdentityCrypto(KEY, 'sm').tag('yuxi', '2026-12-02', ID)).not.toBe(new IdentityCrypto(KEY, 'default').tag('yuxi', '2026-12-02', ID));
    expect(loadSettings({ QMS_CRYPTO: 'sm' }).crypto).toBe('sm');
    expect(loadSettings({}).crypto).toBe('default');
    expect(() => loadSettings({ QMS_CRYPTO: 'rot13' })).toThrow(/QMS_CRYPTO/);
    expect(identityCryptoFor(null, 'default')).toBeNull();
  });
});
