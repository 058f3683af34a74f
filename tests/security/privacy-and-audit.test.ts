/**
 * What must never leak, and what must always be written down.
 *
 * - No token, password or phone number in any URL the pages ask for (every request and WebSocket
 *   Chromium makes while a clerk works the counter and a citizen books with a phone number), nor in
 *   any log line the server wrote, nor (the phone) in the hall's stored history: only its mask.
 * - The audit log: one line per mutating request by a signed-in user — who, where, which route
 *   pattern, the status, the command id that the hall's events carry — and nothing of the body or raw
 *   URL; none for reads or for citizens; written even when the server logs only warnings.
 * - `X-Forwarded-For` is believed only from trusted proxies, so a client cannot dodge the
 *   per-address sign-in limit by making addresses up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../../server/config/settings';
import { launchBrowser } from '../support/browser';
import { signIn } from '../support/screens';
import { isPrivateDoc } from '../../server/auth/accounts';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
/** Wednesday morning; bookings for Thursday. */
const CLOCK_START = '2026-12-02T10:00:00+08:00';
const PHONE = '13812345678';
const WRONG_PASSWORD = 'Wr0ng-Secret-Pa55';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('no token, password or phone number in URLs, logs or history', () => {
  let srv: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', env: { QMS_CLOCK_START: CLOCK_START } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  /** A page, with every URL it requests (HTTP and WebSocket) recorded. */
  async function watched(path: string, viewport = { width: 1920, height: 1080 }): Promise<{ page: Page; urls: string[] }> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    page.on('websocket', (ws) => urls.push(ws.url()));
    page.on('framenavigated', (f) => urls.push(f.url()));
    await page.goto(srv.url + path);
    return { page, urls };
  }

  it('holds through a counter session, a phone booking and a refused sign-in', async () => {
    // A refused sign-in with a password someone might reuse elsewhere.
    expect((await srv.request('POST', '/api/v1/auth/login', { body: { username: 'clerk04', password: WRONG_PASSWORD } })).status).toBe(401);

    // A clerk signs in at the counter, opens the window and calls.
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'estate' }, 201);
    const counter = await watched('/counter?hall=yuxi&window=4');
    await signIn(counter.page, 'clerk04');
    await counter.page.getByRole('button', { name: '签到开窗' }).click();
    await counter.page.locator('qms-counter-terminal button.action:not([disabled])', { hasText: '呼叫下一位' }).click();
    await counter.page.locator('qms-counter-terminal .ticket-number').waitFor();
    const token = await counter.page.evaluate(() => {
      for (let i = 0; i < localStorage.length; i++) {
        const m = /"token":"([^"]+)"/.exec(localStorage.getItem(localStorage.key(i)!) ?? '');
        if (m) return m[1]!;
      }
      return null;
    });
    expect(token).toMatch(/^ey/);

    // A citizen books on a phone and leaves a phone number.
    const phone = await watched('/book?hall=yuxi', { width: 390, height: 844 });
    await phone.page.locator('qms-booking button.area', { hasText: '公积金专办' }).click();
    await phone.page.locator('qms-booking button.day[data-date="2026-12-03"]').click();
    await phone.page.locator('qms-booking button.slot[data-start="10:00"]').click();
    await phone.page.locator('qms-booking input[name="phone"]').fill(PHONE);
    await phone.page.getByRole('button', { name: '确认预约' }).click();
    await phone.page.locator('qms-booking-receipt', { hasText: '138****5678' }).waitFor();

    const urls = [...counter.urls, ...phone.urls];
    expect(urls.some((u) => u.includes('/socket.io/'))).toBe(true);
    expect(urls.some((u) => u.includes('/api/v1/halls/yuxi/appointments'))).toBe(true);
    const secrets = [token!, 'demo', PHONE, '1234 5678', WRONG_PASSWORD];
    for (const secret of secrets)
      expect(
        urls.filter((u) => decodeURIComponent(u).includes(secret)),
        secret,
      ).toEqual([]);

    // Every log line, whole: requests, sign-ins, refusals, events, audit.
    const lines = srv.logs.map((l) => JSON.stringify(l));
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.some((l) => l.includes('"sign-in refused"'))).toBe(true);
    for (const secret of [token!, token!.split('.')[2]!, PHONE, WRONG_PASSWORD])
      expect(
        lines.filter((l) => l.includes(secret)),
        secret,
      ).toEqual([]);
    expect(lines.filter((l) => /"(password|authorization|phone)"/i.test(l))).toEqual([]);

    // The hall's stored history keeps the mask only.
    const stored = filesUnder(srv.dataDir).map((f) => readFileSync(f, 'utf8'));
    expect(stored.join('\n')).toContain('138****5678');
    for (const secret of [PHONE, token!])
      expect(
        stored.filter((s) => s.includes(secret)),
        secret,
      ).toEqual([]);

    await counter.page.context().close();
    await phone.page.context().close();
  });
});

