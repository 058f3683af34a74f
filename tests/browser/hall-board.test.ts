import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PlayedCall } from '../../displays/hall-board/call-announcer';
import { launchBrowser, openPage } from '../support/browser';
import { holdBackHallEvents, issueTicket, signIn, withoutExpectedNetworkLines } from '../support/screens';
import { loadHalls } from '../../server/config/halls';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
/** The board's own chime: two tones of 0.6 s. */
const CHIME_SECONDS = 1.2;

async function played(page: Page, atLeast: number): Promise<PlayedCall[]> {
  await page.waitForFunction((n) => (document.querySelector('qms-hall-board')?.played.length ?? 0) >= n, atLeast, { timeout: 60_000 });
  return page.evaluate(() => document.querySelector('qms-hall-board')!.played.map((p) => ({ ...p })));
}

/** 404s are allowed only while the voice endpoint is not there and the board falls back to its chime. */
function expectedStatuses(calls: PlayedCall[]): number[] {
  return calls.some((c) => c.kind === 'chime') ? [404] : [];
}

describe('the wall board', () => {
  let srv: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    await srv?.close();
    // One spoken repetition per call (the default is two) keeps these real-time tests short.
    const halls = loadHalls({ configPath: null, demo: true });
    halls.halls.find((h) => h.id === 'yuxi')!.voice = { repeats: 1 };
    srv = await startServer({ store: 'embedded', halls });
    await srv.post(`${H}/windows/3/sign-in`, 'clerk03');
    await srv.post(`${H}/windows/4/sign-in`, 'clerk04');
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('after the 启用声音 tap plays every call once, in order, never two at a time', async () => {
    const b1 = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    const b2 = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    const { page, errors } = await openPage(browser, `${srv.url}/display/hall?hall=yuxi`);
    await signIn(page, 'display01');
    await page.getByRole('button', { name: '启用声音' }).click();
    await page.getByText('声音已开启').waitFor();

    // Three calls in quick succession: the board queues them.
    await srv.post(`${H}/windows/3/call-next`, 'clerk03');
    await srv.post(`${H}/windows/4/call-next`, 'clerk04');
    await srv.post(`${H}/windows/3/recall`, 'clerk03');

    // The recall is the latest call on the wall at once, marked as called again in words.
    const latest = page.locator(`qms-hall-board .latest-call[data-number="${b1.number}"]`);
    await latest.locator('.badge', { hasText: '重复呼叫' }).waitFor();

    const calls = await played(page, 3);
    expect(calls.map((c) => `${c.number}@${c.windowNumber}${c.recall ? ' again' : ''}`)).toEqual([
      `${b1.number}@3`,
      `${b2.number}@4`,
      `${b1.number}@3 again`,
    ]);
    for (const [i, c] of calls.entries()) {
      const seconds = c.end - c.start;
      if (c.kind === 'chime') expect(seconds).toBeCloseTo(CHIME_SECONDS, 1);
      else expect(seconds).toBeGreaterThan(1.5);
      // Each starts only after the one before it ended, on the audio clock.
      if (i > 0) expect(c.start).toBeGreaterThanOrEqual(calls[i - 1]!.end - 0.005);
    }
    console.log('played', calls.map((c) => `${c.number}@${c.windowNumber} ${c.kind} ${(c.end - c.start).toFixed(3)}s from ${c.start.toFixed(3)}`));
    expect(withoutExpectedNetworkLines(errors, { statuses: expectedStatuses(calls) })).toEqual([]);
  }, 90_000);

  it('asks hall:sync for pushes it missed, so no call goes unannounced', async () => {
    const b1 = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    const b2 = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    const { page, errors } = await openPage(browser, `${srv.url}/display/hall?hall=yuxi`);
    const hold = await holdBackHallEvents(page);
    await signIn(page, 'display01');
    await page.getByRole('button', { name: '启用声音' }).click();
    await page.locator('qms-hall-board .latest-call .no-call').waitFor();

    // The push of the first call never reaches the board.
    hold.holding = true;
    const dropped = hold.nextDrop();
    await srv.post(`${H}/windows/3/call-next`, 'clerk03');
    await dropped;
    hold.holding = false;

    // The next push shows a gap; the board fetches the missing event and plays both calls in order.
    await srv.post(`${H}/windows/4/call-next`, 'clerk04');
    const calls = await played(page, 2);
    expect(calls.map((c) => `${c.number}@${c.windowNumber}`)).toEqual([`${b1.number}@3`, `${b2.number}@4`]);
    await page.locator(`qms-hall-board .latest-call[data-number="${b2.number}"]`).waitFor();
    await page.locator('qms-hall-board .recent li', { hasText: b1.number }).waitFor();
    expect(hold.dropped).toBe(1);
    expect(withoutExpectedNetworkLines(errors, { statuses: expectedStatuses(calls) })).toEqual([]);
  }, 90_000);
});
