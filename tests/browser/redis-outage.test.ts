/**
 * Redis goes away under a running hall: the wall board keeps its last state under the offline
 * banner, and when Redis is back it recovers by itself and shows the next call.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { RedisProcess } from '../support/redis';
import { signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';

describe('the wall board through a Redis outage', () => {
  let redis: RedisProcess;
  let srv: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    srv = await startServer({ store: 'redis', redisUrl: redis.url });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await redis?.stop();
  });

  it('shows the last state with the banner while Redis is down, then the next call', async () => {
    await srv.post(`${H}/windows/4/sign-in`, 'clerk04');
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'estate' }, 201);
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'estate' }, 201);
    const { page, errors } = await openPage(browser, `${srv.url}/display/hall?hall=yuxi`);
    await signIn(page, 'display01');
    await srv.post(`${H}/windows/4/call-next`, 'clerk04');
    const board = page.locator('qms-hall-board');
    await board.getByText('B001').first().waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByText('连接中断，正在重连').count()).toBe(0);

    await redis.kill();
    const refused = await srv.request('POST', `${H}/windows/4/complete`, { as: 'clerk04', body: {} });
    expect([refused.status, refused.body.error.code]).toEqual([503, 'store_unavailable']);
    await page.getByText('连接中断，正在重连').first().waitFor({ timeout: 10_000 });
    expect(await board.getByText('B001').count()).toBeGreaterThan(0); // the last state stays on the wall
    await screenshot(page, 'hall-board-redis-down');

    await redis.restart();
    await page.getByText('连接中断，正在重连').first().waitFor({ state: 'detached', timeout: 15_000 });
    await vi.waitFor(async () => expect((await srv.request('POST', `${H}/windows/4/complete`, { as: 'clerk04', body: {} })).status).toBe(200), {
      timeout: 10_000,
    });
    await srv.post(`${H}/windows/4/call-next`, 'clerk04');
    await board.getByText('B002').first().waitFor({ timeout: 10_000 });
    // While Redis is away the board's own requests are answered 503 store_unavailable, by design.
    expect(withoutExpectedNetworkLines(errors, { websocket: true, statuses: [503] })).toEqual([]);
  });
});