describe('the audit log', () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
  });
  afterAll(async () => srv?.close());

  const audits = (s: TestServer) => s.logs.filter((l) => l.audit === true);

  it('writes one line per mutating request by a signed-in user: who, where, what, how it ended, which command', async () => {
    await srv.login('clerk05');
    await srv.login('manager');
    await srv.login('kiosk01');
    const before = audits(srv).length;
    expect(before).toBe(3); // each sign-in is the signed-in user's first act

    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201);
    await srv.post(`${H}/windows/9/sign-in`, 'clerk05');
    const called = await srv.post(`${H}/windows/9/call-next`, 'clerk05', {}, 200, 'press-1');
    await srv.post(`${H}/windows/9/call-next`, 'clerk05', {}, 200, 'press-1'); // a double press, replayed
    const refused = await srv.request('POST', `${H}/windows/3/call-next`, { as: 'clerk05', body: {} });
    await srv.post(`${H}/notices`, 'manager', { text: '张三请到服务台领取身份证' }, 201);
    await srv.get(`${H}/board`, 'manager'); // a read: no line
    await srv.request('POST', `${H}/appointments`, { body: { areaId: 'tax', date: '2099-01-01', start: '10:00' } }); // a citizen: no line
    await srv.request('POST', `${H}/windows/9/complete`, { body: {} }); // no sign-in: no line

    const lines = audits(srv).slice(before);
    expect(lines.map((l) => [l.userId, l.role, l.hallId, l.windowId ?? null, l.method, l.route, l.status, l.replayed])).toEqual([
      ['kiosk01', 'kiosk', 'yuxi', null, 'POST', '/api/v1/halls/:hallId/tickets', 201, false],
      ['clerk05', 'clerk', 'yuxi', '9', 'POST', '/api/v1/halls/:hallId/windows/:windowId/sign-in', 200, false],
      ['clerk05', 'clerk', 'yuxi', '9', 'POST', '/api/v1/halls/:hallId/windows/:windowId/call-next', 200, false],
      ['clerk05', 'clerk', 'yuxi', '9', 'POST', '/api/v1/halls/:hallId/windows/:windowId/call-next', 200, true],
      ['clerk05', 'clerk', 'yuxi', '3', 'POST', '/api/v1/halls/:hallId/windows/:windowId/call-next', refused.status, false],
      ['manager', 'manager', 'yuxi', null, 'POST', '/api/v1/halls/:hallId/notices', 201, false],
    ]);
    expect(refused.status).toBeGreaterThanOrEqual(400);

    // The command id leads from the line to exactly what changed in the hall.
    const callLine = lines[2]!;
    expect(callLine.commandId).toBe('clerk05:press-1');
    const { events } = await srv.get(`${H}/tickets/${called.ticket.id}/events`, 'manager');
    expect(events.find((e: { type: string }) => e.type === 'ticket.called').commandId).toBe(callLine.commandId);

    // Never a body or a raw URL.
    for (const l of lines) {
      expect(Object.keys(l).sort()).toEqual(
        [
          'audit',
          'commandId',
          'hallId',
          'level',
          'method',
          'module',
          'msg',
          'pid',
          'hostname',
          'time',
          'replayed',
          'reqId',
          'role',
          'route',
          'status',
          'userId',
          ...(l.windowId ? ['windowId'] : []),
        ].sort(),
      );
    }
    expect(JSON.stringify(lines)).not.toContain('张三');
  });

  it('is written even when the server logs only warnings', async () => {
    const quiet = await startServer({ store: 'embedded', env: { QMS_LOG_LEVEL: 'warn' } });
    try {
      await quiet.post(`${H}/windows/6/sign-in`, 'clerk06');
      expect(quiet.logs.filter((l) => l.msg === 'incoming request')).toEqual([]);
      expect(audits(quiet).map((l) => [l.userId, l.route, l.status])).toEqual([
        ['clerk06', '/api/v1/auth/login', 200],
        ['clerk06', '/api/v1/halls/:hallId/windows/:windowId/sign-in', 200],
      ]);
    } finally {
      await quiet.close();
    }
  });
});

