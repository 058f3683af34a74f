/**
 * Secrets and personal data at rest:
 * - no secret in the idempotency records: a retried request whose first answer held a token, a
 *   one-time password or a pairing code is told it was done (409), never handed the stored secret;
 *   nothing in Redis holds one;
 * - data files are the owner's alone (0600, folders 0700), those an older version left 0644 too;
 * - one-time passwords stop working after 24 hours, and are replaced only by a password not on the
 *   bundled list of common passwords;
 * - with QMS_CRYPTO=sm a citizen's phone number is sealed with SM4/SM3 and the audit chain uses SM3.
 */
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { RedisProcess } from '../support/redis';
import { startServer, type TestServer } from '../support/server';
import { withCredential } from '../support/credentials';

const H = '/api/v1/halls/yuxi';
const PHONE = '13912345678';

/** Every path under `dir` (itself included) with its permission bits. */
function modes(dir: string): Array<{ path: string; dir: boolean; mode: number }> {
  const out = [{ path: dir, dir: true, mode: statSync(dir).mode & 0o777 }];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...modes(path));
    else out.push({ path, dir: false, mode: statSync(path).mode & 0o777 });
  }
  return out;
}

const open = (list: ReturnType<typeof modes>) =>
  list.filter((m) => (m.dir ? m.mode !== 0o700 : m.mode !== 0o600)).map((m) => `${m.path} ${m.mode.toString(8)}`);

describe('data files on disk', () => {
  it('are the owner’s alone, and files an older version left readable are closed at start', async () => {
    const first = await startServer({ store: 'embedded' });
    await first.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201);
    await first.post('/api/v1/admin/accounts', 'admin', { id: 'modes-clerk', name: '权限', role: 'clerk', hallId: 'yuxi' }, 201);
    await first.login('clerk01');
    expect(open(modes(first.dataDir))).toEqual([]);
    await first.close({ keepData: true });

    // As an older version left it: the configuration journal (every password hash ever set) 0644.
    for (const m of modes(first.dataDir)) chmodSync(m.path, m.dir ? 0o755 : 0o644);
    expect(statSync(join(first.dataDir, 'config-changes.jsonl')).mode & 0o777).toBe(0o644);
    const again = await startServer({ store: 'embedded', dataDir: first.dataDir });
    try {
      await again.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
      expect(open(modes(again.dataDir))).toEqual([]);
    } finally {
      await again.close();
    }
  });
});

describe('one-time passwords', () => {
  let srv: TestServer;
  const clock = new ManualClock(Date.parse('2026-12-02T09:00:00+08:00'));

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', clock });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('open the account for 24 hours, then no more', async () => {
    const early = await srv.post('/api/v1/admin/accounts', 'admin', { id: 'otp-early', name: '甲', role: 'clerk', hallId: 'yuxi' }, 201);
    const late = await srv.post('/api/v1/admin/accounts', 'admin', { id: 'otp-late', name: '乙', role: 'clerk', hallId: 'yuxi' }, 201);
    const reset = await srv.post('/api/v1/admin/accounts/clerk05/reset-password', 'admin', {}, 200);
    const login = (username: string, password: string) => srv.request('POST', '/api/v1/auth/login', { body: { username, password } });

    clock.advance(24 * 3600 * 1000 - 60_000);
    expect((await login('otp-early', early.oneTimePassword)).status).toBe(200);

    clock.advance(2 * 60_000);
    const expired = await login('otp-late', late.oneTimePassword);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('unauthorized');
    expect((await login('clerk05', reset.oneTimePassword)).status).toBe(401);
    // Expired or not, a password the holder chose keeps working.
    expect((await login('clerk06', 'demo')).status).toBe(200);
  });

  it('are replaced only by a password not on the bundled list of common ones', async () => {
    // A day has passed on the hall's clock: the administrator's session ended idle, so they sign in again.
    await srv.signInAgain('admin');
    const made = await srv.post('/api/v1/admin/accounts', 'admin', { id: 'otp-common', name: '丙', role: 'clerk', hallId: 'yuxi' }, 201);
    const token = await srv.login('otp-common', made.oneTimePassword);
    // Long enough, mixed: the old rule took them; each is a leaked favourite, bare or with digits on the end.
    for (const newPassword of ['Iloveyou2026', 'Dragon-1234!', 'sunshine99']) {
      const res = await srv.request('POST', '/api/v1/auth/password', { token, body: { oldPassword: made.oneTimePassword, newPassword } });
      expect(res.status, newPassword).toBe(400);
      expect(res.body.error.code).toBe('weak_password');
      expect(res.body.error.message).toContain('常见密码');
    }
    expect(
      (await srv.request('POST', '/api/v1/auth/password', { token, body: { oldPassword: made.oneTimePassword, newPassword: 'Quiet-meadow-73' } })).status,
    ).toBe(200);
  });
});

