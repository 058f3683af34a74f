/**
 * The citizen's visit in real Chromium: a clerk puts a missed citizen back in the queue from the
 * counter (过号重排); the kiosk does the same from a scanned QR code or a number typed on its
 * keypad; a kiosk in a closed hall says so, with the next opening, before anyone taps.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { launchBrowser, openPage, screenshot, type WatchedPage } from '../support/browser';
import { issueTicket, signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const T = 'qms-counter-terminal';
const PORTRAIT = { width: 1080, height: 1920 };

describe('re-queue and the closed hall on the counter and the kiosk', () => {
  let srv: TestServer;
  let browser: Browser;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const p of pages) await p.context.close();
    await browser?.close();
    await srv?.close();
  });

  const action = (page: Page, name: string) => page.locator(`${T} button.action`, { hasText: name }).and(page.locator(':not([disabled])'));

  async function kiosk(server: TestServer): Promise<WatchedPage> {
    const w = await openPage(browser, `${server.url}/kiosk?hall=yuxi`, PORTRAIT);
    pages.push(w);
    await signIn(w.page, 'kiosk01');
    await w.page.locator('qms-kiosk button.area', { hasText: '不动产联办' }).waitFor();
    return w;
  }

  it('the counter offers a re-queue for the citizen it just marked absent; the ticket is called again after three others', async () => {
    const missed = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    const others = [];
    for (let i = 0; i < 4; i++) others.push(await issueTicket(srv, 'yuxi', { areaId: 'estate' }));
    const { page, errors } = await openPage(browser, `${srv.url}/counter?hall=yuxi&window=3`);
    await signIn(page, 'clerk03');
    await page.getByRole('button', { name: '签到开窗' }).click();
    await action(page, '呼叫下一位').click();
    await page.locator(`${T} .ticket-number[data-number="${missed.number}"]`).waitFor();
    // 过号 asks first (this server marks a no-show at once after the call: noShowAfterSeconds 0).
    await action(page, '过号').click();
    await page.locator('qms-no-show-dialog dialog[open] button.confirm:not([disabled])').click();
    const row = page.locator(`${T} .missed li[data-number="${missed.number}"]`);
    await row.waitFor();
    await screenshot(page, 'counter-missed-list');
    await row.getByRole('button', { name: '过号重排' }).click();
    await page.locator(`${T} .note.ok`, { hasText: `${missed.number} 已重新排队，前面还有 3 人` }).waitFor();
    await screenshot(page, 'counter-requeued');
    expect(await page.locator(`${T} .missed`).count()).toBe(0);
    expect((await srv.get(`${H}/tickets/${missed.key}`)).ticket).toMatchObject({ number: missed.number, status: 'waiting', ahead: 3 });

    const called: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { ticket } = await srv.post(`${H}/windows/3/call-next`, 'clerk03');
      called.push(ticket.number);
      await srv.post(`${H}/windows/3/complete`, 'clerk03');
    }
    expect(called).toEqual([...others.slice(0, 3).map((t) => t.number), missed.number, others[3]!.number]);
    expect(withoutExpectedNetworkLines(errors, {})).toEqual([]);
    await page.context().close();
  });

  it('the counter parks the citizen with a reason, serves the next, and resumes the parked one from its list', async () => {
    const first = await issueTicket(srv, 'yuxi', { areaId: 'police' });
    const second = await issueTicket(srv, 'yuxi', { areaId: 'police' });
    const { page, errors } = await openPage(browser, `${srv.url}/counter?hall=yuxi&window=19`);
    await signIn(page, 'clerk19');
    await page.getByRole('button', { name: '签到开窗' }).click();
    await action(page, '呼叫下一位').click();
    await page.locator(`${T} .ticket-number[data-number="${first.number}"]`).waitFor();
    await page.locator(`${T} form.park input`).fill('补材料');
    await action(page, '挂起').click();
    const row = page.locator(`${T} .parked li[data-number="${first.number}"]`);
    await row.filter({ hasText: '补材料' }).waitFor();
    await action(page, '呼叫下一位').click();
    await page.locator(`${T} .ticket-number[data-number="${second.number}"]`).waitFor();
    // Busy with the next citizen: the parked one waits until the window is free.
    expect(await row.getByRole('button', { name: '恢复办理' }).isDisabled()).toBe(true);
    await screenshot(page, 'counter-parked');
    await action(page, '办结').click();
    await row.getByRole('button', { name: '恢复办理' }).and(page.locator(':not([disabled])')).click();
    await page.locator(`${T} .ticket-number[data-number="${first.number}"]`).waitFor();
    await page.locator(`${T} .note.ok`, { hasText: `${first.number} 恢复办理` }).waitFor();
    expect(await page.locator(`${T} .parked`).count()).toBe(0);
    expect((await srv.get(`${H}/windows/19`, 'manager')).window).toMatchObject({ ticket: { id: first.id, status: 'called' }, parked: [] });
    expect(withoutExpectedNetworkLines(errors, {})).toEqual([]);
    await page.context().close();
  });

  it('the kiosk re-queues a missed ticket from its scanned QR link, and a typed number on its keypad; a second time is refused in words', async () => {
    const first = await issueTicket(srv, 'yuxi', { areaId: 'tax' });
    const second = await issueTicket(srv, 'yuxi', { areaId: 'tax' });
    await srv.post(`${H}/windows/9/sign-in`, 'clerk09');
    for (const t of [first, second]) {
      await srv.post(`${H}/windows/9/call`, 'clerk09', { number: t.number });
      await srv.post(`${H}/windows/9/no-show`, 'clerk09');
    }
    const { page, errors } = await kiosk(srv);

    // A QR scanner types the ticket's link and Enter.
    await page.locator('qms-kiosk button.choice', { hasText: '过号重排' }).click();
    await page.locator('qms-kiosk-keypad h1', { hasText: '过号重排' }).waitFor();
    await screenshot(page, 'kiosk-requeue-keypad');
    await page.keyboard.type(`${srv.url}/ticket/yuxi/${first.key}`);
    await page.keyboard.press('Enter');
    await page.locator('qms-kiosk .done', { hasText: `${first.number} 已重新排队` }).waitFor();
    await screenshot(page, 'kiosk-requeued');
    expect((await srv.get(`${H}/tickets/${first.key}`)).ticket.status).toBe('waiting');

    // The number typed with the letter and digit keys.
    await page.locator('qms-kiosk button.choice', { hasText: '过号重排' }).click();
    const pad = page.locator('qms-kiosk-keypad');
    await pad.locator('.letters button', { hasText: second.number[0]! }).click();
    for (const d of String(Number(second.number.slice(1)))) await pad.locator('.pad button', { hasText: new RegExp(`^${d}$`) }).click();
    await pad.locator('button.primary').click();
    await page.locator('qms-kiosk .done', { hasText: `${second.number} 已重新排队` }).waitFor();

    // Missed again: the one re-queue is used up, and the kiosk says so in Chinese.
    await srv.post(`${H}/windows/9/call`, 'clerk09', { number: second.number });
    await srv.post(`${H}/windows/9/no-show`, 'clerk09');
    await page.locator('qms-kiosk button.choice', { hasText: '过号重排' }).click();
    await page.keyboard.type(second.number);
    await page.keyboard.press('Enter');
    await pad.locator('.alert', { hasText: '该号票已重排过，不能再次重排' }).waitFor();
    await screenshot(page, 'kiosk-requeue-refused');
    expect(withoutExpectedNetworkLines(errors, { statuses: [409] })).toEqual([]);
  });

  it.each([
    ['a Wednesday at 18:00 before the night market', '2026-12-02T18:00:00+08:00', '今日 19:00 夜市开始', 'kiosk-closed-night'],
    ['a Monday evening', '2026-11-30T18:30:00+08:00', '明天 09:00 开始办公', 'kiosk-closed-tomorrow'],
  ])('a closed hall on %s: the kiosk says so before anyone taps, with the next opening', async (_when, at, opens, shot) => {
    const closed = await startServer({ store: 'embedded', clock: new ManualClock(Date.parse(at)), env: { QMS_ALWAYS_OPEN: '0' } });
    try {
      const { page, errors } = await kiosk(closed);
      const notice = page.locator('qms-kiosk .closed');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('现在不在办公时间，暂停取号');
      expect(await notice.textContent()).toContain(opens);
      expect(await page.locator('qms-kiosk button.area:not([disabled])').count()).toBe(0);
      await screenshot(page, shot);
      expect(withoutExpectedNetworkLines(errors, {})).toEqual([]);
    } finally {
      await closed.close();
    }
  });
});
