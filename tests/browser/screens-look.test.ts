import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { issueTicket, largestText, overflowing, signIn } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';

/**
 * Every screen at its design sizes, in a hall that looks like a Wednesday night market in progress,
 * saved to .test-artifacts/screenshots to be looked at; the checks here catch what can be measured
 * (cut-off elements, the latest call being the largest thing on the wall, no script errors).
 */
describe('the screens at their design sizes', () => {
  let srv: TestServer;
  let browser: Browser;
  let calledAt3 = '';

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', env: { QMS_CLOCK_START: '2026-11-25T19:30:00+08:00' } });
    browser = await launchBrowser();
    const areas = [
      'estate',
      'estate',
      'estate',
      'tax',
      'police',
      'insurance',
      'fund',
      'estate',
      'business',
      'police',
      'insurance',
      'invest',
      'utility',
      'tax',
      'estate',
      'police',
      'insurance',
      'estate',
    ];
    for (const [i, areaId] of areas.entries()) await issueTicket(srv, 'yuxi', i % 5 === 0 ? { areaId, priority: 'priority' } : { areaId });
    await issueTicket(srv, 'yuxi', { serviceId: 'estate-02' });
    for (const n of ['1', '3', '4', '5', '9', '11', '14', '16', '19', '20']) await srv.post(`${H}/windows/${n}/sign-in`, `clerk${n.padStart(2, '0')}`);
    for (const n of ['4', '9', '14', '16', '19', '20', '11']) {
      await srv.post(`${H}/windows/${n}/call-next`, `clerk${n.padStart(2, '0')}`);
    }
    await srv.post(`${H}/windows/4/start`, 'clerk04');
    await srv.post(`${H}/windows/5/pause`, 'clerk05', { reason: '临时离开' });
    await srv.post(`${H}/notices`, 'manager', { text: '今晚周三夜市 19:00–21:00，不动产、税务、公积金窗口正常办理' }, 201);
    await srv.post(`${H}/notices`, 'manager', { text: '请保管好随身物品，如需帮助请到导服台咨询' }, 201);
    const called = await srv.post(`${H}/windows/3/call-next`, 'clerk03');
    calledAt3 = called.ticket.number;
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('the wall board: 1920×1080, 3840×2160 and 1080×1920, the latest call largest, nothing cut off', async () => {
    const { page, errors } = await openPage(browser, `${srv.url}/display/hall?hall=yuxi`);
    await screenshot(page, 'hall-board-login');
    await signIn(page, 'display01');
    await page.locator(`qms-hall-board .latest-call[data-number="${calledAt3}"]`).waitFor();
    await expect(page.locator('qms-hall-board .session').innerText()).resolves.toContain('周三夜市 19:00–21:00');
    await page.locator('qms-hall-board .tile.called').nth(7).waitFor();
    await page.evaluate(() => document.fonts.ready);

    for (const [name, viewport] of [
      ['hall-board-1920x1080', { width: 1920, height: 1080 }],
      ['hall-board-3840x2160', { width: 3840, height: 2160 }],
      ['hall-board-1080x1920', { width: 1080, height: 1920 }],
    ] as const) {
      await page.setViewportSize(viewport);
      await screenshot(page, name);
      expect(await overflowing(page, 'qms-hall-board'), name).toEqual([]);
      const largest = await largestText(page, 'qms-hall-board');
      expect(largest, name).toMatchObject({ className: 'value', text: calledAt3 });
    }
    await page.goto(`${srv.url}/display/hall?hall=yuxi&lang=en`);
    await page.locator(`qms-hall-board .latest-call[data-number="${calledAt3}"]`).waitFor();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'hall-board-english');
    expect(await page.locator('qms-hall-board .latest-call').innerText()).toContain('to window');
    // The session is named in the page's language from the snapshot's kind and times, not the server's words.
    const session = await page.locator('qms-hall-board .session').innerText();
    expect(session).toContain('Wed night service 19:00–21:00');
    expect(session).not.toMatch(/\p{Script=Han}/u);
    expect(errors).toEqual([]);
  }, 90_000);

  it('the window display: calling, serving, paused and closed', async () => {
    const cases = [
      { window: '3', size: { width: 1920, height: 1080 }, status: 'open', name: 'window-display-calling-1920x1080' },
      { window: '4', size: { width: 1366, height: 768 }, status: 'open', name: 'window-display-serving-1366x768' },
      { window: '5', size: { width: 1366, height: 768 }, status: 'paused', name: 'window-display-paused-1366x768' },
      { window: '2', size: { width: 1920, height: 1080 }, status: 'closed', name: 'window-display-closed-1920x1080' },
    ];
    for (const c of cases) {
      const { page, errors, context } = await openPage(browser, `${srv.url}/display/window?hall=yuxi&window=${c.window}`, c.size);
      await signIn(page, 'display01');
      await page.locator(`qms-window-display .screen[data-status="${c.status}"]`).waitFor();
      await page.evaluate(() => document.fonts.ready);
      await screenshot(page, c.name);
      expect(await overflowing(page, 'qms-window-display'), c.name).toEqual([]);
      if (c.status === 'paused') await expect(page.locator('qms-window-display main').innerText()).resolves.toContain('暂停服务');
      if (c.status === 'closed') await expect(page.locator('qms-window-display main').innerText()).resolves.toContain('未开放');
      expect(errors, c.name).toEqual([]);
      await context.close();
    }
  }, 90_000);

  it('the counter terminal: 1920×1080 and 1366×768, with its dialogs', async () => {
    const { page, errors } = await openPage(browser, `${srv.url}/counter?hall=yuxi&window=4`);
    await screenshot(page, 'counter-login');
    await signIn(page, 'clerk04');
    await page.locator('qms-counter-terminal .status-word[data-status="serving"]').waitFor();
    await page.evaluate(() => document.fonts.ready);
    await screenshot(page, 'counter-1920x1080');
    expect(await overflowing(page, 'qms-counter-terminal')).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'counter-1366x768');
    await page.locator('qms-counter-terminal button.action', { hasText: '转移' }).click();
    await page.locator('qms-transfer-dialog dialog[open]').waitFor();
    await screenshot(page, 'counter-transfer-dialog');
    await page.keyboard.press('Escape');
    await page.locator('qms-counter-terminal button.action', { hasText: '暂停' }).click();
    await page.locator('qms-pause-dialog dialog[open]').waitFor();
    await screenshot(page, 'counter-pause-dialog');
    await page.keyboard.press('Escape');

    const picker = await openPage(browser, `${srv.url}/counter?hall=yuxi`, { width: 1366, height: 768 });
    await signIn(picker.page, 'clerk06');
    await picker.page.locator('qms-counter-terminal .windows button').first().waitFor();
    await screenshot(picker.page, 'counter-window-picker');
    await picker.page.locator('qms-counter-terminal .windows button[data-window="6"]').click();
    await picker.page.getByRole('button', { name: '签到开窗' }).waitFor();
    await screenshot(picker.page, 'counter-sign-in');
    expect(errors).toEqual([]);
    expect(picker.errors).toEqual([]);
  });
});
