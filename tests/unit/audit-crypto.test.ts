/**
 * The pieces under the audit trail and the data at rest: the chain rule names the first record
 * altered or removed; sealing (AES-256-GCM, or SM4-CTR with an HMAC-SM3 tag) opens only with its
 * key and unchanged bytes; the settings refuse an audit period under 180 days and unknown crypto.
 */
import { describe, expect, it } from 'vitest';
import { chainHash } from '../../server/audit/audit-trail';
import { loadSettings, SettingsError } from '../../server/config/settings';
import { openBytes, SealError, sealBytes } from '../../server/crypto/crypto-suite';
import { ChainVerifier, chainRecord, type AuditFacts, type AuditRecord } from '../../server/domain/audit-record';

const facts = (n: number): AuditFacts => ({
  kind: 'admin_change',
  at: 1_700_000_000_000 + n,
  actor: 'admin',
  role: 'admin',
  address: '10.0.0.1',
  method: 'PUT',
  route: '/api/v1/admin/halls/:hallId/config',
  status: 200,
  hallId: 'yuxi',
  requestId: `r${n}`,
});

function chain(n: number, alg: 'sha256' | 'sm3' = 'sha256'): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (let i = 0; i < n; i++) out.push(chainRecord(facts(i), out.at(-1) ?? null, alg, chainHash));
  return out;
}

const check = (records: Array<AuditRecord | string>) => {
  const v = new ChainVerifier(chainHash);
  for (const r of records) v.add(typeof r === 'string' ? r : JSON.stringify(r));
  return v.result();
};

describe('the audit chain', () => {
  it('holds for untouched records, in either hash', () => {
    expect(check(chain(10))).toMatchObject({ ok: true, records: 10, last: { seq: 10 } });
    expect(check(chain(10, 'sm3'))).toMatchObject({ ok: true, records: 10 });
    expect(chain(2, 'sm3')[1]!.hash).not.toBe(chain(2)[1]!.hash);
  });

  it('names the first record altered, removed, re-hashed or unreadable', () => {
    const altered = chain(6);
    altered[3] = { ...altered[3]!, actor: 'someone' };
    expect(check(altered)).toMatchObject({ ok: false, seq: 4, problem: 'altered' });

    const removed = chain(6);
    removed.splice(2, 1);
    expect(check(removed)).toMatchObject({ ok: false, seq: 3, problem: 'removed' });

    const rehashed = chain(6);
    const forged = chainRecord({ ...facts(2), status: 403 }, rehashed[1]!, 'sha256', chainHash);
    rehashed[2] = forged;
    expect(check(rehashed)).toMatchObject({ ok: false, seq: 3, problem: 'altered' });

    const torn: Array<AuditRecord | string> = chain(4);
    torn[1] = '{"seq":2,';
    expect(check(torn)).toMatchObject({ ok: false, seq: 2, problem: 'unreadable' });
  });
});

describe('sealing', () => {
  const key = Buffer.alloc(32, 7);
  for (const mode of ['default', 'sm'] as const) {
    it(`${mode}: opens with its key only, and not after a changed byte`, () => {
      const sealed = sealBytes(mode, key, Buffer.from('13812345678'));
      expect(sealed[0]).toBe(mode === 'sm' ? 2 : 1);
      expect(sealed.includes(Buffer.from('13812345678'))).toBe(false);
      expect(openBytes(key, sealed).toString()).toBe('13812345678');
      expect(() => openBytes(Buffer.alloc(32, 8), sealed)).toThrow(SealError);
      const changed = Buffer.from(sealed);
      changed[changed.length - 1]! ^= 1;
      expect(() => openBytes(key, changed)).toThrow(SealError);
    });
  }
});

describe('settings', () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadSettings(env);
      return [];
    } catch (err) {
      return (err as SettingsError).problems;
    }
  };
  it('keep audit records at least 180 days and know only the two crypto modes', () => {
    expect(loadSettings({}).auditKeepDays).toBe(180);
    expect(problems({ QMS_AUDIT_KEEP_DAYS: '30' })).toEqual(['QMS_AUDIT_KEEP_DAYS=30: expected a whole number from 180 to 36600']);
    expect(problems({ QMS_CRYPTO: 'des' })[0]).toContain('QMS_CRYPTO=des');
    expect(problems({ QMS_BACKUP_KEY: 'short' })[0]).toContain('QMS_BACKUP_KEY');
    expect(loadSettings({ QMS_CRYPTO: 'sm', QMS_BACKUP_KEY: 'ab'.repeat(32) })).toMatchObject({ crypto: 'sm', backupKey: Buffer.from('ab'.repeat(32), 'hex') });
  });
});
