import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { issueTicket, signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';

describe('the wall board across a server restart', () => {
  let browser: Browser;
  /** Servers still listening, and the data directory they share. */
  const running = new Set<TestServer>();
  let dataDir: string | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of running) await s.close({ keepData: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the last state under a banner while the server is away, then shows the next call', async () => {
    const first = await startServer({ store: 'embedded' });
    running.add(first);
    dataDir = first.dataDir;
    const b1 = await issueTicket(first, 'yuxi', { areaId: 'estate' });
    const b2 = await issueTicket(first, 'yuxi', { areaId: 'estate' });
    await first.post(`${H}/windows/3/sign-in`, 'clerk03');
    await first.post(`${H}/windows/3/call-next`, 'clerk03');

    const { page, errors } = await openPage(browser, `${first.url}/display/hall?hall=yuxi`);
    await signIn(page, 'display01');
    const latest = page.locator('qms-hall-board .latest-call');
    await page.locator(`qms-hall-board .latest-call[data-number="${b1.number}"]`).waitFor();
    const banner = page.locator('qms-connection-banner .offline-banner');
    expect(await banner.count()).toBe(0);

    // The server goes away (its journal stays on disk).
    const port = Number(new URL(first.url).port);
    await first.close({ keepData: true });
    running.delete(first);
    await banner.waitFor();
    expect(await banner.textContent()).toBe('连接中断，正在重连');
    expect(await latest.getAttribute('data-number')).toBe(b1.number);
    expect(await page.locator('qms-hall-board .area').count()).toBe(8);
    await screenshot(page, 'hall-board-offline');

    // A new server on the same address and data: the board comes back by itself.
    const second = await startServer({ store: 'embedded', dataDir: first.dataDir, port });
    running.add(second);
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await latest.getAttribute('data-number')).toBe(b1.number);

    await second.post(`${H}/windows/3/complete`, 'clerk03');
    await second.post(`${H}/windows/3/call-next`, 'clerk03');
    await page.locator(`qms-hall-board .latest-call[data-number="${b2.number}"]`).waitFor();
    expect((await latest.innerText()).replace(/\s+/g, ' ')).toContain(`请 ${b2.number} 号 到 3 号窗口`);

    // Only the browser's own lines about the refused reconnect attempts; no script errors.
    expect(withoutExpectedNetworkLines(errors, { websocket: true })).toEqual([]);
  }, 90_000);
});
