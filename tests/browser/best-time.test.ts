/**
 * The best time to come in Chromium, on five weeks of generated history with a server clock held
 * at Thursday 10:00: the booking page's heat map (zh-CN and English, 390 and 1920 wide) shows
 * each open hour's expected wait as the API gives it, in numbers and words beside the colour;
 * the phone page of a ticket with a long wait names the next quieter time today, as
 * `nextQuieterTime` does from the same answer. Screenshots under .test-artifacts/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../server/app/clock';
import { daysBefore, DEFAULT_PLAN, writeHistory } from '../../server/app/history-generator';
import { YUXI } from '../../server/config/demo-halls';
import { withOfficialDays } from '../../server/config/official-calendar';
import { LONG_WAIT_MINUTES, nextQuieterTime, type BestTimeDay } from '../../server/domain/best-time';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { launchBrowser, screenshot } from '../support/browser';
import { expectFitsWidth, LARGE_PHONE, openPhone, type Phone } from '../support/phone';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const TODAY = '2026-11-26'; // a Thursday
const WIDE = { width: 1920, height: 1080 };

describe('the best time to come', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qms-best-time-'));
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
    // One estate window open: the live wait "now" has a window to play out.
    await srv.post(`${H}/windows/3/sign-in`, 'clerk03');
  }, 180_000);
  afterAll(async () => {
    for (const p of phones) await p.close();
    await browser?.close();
    await srv?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function phone(path: string, viewport: { width: number; height: number }): Promise<Phone> {
    const p = await openPhone(browser, srv.url + path, viewport, (context) => context.clock.install({ time: clock.now() }));
    phones.push(p);
    return p;
  }

  /** Every cell of the map against the API's answer: its minutes, its level, its words (read in one go). */
  async function expectGrid(page: Page, days: BestTimeDay[], level: Record<string, string>): Promise<void> {
    const shown = await page.locator('qms-best-time td[data-level]').evaluateAll((tds) =>
      tds.map((td) => ({
        key: `${td.getAttribute('data-day')}@${td.getAttribute('data-hour')}`,
        wait: td.getAttribute('data-wait'),
        level: td.getAttribute('data-level'),
        text: td.textContent.trim(),
        label: td.getAttribute('aria-label'),
      })),
    );
    const expected = days.flatMap((d) => d.hours.map((h) => ({ key: `${d.day}@${h.hour}`, h })));
    expect(shown.map((c) => c.key)).toEqual(expect.arrayContaining(expected.map((e) => e.key)));
    expect(shown).toHaveLength(expected.length);
    for (const { key, h } of expected) {
      const c = shown.find((x) => x.key === key)!;
      expect(c.wait, key).toBe(String(h.waitMinutes));
      expect(c.level, key).toBe(h.level);
      expect(c.text, key).toContain(String(h.waitMinutes));
      expect(c.label, key).toContain(level[h.level!]);
    }
  }

  it('the booking page shows the week as a heat map with numbers and words, zh-CN and English, 390 and 1920 wide', async () => {
    const answer = await srv.get(`${H}/best-time?serviceId=estate-02`);
    const open = (answer.days as BestTimeDay[]).filter((d) => d.hours.length > 0);
    // A busy history: the week is not all one level.
    expect(new Set(open.flatMap((d) => d.hours.map((h) => h.level))).size).toBeGreaterThan(1);
    const words = {
      'zh-CN': { title: '什么时候来人少', now: '现在约', levels: { quiet: '人少', fair: '一般', busy: '人多', very_busy: '很挤' } },
      en: { title: 'When to come: expected wait', now: 'now about', levels: { quiet: 'Quiet', fair: 'Fair', busy: 'Busy', very_busy: 'Very busy' } },
    } as const;
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const viewport of [LARGE_PHONE, WIDE]) {
        const { page, errors } = await phone(`/book?hall=yuxi&lang=${lang}`, viewport);
        await page.locator('qms-booking input[name="search"]').fill(lang === 'en' ? 'estate' : '不动产');
        await page.locator('qms-booking button.area, qms-booking button.hit').first().waitFor();
        // Chosen by its service item, as a citizen searching would.
        await page
          .locator('qms-booking qms-booking-area')
          .evaluate((el) =>
            el.dispatchEvent(new CustomEvent('qms-booking-choose', { detail: { areaId: 'estate', serviceId: 'estate-02' }, bubbles: true, composed: true })),
          );
        await page.locator('qms-best-time td[data-level]').first().waitFor();
        expect(await page.locator('qms-best-time h2').textContent()).toBe(words[lang].title);
        const summary = (await page.locator('qms-best-time [data-summary]').textContent())!;
        expect(summary).toContain(words[lang].now);
        expect(summary).toContain(lang === 'en' ? `now about ${answer.now.waitMinutes} min` : `现在约 ${answer.now.waitMinutes} 分钟`);
        await expectGrid(page, open, words[lang].levels);
        // The columns are the open days, today first.
        expect(await page.locator('qms-best-time thead th[data-day]').evaluateAll((ths) => ths.map((t) => t.getAttribute('data-day')))).toEqual(
          open.map((d) => d.day),
        );
        for (const l of Object.values(words[lang].levels)) await expect(page.locator('qms-best-time ul.legend').textContent()).resolves.toContain(l);
        if (viewport === LARGE_PHONE) await expectFitsWidth(page, viewport);
        await screenshot(page, `best-time-booking-${lang}-${viewport.width}`);
        // The dates are still there below it: the map helps choosing, it does not replace it.
        await page.locator('qms-booking button.day').first().waitFor();
        expect(errors).toEqual([]);
      }
    }
  }, 120_000);

  it('the phone page of a ticket with a long wait names the next quieter time today', async () => {
    let last: { ticketUrl: string } | null = null;
    for (let i = 0; i < 40; i++) last = await srv.post<{ ticketUrl: string }>(`${H}/tickets`, 'kiosk01', { areaId: 'estate' }, 201);
    const path = new URL(last!.ticketUrl).pathname;
    const credential = decodeURIComponent(path.split('/').at(-1)!);
    const { ticket } = await srv.get(`${H}/tickets/${encodeURIComponent(credential)}`);
    expect(ticket.estimatedWaitMinutes).toBeGreaterThanOrEqual(LONG_WAIT_MINUTES);
    const answer = await srv.get(`${H}/best-time?areaId=estate`);
    const expected = nextQuieterTime(
      answer.days.find((d: BestTimeDay) => d.day === TODAY),
      answer.now.minuteOfDay,
      ticket.estimatedWaitMinutes,
    );
    // Not before the queue there now is served: the line never sends a citizen back into it.
    expect(expected!.hour * 60).toBeGreaterThanOrEqual(answer.now.minuteOfDay + ticket.estimatedWaitMinutes);
    expect(expected).not.toBeNull();

    for (const lang of ['zh-CN', 'en'] as const) {
      const { page, errors } = await phone(`${path}?lang=${lang}`, LARGE_PHONE);
      const line = page.locator('qms-ticket-page .quieter');
      await line.waitFor();
      expect(await line.getAttribute('data-quieter-hour')).toBe(String(expected!.hour));
      const hh = `${String(expected!.hour).padStart(2, '0')}:00`;
      const text = (await line.textContent())!;
      expect(text).toContain(hh);
      expect(text).toContain(lang === 'en' ? `about ${expected!.waitMinutes} min` : `约 ${expected!.waitMinutes} 分钟`);
      await expectFitsWidth(page, LARGE_PHONE);
      await screenshot(page, `best-time-ticket-${lang}-390`);
      expect(errors).toEqual([]);
    }

    // A short wait says nothing of quieter times: the first ticket of a served queue.
    await srv.post(`${H}/windows/11/sign-in`, 'clerk11');
    const first = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201);
    const { page } = await phone(new URL(first.ticketUrl).pathname, LARGE_PHONE);
    await page.locator('qms-ticket-page .number').waitFor();
    await page.locator('qms-ticket-page .figures, qms-ticket-page .next').first().waitFor();
    expect(await page.locator('qms-ticket-page .quieter').count()).toBe(0);
  }, 120_000);
});
