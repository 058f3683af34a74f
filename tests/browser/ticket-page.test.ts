/**
 * The citizen's phone page for a ticket (`/ticket/<hall>/<credential>`, the QR on the paper) in real
 * Chromium at phone sizes, following a real server through Socket.IO without a sign-in. It shows the
 * ticket and the people ahead; a clerk's calls through the API reach it without a reload: "请到 11 号
 * 窗口" becomes the biggest thing on the page, the phone vibrates (navigator.vibrate, recorded by an
 * init script) and notifies (permission asked on a tap). Recall, service, done, no-show, transfer,
 * a case held (挂起) at a window, an unknown ticket and a server restart (offline banner, then live
 * again) are each shown in words;
 * 中文/English. No horizontal overflow, no script errors.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import { issueTicket, largestText, withoutExpectedNetworkLines } from '../support/screens';
import { expectFitsWidth, LARGE_PHONE, openPhone, SMALL_PHONE, type Phone } from '../support/phone';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const SMALL = SMALL_PHONE;
const LARGE = LARGE_PHONE;

/** What the page asked of the phone: vibration patterns and notifications shown. */
interface Alerts {
  vibrations: unknown[];
  notifications: Array<{ title: string; body: string }>;
  /** Times the page asked for permission to notify. */
  asked: number;
}

// Records what the page asks of the phone, then does it as the browser would.
const RECORD_ALERTS = `
  window.__alerts = { vibrations: [], notifications: [], asked: 0 };
  navigator.vibrate = (pattern) => { window.__alerts.vibrations.push(pattern); return true; };
  if ('Notification' in window) {
    const Real = window.Notification;
    window.Notification = class extends Real {
      constructor(title, options) {
        super(title, options);
        window.__alerts.notifications.push({ title, body: (options && options.body) || '' });
      }
    };
    window.Notification.requestPermission = (...args) => {
      window.__alerts.asked++;
      return Real.requestPermission(...args);
    };
  }
`;

