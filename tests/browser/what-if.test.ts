/**
 * 假如调整窗口 on the manager's live board in Chromium (zh-CN and English): with one window open for
 * the real-estate area and citizens waiting, "open window 4 for 不动产联办" shows the wait now and
 * in an hour without → with, as the API answers it; nothing changes; screenshots kept under
 * /tmp/shots-forecast/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { launchBrowser, openPage } from '../support/browser';
import { signIn } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const SHOTS = '/tmp/shots-forecast';
const BODY = { action: 'open', windowId: '4', areaId: 'estate' };

describe('what-if on the live board', () => {
  let srv: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', clock: new ManualClock(Date.parse('2026-11-25T10:00:00+08:00')) });
    await srv.post(`${H}/windows/3/sign-in`, 'clerk03');
    for (let i = 0; i < 8; i++) await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'estate' }, 201);
    await srv.post(`${H}/windows/3/call-next`, 'clerk03');
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  async function ask(page: Page): Promise<void> {
    const panel = page.locator('qms-what-if');
    await panel.locator('select[name="window"]').selectOption('4');
    await panel.locator('select[name="action"]').selectOption('open');
    await panel.locator('select[name="area"]').selectOption('estate');
    await panel.locator('button[type="submit"]').click();
    await panel.locator('tr[data-area="estate"]').waitFor();
  }

  it('shows the wait with and without, as the API answers (zh-CN)', async () => {
    const api = await srv.post(`${H}/what-if`, 'manager', BODY);
    const estate = api.areas.find((a: { areaId: string }) => a.areaId === 'estate');
    expect(estate.now.with).toBeLessThan(estate.now.without);
    const { page, errors } = await openPage(browser, `${srv.url}/manager?hall=yuxi`);
    await signIn(page, 'manager');
    await page.locator('qms-what-if').waitFor();
    await ask(page);
    const row = page.locator('qms-what-if tr[data-area="estate"]');
    expect(await row.locator('td[data-when="now"]').textContent()).toBe(`${estate.now.without}分钟 → ${estate.now.with}分钟`);
    expect(await row.locator('td[data-when="now"]').getAttribute('class')).toContain('better');
    expect(await row.locator('td[data-when="hour"]').textContent()).toBe(`${estate.inAnHour.without}分钟 → ${estate.inAnHour.with}分钟`);
    expect((await srv.get(`${H}/overview`, 'manager')).windows.find((w: { id: string }) => w.id === '4').status).toBe('closed');
    await page.locator('qms-what-if').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/what-if-zh.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it('speaks English on the English page', async () => {
    const { page, errors } = await openPage(browser, `${srv.url}/manager?hall=yuxi&lang=en`);
    await signIn(page, 'manager');
    await page.locator('qms-what-if').waitFor();
    await ask(page);
    expect(await page.locator('qms-what-if h2').textContent()).toBe('What if');
    expect(await page.locator('qms-what-if tr[data-area="estate"] td[data-when="now"]').textContent()).toMatch(/^\d+ min → \d+ min$/);
    await page.screenshot({ path: `${SHOTS}/what-if-en.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
