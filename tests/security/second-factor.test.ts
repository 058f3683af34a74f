/**
 * The second factor (TOTP, RFC 6238) and the separation of the three administrators (三员分立) on a
 * real server, on both stores: an administrator enrols at first sign-in (the token may do nothing
 * else), signs in with a code from then on (each code once, a recovery code once), a parallel burst
 * of guesses gets no more tries than a sequence, the secret is not in the store in clear, a
 * security administrator (and only they) resets a factor, a hall may ask its managers for one, and an
 * administrator's session ends after QMS_ADMIN_IDLE_MINUTES without a request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { RedisProcess } from '../support/redis';
import { codeAt, freshCode, rememberSecret, secretsOf, signInThroughSecondFactor } from '../support/second-factor';
import { startServer, type TestServer } from '../support/server';

const STEP_MS = 30_000;
const step = () => Math.floor(Date.now() / STEP_MS);

describe.each(['embedded', 'redis'] as const)('second factor and separated administrators (%s store)', (kind) => {
  let redis: RedisProcess | undefined;
  let srv: TestServer;
  /** The admin's secret, as read from the QR code at enrolment. */
  let secret = '';
  let recoveryCodes: string[] = [];
  /** The audit administrator's token, once enrolled. */
  let auditor = '';

  const login = (body: Record<string, unknown>) => srv.request('POST', '/api/v1/auth/login', { body });
  const call = (method: string, path: string, body: unknown, token?: string) => srv.request(method, path, { body, token });

  beforeAll(async () => {
    if (kind === 'redis') redis = await RedisProcess.start();
    srv = await startServer(kind === 'redis' ? { store: 'redis', redisUrl: redis!.url } : { store: 'embedded' });
  });
  afterAll(async () => {
    await srv?.close();
    await redis?.stop();
  });

  it('asks an administrator without a second factor to enrol first, and the enrolment token may do nothing else', async () => {
    const first = await login({ username: 'admin', password: 'demo' });
    expect(first.status).toBe(200);
    expect(first.body.mustEnrolSecondFactor).toBe(true);
    const limited: string = first.body.token;
    for (const [method, path] of [
      ['GET', '/api/v1/admin/halls'],
      ['GET', '/api/v1/auth/me'],
      ['GET', '/api/v1/admin/accounts'],
    ] as const) {
      const res = await srv.request(method, path, { token: limited });
      expect(res.status, path).toBe(403);
      expect(res.body.error.reason, path).toBe('second_factor_enrolment_required');
    }

    // Sent with an Idempotency-Key as the console does: the answer holds the secret, so it is not kept for a replay.
    const setup = await srv.request('POST', '/api/v1/auth/second-factor', { body: {}, token: limited, key: 'enrol-admin-1' });
    expect(setup.status).toBe(200);
    expect(await srv.app.qms.store.get('idem:admin:enrol-admin-1')).toBeNull();
    secret = setup.body.secret;
    rememberSecret('admin', secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(setup.body.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
    expect(setup.body.qrSvg).toMatch(/^<svg[^>]*viewBox/);

    const wrong = await call('POST', '/api/v1/auth/second-factor/confirm', { code: codeAt(secret, step() + 5) }, limited);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('second_factor_invalid');
    const confirmed = await call('POST', '/api/v1/auth/second-factor/confirm', { code: await freshCode(secret) }, limited);
    expect(confirmed.status).toBe(200);
    recoveryCodes = confirmed.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(confirmed.body.mustEnrolSecondFactor).toBeUndefined();
    expect((await srv.request('GET', '/api/v1/admin/halls', { token: confirmed.body.token })).status).toBe(200);
    // The enrolment-only token ended with the enrolment; enrolling again is a security administrator's reset.
    expect((await srv.request('POST', '/api/v1/auth/second-factor', { token: limited, body: {} })).status).toBe(401);
    const again = await call('POST', '/api/v1/auth/second-factor', {}, confirmed.body.token);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('second_factor_enrolled');
    const account = (await srv.request('GET', '/api/v1/admin/accounts', { as: 'security' })).body.accounts.find((a: { id: string }) => a.id === 'admin');
    expect(account.secondFactor).toBe(true);
  });

  it('signs an enrolled administrator in with the password and a code, each code once, each recovery code once', async () => {
    const bare = await login({ username: 'admin', password: 'demo' });
    expect(bare.status).toBe(401);
    expect(bare.body.error.code).toBe('second_factor_required');
    expect(bare.body.token).toBeUndefined();
    // A code with the wrong password is a wrong password: nothing tells whether the code was right.
    expect((await login({ username: 'admin', password: 'wrong', code: codeAt(secret, step()) })).body.error.code).toBe('unauthorized');
    const far = await login({ username: 'admin', password: 'demo', code: codeAt(secret, step() - 4) });
    expect(far.status).toBe(401);
    expect(far.body.error.code).toBe('second_factor_invalid');

    const code = await freshCode(secret);
    const ok = await login({ username: 'admin', password: 'demo', code: code.replace(/^(\d{3})/, '$1 ') });
    expect(ok.status).toBe(200);
    expect(ok.body.mustEnrolSecondFactor).toBeUndefined();
    const replayed = await login({ username: 'admin', password: 'demo', code });
    expect(replayed.status).toBe(401);
    expect(replayed.body.error.code).toBe('second_factor_invalid');

    const recovery = recoveryCodes[0]!;
    expect((await login({ username: 'admin', password: 'demo', code: recovery.toUpperCase() })).status).toBe(200);
    expect((await login({ username: 'admin', password: 'demo', code: recovery })).body.error.code).toBe('second_factor_invalid');
  });

  it('keeps the secret out of the store in clear and out of the change history', async () => {
    const doc = await srv.app.qms.store.readDoc('second-factor:admin');
    expect(doc).not.toBeNull();
    expect(doc!.value).not.toContain(secret);
    for (const code of recoveryCodes) expect(doc!.value).not.toContain(code);
    const changes = await srv.request('GET', '/api/v1/admin/changes?hallId=yuxi', { as: 'admin' });
    expect(JSON.stringify(changes.body)).not.toContain('second-factor:');
  });

  it('separates the three administrators (三员分立): each does their own duty only, and nobody holds two', async () => {
    // The auditor enrols too; then sees nothing of the system administrator's or security administrator's.
    auditor = (await signInThroughSecondFactor(call, 'auditor', 'demo')).body.token as string;
    for (const path of ['/api/v1/admin/halls', '/api/v1/admin/accounts', '/api/v1/halls/yuxi/board', '/api/v1/admin/webhooks']) {
      expect((await srv.request('GET', path, { token: auditor })).status, path).toBe(403);
    }
    expect((await srv.request('GET', '/api/v1/auth/me', { token: auditor })).body.user.role).toBe('audit_admin');

    // The system administrator manages staff, never an administrator (not even to make one).
    const adminMakesAdmin = await srv.request('POST', '/api/v1/admin/accounts', {
      as: 'admin',
      body: { id: 'admin-2', name: '第二管理员', role: 'admin', hallId: null },
    });
    expect(adminMakesAdmin.status).toBe(403);
    const clerk = await srv.request('POST', '/api/v1/admin/accounts', { as: 'admin', body: { id: 'clerk-sep', name: '分立', role: 'clerk', hallId: 'yuxi' } });
    expect(clerk.status).toBe(201);
    expect((await srv.request('PATCH', '/api/v1/admin/accounts/clerk-sep', { as: 'admin', body: { role: 'security_admin', hallId: null } })).status).toBe(403);
    expect((await srv.request('PATCH', '/api/v1/admin/accounts/auditor', { as: 'admin', body: { name: '改名' } })).status).toBe(403);

    const security = await srv.login('security');
    const made = await srv.request('POST', '/api/v1/admin/accounts', {
      token: security,
      body: { id: 'audit-2', name: '第二审计员', role: 'audit_admin', hallId: null },
    });
    expect(made.status).toBe(201);
    expect(made.body.account.role).toBe('audit_admin');
    expect(
      (await srv.request('POST', '/api/v1/admin/accounts', { token: security, body: { id: 'clerk-sec', name: 'x', role: 'clerk', hallId: 'yuxi' } })).status,
    ).toBe(403);
    expect((await srv.request('GET', '/api/v1/admin/halls', { token: security })).status).toBe(403);
    // Nobody gives themselves another duty; an account holds exactly one role.
    const own = await srv.request('PATCH', '/api/v1/admin/accounts/security', { token: security, body: { role: 'admin' } });
    expect(own.status).toBe(403);
    const two = await srv.request('PATCH', '/api/v1/admin/accounts/audit-2', { token: security, body: { role: ['audit_admin', 'admin'] } });
    expect(two.status).toBe(400);
    const listed = (await srv.request('GET', '/api/v1/admin/accounts', { token: security })).body.accounts.map((a: { id: string }) => a.id).sort();
    expect(listed).toEqual(['admin', 'audit-2', 'auditor', 'security']);
  });

  it('lets a security administrator, and nobody else, reset a second factor: the holder enrols again', async () => {
    const security = await srv.login('security');
    const byAdmin = await srv.request('POST', '/api/v1/admin/accounts/auditor/reset-second-factor', { as: 'admin', body: {} });
    expect(byAdmin.status).toBe(403);
    const own = await srv.request('POST', '/api/v1/admin/accounts/security/reset-second-factor', { token: security, body: {} });
    expect(own.status).toBe(403);
    const reset = await srv.request('POST', '/api/v1/admin/accounts/auditor/reset-second-factor', { token: security, body: {} });
    expect(reset.status).toBe(200);
    expect(reset.body.account.secondFactor).toBe(false);
    // The auditor's tokens ended; the next sign-in asks for an enrolment (the old secret is not asked for).
    expect((await srv.request('GET', '/api/v1/auth/me', { token: auditor })).status).toBe(401);
    const [old] = secretsOf('auditor');
    const next = await login({ username: 'auditor', password: 'demo', code: codeAt(old!, step()) });
    expect(next.status).toBe(200);
    expect(next.body.mustEnrolSecondFactor).toBe(true);
  });

  it("asks a hall's managers for a second factor when the hall says so, and only then", async () => {
    const plain = await login({ username: 'tonghai-manager', password: 'demo' });
    expect(plain.status).toBe(200);
    expect(plain.body.mustEnrolSecondFactor).toBeUndefined();
    const current = await srv.request('GET', '/api/v1/admin/halls/tonghai/config', { as: 'admin' });
    const put = await srv.request('PUT', '/api/v1/admin/halls/tonghai/config', {
      as: 'admin',
      body: { hall: { ...current.body.hall, managerSecondFactor: true } },
      headers: { 'if-match': String(current.body.version) },
    });
    expect(put.status).toBe(200);
    const asked = await login({ username: 'tonghai-manager', password: 'demo' });
    expect(asked.body.mustEnrolSecondFactor).toBe(true);
    expect((await srv.request('GET', '/api/v1/halls/tonghai/board', { token: asked.body.token })).body.error.reason).toBe('second_factor_enrolment_required');
    // A manager of another hall is not asked; a clerk never.
    expect((await login({ username: 'manager', password: 'demo' })).body.mustEnrolSecondFactor).toBeUndefined();
    expect((await login({ username: 'tonghai-clerk01', password: 'demo' })).body.mustEnrolSecondFactor).toBeUndefined();
  });
  it('gives a parallel burst of guesses no more tries than a sequence: ten per account, then 429 even for the right code', async () => {
    // The security administrator (enrolled above, one code so far) is guessed at.
    const guesses = Array.from({ length: 40 }, (_, i) => String((i * 7919 + 123457) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(guesses.map((code) => login({ username: 'security', password: 'demo', code })));
    const tried = answers.filter((a) => a.status === 401).length;
    const limited = answers.filter((a) => a.status === 429).length;
    // One earlier code (the enrolment's) counts too: at most nine of these were really checked.
    expect(tried).toBeLessThanOrEqual(9);
    expect(tried + limited).toBe(40);
    const right = await signInThroughSecondFactor(call, 'security', 'demo');
    expect(right.status).toBe(429);
  });
});

describe("an administrator's session ends after QMS_ADMIN_IDLE_MINUTES without a request", () => {
  let srv: TestServer;
  const clock = new ManualClock(Date.parse('2026-12-02T10:00:00+08:00'));

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', clock, env: { QMS_ADMIN_IDLE_MINUTES: '15' } });
  });
  afterAll(async () => srv?.close());

  it('keeps an active administrator signed in, signs an idle one out, and leaves other staff alone', async () => {
    const admin = await srv.login('admin');
    const manager = await srv.login('manager');
    const halls = () => srv.request('GET', '/api/v1/admin/halls', { token: admin });
    expect((await halls()).status).toBe(200);
    // Requests every 10 minutes keep it going, past an hour.
    for (let i = 0; i < 7; i++) {
      clock.advance(10 * 60_000);
      expect((await halls()).status, `after ${(i + 1) * 10} minutes`).toBe(200);
    }
    clock.advance(17 * 60_000);
    const idle = await halls();
    expect(idle.status).toBe(401);
    expect(idle.body.error.code).toBe('session_idle');
    // A hall manager at the counter is not an administrator: their working-day token holds.
    expect((await srv.request('GET', '/api/v1/halls/yuxi/board', { token: manager })).status).toBe(200);
  });
});
