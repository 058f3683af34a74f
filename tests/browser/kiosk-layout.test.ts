/**
 * The kiosk's layout on its real screen, portrait 1080×1920, in zh-CN and English, in every state
 * a citizen meets: the start screen (with the 绿色通道 and 需要帮办 banners and a re-queue note at
 * once), an area with no open window, search and browse, the keypads, and the ticket with 需要帮办,
 * a journey and a failed printer. Measured from element boxes: every block and every text inside
 * the screen, no two blocks of a screen on top of each other, no text spilling out of its button,
 * and one `main` landmark and one `h1` in each state.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../printers/virtual-printer';
import { launchBrowser, openPage, screenshot, type WatchedPage } from '../support/browser';
import { issueTicket, overflowing, signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const PORTRAIT = { width: 1080, height: 1920 };

/**
 * What is wrong with the layout on screen now: blocks (the children of every column of the page,
 * through shadow roots) outside the viewport or on top of a sibling, text cut off or spilling out
 * of its button or box, and the count of `main` landmarks and `h1`s.
 */
async function layoutProblems(page: Page): Promise<{ problems: string[]; mains: number; h1s: number }> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const W = window.innerWidth;
    const H = window.innerHeight;
    let mains = 0;
    let h1s = 0;
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : ''} "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24)}"`;
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const kids = (el: Element | ShadowRoot): Element[] => {
      const out: Element[] = [];
      for (const c of Array.from(el.children)) {
        // Styles, and the inside of icons (an SVG's circle and path do lie on each other).
        if (c.tagName === 'STYLE' || c.namespaceURI === 'http://www.w3.org/2000/svg') continue;
        // Lit's wrapper-less parts and `display: contents` boxes: their children are the blocks.
        if (getComputedStyle(c).display === 'contents') out.push(...kids(c));
        else out.push(c);
      }
      return out;
    };
    const overlap = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    const visit = (root: Element | ShadowRoot) => {
      const children = kids(root).filter(shown);
      // Siblings in one box never lie on each other (absolutely placed overlays excepted).
      const placed = children.filter((c) => !['absolute', 'fixed'].includes(getComputedStyle(c).position));
      for (let i = 0; i < placed.length; i++) {
        for (let j = i + 1; j < placed.length; j++) {
          const a = placed[i]!.getBoundingClientRect();
          const b = placed[j]!.getBoundingClientRect();
          if (overlap(a, b)) problems.push(`overlap: ${name(placed[i]!)} and ${name(placed[j]!)}`);
        }
      }
      for (const el of kids(root)) {
        if (el.tagName === 'MAIN' || el.getAttribute('role') === 'main') mains++;
        if (el.tagName === 'H1') h1s++;
        if (!shown(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1) {
          problems.push(`off screen: ${name(el)} ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
        }
        const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        if (ownText && (el.scrollWidth > el.clientWidth + 2 || (getComputedStyle(el).overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 2))) {
          if (getComputedStyle(el).display !== 'inline')
            problems.push(`text cut: ${name(el)} ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`);
        }
        const button = ownText ? el.closest('button') : null;
        if (button && button !== el) {
          const b = button.getBoundingClientRect();
          if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1)
            problems.push(`spills out of its button: ${name(el)}`);
        }
        // A list that scrolls (search results) shows what fits and scrolls the rest: its box is checked, not its rows.
        if (['auto', 'scroll'].includes(getComputedStyle(el).overflowY)) continue;
        visit(el);
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    const host = document.querySelector('qms-kiosk')!;
    visit(host.shadowRoot!);
    return { problems, mains, h1s };
  });
}

