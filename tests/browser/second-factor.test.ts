/**
 * The console's second factor in real Chromium, as an administrator meets it: the first sign-in
 * shows a QR code (an `otpauth://` link an authenticator app scans, decoded here from the picture
 * the page shows) and the key in text; a code from the app turns it on and the recovery codes are
 * shown once; the console opens. Signed out and in again, the form asks for the code: a wrong one
 * is refused in words, the right one opens the console, and a recovery code does too. Screenshots
 * of each step are kept (also under /tmp/shots-2fa/). An administrator's console signs out after
 * QMS_ADMIN_IDLE_MINUTES without input (the page's clock moved forward, not waited for).
 */
import { mkdirSync } from 'node:fs';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, type WatchedPage } from '../support/browser';
import { codeAt, freshCode, rememberSecret } from '../support/second-factor';
import { signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const SHOTS = '/tmp/shots-2fa';

describe("the console's second factor (TOTP) in Chromium", () => {
  let srv: TestServer;
  let browser: Browser;
  let w: WatchedPage;
  let page: Page;
  let secret = '';
  let recovery: string[] = [];

  const shot = async (name: string) => {
    await screenshot(page, name);
    await page.screenshot({ path: `${SHOTS}/${name}.png` });
  };
  const login = () => page.locator('qms-login');
  const password = async () => {
    await login().locator('input[name="username"]').fill('admin');
    await login().locator('input[name="password"]').fill('demo');
    await login().locator('button[type="submit"]').click();
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    srv = await startServer({ store: 'embedded' });
    browser = await launchBrowser();
    w = await openPage(browser, `${srv.url}/admin?hall=yuxi`);
    page = w.page;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('enrols at the first sign-in: a QR code the app scans, the key in text, a first code, the recovery codes once', async () => {
    await login().locator('input[name="username"]').waitFor();
    await password();
    const key = login().locator('code.secret');
    await key.waitFor();
    secret = (await key.getAttribute('data-secret'))!;
    rememberSecret('admin', secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Shown in groups of four for typing by hand.
    expect((await key.innerText()).replace(/\s/g, '')).toBe(secret);
    expect(await login().locator('h1').innerText()).toBe('绑定身份验证器（动态口令）');
    // The picture is the QR code of the otpauth link with this very secret (what the app reads).
    const qr = login().locator('img.qr');
    expect(await qr.getAttribute('alt')).toBe('绑定身份验证器的二维码');
    const svg = Buffer.from((await qr.getAttribute('src'))!.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg/);
    const link = new TOTP({ issuer: '排队叫号系统', label: 'admin', algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).toString();
    expect(svg).toBe(await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
    const box = await qr.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(200);
    await shot('2fa-1-enrol');

    // A wrong code first: refused in words, the form stays.
    await login()
      .locator('input[name="totp"]')
      .fill(codeAt(secret, Math.floor(Date.now() / 30_000) + 7));
    await login().locator('button[type="submit"]').click();
    await expect.poll(() => login().locator('.error').innerText()).toBe('动态口令错误或已使用，请等待下一个口令');
    await login()
      .locator('input[name="totp"]')
      .fill(await freshCode(secret));
    await login().locator('button[type="submit"]').click();
    const codes = login().locator('ol.recovery li');
    await codes.first().waitFor();
    recovery = (await codes.allInnerTexts()).map((t) => t.trim());
    expect(recovery).toHaveLength(10);
    for (const c of recovery) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(await login().locator('h1').innerText()).toBe('请保存恢复码');
    await shot('2fa-2-recovery-codes');
    await login().locator('button[type="submit"]').click();
    await login().waitFor({ state: 'detached' });
    await page.locator('header .who').waitFor();
    expect(await page.locator('header .who').innerText()).toBe('系统管理员');
    await shot('2fa-3-console');
    expect(withoutExpectedNetworkLines(w.errors, { statuses: [401] })).toEqual([]);
  });

  it('asks for the code at the next sign-in: a wrong code is refused, the right one or a recovery code opens the console', async () => {
    await page.locator('header button.signout').first().click();
    await login().locator('input[name="username"]').waitFor();
    await password();
    const code = login().locator('input[name="code"]');
    await code.waitFor();
    expect(await login().locator('h1').innerText()).toBe('动态口令验证');
    await shot('2fa-4-code');
    await code.fill('000000' === codeAt(secret, Math.floor(Date.now() / 30_000)) ? '111111' : '000000');
    await login().locator('button[type="submit"]').click();
    await expect.poll(() => login().locator('.error').innerText()).toBe('动态口令错误或已使用，请等待下一个口令');
    await shot('2fa-5-wrong-code');
    await code.fill(await freshCode(secret));
    await login().locator('button[type="submit"]').click();
    await login().waitFor({ state: 'detached' });
    expect(await page.locator('header .who').innerText()).toBe('系统管理员');

    // A recovery code, once: the phone is lost.
    await page.locator('header button.signout').first().click();
    await password();
    await login().locator('input[name="code"]').fill(recovery[0]!);
    await login().locator('button[type="submit"]').click();
    await login().waitFor({ state: 'detached' });
    const left = await srv.request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'demo', code: recovery[0] } });
    expect(left.status).toBe(401);
    expect(withoutExpectedNetworkLines(w.errors, { statuses: [401] })).toEqual([]);
  });

  it('signs an administrator out after QMS_ADMIN_IDLE_MINUTES (15) without a key press or click, and not while they work', async () => {
    // The page's clock is Playwright's: moved forward here, not waited for.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const idle = await context.newPage();
    await idle.clock.install();
    await idle.goto(`${srv.url}/admin?hall=yuxi&section=windows`);
    await signIn(idle, 'admin');
    await idle.locator('header .who').waitFor();
    await idle.clock.fastForward('14:00');
    expect(await idle.locator('qms-login').count()).toBe(0);
    // Working (a click) starts the 15 minutes again.
    await idle.locator('nav button[data-section="areas"]').click();
    await idle.clock.fastForward('14:00');
    expect(await idle.locator('qms-login').count()).toBe(0);
    await idle.clock.fastForward('01:30');
    await idle.locator('qms-login input[name="username"]').waitFor();
    await idle.screenshot({ path: `${SHOTS}/2fa-6-idle-signed-out.png` });
    await context.close();
  });

  it("shows the security administrator the administrators' accounts with their second factors, and resets one (三员分立)", async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const sec = await context.newPage();
    await sec.goto(`${srv.url}/admin?hall=yuxi&section=windows`);
    await signIn(sec, 'security');
    // Their console is the accounts section only, whatever the address asked for.
    await sec.locator('qms-admin-staff tr[data-id="admin"]').waitFor();
    expect(await sec.locator('nav button[role="tab"]').allInnerTexts()).toEqual(['工作人员']);
    expect(await sec.locator('header .who').innerText()).toBe('安全管理员');
    expect((await sec.locator('qms-admin-staff tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))).sort()).toEqual([
      'admin',
      'auditor',
      'security',
    ]);
    const admin = sec.locator('qms-admin-staff tr[data-id="admin"]');
    expect(await admin.locator('.badge.second-factor').innerText()).toBe('动态口令');
    await sec.screenshot({ path: `${SHOTS}/2fa-7-security-admin.png` });
    await admin.locator('button.reset-second-factor').click();
    await sec.locator('qms-admin-staff dialog.confirm button.yes').click();
    await sec.locator('qms-admin-staff .done', { hasText: '已重置 admin 的动态口令' }).waitFor();
    expect(await admin.locator('.badge.second-factor').count()).toBe(0);
    // The administrator is asked to enrol again at the next sign-in.
    const next = await srv.request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'demo' } });
    expect(next.body.mustEnrolSecondFactor).toBe(true);
    await context.close();
  });
});