describe('X-Forwarded-For is believed only from trusted proxies', () => {
  /** Three wrong passwords per address; the per-account allowance out of the way (these tests are about addresses). */
  const PER_ADDRESS_ONLY = { QMS_LOGIN_FAILURES_PER_ADDRESS_PER_15_MINUTES: '3', QMS_LOGIN_FAILURES_PER_15_MINUTES: '100' };

  async function failuresUntilLimited(srv: TestServer): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const res = await srv.request('POST', '/api/v1/auth/login', {
        body: { username: 'clerk08', password: 'nope' },
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      statuses.push(res.status);
    }
    return statuses;
  }

  it('with no trusted proxy, made-up addresses do not dodge the sign-in limit', async () => {
    const srv = await startServer({ store: 'embedded', env: { QMS_TRUST_PROXY: '0', ...PER_ADDRESS_ONLY } });
    try {
      expect(await failuresUntilLimited(srv)).toEqual([401, 401, 401, 429]);
    } finally {
      await srv.close();
    }
  });

  it('behind a trusted proxy (loopback by default), each citizen is counted by the address it passes on', async () => {
    const srv = await startServer({ store: 'embedded', env: PER_ADDRESS_ONLY });
    try {
      expect(await failuresUntilLimited(srv)).toEqual([401, 401, 401, 401]);
    } finally {
      await srv.close();
    }
  });

  it('a bad QMS_TRUST_PROXY stops the server with the entry named', () => {
    expect(() => loadSettings({ QMS_TRUST_PROXY: '10.0.0.0/8, proxy.example.cn, 10.1.2.3/40' })).toThrow(SettingsError);
    try {
      loadSettings({ QMS_TRUST_PROXY: '10.0.0.0/8, proxy.example.cn, 10.1.2.3/40' });
    } catch (err) {
      expect((err as SettingsError).problems).toEqual([
        'QMS_TRUST_PROXY=proxy.example.cn: expected proxy addresses or CIDRs (10.0.0.0/8), loopback, linklocal, uniquelocal, or 0 for none',
        'QMS_TRUST_PROXY=10.1.2.3/40: expected proxy addresses or CIDRs (10.0.0.0/8), loopback, linklocal, uniquelocal, or 0 for none',
      ]);
    }
    expect(loadSettings({ QMS_TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
    expect(loadSettings({}).trustProxy).toEqual(['loopback']);
  });
});

describe('accounts: no password or hash in the log or in the change history', () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
  });
  afterAll(async () => srv?.close());

  it('holds through create, first sign-in, password change, reset, disable and pairing; hashes live only in credential documents', async () => {
    const NEW_PASSWORD = 'Quiet-meadow-73';
    const created = await srv.post<{ oneTimePassword: string }>(
      '/api/v1/admin/accounts',
      'admin',
      { id: 'clerk-audit', name: '审计', role: 'clerk', hallId: 'yuxi' },
      201,
    );
    const first = await srv.request('POST', '/api/v1/auth/login', { body: { username: 'clerk-audit', password: created.oneTimePassword } });
    await srv.request('POST', '/api/v1/auth/password', { token: first.body.token, body: { oldPassword: created.oneTimePassword, newPassword: NEW_PASSWORD } });
    const reset = await srv.post<{ oneTimePassword: string }>('/api/v1/admin/accounts/clerk-audit/reset-password', 'manager');
    await srv.post('/api/v1/admin/accounts/clerk-audit/disable', 'manager');
    const { code } = await srv.post<{ code: string }>('/api/v1/admin/halls/yuxi/devices/kiosk01/pairing-code', 'manager');
    expect((await srv.request('POST', '/api/v1/auth/pair', { body: { hallId: 'yuxi', code } })).status).toBe(200);

    const secrets = [created.oneTimePassword, NEW_PASSWORD, reset.oneTimePassword, code];
    const lines = srv.logs.map((l) => JSON.stringify(l));
    for (const secret of [...secrets, 'scrypt$'])
      expect(
        lines.filter((l) => l.includes(secret)),
        secret,
      ).toEqual([]);

    const changes = await srv.app.qms.store.docChanges({});
    const readable = changes.filter((c) => !isPrivateDoc(c.key));
    expect(readable.filter((c) => c.key === 'account:clerk-audit').map((c) => c.by)).toEqual(['admin', 'clerk-audit', 'manager', 'manager']);
    for (const c of readable) {
      const text = `${c.before ?? ''}${c.after}`;
      for (const secret of [...secrets, 'scrypt$']) expect(text.includes(secret), `${c.key} v${c.version}`).toBe(false);
    }
    // The hashes are where the history readers never look, and nowhere in plain text: no password.
    const hidden = changes.filter((c) => isPrivateDoc(c.key));
    expect(hidden.some((c) => c.key === 'credential:clerk-audit' && c.after.includes('scrypt$'))).toBe(true);
    for (const c of hidden) for (const secret of secrets) expect(`${c.before ?? ''}${c.after}`.includes(secret)).toBe(false);

    // The change history admins read over HTTP lists account changes and never a credential document.
    const { changes: history } = await srv.get<{ changes: Array<{ key: string }> }>('/api/v1/admin/changes', 'admin');
    expect(history.some((c) => c.key === 'account:clerk-audit')).toBe(true);
    expect(history.filter((c) => c.key.startsWith('credential:'))).toEqual([]);
    for (const secret of [...secrets, 'scrypt$']) expect(JSON.stringify(history).includes(secret), secret).toBe(false);
  });
});
