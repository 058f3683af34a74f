/**
 * Accounts as live data over the real HTTP API: create with a one-time password that must be
 * changed first, the password policy's refusals, a manager's reach (own hall's clerks and devices
 * only), disable / enable / reset ending tokens at once, and devices enrolled by pairing code.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { io as connect } from 'socket.io-client';
import { startServer, type TestServer } from '../support/server';

const BOARD = '/api/v1/halls/yuxi/board';
const GOOD_PASSWORD = 'Harbour-lights-42';

describe('accounts and devices on a real server', () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', extra: { pairingCodeTtlMs: 400 } });
  });
  afterAll(async () => srv?.close());

  const signIn = (username: string, password: string) => srv.request('POST', '/api/v1/auth/login', { body: { username, password } });

  it('creates a clerk whose one-time password only allows changing it, then checks the policy and hands out a normal token', async () => {
    const created = await srv.request('POST', '/api/v1/admin/accounts', {
      as: 'admin',
      body: { id: 'clerk-new1', name: '新同事 王芳', role: 'clerk', hallId: 'yuxi', staffNo: 'YX300' },
    });
    expect(created.status).toBe(201);
    expect(created.body.account).toEqual({
      id: 'clerk-new1',
      name: '新同事 王芳',
      role: 'clerk',
      hallId: 'yuxi',
      hallIds: [],
      staffNo: 'YX300',
      mustChangePassword: true,
      disabled: false,
      tokensValidAfter: 0,
      secondFactor: false,
    });
    const otp: string = created.body.oneTimePassword;
    expect(otp).toMatch(/^[A-Za-z2-9]{12}$/);
    expect(JSON.stringify(created.body)).not.toContain('scrypt');
    expect(
      (await srv.request('POST', '/api/v1/admin/accounts', { as: 'admin', body: { id: 'clerk-new1', name: 'x', role: 'clerk', hallId: 'yuxi' } })).status,
    ).toBe(409);

    const first = await signIn('clerk-new1', otp);
    expect(first.status).toBe(200);
    expect(first.body.mustChangePassword).toBe(true);
    const limited: string = first.body.token;
    for (const [method, path] of [
      ['GET', '/api/v1/auth/me'],
      ['GET', BOARD],
      ['POST', '/api/v1/auth/logout'],
    ] as const) {
      const res = await srv.request(method, path, { token: limited });
      expect(res.status, path).toBe(403);
      expect(res.body.error.reason, path).toBe('password_change_required');
    }

    const weak = await srv.request('POST', '/api/v1/auth/password', { token: limited, body: { oldPassword: otp, newPassword: 'demo-clerk-new1' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('weak_password');
    expect(weak.body.error.field).toBe('newPassword');
    for (const problem of ['contains_account', 'demo_password']) expect(weak.body.error.message).toContain(problem);
    expect(weak.body.error.message).toContain('不能包含账号名');
    const short = await srv.request('POST', '/api/v1/auth/password', {
      token: limited,
      body: { oldPassword: otp, newPassword: 'abc' },
      headers: { 'accept-language': 'en' },
    });
    expect(short.body.error.message).toContain('at least 10 characters');
    expect(short.body.error.message).toContain('too_short');
    const wrongOld = await srv.request('POST', '/api/v1/auth/password', { token: limited, body: { oldPassword: 'not-it-at-all', newPassword: GOOD_PASSWORD } });
    expect(wrongOld.status).toBe(403);
    expect(wrongOld.body.error.reason).toBe('wrong_password');

    const changed = await srv.request('POST', '/api/v1/auth/password', { token: limited, body: { oldPassword: otp, newPassword: GOOD_PASSWORD } });
    expect(changed.status).toBe(200);
    expect(changed.body.mustChangePassword).toBeUndefined();
    expect((await srv.request('GET', BOARD, { token: changed.body.token })).status).toBe(200);
    expect((await srv.request('GET', BOARD, { token: limited })).status).toBe(401);
    expect((await signIn('clerk-new1', otp)).status).toBe(401);
    const again = await signIn('clerk-new1', GOOD_PASSWORD);
    expect(again.status).toBe(200);
    expect(again.body.mustChangePassword).toBeUndefined();
  });

  it('lets a manager manage only the clerks and devices of their own hall', async () => {
    const make = (as: string, body: Record<string, unknown>) => srv.request('POST', '/api/v1/admin/accounts', { as, body: { name: '某人', ...body } });
    expect((await make('manager', { id: 'clerk-mgr1', role: 'clerk', hallId: 'yuxi' })).status).toBe(201);
    expect((await make('manager', { id: 'kiosk-mgr1', role: 'kiosk', hallId: 'yuxi' })).status).toBe(201);
    for (const [body, why] of [
      [{ id: 'clerk-mgr2', role: 'clerk', hallId: 'tonghai' }, 'another hall'],
      [{ id: 'manager-2', role: 'manager', hallId: 'yuxi' }, 'a manager'],
      [{ id: 'admin-2', role: 'admin', hallId: null }, 'an admin'],
    ] as const) {
      const res = await make('manager', body);
      expect(res.status, why).toBe(403);
    }
    expect((await make('admin', { id: 'clerk-bad', role: 'clerk', hallId: 'nowhere' })).status).toBe(400);
    expect((await make('clerk01', { id: 'clerk-x', role: 'clerk', hallId: 'yuxi' })).status).toBe(403);
    expect((await srv.request('GET', '/api/v1/admin/accounts', { as: 'kiosk01' })).status).toBe(403);
    expect((await srv.request('GET', '/api/v1/admin/accounts')).status).toBe(401);

    const listed = await srv.request('GET', '/api/v1/admin/accounts', { as: 'manager' });
    expect(listed.status).toBe(200);
    const roles = new Set(listed.body.accounts.map((a: { role: string }) => a.role));
    expect([...roles].sort()).toEqual(['clerk', 'display', 'kiosk', 'rating']);
    expect(listed.body.accounts.every((a: { hallId: string }) => a.hallId === 'yuxi')).toBe(true);
    expect(JSON.stringify(listed.body)).not.toMatch(/scrypt|passwordHash/);
    expect((await srv.request('GET', '/api/v1/admin/accounts?hallId=tonghai', { as: 'manager' })).status).toBe(403);
    const all = await srv.request('GET', '/api/v1/admin/accounts?hallId=tonghai', { as: 'admin' });
    expect(all.body.accounts.map((a: { id: string }) => a.id)).toContain('tonghai-manager');

    const patch = (as: string, id: string, body: Record<string, unknown>) => srv.request('PATCH', `/api/v1/admin/accounts/${id}`, { as, body });
    const renamed = await patch('manager', 'clerk-mgr1', { name: '改名 李娜', staffNo: 'YX301' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.account).toMatchObject({ name: '改名 李娜', staffNo: 'YX301', role: 'clerk', hallId: 'yuxi' });
    expect((await patch('manager', 'clerk-mgr1', { role: 'manager' })).status).toBe(403);
    expect((await patch('manager', 'clerk-mgr1', { hallId: 'tonghai' })).status).toBe(403);
    expect((await patch('manager', 'tonghai-clerk01', { name: 'x' })).status).toBe(403);
    expect((await patch('manager', 'admin', { name: 'x' })).status).toBe(403);
    expect((await patch('admin', 'no-such-one', { name: 'x' })).status).toBe(404);
    expect((await patch('admin', 'clerk-mgr1', { hallId: 'tonghai' })).body.account.hallId).toBe('tonghai');
    for (const verb of ['disable', 'enable', 'reset-password']) {
      expect((await srv.request('POST', `/api/v1/admin/accounts/tonghai-clerk02/${verb}`, { as: 'manager' })).status, verb).toBe(403);
      expect((await srv.request('POST', `/api/v1/admin/accounts/manager/${verb}`, { as: 'manager' })).status, verb).toBe(403);
    }
  });

  it('disable ends the account’s tokens at the next request; enable lets it sign in again; reset ends them and asks for a new password', async () => {
    const token = await srv.login('clerk03');
    expect((await srv.request('GET', BOARD, { token })).status).toBe(200);
    const disabled = await srv.request('POST', '/api/v1/admin/accounts/clerk03/disable', { as: 'manager' });
    expect(disabled.status).toBe(200);
    expect(disabled.body.account.disabled).toBe(true);
    expect((await srv.request('GET', BOARD, { token })).status).toBe(401);
    expect((await signIn('clerk03', 'demo')).status).toBe(401);

    expect((await srv.request('POST', '/api/v1/admin/accounts/clerk03/enable', { as: 'manager' })).body.account.disabled).toBe(false);
    expect((await srv.request('GET', BOARD, { token })).status).toBe(401); // an ended token stays ended
    const back = await signIn('clerk03', 'demo');
    expect(back.status).toBe(200);

    const reset = await srv.request('POST', '/api/v1/admin/accounts/clerk03/reset-password', { as: 'admin' });
    expect(reset.status).toBe(200);
    const otp: string = reset.body.oneTimePassword;
    expect((await srv.request('GET', BOARD, { token: back.body.token })).status).toBe(401);
    expect((await signIn('clerk03', 'demo')).status).toBe(401);
    const fresh = await signIn('clerk03', otp);
    expect(fresh.body.mustChangePassword).toBe(true);
    expect((await srv.request('GET', BOARD, { token: fresh.body.token })).body.error.reason).toBe('password_change_required');
  });

  it('refuses a one-time password’s token at the Socket.IO handshake, and closes an account’s open sockets when its password is reset', async () => {
    const socketFor = (token: string) => connect(`${srv.url}/halls`, { auth: { token, hallId: 'yuxi' }, transports: ['websocket'], reconnection: false });
    const created = await srv.request('POST', '/api/v1/admin/accounts', {
      as: 'manager',
      body: { id: 'clerk-socket', name: '套接字', role: 'clerk', hallId: 'yuxi' },
    });
    const limited = (await signIn('clerk-socket', created.body.oneTimePassword)).body.token;
    const refused = socketFor(limited);
    const error = await new Promise<Error>((resolve) => refused.once('connect_error', resolve));
    expect(error.message).toMatch(/^password_change_required/);
    refused.close();

    const token = await srv.login('clerk05');
    const open = socketFor(token);
    await new Promise<void>((resolve, reject) => (open.once('connect', resolve), open.once('connect_error', reject)));
    const closed = new Promise<string>((resolve) => open.once('disconnect', resolve));
    expect((await srv.request('POST', '/api/v1/admin/accounts/clerk05/reset-password', { as: 'manager' })).status).toBe(200);
    expect(await closed).toBe('io server disconnect');
  });

  it('pairs a device by a one-use code that expires, and limits wrong guesses per address', async () => {
    const issue = (as: string, hallId: string, deviceId: string) =>
      srv.request('POST', `/api/v1/admin/halls/${hallId}/devices/${deviceId}/pairing-code`, { as });
    const pair = (hallId: string, code: string, address = '198.51.100.1') =>
      srv.request('POST', '/api/v1/auth/pair', { body: { hallId, code }, headers: { 'x-forwarded-for': address } });

    // Signed in beforehand: a sign-in (scrypt) on busy cores can outlast the test's 400 ms codes.
    for (const user of ['manager', 'tonghai-manager', 'clerk01', 'admin']) await srv.login(user);
    const issued = await issue('manager', 'yuxi', 'kiosk01');
    expect(issued.status).toBe(200);
    expect(issued.body.code).toMatch(/^\d{6}$/);
    expect(Date.parse(issued.body.expiresAt)).toBeGreaterThan(Date.now());
    // Used at once: every request in between (each refusal is written to the audit trail) eats into its 400 ms.
    const paired = await pair('yuxi', issued.body.code);
    expect(paired.status).toBe(200);
    expect((await issue('tonghai-manager', 'yuxi', 'kiosk01')).status).toBe(403);
    expect((await issue('manager', 'yuxi', 'clerk01')).status).toBe(404);
    expect((await issue('clerk01', 'yuxi', 'kiosk01')).status).toBe(403);

    expect(paired.body.user).toMatchObject({ id: 'kiosk01', role: 'kiosk', hallId: 'yuxi' });
    expect((await srv.request('POST', '/api/v1/halls/yuxi/tickets', { token: paired.body.token, body: { areaId: 'tax' } })).status).toBe(201);
    const reused = await pair('yuxi', issued.body.code);
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('pairing_code_invalid');

    const other = await issue('admin', 'yuxi', 'display01');
    expect((await pair('tonghai', other.body.code, '198.51.100.2')).status).toBe(400); // a code belongs to its hall
    const expiring = await issue('admin', 'yuxi', 'rating01');
    await vi.waitFor(async () => expect((await pair('yuxi', expiring.body.code, '198.51.100.3')).status).toBe(400), { timeout: 3000, interval: 100 });

    const guesser = '198.51.100.9';
    const real = await issue('manager', 'yuxi', 'display01');
    const wrong = real.body.code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) expect((await pair('yuxi', wrong, guesser)).status).toBe(400);
    const limited = await pair('yuxi', real.body.code, guesser);
    expect(limited.status).toBe(429);
    expect((await pair('yuxi', real.body.code, '198.51.100.10')).status).toBe(200); // the code was not spent by the refused try
  });

  it('never shows a password or its hash in the log or in an account’s change history', async () => {
    const created = await srv.request('POST', '/api/v1/admin/accounts', {
      as: 'admin',
      body: { id: 'clerk-private', name: '隐私', role: 'clerk', hallId: 'yuxi' },
    });
    const otp: string = created.body.oneTimePassword;
    const token = (await signIn('clerk-private', otp)).body.token;
    await srv.request('POST', '/api/v1/auth/password', { token, body: { oldPassword: otp, newPassword: GOOD_PASSWORD } });
    const reset = await srv.request('POST', '/api/v1/admin/accounts/clerk-private/reset-password', { as: 'admin' });
    const lines = srv.logs.map((l) => JSON.stringify(l));
    for (const secret of [otp, GOOD_PASSWORD, reset.body.oneTimePassword, 'scrypt$'])
      expect(
        lines.filter((l) => l.includes(secret)),
        secret,
      ).toEqual([]);
    const history = await srv.app.qms.store.docChanges({ prefix: 'account:clerk-private' });
    expect(history.length).toBeGreaterThanOrEqual(3);
    expect(history[0]).toMatchObject({ by: 'admin', before: null });
    expect(history.some((c) => c.by === 'clerk-private')).toBe(true);
    for (const c of history) {
      const text = `${c.before}${c.after}`;
      expect(text).not.toMatch(/scrypt|"hash"|passwordHash/);
      for (const secret of [otp, GOOD_PASSWORD, reset.body.oneTimePassword]) expect(text).not.toContain(secret);
    }
  });
});