describe('the ticket page on a phone', () => {
  let srv: TestServer;
  let browser: Browser;
  const phones: Phone[] = [];

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const p of phones.splice(0)) await p.close();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  /** A phone; `allowNotifications` as if the citizen had allowed them for this site before. */
  async function phone(path: string, viewport = LARGE, allowNotifications = true): Promise<Phone> {
    const p = await openPhone(browser, srv.url + path, viewport, async (context) => {
      if (allowNotifications) await context.grantPermissions(['notifications'], { origin: srv.url });
      await context.addInitScript(RECORD_ALERTS);
    });
    phones.push(p);
    return p;
  }

  const alerts = (page: Page) => page.evaluate(() => (window as unknown as { __alerts: Alerts }).__alerts);
  const host = (page: Page) => page.locator('qms-ticket-page');
  const callPanel = (page: Page) => page.locator('qms-ticket-page .call');

  /** A mark on the page's window: still there afterwards means the page was never reloaded. */
  const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { __mark: number }).__mark = 42));
  const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { __mark?: number }).__mark === 42);

  it('shows the ticket and follows the queue live: people ahead, the estimate once a window opens, then next', async () => {
    const first = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    const mine = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    const { page, errors } = await phone(`/ticket/yuxi/${mine.key}`);
    // The page reads its ticket over HTTP when it opens; after that the server pushes its figures.
    const reads: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes(`${H}/tickets/`)) reads.push(r.url());
    });
    await host(page).locator('.number', { hasText: mine.number }).waitFor();
    await host(page).locator('.area', { hasText: '不动产联办' }).waitFor();
    await host(page).locator('.status', { hasText: '等候中' }).waitFor();
    await expect(host(page).locator('.figure.ahead .v').textContent()).resolves.toBe('1 人');
    await host(page).locator('.figure.wait', { hasText: '预计等候' }).waitFor();
    await expect(host(page).locator('.status').textContent()).resolves.toContain('等候中');
    await markPage(page);

    // Notifications are asked for on a tap, never on load.
    await page.getByRole('button', { name: '开启叫号提醒' }).click();
    await host(page).locator('.alerts-state', { hasText: '叫号提醒已开启' }).waitFor();
    await screenshot(page, 'ticket-waiting-390');
    await expectFitsWidth(page, LARGE);

    // A window opens: the estimate appears by itself. Then the first citizen is called there, and
    // this page learns it is next.
    await expect(host(page).locator('.figure.wait .v').textContent()).resolves.toBe('暂时无法估计');
    await srv.post(`${H}/windows/3/sign-in`, 'clerk03');
    await host(page)
      .locator('.figure.wait .v', { hasText: /^约 \d+ 分钟$/ })
      .waitFor();
    await screenshot(page, 'ticket-waiting-estimate-390');
    expect((await srv.post(`${H}/windows/3/call-next`, 'clerk03')).ticket.id).toBe(first.id);
    await host(page).locator('.next', { hasText: '下一位就是您' }).waitFor();
    expect((await alerts(page)).vibrations).toEqual([]);
    expect(await stillSamePage(page)).toBe(true);
    // Nothing of the other citizen's ticket reached the page, and no event cost a read.
    // The reminder box asks once, at load, whether text reminders are on; nothing else is read.
    expect(reads.filter((url) => !url.endsWith('/notify'))).toEqual([]);
    expect(reads.filter((url) => url.endsWith('/notify')).length).toBeLessThanOrEqual(1);
    expect(await page.content()).not.toContain(first.key);
    expect(errors).toEqual([]);
  });

  it('when a clerk calls it: "请到 11 号窗口" biggest, vibration and a notification; then recall, service, done', async () => {
    const mine = await issueTicket(srv, 'yuxi', { areaId: 'tax' });
    const { page, errors } = await phone(`/ticket/yuxi/${mine.key}`);
    await host(page).locator('.status', { hasText: '等候中' }).waitFor();
    await page.getByRole('button', { name: '开启叫号提醒' }).click();
    await host(page).locator('.alerts-state', { hasText: '叫号提醒已开启' }).waitFor();
    await markPage(page);

    // Window 11 serves tax and estate.
    await srv.post(`${H}/windows/11/sign-in`, 'clerk11');
    expect((await srv.post(`${H}/windows/11/call-next`, 'clerk11')).ticket.id).toBe(mine.id);
    await callPanel(page).locator('.go', { hasText: '请到 11 号窗口' }).waitFor();
    await callPanel(page)
      .filter({ hasText: `${mine.number} 号，请到 11 号窗口办理` })
      .waitFor();
    await host(page).locator('.status', { hasText: '已呼叫' }).waitFor();
    expect(await stillSamePage(page)).toBe(true);
    const called = await alerts(page);
    expect(called.vibrations).toHaveLength(1);
    expect(called.notifications).toEqual([{ title: '请到 11 号窗口', body: `${mine.number} 号，请到 11 号窗口办理` }]);
    await expect(page.title()).resolves.toContain('请到 11 号窗口');
    // The call is the most prominent thing: the largest type on the page, at the top of the screen.
    const largest = await largestText(page, 'qms-ticket-page');
    expect(largest.text).toBe('11');
    expect(largest.px).toBeGreaterThanOrEqual(90);
    const box = (await callPanel(page).boundingBox())!;
    expect(box.y).toBeLessThan(120);
    expect(box.y + box.height).toBeLessThanOrEqual(LARGE.height);
    await screenshot(page, 'ticket-called-390');
    await expectFitsWidth(page, LARGE);

    // The same moment on a smaller phone that opens the link now.
    const small = await phone(`/ticket/yuxi/${mine.key}`, SMALL);
    await callPanel(small.page).locator('.go', { hasText: '请到 11 号窗口' }).waitFor();
    const smallBox = (await callPanel(small.page).boundingBox())!;
    expect(smallBox.y + smallBox.height).toBeLessThanOrEqual(SMALL.height);
    await screenshot(small.page, 'ticket-called-360');
    await expectFitsWidth(small.page, SMALL);

    // A recall says so and vibrates again.
    await srv.post(`${H}/windows/11/recall`, 'clerk11');
    await callPanel(page).locator('.again', { hasText: '再次呼叫，请尽快前往' }).waitFor();
    await expect.poll(async () => (await alerts(page)).vibrations.length).toBe(2);

    await srv.post(`${H}/windows/11/start`, 'clerk11');
    await host(page).locator('.outcome.serving', { hasText: '正在 11 号窗口办理' }).waitFor();
    await expect(callPanel(page).count()).resolves.toBe(0);
    await srv.post(`${H}/windows/11/complete`, 'clerk11');
    await host(page).locator('.outcome.done', { hasText: '业务已办结' }).waitFor();
    await host(small.page).locator('.outcome.done', { hasText: '业务已办结' }).waitFor();
    await screenshot(small.page, 'ticket-done-360');
    await expectFitsWidth(small.page, SMALL);
    expect(await stillSamePage(page)).toBe(true);
    expect(errors).toEqual([]);
    expect(small.errors).toEqual([]);
  });

  it('switches to English with the toggle and opens in English with ?lang=en', async () => {
    const ahead = await issueTicket(srv, 'yuxi', { areaId: 'police' });
    const mine = await issueTicket(srv, 'yuxi', { areaId: 'police' });
    const { page, errors } = await phone(`/ticket/yuxi/${mine.key}`, SMALL, false);
    await host(page).locator('.status', { hasText: '等候中' }).waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await host(page).locator('.number-label', { hasText: 'Your number' }).waitFor();
    await host(page).locator('.status', { hasText: 'Waiting' }).waitFor();
    await host(page).locator('.figure.ahead', { hasText: 'Ahead of you' }).waitFor();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await screenshot(page, 'ticket-waiting-en-360');
    await expectFitsWidth(page, SMALL);
    // Permission to notify is asked on the citizen's tap, not when the page opens.
    expect((await alerts(page)).asked).toBe(0);
    await page.getByRole('button', { name: 'Turn on call alerts' }).click();
    await host(page).locator('.alerts-state').waitFor();
    expect((await alerts(page)).asked).toBe(1);

    const en = await phone(`/ticket/yuxi/${mine.key}?lang=en`, LARGE);
    await host(en.page).locator('.status', { hasText: 'Waiting' }).waitFor();
    await srv.post(`${H}/windows/19/sign-in`, 'clerk19');
    expect((await srv.post(`${H}/windows/19/call-next`, 'clerk19')).ticket.id).toBe(ahead.id);
    await srv.post(`${H}/windows/20/sign-in`, 'clerk20');
    expect((await srv.post(`${H}/windows/20/call-next`, 'clerk20')).ticket.id).toBe(mine.id);
    await callPanel(en.page).locator('.go', { hasText: 'Please go to window 20' }).waitFor();
    await callPanel(page).locator('.go', { hasText: 'Please go to window 20' }).waitFor();
    expect((await alerts(en.page)).vibrations).toHaveLength(1);
    await screenshot(en.page, 'ticket-called-en-390');
    await expectFitsWidth(en.page, LARGE);
    // And back to Chinese.
    await en.page.getByRole('button', { name: '切换到中文' }).click();
    await callPanel(en.page).locator('.go', { hasText: '请到 20 号窗口' }).waitFor();
    expect(errors).toEqual([]);
    expect(en.errors).toEqual([]);
  });

  it('explains a missed call, a transfer to another area, a case held at a window and an unknown ticket', async () => {
    const missed = await issueTicket(srv, 'yuxi', { areaId: 'fund' });
    const moved = await issueTicket(srv, 'yuxi', { areaId: 'tax' });
    const a = await phone(`/ticket/yuxi/${missed.key}`, SMALL);
    const b = await phone(`/ticket/yuxi/${moved.key}`, SMALL);
    await host(a.page).locator('.status', { hasText: '等候中' }).waitFor();
    await host(b.page).locator('.status', { hasText: '等候中' }).waitFor();

    await srv.post(`${H}/windows/14/sign-in`, 'clerk14');
    expect((await srv.post(`${H}/windows/14/call-next`, 'clerk14')).ticket.id).toBe(missed.id);
    await callPanel(a.page).locator('.go', { hasText: '请到 14 号窗口' }).waitFor();
    await srv.post(`${H}/windows/14/no-show`, 'clerk14');
    await host(a.page).locator('.outcome.no_show', { hasText: '您已过号' }).waitFor();
    // 过号重排 keeps the number: the page says for how long and where, from the hall's policy.
    await host(a.page).locator('.outcome.no_show', { hasText: '过号后 60 分钟内' }).waitFor();
    await host(a.page).locator('.outcome.no_show', { hasText: '号码保留，排在 3 位等候者之后' }).waitFor();
    await screenshot(a.page, 'ticket-no-show-360');
    await expectFitsWidth(a.page, SMALL);

    // 联办: served at tax, then sent on to the estate area without queueing from the back.
    await srv.post(`${H}/windows/9/sign-in`, 'clerk09');
    expect((await srv.post(`${H}/windows/9/call-next`, 'clerk09')).ticket.id).toBe(moved.id);
    await callPanel(b.page).waitFor();
    await srv.post(`${H}/windows/9/start`, 'clerk09');
    await srv.post(`${H}/windows/9/transfer`, 'clerk09', { areaId: 'estate' });
    await host(b.page).locator('.outcome.transferred', { hasText: '已转至「不动产联办」继续办理' }).waitFor();
    await host(b.page).locator('.area', { hasText: '不动产联办' }).waitFor();
    await host(b.page).locator('.status', { hasText: '等候中' }).waitFor();
    await screenshot(b.page, 'ticket-transferred-360');
    await expectFitsWidth(b.page, SMALL);

    // 挂起: the clerk holds the case while the citizen fetches a document; the page says where to come back.
    const held = await issueTicket(srv, 'yuxi', { areaId: 'tax' });
    const c = await phone(`/ticket/yuxi/${held.key}`, SMALL);
    await host(c.page).locator('.status', { hasText: '等候中' }).waitFor();
    await srv.post(`${H}/windows/9/call`, 'clerk09', { number: held.number });
    await srv.post(`${H}/windows/9/start`, 'clerk09');
    await srv.post(`${H}/windows/9/park`, 'clerk09', { reason: '回家取户口本' });
    await host(c.page).locator('.outcome.parked', { hasText: '9 号窗口为您保留办理' }).waitFor();
    await host(c.page).locator('.outcome.parked', { hasText: '无需重新取号' }).waitFor();
    await expectFitsWidth(c.page, SMALL);

    const unknown = await phone('/ticket/yuxi/not-a-ticket', SMALL);
    await host(unknown.page).locator('.outcome.gone', { hasText: '未找到该号票' }).waitFor();
    await screenshot(unknown.page, 'ticket-unknown-360');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(c.errors).toEqual([]);
    expect(withoutExpectedNetworkLines(unknown.errors, { statuses: [404] })).toEqual([]);
  });

  it('shows an offline banner while the server is down, and follows the ticket again when it is back', async () => {
    const mine = await issueTicket(srv, 'yuxi', { areaId: 'insurance' });
    const { page, errors } = await phone(`/ticket/yuxi/${mine.key}`, SMALL);
    await host(page).locator('.status', { hasText: '等候中' }).waitFor();
    await markPage(page);

    const port = Number(new URL(srv.url).port);
    const dataDir = srv.dataDir;
    await srv.close({ keepData: true });
    await host(page).locator('.offline', { hasText: '网络连接中断，正在重连' }).waitFor();
    await host(page).locator('.number', { hasText: mine.number }).waitFor();
    await screenshot(page, 'ticket-offline-360');
    await expectFitsWidth(page, SMALL);

    srv = await startServer({ store: 'embedded', dataDir, port });
    await host(page).locator('.offline').waitFor({ state: 'detached' });
    await srv.post(`${H}/windows/16/sign-in`, 'clerk16');
    expect((await srv.post(`${H}/windows/16/call-next`, 'clerk16')).ticket.id).toBe(mine.id);
    await callPanel(page).locator('.go', { hasText: '请到 16 号窗口' }).waitFor();
    expect(await stillSamePage(page)).toBe(true);
    expect(withoutExpectedNetworkLines(errors, { websocket: true })).toEqual([]);
  });
});
