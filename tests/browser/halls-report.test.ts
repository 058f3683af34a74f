/**
 * The report across halls (`/reports`) in real Chromium at 1920×1080, over generated weeks of the
 * two demo halls: a hall manager is turned away; the city manager sees both halls with the API's
 * figures, changes the range (kept in the address), switches to English and downloads the CSV
 * (with its byte-order mark). Screenshots are kept.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { daysBefore, DEFAULT_PLAN, writeHistory } from '../../server/app/history-generator';
import { TONGHAI, YUXI } from '../../server/config/demo-halls';
import type { HallReportRow } from '../../server/domain/halls-report';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { launchBrowser, openPage, screenshot, type WatchedPage } from '../support/browser';
import { signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const TODAY = '2026-11-26';
const DAYS = daysBefore(TODAY, 35);
const FROM = DAYS[0]!;
const TO = DAYS.at(-1)!;

describe('the report across halls in Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qms-halls-page-'));
  let srv: TestServer;
  let browser: Browser;
  let w: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    const store = await EmbeddedEventStore.open({ dataDir, maxStreams: 4 });
    await writeHistory(store, YUXI, DAYS, { ...DEFAULT_PLAN, tickets: 60, seed: 21, everyDay: true });
    await writeHistory(store, TONGHAI, DAYS, { ...DEFAULT_PLAN, tickets: 30, seed: 22, everyDay: true });
    await store.close();
    srv = await startServer({ store: 'embedded', dataDir, clock: new ManualClock(Date.parse(`${TODAY}T10:00:00+08:00`)) });
    browser = await launchBrowser();
    w = await openPage(browser, `${srv.url}/reports?from=${FROM}&to=${TO}`);
    page = w.page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const report = () => page.locator('qms-halls-report');
  const cell = (hallId: string, figure: string) => report().locator(`tr[data-hall="${hallId}"] td[data-figure="${figure}"]`);
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

  async function expectRows(rows: HallReportRow[]): Promise<void> {
    await expect.poll(() => report().locator('tbody tr').count()).toBe(rows.length);
    for (const r of rows) {
      await expect.poll(() => cell(r.hallId, 'issued').textContent()).toBe(String(r.issued));
      expect(await cell(r.hallId, 'served').textContent()).toBe(String(r.served));
      expect(await cell(r.hallId, 'no-show-rate').textContent()).toBe(pct(r.noShowRate));
      expect(await cell(r.hallId, 'good-rate').textContent()).toBe(pct(r.goodRate));
      expect(await cell(r.hallId, 'bad-ratings').textContent()).toBe(String(r.badRatings));
      expect(await cell(r.hallId, 'overdue').textContent()).toBe(String(r.overdueFollowUps));
      expect(await report().locator(`tr[data-hall="${r.hallId}"] td.hall-name`).textContent()).toBe(r.name);
    }
  }

  it('turns a hall manager away with the reason', async () => {
    // The server signs the manager in; the page, which is not for them, keeps its form and says why.
    await report().locator('qms-login input[name="username"]').fill('manager');
    await report().locator('qms-login input[name="password"]').fill('demo');
    await report().locator('qms-login button[type="submit"]').click();
    await expect.poll(() => report().locator('qms-login').getAttribute('heading')).toBe('跨厅报表登录');
    await expect
      .poll(() =>
        report()
          .locator('qms-login')
          .evaluate((l: HTMLElement & { notice: string }) => l.notice),
      )
      .toBe('此页面供系统管理员和市级管理员使用');
  });

  it("shows the city manager every hall with the API's figures", async () => {
    await signIn(page, 'city');
    const api = await srv.get(`/api/v1/reports/halls?from=${FROM}&to=${TO}`, 'city');
    expect(api.halls.map((h: HallReportRow) => h.hallId)).toEqual(['yuxi', 'tonghai']);
    await expectRows(api.halls);
    expect(await report().locator('h1').textContent()).toBe('跨厅运行报表');
    expect(await report().locator('.range').textContent()).toBe(`${FROM} 至 ${TO} · 2 个大厅`);
    // Overdue follow-ups stand out (and are a number either way).
    const overdue = (api.halls as HallReportRow[]).filter((h) => h.overdueFollowUps > 0);
    expect(overdue.length).toBeGreaterThan(0);
    for (const h of overdue) expect(await cell(h.hallId, 'overdue').getAttribute('class')).toContain('overdue');
    const shot = await screenshot(page, 'halls-report');
    expect(shot).toMatch(/halls-report\.png$/);
    // The table fits the 1080-line screen without scrolling sideways.
    const width = await report()
      .locator('table')
      .evaluate((t) => t.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(1920);
  });

  it('changes the range, keeping it in the address', async () => {
    const day = DAYS[20]!;
    await report().locator('input[name="from"]').fill(day);
    await report().locator('input[name="from"]').dispatchEvent('change');
    await report().locator('input[name="to"]').fill(day);
    await report().locator('input[name="to"]').dispatchEvent('change');
    await report().getByRole('button', { name: '查询' }).click();
    const api = await srv.get(`/api/v1/reports/halls?from=${day}&to=${day}`, 'city');
    await expectRows(api.halls);
    expect(new URL(page.url()).searchParams.get('from')).toBe(day);
    expect(new URL(page.url()).searchParams.get('to')).toBe(day);
  });

  it('switches to English and downloads the CSV with a byte-order mark', async () => {
    await report().locator('qms-lang-switch button').click();
    await expect.poll(() => report().locator('h1').textContent()).toBe('Halls side by side');
    expect(await report().locator('thead th').first().textContent()).toBe('Hall');
    const [download] = await Promise.all([page.waitForEvent('download'), report().getByRole('link', { name: 'Export CSV' }).click()]);
    const day = DAYS[20]!;
    expect(download.suggestedFilename()).toBe(`halls-report-${day}-${day}.csv`);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]!.startsWith('hall_id,hall,issued,served')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['yuxi', 'tonghai']);
    await screenshot(page, 'halls-report-en');
  });

  it('had no script errors', () => {
    // The hall manager's sign-in is refused by the page, not the server: no failed loads expected.
    expect(withoutExpectedNetworkLines(w.errors, {})).toEqual([]);
  });
});
