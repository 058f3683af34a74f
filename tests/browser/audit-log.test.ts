/**
 * The audit trail's page (`/audit`) in real Chromium at 1920×1080: the system administrator is
 * turned away (三员分立); the audit administrator sees the records the API holds, newest first —
 * a refused sign-in with its address standing out — filters them by kind and
 * switches to English. Screenshots are kept.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, type WatchedPage } from '../support/browser';
import { signIn, throughSecondFactor, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

describe('the audit trail page in Chromium', () => {
  let srv: TestServer;
  let browser: Browser;
  let w: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    // Something to read: a refused sign-in from outside, sign-ins, a clerk refused the accounts.
    await srv.request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'guessing-2026' }, headers: { 'x-forwarded-for': '203.0.113.77' } });
    for (const u of ['clerk01', 'clerk02', 'manager']) await srv.login(u);
    await srv.request('GET', '/api/v1/admin/accounts', { as: 'clerk01' });
    browser = await launchBrowser();
    w = await openPage(browser, `${srv.url}/audit`);
    page = w.page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  const log = () => page.locator('qms-audit-log');

  it('turns the system administrator away with the reason', async () => {
    // On a page of its own: the audit administrator's page below starts from a fresh sign-in form.
    const other = await openPage(browser, `${srv.url}/audit`);
    try {
      const form = other.page.locator('qms-audit-log qms-login');
      await form.locator('input[name="username"]').fill('admin');
      await form.locator('input[name="password"]').fill('demo');
      await form.locator('button[type="submit"]').click();
      // Every administrator has a second factor (enrolled here at the first sign-in); then the page says no.
      await throughSecondFactor(other.page, 'admin');
      await expect.poll(() => form.evaluate((l: HTMLElement & { notice: string }) => l.notice)).toContain('仅供审计管理员使用');
      expect(await other.page.locator('qms-audit-log table').count()).toBe(0);
    } finally {
      await other.page.close();
    }
  });

  it('shows the audit administrator the records, newest first, a refused sign-in standing out', async () => {
    // The demo's audit administrator (三员分立), enrolling a second factor at this first sign-in.
    await signIn(page, 'auditor');
    await expect.poll(() => log().locator('h1').textContent()).toBe('安全审计记录');
    await expect.poll(() => log().locator('tbody tr').count()).toBeGreaterThan(5);
    const api = await srv.request('GET', '/api/v1/audit?limit=50', { token: await srv.login('auditor') });
    const seqs = await log()
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq'))));
    // The page's own sign-in came after: it shows what the API held when it loaded, in the same order.
    expect(seqs).toEqual(api.body.records.map((r: { seq: number }) => r.seq).filter((s: number) => s <= seqs[0]!));
    const refused = log().locator('tr[data-kind="sign_in_failed"]');
    expect(await refused.count()).toBe(1);
    const fromOutside = log().locator('tr[data-kind="sign_in_failed"]', { hasText: '203.0.113.77' });
    expect(await fromOutside.locator('td.kind').textContent()).toBe('登录失败');
    expect(await fromOutside.getAttribute('class')).toContain('refused');
    expect(await log().locator('tr[data-kind="access_refused"]', { hasText: 'clerk01' }).locator('td.route').textContent()).toContain('/api/v1/admin/accounts');
    await screenshot(page, 'audit-log');
  });

  it('filters by kind', async () => {
    await log().locator('select[name="kind"]').selectOption('sign_in');
    await expect
      .poll(() =>
        log()
          .locator('tbody tr')
          .evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-kind')))]),
      )
      .toEqual(['sign_in']);
    await log().locator('select[name="kind"]').selectOption('');
    await expect.poll(() => log().locator('tbody tr[data-kind="sign_in_failed"]').count()).toBeGreaterThan(0);
  });

  it('switches to English', async () => {
    await log().locator('qms-lang-switch button').click();
    await expect.poll(() => log().locator('h1').textContent()).toBe('Security audit trail');
    expect(await log().locator('thead th').nth(2).textContent()).toBe('Kind');
    await screenshot(page, 'audit-log-en');
  });

  it('had no script errors', () => {
    expect(withoutExpectedNetworkLines(w.errors, {})).toEqual([]);
  });
});
