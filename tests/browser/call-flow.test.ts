import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { issueTicket, signIn } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';

describe('a call from the counter reaches the wall board and the window display', () => {
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

  it('shows the number the clerk called on both screens, each a page of its own', async () => {
    const first = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    const second = await issueTicket(srv, 'yuxi', { areaId: 'estate' });

    const board = await openPage(browser, `${srv.url}/display/hall?hall=yuxi`);
    await signIn(board.page, 'display01');
    const win = await openPage(browser, `${srv.url}/display/window?hall=yuxi&window=3`, { width: 1366, height: 768 });
    await signIn(win.page, 'display01');
    const counter = await openPage(browser, `${srv.url}/counter?hall=yuxi&window=3`);
    await signIn(counter.page, 'clerk03');

    // The window is closed until the clerk signs in at the counter.
    await win.page.locator('qms-window-display .screen[data-status="closed"]').waitFor();
    await counter.page.getByRole('button', { name: '签到开窗' }).click();
    await win.page.locator('qms-window-display .screen[data-status="open"]').waitFor();
    await expect(win.page.locator('qms-window-display .clerk-name').textContent()).resolves.toBe('张敏');
    await expect(win.page.locator('qms-window-display .staff-no').textContent()).resolves.toBe('YX103');

    await counter.page.getByRole('button', { name: '呼叫下一位' }).click();

    const latest = board.page.locator(`qms-hall-board .latest-call[data-number="${first.number}"]`);
    await latest.waitFor();
    expect((await latest.innerText()).replace(/\s+/g, ' ')).toContain(`请 ${first.number} 号 到 3 号窗口`);
    await win.page.locator(`qms-window-display main.current[data-number="${first.number}"]`).waitFor();
    await expect(counter.page.locator('qms-counter-terminal .ticket-number').textContent()).resolves.toBe(first.number);

    // The call went through the server, not just the page.
    const view = await srv.get(`${H}/tickets/${first.key}`);
    expect(view.ticket).toMatchObject({ status: 'called', windowId: '3' });

    // The next call replaces it everywhere: window 3's tile on the board shows the new number, the finished one is gone.
    await counter.page.getByRole('button', { name: '办结' }).click();
    await counter.page.getByRole('button', { name: '呼叫下一位' }).click();
    await board.page.locator(`qms-hall-board .latest-call[data-number="${second.number}"]`).waitFor();
    await board.page.locator(`qms-hall-board .tile.newest[data-window="3"][data-number="${second.number}"]`).waitFor();
    expect(await board.page.locator(`qms-hall-board .tile[data-number="${first.number}"]`).count()).toBe(0);
    await win.page.locator(`qms-window-display main.current[data-number="${second.number}"]`).waitFor();

    await screenshot(board.page, 'call-flow-board');
    await screenshot(win.page, 'call-flow-window');
    await screenshot(counter.page, 'call-flow-counter');

    expect(board.errors).toEqual([]);
    expect(win.errors).toEqual([]);
    expect(counter.errors).toEqual([]);
  }, 90_000);
});
