/**
 * The kiosk in real Chromium at 1080×1920, with a printer on loopback TCP: a touch on an area or a
 * pinyin search puts the number on screen and on paper; the 绿色通道 gives a priority ticket; 需要帮办
 * flags the ticket for a helper (the managers' alert); the
 * appointment keypad shows the server's words; a silent printer is said on screen while the ticket
 * still shows; 30 s without a touch returns to the start. No script errors anywhere.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../printers/virtual-printer';
import { launchBrowser, openPage, screenshot, type WatchedPage } from '../support/browser';
import { signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const PORTRAIT = { width: 1080, height: 1920 };
/** One window of each area: 投资 1, 不动产 3, 水电气 7, 税务 9, 企业开办 12, 公积金 14, 医保社保 16, 公安 19. */
const OPEN_WINDOWS = ['1', '3', '7', '9', '12', '14', '16', '19'];

describe('the kiosk', () => {
  let printer: VirtualPrinter;
  let srv: TestServer;
  let browser: Browser;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    printer = await VirtualPrinter.start();
    srv = await startServer({ store: 'embedded', env: { QMS_DEMO_PRINTER: printer.address } });
    browser = await launchBrowser();
    // A hall at work: a window open for every area (a kiosk asks before a ticket nobody calls now).
    for (const n of OPEN_WINDOWS) await srv.post(`${H}/windows/${n}/sign-in`, `clerk${n.padStart(2, '0')}`);
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

  async function kiosk(opts: { shoot?: string } = {}): Promise<WatchedPage> {
    const w = await openPage(browser, `${srv.url}/kiosk?hall=yuxi`, PORTRAIT);
    pages.push(w);
    await w.page.locator('qms-login input[name="username"]').waitFor();
    if (opts.shoot) await screenshot(w.page, opts.shoot);
    await signIn(w.page, 'kiosk01');
    await areaButton(w.page, '不动产联办').waitFor();
    return w;
  }

  const areaButton = (page: Page, name: string) => page.locator('qms-kiosk button.area', { hasText: name });
  const shownNumber = (page: Page) => page.locator('qms-kiosk-ticket [data-number]');

  /** The ticket on screen: its number, and its credential from the QR code's link (what a phone reads it by). */
  async function ticketOnScreen(page: Page): Promise<{ number: string; id: string; url: string }> {
    const number = (await shownNumber(page).textContent())!.trim();
    const img = page.locator('qms-kiosk-ticket .qr img');
    await img.waitFor();
    const url = (await img.getAttribute('data-url'))!;
    return { number, id: url.split('/').at(-1)!, url };
  }

  it('touching an area shows the new number and prints the same ticket', async () => {
    const { page, errors } = await kiosk({ shoot: 'kiosk-login' });
    // The waiting counts come from the live board.
    await srv.post(`${H}/tickets`, 'clerk01', { areaId: 'estate' }, 201);
    await page.locator('qms-kiosk button.area', { hasText: '不动产联办' }).filter({ hasText: '等候 1 人' }).waitFor();
    await screenshot(page, 'kiosk-home');

    await areaButton(page, '不动产联办').click();
    await shownNumber(page).waitFor();
    const shown = await ticketOnScreen(page);
    expect(shown.number).toMatch(/^B\d{3}$/);
    expect(shown.url).toBe(`${srv.url}/ticket/yuxi/${shown.id}`);
    await page.locator('qms-kiosk-ticket .print.printed', { hasText: '凭条已打印' }).waitFor();
    await page.locator('qms-kiosk-ticket', { hasText: '前面还有 1 人等候' }).waitFor();

    // The server has it, waiting, and the printer printed exactly it.
    const api = await srv.get(`${H}/tickets/${shown.id}`);
    expect(api.ticket).toMatchObject({ number: shown.number, areaId: 'estate', status: 'waiting', priority: 'normal', ahead: 1 });
    const job = await printer.jobWithLine(shown.number);
    expect(job.decoded.lines).toEqual(expect.arrayContaining(['玉溪市政务服务中心', '不动产联办', '前面还有 1 人等候', '过号后60分钟内可重新排队，号码保留']));
    expect(job.decoded.qr).toEqual([shown.url]);
    await screenshot(page, 'kiosk-ticket');
    console.info(`printed ticket ${shown.number}:\n${job.decoded.lines.map((l) => `  | ${l}`).join('\n')}`);

    // Done: back to the start for the next citizen.
    await page.getByRole('button', { name: '完成' }).click();
    await areaButton(page, '不动产联办').waitFor();
    expect(errors).toEqual([]);
  });

  it('finds a service by pinyin initials on the on-screen keyboard and issues for its area', async () => {
    const { page, errors } = await kiosk();
    await page.getByRole('button', { name: '搜索办理事项' }).click();
    for (const key of ['B', 'D', 'C']) await page.locator('qms-kiosk-search .key', { hasText: new RegExp(`^${key}$`) }).click();
    await expect(page.locator('qms-kiosk-search input[name="search"]').inputValue()).resolves.toBe('bdc');
    const hit = page.locator('qms-kiosk-search button.hit', { hasText: '不动产转移登记（存量房买卖）' });
    await hit.waitFor();
    // The area itself comes first, and every hit is in the estate area.
    await expect(page.locator('qms-kiosk-search button.hit').first().textContent()).resolves.toContain('不动产联办');
    await screenshot(page, 'kiosk-search-bdc');

    await hit.click();
    await shownNumber(page).waitFor();
    const shown = await ticketOnScreen(page);
    const api = await srv.get(`${H}/tickets/${shown.id}`);
    expect(api.ticket).toMatchObject({ number: shown.number, areaId: 'estate', serviceId: 'estate-02' });
    await page.locator('qms-kiosk-ticket', { hasText: '不动产转移登记（存量房买卖）' }).waitFor();
    const job = await printer.jobWithLine(shown.number);
    expect(job.decoded.lines).toContain('办理事项：不动产转移登记（存量房买卖）');
    expect(errors).toEqual([]);
  });

  it('finds an item imported a moment ago by the pinyin initials of its alias, and issues for it', async () => {
    const { page, errors } = await kiosk();
    // The manager imports the catalogue as it is plus one new item with an alias.
    const { items } = await srv.get<{
      items: Array<{ code: string; name: string; areaId: string; department: string | null; aliases: string[]; enabled: boolean }>;
    }>('/api/v1/admin/halls/yuxi/catalogue', 'manager');
    const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const csv = [
      'code,name,area,department,aliases',
      ...items.filter((i) => i.enabled).map((i) => [i.code, i.name, i.areaId, i.department ?? '', i.aliases.join('；')].map(cell).join(',')),
      '11530400MB777001,机动车驾驶人体检信息备案,police,车管,驾照体检',
    ].join('\n');
    const imported = await srv.request('POST', '/api/v1/admin/halls/yuxi/catalogue/import', {
      as: 'manager',
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.body).toMatchObject({ applied: true, counts: { added: 1, changed: 0, disabled: 0, problems: 0 } });

    await page.getByRole('button', { name: '搜索办理事项' }).click();
    // 驾照体检: the name itself (ji dong che jia shi …) has no j-z-t-j run; only the alias does.
    for (const key of ['J', 'Z', 'T', 'J']) await page.locator('qms-kiosk-search .key', { hasText: new RegExp(`^${key}$`) }).click();
    const hit = page.locator('qms-kiosk-search button.hit', { hasText: '机动车驾驶人体检信息备案' });
    await hit.filter({ hasText: '驾照体检' }).waitFor();
    await screenshot(page, 'kiosk-search-alias');
    await hit.click();
    await shownNumber(page).waitFor();
    const shown = await ticketOnScreen(page);
    expect((await srv.get(`${H}/tickets/${shown.id}`)).ticket).toMatchObject({ areaId: 'police', serviceId: '11530400MB777001' });
    const job = await printer.jobWithLine(shown.number);
    expect(job.decoded.lines).toContain('办理事项：机动车驾驶人体检信息备案');
    expect(errors).toEqual([]);
  });

  it('finds a service by its Chinese name and by full pinyin', async () => {
    const { page, errors } = await kiosk();
    await page.getByRole('button', { name: '搜索办理事项' }).click();
    const input = page.locator('qms-kiosk-search input[name="search"]');
    await input.fill('护照');
    await page.locator('qms-kiosk-search button.hit', { hasText: '普通护照申领' }).waitFor();
    await input.fill('gongjijin');
    await page.locator('qms-kiosk-search button.hit', { hasText: '住房公积金贷款申请' }).waitFor();
    await input.fill('zzzqqq');
    await page.locator('qms-kiosk-search', { hasText: '没有找到相关事项' }).waitFor();
    await input.fill('shenfenzheng');
    await page.locator('qms-kiosk-search button.hit', { hasText: '居民身份证申领' }).click();
    await shownNumber(page).waitFor();
    const shown = await ticketOnScreen(page);
    expect(shown.number).toMatch(/^H\d{3}$/);
    expect((await srv.get(`${H}/tickets/${shown.id}`)).ticket.areaId).toBe('police');
    expect(errors).toEqual([]);
  });

  it('gives a priority ticket through the 绿色通道, on screen and on paper', async () => {
    const { page, errors } = await kiosk();
    await page.getByRole('button', { name: /绿色通道/ }).click();
    await page.locator('qms-kiosk .green-on').waitFor();
    await screenshot(page, 'kiosk-green-channel');
    await areaButton(page, '医保社保综合服务').click();
    await shownNumber(page).waitFor();
    const shown = await ticketOnScreen(page);
    expect((await srv.get(`${H}/tickets/${shown.id}`)).ticket.priority).toBe('priority');
    await page.locator('qms-kiosk-ticket .badge', { hasText: '绿色通道' }).waitFor();
    const job = await printer.jobWithLine(shown.number);
    expect(job.decoded.lines).toContain('【绿色通道】');
    // The choice is for one citizen: the next ticket is normal again.
    await page.getByRole('button', { name: '完成' }).click();
    await areaButton(page, '医保社保综合服务').waitFor();
    await expect(page.locator('qms-kiosk .green-on').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /绿色通道/ }).getAttribute('aria-pressed')).resolves.toBe('false');
    expect(errors).toEqual([]);
  });

  it('flags the new ticket 需要帮办: the manager sees the alert, the screen says a helper comes; the next citizen is not flagged', async () => {
    const { page, errors } = await kiosk();
    await page.getByRole('button', { name: /需要帮办/ }).click();
    await page.locator('qms-kiosk .assistance-on').waitFor();
    await expect(page.getByRole('button', { name: /取消帮办/ }).getAttribute('aria-pressed')).resolves.toBe('true');
    await screenshot(page, 'kiosk-assistance-chosen');
    await areaButton(page, '公积金').click();
    await shownNumber(page).waitFor();
    await page.locator('qms-kiosk-ticket .assistance', { hasText: '已通知帮办人员' }).waitFor();
    await screenshot(page, 'kiosk-assistance-ticket');
    const shown = await ticketOnScreen(page);
    const alerts = (await srv.get(`${H}/overview`, 'manager')).alerts as Array<{ kind: string; number: string; requestedBy: string | null }>;
    expect(alerts.filter((a) => a.kind === 'assistance' && a.number === shown.number)).toMatchObject([{ requestedBy: null }]);
    // The choice is for one citizen: the next ticket asks for no helper.
    await page.getByRole('button', { name: '完成' }).click();
    await areaButton(page, '公积金').click();
    await shownNumber(page).waitFor();
    const next = await ticketOnScreen(page);
    expect(next.number).not.toBe(shown.number);
    await expect(page.locator('qms-kiosk-ticket .assistance').count()).resolves.toBe(0);
    expect((await srv.get(`${H}/overview`, 'manager')).alerts.filter((a: { number: string }) => a.number === next.number)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('checks in an appointment code from the keypad and shows the server’s answer in words', async () => {
    const { page, errors } = await kiosk();
    await page.getByRole('button', { name: /预约签到/ }).click();
    for (const d of ['2', '0', '2', '6', '1', '1']) await page.locator('qms-kiosk-keypad .pad button', { hasText: new RegExp(`^${d}$`) }).click();
    await expect(page.locator('qms-kiosk-keypad output').textContent()).resolves.toBe('202611');
    await page.getByRole('button', { name: '确认' }).click();
    await page.locator('qms-kiosk-keypad [role="alert"]', { hasText: '未找到该预约' }).waitFor();
    await screenshot(page, 'kiosk-appointment');
    // Typing again clears the old answer.
    await page.locator('qms-kiosk-keypad .pad button', { hasText: '删除' }).click();
    await page.locator('qms-kiosk-keypad [role="alert"]').waitFor({ state: 'detached' });
    await expect(page.locator('qms-kiosk-keypad output').textContent()).resolves.toBe('20261');
    expect(withoutExpectedNetworkLines(errors, { statuses: [404] })).toEqual([]);
  });

  it('still shows the ticket when the printer stays silent, and says the paper failed', async () => {
    const { page, errors } = await kiosk();
    printer.mode = 'silent';
    const t0 = performance.now();
    await areaButton(page, '公积金专办').click();
    await page.locator('qms-kiosk-ticket .print.failed', { hasText: '凭条未能打印' }).waitFor();
    const ms = performance.now() - t0;
    console.info(`kiosk: silent printer reported on screen after ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5000);
    await page.locator('qms-kiosk-ticket .print.failed', { hasText: '打印机无响应' }).waitFor();
    const shown = await ticketOnScreen(page);
    expect(shown.number).toMatch(/^F\d{3}$/);
    expect((await srv.get(`${H}/tickets/${shown.id}`)).ticket.status).toBe('waiting');
    await screenshot(page, 'kiosk-print-failed');

    // The printer is back: the citizen prints the same ticket again from the screen.
    printer.mode = 'ok';
    await page.getByRole('button', { name: '重新打印凭条' }).click();
    await page.locator('qms-kiosk-ticket .print.printed', { hasText: '凭条已打印' }).waitFor();
    const job = await printer.jobWithLine(shown.number);
    expect(job.decoded.lines).toContain('（补打凭条）');
    expect(errors).toEqual([]);
  });

  it('goes back to the start after 30 s without a touch', async () => {
    const context = await browser.newContext({ viewport: PORTRAIT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    pages.push({ page, context, errors: [] });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.clock.install();
    await page.goto(`${srv.url}/kiosk?hall=yuxi`);
    await signIn(page, 'kiosk01');
    await areaButton(page, '水电气联办').click();
    await shownNumber(page).waitFor();
    await page.locator('qms-kiosk-ticket .countdown', { hasText: /^(30|29) 秒后自动返回首页$/ }).waitFor();

    await page.clock.runFor(20_000);
    await page.locator('qms-kiosk-ticket .countdown', { hasText: /^(10|9) 秒后自动返回首页$/ }).waitFor();
    // A touch starts the count again.
    await page.locator('qms-kiosk-ticket .card').click();
    await page.clock.runFor(20_000);
    await expect(shownNumber(page).count()).resolves.toBe(1);
    await page.clock.runFor(11_000);
    await areaButton(page, '水电气联办').waitFor();
    await expect(shownNumber(page).count()).resolves.toBe(0);
    await screenshot(page, 'kiosk-after-idle');
    expect(errors).toEqual([]);
  });

  it('says on the tile when no window is open for an area, and asks before issuing; a window opening changes it live', async () => {
    // 水电气联办's clerk has not come in; 公安事务's windows are at lunch.
    await srv.post(`${H}/windows/7/sign-out`, 'clerk07');
    await srv.post(`${H}/windows/19/pause`, 'clerk19', { reason: '午休' });
    try {
      const { page, errors } = await kiosk();
      const utility = page.locator('qms-kiosk button.area[data-area="utility"]');
      const police = page.locator('qms-kiosk button.area[data-area="police"]');
      await utility.locator('.staffing', { hasText: '暂无开放窗口' }).waitFor();
      await police.locator('.staffing', { hasText: '窗口暂停服务' }).waitFor();
      // Every other area has its window open: nothing said on its tile.
      expect(await page.locator('qms-kiosk button.area .staffing').count()).toBe(2);
      expect(await utility.getAttribute('data-staffing')).toBe('closed');
      await screenshot(page, 'kiosk-no-window-tiles');

      const waitingOf = async (areaId: string) =>
        ((await srv.get(`${H}/board`, 'manager')).areas as Array<{ id: string; waiting: number }>).find((a) => a.id === areaId)!.waiting;
      const before = await waitingOf('utility');
      await utility.click();
      const confirm = page.locator('qms-kiosk section.confirm');
      await confirm.locator('h1', { hasText: '水电气联办：暂无开放窗口' }).waitFor();
      expect(await confirm.textContent()).toContain('工作人员开窗后按取号顺序叫号');
      expect(await confirm.textContent()).toContain('请先到咨询台（导办台）问一问工作人员');
      await screenshot(page, 'kiosk-no-window-confirm');
      // 返回: no ticket was taken.
      await confirm.getByRole('button', { name: '返回首页' }).click();
      await utility.waitFor();
      expect(await waitingOf('utility')).toBe(before);
      expect(await shownNumber(page).count()).toBe(0);

      // 仍然取号: the citizen takes it knowingly.
      await utility.click();
      await page.getByRole('button', { name: '仍然取号，等候开窗' }).click();
      await shownNumber(page).waitFor();
      const shown = await ticketOnScreen(page);
      expect((await srv.get(`${H}/tickets/${shown.id}`)).ticket).toMatchObject({ areaId: 'utility', status: 'waiting' });
      expect(await waitingOf('utility')).toBe(before + 1);
      await page.getByRole('button', { name: '完成' }).click();

      // Paused windows: the clerks' reason, and they call in order on resuming.
      await police.click();
      await confirm.locator('h1', { hasText: '公安事务：窗口暂停服务' }).waitFor();
      expect(await confirm.textContent()).toContain('办理此业务的窗口暂停服务（午休），恢复后按取号顺序叫号');
      await screenshot(page, 'kiosk-paused-confirm');
      await confirm.getByRole('button', { name: '返回首页' }).click();

      // The clerk comes in: the tile says nothing any more, and a touch issues at once.
      await srv.post(`${H}/windows/7/sign-in`, 'clerk07');
      await expect.poll(() => utility.getAttribute('data-staffing')).toBe('open');
      expect(await utility.locator('.staffing').count()).toBe(0);
      await utility.click();
      await shownNumber(page).waitFor();
      expect(await page.locator('qms-kiosk section.confirm').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await srv.post(`${H}/windows/7/sign-in`, 'clerk07').catch(() => undefined);
      await srv.post(`${H}/windows/19/resume`, 'clerk19');
    }
  }, 90_000);

  it('finds an item by the digits of its code (事项编码) on the keyboard’s number row', async () => {
    const { page, errors } = await kiosk();
    const { items } = await srv.get<{
      items: Array<{ code: string; name: string; areaId: string; department: string | null; aliases: string[]; enabled: boolean }>;
    }>('/api/v1/admin/halls/yuxi/catalogue', 'manager');
    const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const csv = [
      'code,name,area,department,aliases',
      ...items.filter((i) => i.enabled).map((i) => [i.code, i.name, i.areaId, i.department ?? '', i.aliases.join('；')].map(cell).join(',')),
      '11530400MB888123,残疾人两项补贴申请,insurance,民政局,',
    ].join('\n');
    const imported = await srv.request('POST', '/api/v1/admin/halls/yuxi/catalogue/import', {
      as: 'manager',
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.body).toMatchObject({ applied: true });

    await page.getByRole('button', { name: '搜索办理事项' }).click();
    for (const d of ['8', '8', '8', '1', '2', '3']) await page.locator('qms-kiosk-search .row.digits .key', { hasText: new RegExp(`^${d}$`) }).click();
    await expect(page.locator('qms-kiosk-search input[name="search"]').inputValue()).resolves.toBe('888123');
    const hit = page.locator('qms-kiosk-search button.hit', { hasText: '残疾人两项补贴申请' });
    await hit.locator('.code', { hasText: '事项编码 11530400MB888123' }).waitFor();
    expect(await page.locator('qms-kiosk-search button.hit').count()).toBe(1);
    await screenshot(page, 'kiosk-search-code');
    await hit.click();
    await shownNumber(page).waitFor();
    const shown = await ticketOnScreen(page);
    expect((await srv.get(`${H}/tickets/${shown.id}`)).ticket).toMatchObject({ areaId: 'insurance', serviceId: '11530400MB888123' });
    expect(errors).toEqual([]);
  }, 90_000);

  it('lets a citizen who does not type browse: 按类别查找 → an area → its items by department → a ticket', async () => {
    const { page, errors } = await kiosk();
    await page.getByRole('button', { name: /按类别查找/ }).click();
    const search = page.locator('qms-kiosk-search');
    await search.locator('h1', { hasText: '按业务区域查找事项' }).waitFor();
    // No keyboard: touches only.
    expect(await search.locator('.keyboard').count()).toBe(0);
    expect(await search.locator('button.hit.area').count()).toBe(8);
    await search.locator('button.hit.area[data-area="estate"]', { hasText: '项事项' }).waitFor();
    await screenshot(page, 'kiosk-browse-areas');
    await search.locator('button.hit.area[data-area="estate"]').click();
    await search.locator('h2.department', { hasText: '不动产登记中心' }).waitFor();
    await search.locator('h2.department', { hasText: '税务局' }).waitFor();
    await screenshot(page, 'kiosk-browse-estate');
    // Back to every area, and in again.
    await search.getByRole('button', { name: /全部业务区域/ }).click();
    await search.locator('button.hit.area[data-area="estate"]').click();
    await search.locator('button.hit', { hasText: '预告登记' }).click();
    await shownNumber(page).waitFor();
    const shown = await ticketOnScreen(page);
    const ticket = (await srv.get(`${H}/tickets/${shown.id}`)).ticket;
    expect(ticket.areaId).toBe('estate');
    expect(ticket.serviceId).toMatch(/^estate-\d{2}$/);
    await page.locator('qms-kiosk-ticket', { hasText: '预告登记' }).waitFor();
    expect(errors).toEqual([]);
  }, 90_000);

  it('lets a manager see the ticket as paper in the preview', async () => {
    const issued = await srv.post(`${H}/tickets`, 'kiosk01', { serviceId: 'estate-02' }, 201);
    const context = await browser.newContext({ viewport: { width: 700, height: 1300 }, locale: 'zh-CN' });
    pages.push({ page: await context.newPage(), context, errors: [] });
    await context.setExtraHTTPHeaders({ authorization: `Bearer ${await srv.login('manager')}` });
    const page = pages.at(-1)!.page;
    const res = await page.goto(`${srv.url}${H}/tickets/${issued.ticket.id}/preview`);
    expect(res?.status()).toBe(200);
    await page.locator('.paper', { hasText: issued.ticket.number }).waitFor();
    // The QR is drawn at the printer's scale: 6 dots per module.
    const qrWidth = await page.locator('.qr svg').evaluate((el) => el.getBoundingClientRect().width);
    expect(qrWidth % 6).toBe(0);
    await screenshot(page, 'ticket-preview');
  });

  // Last: it leaves 水电气联办 without a window for the rest of the day.
  it('does not hand out tickets for an area no window of the hall serves today: the tile and the search say so', async () => {
    // The manager moves both 水电气 windows to 税务 for the day.
    for (const n of ['7', '8']) await srv.post(`${H}/windows/${n}/areas`, 'manager', { areaIds: ['tax'] });
    const { page, errors } = await kiosk();
    const utility = page.locator('qms-kiosk button.area[data-area="utility"]');
    await utility.locator('.staffing', { hasText: '本厅暂不办理' }).waitFor();
    expect(await utility.isDisabled()).toBe(true);
    await screenshot(page, 'kiosk-unserved-tile');
    await page.getByRole('button', { name: '搜索办理事项' }).click();
    await page.locator('qms-kiosk-search input[name="search"]').fill('用水报装');
    const hit = page.locator('qms-kiosk-search button.hit', { hasText: '用水报装' });
    await hit.locator('.staffing', { hasText: '本厅暂不办理' }).waitFor();
    expect(await hit.isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  }, 90_000);
});
