/**
 * The hall's public page (`/hall-info?hall=yuxi`, no sign-in) in Chromium, on five weeks of
 * generated history with the server clock at Thursday 10:00: zh-CN on a 390-wide phone and English
 * at 1920 show the hall's name, today's hours, and the heat map for the area picked; nothing
 * overflows and no script fails. Screenshots under .test-artifacts/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../server/app/clock';
import { daysBefore, DEFAULT_PLAN, writeHistory } from '../../server/app/history-generator';
import { YUXI } from '../../server/config/demo-halls';
import { withOfficialDays } from '../../server/config/official-calendar';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { launchBrowser, screenshot } from '../support/browser';
import { expectFitsWidth, LARGE_PHONE, openPhone, type Phone } from '../support/phone';
import { startServer, type TestServer } from '../support/server';

const TODAY = '2026-11-26'; // a Thursday

describe("the hall's public page", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qms-hall-info-'));
  const clock = new ManualClock(Date.parse(`${TODAY}T10:00:00+08:00`));
  let srv: TestServer;
  let browser: Browser;
  const phones: Phone[] = [];

  beforeAll(async () => {
    const store = await EmbeddedEventStore.open({ dataDir, maxStreams: 4 });
    await writeHistory(store, { ...YUXI, calendar: withOfficialDays(YUXI.calendar) }, daysBefore(TODAY, 35), {
      ...DEFAULT_PLAN,
      tickets: 400,
      seed: 8,
      calendarEffects: true,
    });
    await store.close();
    srv = await startServer({ store: 'embedded', dataDir, clock, env: { QMS_ALWAYS_OPEN: '0' } });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    for (const p of phones) await p.close();
    await browser?.close();
    await srv?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('zh-CN at 390 and English at 1920: name, hours, the heat map of the area picked, a link to book', async () => {
    const second = YUXI.areas[1]!;
    const runs: Array<[string, { width: number; height: number }, { hours: string; book: string }]> = [
      ['', LARGE_PHONE, { hours: '今日开放时间', book: '网上预约' }],
      ['&lang=en', { width: 1920, height: 1080 }, { hours: 'Open today', book: 'Book an appointment' }],
    ];
    for (const [lang, viewport, words] of runs) {
      const p = await openPhone(browser, `${srv.url}/hall-info?hall=yuxi${lang}`, viewport, (c) => c.clock.install({ time: clock.now() }));
      phones.push(p);
      const { page } = p;
      await expect.poll(() => page.locator('qms-hall-info h1').textContent(), { timeout: 20_000 }).toContain(YUXI.name);
      await expect.poll(() => page.locator('qms-hall-info h2').first().textContent()).toContain(words.hours);
      await expect.poll(() => page.locator('qms-hall-info [data-hours]').textContent()).toMatch(/\d\d:\d\d–\d\d:\d\d/);
      await page.locator('qms-hall-info select').selectOption(second.id);
      await expect.poll(() => page.locator('qms-best-time td[data-level]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
      const book = page.locator('qms-hall-info a.book');
      expect(await book.textContent()).toContain(words.book);
      expect(await book.getAttribute('href')).toBe(`/book?hall=yuxi${lang}`);
      await expectFitsWidth(page, viewport);
      await screenshot(page, `hall-info-${viewport.width}`);
      expect(p.errors).toEqual([]);
    }
  }, 120_000);
});
