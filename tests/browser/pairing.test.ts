/**
 * Devices and new staff at the sign-in form in real Chromium: a kiosk is enrolled by typing the
 * pairing code a manager made (a wrong code is said in words), and a clerk signing in with a
 * one-time password is asked for a new one, refused in words by the password rule first.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, type WatchedPage } from '../support/browser';
import { signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

describe('the sign-in form', () => {
  let srv: TestServer;
  let browser: Browser;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
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