describe('secrets in the store (Redis), with the national algorithms (QMS_CRYPTO=sm)', () => {
  let redis: RedisProcess;
  let srv: TestServer;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    srv = await startServer({ store: 'redis', redisUrl: redis.url, env: { QMS_DATA_KEY: 'e5'.repeat(32), QMS_CRYPTO: 'sm' } });
  });
  afterAll(async () => {
    await srv?.close();
    await redis?.stop();
  });

  /** Every string value and hash field the server's keys hold. */
  async function everything(): Promise<string> {
    const client = new Redis(redis.url);
    try {
      const parts: string[] = [];
      for (const key of await client.keys(`${srv.redisPrefix}*`)) {
        const type = await client.type(key);
        if (type === 'string') parts.push(key, (await client.get(key)) ?? '');
        else if (type === 'hash') parts.push(key, JSON.stringify(await client.hgetall(key)));
        else if (type === 'stream') parts.push(key, JSON.stringify(await client.xrange(key, '-', '+')));
        else parts.push(key);
      }
      return parts.join('\n');
    } finally {
      client.disconnect();
    }
  }

  it('answers a retried secret-bearing request with a refusal, never the stored secret', async () => {
    const made = await srv.request('POST', '/api/v1/admin/accounts', {
      as: 'admin',
      key: 'make-1',
      body: { id: 'idem-clerk', name: '幂等', role: 'clerk', hallId: 'yuxi' },
    });
    expect(made.status).toBe(201);
    const again = await srv.request('POST', '/api/v1/admin/accounts', {
      as: 'admin',
      key: 'make-1',
      body: { id: 'idem-clerk', name: '幂等', role: 'clerk', hallId: 'yuxi' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('idempotent_secret_not_kept');
    expect(JSON.stringify(again.body)).not.toContain(made.body.oneTimePassword);

    const reset = await srv.request('POST', '/api/v1/admin/accounts/idem-clerk/reset-password', { as: 'admin', key: 'reset-1', body: {} });
    expect(reset.status).toBe(200);
    expect((await srv.request('POST', '/api/v1/admin/accounts/idem-clerk/reset-password', { as: 'admin', key: 'reset-1', body: {} })).body.error.code).toBe(
      'idempotent_secret_not_kept',
    );

    const first = await srv.login('idem-clerk', reset.body.oneTimePassword);
    const changed = await srv.request('POST', '/api/v1/auth/password', {
      token: first,
      key: 'pw-1',
      body: { oldPassword: reset.body.oneTimePassword, newPassword: 'Idem-Potent-2026' },
    });
    expect(changed.status).toBe(200);
    const changedAgain = await srv.request('POST', '/api/v1/auth/password', {
      token: first,
      key: 'pw-1',
      body: { oldPassword: reset.body.oneTimePassword, newPassword: 'Idem-Potent-2026' },
    });
    expect(changedAgain.status).not.toBe(200);
    expect(JSON.stringify(changedAgain.body)).not.toContain(changed.body.token);

    const code = await srv.request('POST', `/api/v1/admin/halls/yuxi/devices/kiosk01/pairing-code`, { as: 'manager', key: 'code-1', body: {} });
    expect(code.status).toBe(200);
    const codeAgain = await srv.request('POST', `/api/v1/admin/halls/yuxi/devices/kiosk01/pairing-code`, { as: 'manager', key: 'code-1', body: {} });
    expect(codeAgain.body.error.code).toBe('idempotent_secret_not_kept');
    const paired = await srv.request('POST', '/api/v1/auth/pair', { key: 'pair-1', body: { hallId: 'yuxi', code: code.body.code } });
    expect(paired.status).toBe(200);
    const pairedAgain = await srv.request('POST', '/api/v1/auth/pair', { key: 'pair-1', body: { hallId: 'yuxi', code: code.body.code } });
    expect(pairedAgain.body.error.code).toBe('idempotent_secret_not_kept');

    // Nothing the store holds carries any of them (nor the passwords, in a plain hash of the request).
    const stored = await everything();
    for (const secret of [made.body.oneTimePassword, reset.body.oneTimePassword, changed.body.token, paired.body.token, 'Idem-Potent-2026'])
      expect(stored).not.toContain(secret);
    expect(stored).toContain('idem:');
  });

  it('seals a citizen’s number with SM4/SM3 and chains the audit trail with SM3', async () => {
    await srv.post(`${H}/windows/16/sign-in`, 'clerk16');
    const ticket = withCredential(await srv.post(`${H}/tickets`, 'admin', { areaId: 'insurance' }, 201));
    await srv.post(`${H}/windows/16/call`, 'clerk16', { number: ticket.number });
    await srv.post(`${H}/windows/16/complete`, 'clerk16');
    await srv.post(`${H}/tickets/${ticket.id}/rating`, 'rating01', { score: 1, contact: PHONE }, 201);

    const stored = await everything();
    expect(stored).not.toContain(PHONE);
    const sealed = stored.split('\n').find((line) => line.startsWith('sm1.'));
    expect(sealed, 'a value sealed with SM4/SM3').toBeDefined();
    expect(stored.split('\n').some((line) => line.startsWith('v1.'))).toBe(false);
    const day = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    expect((await srv.get(`${H}/ratings/${ticket.id}/contact?day=${day}`, 'manager')).contact).toBe(PHONE);

    const records = await srv.app.qms.auditTrail.read({ limit: 1000 });
    expect(records.length).toBeGreaterThan(5);
    expect(records.every((r) => r.alg === 'sm3')).toBe(true);
    expect(await srv.app.qms.auditTrail.verify()).toMatchObject({ ok: true, records: records.length });
  });
});
