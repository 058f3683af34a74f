/**
 * Device accounts (kiosk, wall display, rating pad) made in the console work as soon as they pair:
 * a device has no person to choose a password, so it never carries the one-time password's
 * must-change flag — not on create, reset or a role change, nor from a document stored with one
 * before devices were exempt (issue 22: kiosk02 answered every ticket with 403).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type TestServer } from '../support/server';

const BOARD = '/api/v1/halls/yuxi/board';

describe('device accounts', () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
  });
  afterAll(async () => srv?.close());

  it('makes device accounts that work as soon as they pair: no must-change flag on create, reset or role change, nor from a document stored with one', async () => {
    const code = async (deviceId: string) =>
      (await srv.request('POST', `/api/v1/admin/halls/yuxi/devices/${deviceId}/pairing-code`, { as: 'manager' })).body.code as string;
    const pair = async (deviceId: string) => {
      const res = await srv.request('POST', '/api/v1/auth/pair', {
        body: { hallId: 'yuxi', code: await code(deviceId) },
        headers: { 'x-forwarded-for': '198.51.100.40' },
      });
      expect(res.status, deviceId).toBe(200);
      expect(res.body.mustChangePassword, deviceId).toBeUndefined();
      return res.body.token as string;
    };
    for (const role of ['kiosk', 'display', 'rating'] as const) {
      const created = await srv.request('POST', '/api/v1/admin/accounts', {
        as: 'manager',
        body: { id: `${role}-new`, name: `新${role}`, role, hallId: 'yuxi' },
      });
      expect(created.status).toBe(201);
      expect(created.body.account.mustChangePassword, role).toBe(false);
      const token = await pair(`${role}-new`);
      expect((await srv.request('GET', BOARD, { token })).status, role).toBe(200);
    }
    const kiosk = await pair('kiosk-new');
    expect((await srv.request('POST', '/api/v1/halls/yuxi/tickets', { token: kiosk, body: { areaId: 'tax' } })).status).toBe(201);

    // A reset gives a device a new password, never a flag only a person could clear.
    expect((await srv.request('POST', '/api/v1/admin/accounts/kiosk-new/reset-password', { as: 'manager' })).status).toBe(200);
    const listed = (await srv.request('GET', '/api/v1/admin/accounts?hallId=yuxi', { as: 'manager' })).body.accounts as Array<{
      id: string;
      mustChangePassword: boolean;
    }>;
    expect(listed.find((a) => a.id === 'kiosk-new')?.mustChangePassword).toBe(false);
    // A clerk's account turned into a kiosk drops the flag with the role.
    await srv.request('POST', '/api/v1/admin/accounts', { as: 'manager', body: { id: 'became-kiosk', name: '旧账号', role: 'clerk', hallId: 'yuxi' } });
    const turned = await srv.request('PATCH', '/api/v1/admin/accounts/became-kiosk', { as: 'manager', body: { role: 'kiosk' } });
    expect(turned.body.account).toMatchObject({ role: 'kiosk', mustChangePassword: false });
    expect((await srv.request('POST', '/api/v1/halls/yuxi/tickets', { token: await pair('became-kiosk'), body: { areaId: 'tax' } })).status).toBe(201);

    // kiosk02 as it was stored before this fix (created like staff, with the flag): it pairs and issues.
    const store = srv.app.qms.store;
    const doc = (await store.readDoc('account:kiosk-new'))!;
    const old = { ...JSON.parse(doc.value), id: 'kiosk-new', mustChangePassword: true };
    expect((await store.writeDoc('account:kiosk-new', doc.version, JSON.stringify(old), { by: 'manager', at: Date.now() })).ok).toBe(true);
    await vi.waitFor(() => expect(srv.app.qms.accounts.version('kiosk-new')).toBeGreaterThan(doc.version));
    expect(srv.app.qms.accounts.get('kiosk-new')?.mustChangePassword).toBe(false);
    const again = await pair('kiosk-new');
    expect((await srv.request('POST', '/api/v1/halls/yuxi/tickets', { token: again, body: { areaId: 'tax' } })).status).toBe(201);
    // People keep the flag: a new clerk still chooses a password first.
    const clerk = await srv.request('POST', '/api/v1/admin/accounts', {
      as: 'manager',
      body: { id: 'clerk-still', name: '新同事', role: 'clerk', hallId: 'yuxi' },
    });
    expect(clerk.body.account.mustChangePassword).toBe(true);
  });
});
