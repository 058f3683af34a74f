/**
 * 排班建议 on the manager page in Chromium, zh-CN and English: on five weeks of generated history,
 * tomorrow's table shows per area and open hour the windows the API advises, the configured
 * windows beside them, short hours marked red and spare ones grey; the week shows the open days;
 * screenshots kept under /tmp/shots-forecast/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { daysBefore, DEFAULT_PLAN, writeHistory } from '../../server/app/history-generator';
import { YUXI } from '../../server/config/demo-halls';
import { withOfficialDays } from '../../server/config/official-calendar';
import { addDays } from '../../server/domain/time';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { launchBrowser, openPage } from '../support/browser';
import { signIn } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const TODAY = '2026-11-26'; // a Thursday: tomorrow is a Friday
const TOMORROW = addDays(TODAY, 1);
const SHOTS = '/tmp/shots-forecast';

interface Cell {
  hour: number;
  windows: number;
  configured: number;
  gap: number;
}

describe('the staffing advice on the manager page', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qms-staffing-'));
  let srv: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    const store = await EmbeddedEventStore.open({ dataDir, maxStreams: 4 });
    await writeHistory(store, { ...YUXI, calendar: withOfficialDays(YUXI.calendar) }, daysBefore(TODAY, 35), {
      ...DEFAULT_PLAN,
      tickets: 150,
      seed: 8,
      calendarEffects: true,
    });
    await store.close();
    srv = await startServer({ store: 'embedded', dataDir, clock: new ManualClock(Date.parse(`${TODAY}T10:00:00+08:00`)) });
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows tomorrow as the API advises it, gaps marked (zh-CN), and the week', async () => {
    const advice = await srv.get(`${H}/staffing?from=${TOMORROW}&to=${TOMORROW}`, 'manager');
    const { page, errors } = await openPage(browser, `${srv.url}/manager?hall=yuxi`);
    await signIn(page, 'manager');
    await page.locator('button[data-tab="staffing"]').click();
    const table = page.locator(`qms-staffing-advice section[data-day="${TOMORROW}"]`);
    await table.waitFor();
    expect(await page.locator('qms-staffing-advice h2').first().textContent()).toBe('排班建议');
    expect(await page.locator('qms-staffing-advice [data-target]').textContent()).toBe('目标：九成群众等候不超过 20 分钟');
    let short = 0;
    let spare = 0;
    for (const area of advice.days[0].areas as Array<{ areaId: string; hours: Cell[] }>) {
      const row = table.locator(`tr[data-area="${area.areaId}"]`);
      expect(await row.locator('[data-configured]').textContent()).toBe(String(area.hours[0]!.configured));
      for (const h of area.hours) {
        const cell = row.locator(`td[data-hour="${h.hour}"]`);
        expect((await cell.textContent())!.startsWith(String(h.windows))).toBe(true);
        expect(await cell.getAttribute('class')).toContain(h.gap > 0 ? 'short' : h.gap < 0 ? 'spare' : 'ok');
        if (h.gap > 0) short++;
        if (h.gap < 0) spare++;
      }
    }
    expect(await table.locator('td.short').count()).toBe(short);
    expect(await table.locator('td.spare').count()).toBe(spare);
    expect(short + spare).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/staffing-tomorrow-zh.png`, fullPage: true });

    await page.locator('qms-staffing-advice button[data-span="week"]').click();
    // Friday, then Monday to Thursday: the weekend is closed.
    await expect.poll(() => page.locator('qms-staffing-advice section[data-day]').count()).toBe(5);
    expect(await page.locator('qms-staffing-advice section[data-day]').evaluateAll((s) => s.map((x) => x.getAttribute('data-day')))).toEqual(
      [0, 3, 4, 5, 6].map((i) => addDays(TOMORROW, i)),
    );
    await page.screenshot({ path: `${SHOTS}/staffing-week-zh.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it('speaks English on the English page', async () => {
    const { page, errors } = await openPage(browser, `${srv.url}/manager?hall=yuxi&lang=en`);
    await signIn(page, 'manager');
    await page.locator('button[data-tab="staffing"]').click();
    await page.locator(`qms-staffing-advice section[data-day="${TOMORROW}"]`).waitFor();
    expect(await page.locator('button[data-tab="staffing"]').textContent()).toBe('Staffing advice');
    expect(await page.locator('qms-staffing-advice [data-target]').textContent()).toBe('Target: 9 in 10 citizens wait at most 20 min');
    expect(await page.locator('qms-staffing-advice thead th').nth(1).textContent()).toBe('Configured');
    await page.screenshot({ path: `${SHOTS}/staffing-tomorrow-en.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