describe('the kiosk’s layout at 1080×1920', () => {
  let printer: VirtualPrinter;
  let srv: TestServer;
  let browser: Browser;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    printer = await VirtualPrinter.start();
    srv = await startServer({ store: 'embedded', env: { QMS_DEMO_PRINTER: printer.address } });
    browser = await launchBrowser();
    // A hall at work: one window open for every area but 水电气联办 (its clerks are not in yet).
    for (const [window, clerk] of [
      ['1', 'clerk01'],
      ['3', 'clerk03'],
      ['9', 'clerk09'],
      ['12', 'clerk12'],
      ['14', 'clerk14'],
      ['16', 'clerk16'],
      ['19', 'clerk19'],
    ] as const) {
      await srv.post(`${H}/windows/${window}/sign-in`, clerk);
    }
    for (let i = 0; i < 3; i++) await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'estate' }, 201);
  });
  afterEach(async () => {
    printer.mode = 'ok';
    for (const p of pages.splice(0)) await p.context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await printer?.close();
  });

  for (const lang of ['zh', 'en'] as const) {
    const en = lang === 'en';
    const t = (zh: string, english: string) => (en ? english : zh);

    async function kiosk(): Promise<WatchedPage> {
      const w = await openPage(browser, `${srv.url}/kiosk?hall=yuxi${en ? '&lang=en' : ''}`, PORTRAIT);
      pages.push(w);
      await signIn(w.page, 'kiosk01');
      await w.page.locator('qms-kiosk button.area').first().waitFor();
      // The live board has come: the waiting counts are on the tiles.
      await w.page.locator('qms-kiosk button.area .waiting', { hasText: /\d/ }).first().waitFor();
      return w;
    }

    /** Measures the screen, shoots it, and answers the problems (none expected). */
    async function check(page: Page, shot: string): Promise<string[]> {
      await page.evaluate(() => document.fonts.ready);
      const { problems, mains, h1s } = await layoutProblems(page);
      await screenshot(page, `${shot}-${lang}`);
      const cut = await overflowing(page, 'qms-kiosk');
      return [...problems, ...cut.map((c) => `cut: ${c}`), ...(mains === 1 ? [] : [`${mains} main landmarks`]), ...(h1s === 1 ? [] : [`${h1s} h1`])];
    }

    it(`${lang}: the start screen, with both banners and a re-queue note, fits`, async () => {
      const { page, errors } = await kiosk();
      expect(await check(page, 'kiosk-layout-home')).toEqual([]);

      // A citizen whose number passed re-joins, then the next one chooses 绿色通道 and 需要帮办.
      const missed = await issueTicket(srv, 'yuxi', { areaId: 'fund' });
      await srv.post(`${H}/windows/14/call`, 'clerk14', { number: missed.number });
      await srv.post(`${H}/windows/14/no-show`, 'clerk14');
      await page.getByRole('button', { name: t('过号重排', 'Missed your call?') }).click();
      for (const ch of missed.number)
        await page
          .locator('qms-kiosk-keypad button', { hasText: new RegExp(`^${ch}$`) })
          .first()
          .click();
      expect(await check(page, 'kiosk-layout-requeue')).toEqual([]);
      await page.getByRole('button', { name: t('确认', 'Confirm') }).click();
      await page.locator('qms-kiosk .done').waitFor();
      await page.getByRole('button', { name: t('绿色通道', 'Priority lane') }).click();
      await page.getByRole('button', { name: t('需要帮办', 'I need help') }).click();
      await page.locator('qms-kiosk .green-on').waitFor();
      expect(await check(page, 'kiosk-layout-banners')).toEqual([]);
      expect(withoutExpectedNetworkLines(errors, {})).toEqual([]);
    }, 120_000);

    it(`${lang}: the ticket with 需要帮办, a journey and a failed printer fits, 完成 on screen`, async () => {
      const { page, errors } = await kiosk();
      printer.mode = 'paper-out';
      await page.getByRole('button', { name: t('需要帮办', 'I need help') }).click();
      await page.getByRole('button', { name: t('绿色通道', 'Priority lane') }).click();
      await page.locator('qms-kiosk button.journey[data-journey="newborn"]').click();
      await page.locator('qms-kiosk-ticket .print.failed').waitFor();
      await page.locator('qms-kiosk-ticket .qr img').waitFor();
      expect(await check(page, 'kiosk-layout-ticket')).toEqual([]);
      const done = await page.getByRole('button', { name: t('完成', 'Done') }).boundingBox();
      expect(done!.y + done!.height).toBeLessThanOrEqual(PORTRAIT.height);
      expect(withoutExpectedNetworkLines(errors, {})).toEqual([]);
    }, 120_000);

    it(`${lang}: search, browse and the appointment keypad fit`, async () => {
      const { page, errors } = await kiosk();
      await page.getByRole('button', { name: t('搜索办理事项', 'Search services') }).click();
      await page.locator('qms-kiosk-search input[name="search"]').fill('bdc');
      await page.locator('qms-kiosk-search button.hit').first().waitFor();
      expect(await check(page, 'kiosk-layout-search')).toEqual([]);
      await page.getByRole('button', { name: t('返回首页', 'Back to start') }).click();
      await page.getByRole('button', { name: t('预约签到', 'Check in') }).click();
      await page.locator('qms-kiosk-keypad output').waitFor();
      expect(await check(page, 'kiosk-layout-appointment')).toEqual([]);
      await page.getByRole('button', { name: t('返回首页', 'Back to start') }).click();

      // Browsing by area, without typing: the list of areas, then one area's items by department.
      await page.getByRole('button', { name: t('按类别查找', 'Browse by area') }).click();
      await page.locator('qms-kiosk-search button.hit.area[data-area="estate"]').click();
      await page.locator('qms-kiosk-search h2.department').first().waitFor();
      expect(await check(page, 'kiosk-layout-browse')).toEqual([]);
      await page.getByRole('button', { name: t('返回首页', 'Back to start') }).click();

      // 水电气联办 has no window open: its tile says so, and a touch asks first.
      const utility = page.locator('qms-kiosk button.area[data-area="utility"]');
      await utility.locator('.staffing', { hasText: t('暂无开放窗口', 'No window open now') }).waitFor();
      await utility.click();
      await page.locator('qms-kiosk section.confirm h1', { hasText: t('水电气联办：暂无开放窗口', '水电气联办: no window open now') }).waitFor();
      expect(await check(page, 'kiosk-layout-no-window')).toEqual([]);
      expect(withoutExpectedNetworkLines(errors, {})).toEqual([]);
    }, 120_000);
  }
});
