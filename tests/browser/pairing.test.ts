/**
 * Devices and new staff at the sign-in form in real Chromium: a kiosk is enrolled by typing the
 * pairing code a manager made (a wrong code is said in words), and a clerk signing in with a
 * one-time password is asked for a new one, refused in words by the password rule first.
 */
import type { Browser } from 'playwright-core';
import { io as connect } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../printers/virtual-printer';
import { launchBrowser, openPage, screenshot, type WatchedPage } from '../support/browser';
import { signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

describe('the sign-in form', () => {
  let srv: TestServer;
  let browser: Browser;
  let printer: VirtualPrinter;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    printer = await VirtualPrinter.start();
    srv = await startServer({ store: 'embedded' });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await printer?.close();
  });

  it('pairs a kiosk by the code a manager made, instead of a password', async () => {
    const w = await openPage(browser, `${srv.url}/kiosk?hall=yuxi`, { width: 1080, height: 1920 });
    pages.push(w);
    const { page } = w;
    await page.locator('qms-login button.switch', { hasText: '用配对码登录' }).click();
    const code = page.locator('qms-login input[name="code"]');
    await code.waitFor();
    expect(await page.locator('qms-login input[name="password"]').count()).toBe(0);

    await code.fill('000000');
    await page.locator('qms-login button[type="submit"]').click();
    await expect.poll(() => page.locator('qms-login .error').textContent()).toContain('配对码错误或已过期');

    const issued = await srv.post<{ code: string }>('/api/v1/admin/halls/yuxi/devices/kiosk01/pairing-code', 'manager');
    await code.fill(issued.code);
    await screenshot(page, 'kiosk-pairing-code');
    await page.locator('qms-login button[type="submit"]').click();
    await page.locator('qms-login').waitFor({ state: 'detached' });
    await page.locator('qms-kiosk button.area', { hasText: '不动产联办' }).waitFor();
    await screenshot(page, 'kiosk-paired');
    const session = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
    expect(session).toContain('kiosk01');
    expect(withoutExpectedNetworkLines(w.errors, { statuses: [400] })).toEqual([]);
  });

  it('a kiosk added in the console (kiosk02) pairs by its code and issues a printed ticket; its socket is accepted', async () => {
    // The administrator adds the kiosk, with its printer, in the console's devices section.
    const admin = await openPage(browser, `${srv.url}/admin?hall=yuxi&section=devices`);
    pages.push(admin);
    await signIn(admin.page, 'admin');
    const devices = admin.page.locator('qms-admin-devices');
    await devices.locator('tr[data-id="kiosk01"]').waitFor();
    await devices.locator('button.add').click();
    const form = devices.locator('dialog.form');
    await form.locator('input[name="id"]').fill('kiosk02');
    await form.locator('input[name="printer"]').fill(printer.address);
    await form.locator('button[type="submit"]').click();
    const row = devices.locator('tr[data-id="kiosk02"]');
    await row.filter({ hasText: printer.address }).waitFor();
    await row.locator('button.pair').click();
    const code = (await devices.locator('dialog.pairing .pairing-code').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    await screenshot(admin.page, 'kiosk02-pairing-code');

    // A clerk has opened the estate window, as in a hall at work.
    await srv.post('/api/v1/halls/yuxi/windows/3/sign-in', 'clerk03');

    // A fresh kiosk page: the code typed on its screen.
    const w = await openPage(browser, `${srv.url}/kiosk?hall=yuxi`, { width: 1080, height: 1920 });
    pages.push(w);
    const { page } = w;
    await page.locator('qms-login button.switch', { hasText: '用配对码登录' }).click();
    await page.locator('qms-login input[name="code"]').fill(code);
    await page.locator('qms-login button[type="submit"]').click();
    await page.locator('qms-login').waitFor({ state: 'detached' });
    const estate = page.locator('qms-kiosk button.area', { hasText: '不动产联办' });
    await estate.waitFor();
    const session = JSON.parse((await page.evaluate(() => Object.values(localStorage).find((v) => v.includes('kiosk02')))) ?? 'null') as {
      token: string;
      mustChangePassword?: boolean;
    } | null;
    expect(session?.token).toBeTruthy();
    expect(session?.mustChangePassword).toBeUndefined();

    // The page's own socket is accepted: a ticket taken elsewhere shows in its waiting count live.
    await srv.post('/api/v1/halls/yuxi/tickets', 'clerk01', { areaId: 'estate' }, 201);
    await estate.filter({ hasText: '等候 1 人' }).waitFor();
    // …and the paired token opens a socket of its own, which gets the hall's snapshot.
    const socket = connect(`${srv.url}/halls`, { auth: { token: session!.token, hallId: 'yuxi' }, transports: ['websocket'], reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => (socket.once('connect', resolve), socket.once('connect_error', reject)));
      const snapshot = await socket.timeout(10_000).emitWithAck('hall:snapshot');
      expect(JSON.stringify(snapshot)).toContain('yuxi');
    } finally {
      socket.close();
    }

    // The citizen touches the area: the number on screen, on paper, and in the queue.
    await estate.click();
    const number = page.locator('qms-kiosk-ticket [data-number]');
    await number.waitFor();
    const shown = (await number.textContent())!.trim();
    expect(shown).toMatch(/^B\d{3}$/);
    await page.locator('qms-kiosk-ticket .print.printed', { hasText: '凭条已打印' }).waitFor();
    const job = await printer.jobWithLine(shown);
    expect(job.decoded.lines).toEqual(expect.arrayContaining(['玉溪市政务服务中心', '不动产联办']));
    const url = (await page.locator('qms-kiosk-ticket .qr img').getAttribute('data-url'))!;
    expect((await srv.get(`/api/v1/halls/yuxi/tickets/${url.split('/').at(-1)}`)).ticket).toMatchObject({ number: shown, areaId: 'estate', status: 'waiting' });
    await expect(page.locator('qms-kiosk').textContent()).resolves.not.toContain('一次性密码');
    await screenshot(page, 'kiosk02-paired-ticket');
    expect(w.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
  }, 120_000);

  it('offers no pairing on a clerk’s page, and asks a one-time password’s holder for a new password first', async () => {
    const created = await srv.post<{ oneTimePassword: string }>(
      '/api/v1/admin/accounts',
      'manager',
      { id: 'clerk-browser', name: '新同事 赵磊', role: 'clerk', hallId: 'yuxi' },
      201,
    );
    const w = await openPage(browser, `${srv.url}/counter?hall=yuxi`);
    pages.push(w);
    const { page } = w;
    await page.locator('qms-login input[name="username"]').waitFor();
    expect(await page.locator('qms-login button.switch').count()).toBe(0);
    await page.locator('qms-login input[name="username"]').fill('clerk-browser');
    await page.locator('qms-login input[name="password"]').fill(created.oneTimePassword);
    await page.locator('qms-login button[type="submit"]').click();

    const fresh = page.locator('qms-login input[name="newPassword"]');
    await fresh.fill('clerk-browser1');
    await page.locator('qms-login input[name="repeatPassword"]').fill('clerk-browser1');
    await page.locator('qms-login button[type="submit"]').click();
    await expect.poll(() => page.locator('qms-login .error').textContent()).toContain('不能包含账号名');
    await screenshot(page, 'first-sign-in-new-password');

    await fresh.fill('Lantern-river-58');
    await page.locator('qms-login input[name="repeatPassword"]').fill('Lantern-river-58');
    await page.locator('qms-login button[type="submit"]').click();
    await page.locator('qms-login').waitFor({ state: 'detached' });
    expect((await srv.request('POST', '/api/v1/auth/login', { body: { username: 'clerk-browser', password: 'Lantern-river-58' } })).status).toBe(200);
    expect(w.errors).toEqual([]);
  });
});
