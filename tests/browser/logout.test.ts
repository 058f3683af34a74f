/**
 * 退出登录 on a counter signs the token out on the server, not only in the browser: a copy of the
 * token (a forgotten session on a shared PC) is refused afterwards.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser';
import { signIn } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

describe('signing out of the counter terminal', () => {
  let srv: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('revokes the token the page held', async () => {
    const { page, errors } = await openPage(browser, `${srv.url}/counter?hall=yuxi&window=5`);
    await signIn(page, 'clerk05');
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('qms:session:counter') ?? 'null')?.token as string | undefined);
    expect(token).toBeTruthy();
    expect((await srv.request('GET', '/api/v1/halls/yuxi/board', { token })).status).toBe(200);

    const loggedOut = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'));
    await page.getByRole('button', { name: '退出登录' }).click();
    expect((await loggedOut).status()).toBe(200);
    await page.locator('qms-login').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('qms:session:counter'))).toBeNull();
    expect((await srv.request('GET', '/api/v1/halls/yuxi/board', { token })).status).toBe(401);
    expect(errors).toEqual([]);
  });
});
