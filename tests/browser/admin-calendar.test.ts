/**
 * The console's calendar and notices sections (`/admin?hall=yuxi`) in real Chromium at 1920×1080,
 * as the Yuxi manager, on a clock held at Thursday 2028-01-20 10:00 — a year whose State Council
 * notice the holiday data lacks, so only the statutory Spring Festival days (1/25–1/28) are
 * official. Each change made on screen is checked through the API and the public hall endpoints
 * (and the wall board for notices); a wrong session is refused in words with nothing sent.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { addDays } from '../../server/domain/time';
import { launchBrowser, openPage, screenshot, type WatchedPage } from '../support/browser';
import { signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const CONFIG = '/api/v1/admin/halls/yuxi/config';
const TODAY = '2028-01-20';

/** All the text an element shows, its shadow trees and nested components' included, spaces collapsed. */
async function shownText(locator: Locator): Promise<string> {
  const text = await locator.evaluate((root) => {
    const parts: string[] = [];
    const walk = (node: Node): void => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      const shadow = (node as Element).shadowRoot;
      if (shadow) walk(shadow);
      node.childNodes.forEach(walk);
    };
    walk(root);
    return parts.join(' ');
  });
  return text.replace(/\s+/g, ' ').trim();
}

describe('the console calendar and notices in Chromium', () => {
  const clock = new ManualClock(Date.parse(`${TODAY}T10:00:00+08:00`));
  let srv: TestServer;
  let browser: Browser;
  let c: WatchedPage;
  let page: Page;
  /** Every configuration write the page sends. */
  const puts: string[] = [];

  const calendar = () => page.locator('qms-admin-calendar');
  const previewRow = (date: string) => page.locator(`qms-admin-calendar-preview tr[data-date="${date}"]`);
  const rowText = (date: string) => shownText(previewRow(date));
  const saveCalendar = async () => {
    await calendar().getByRole('button', { name: '保存日历' }).click();
    await calendar().locator('.savebar .ok').waitFor();
  };

  beforeAll(async () => {
    // The hall keeps its real hours (not the tests' always-open), so sessions are the calendar's.
    srv = await startServer({ store: 'embedded', clock, env: { QMS_ALWAYS_OPEN: '0' } });
    browser = await launchBrowser();
    c = await openPage(browser, `${srv.url}/admin?hall=yuxi&section=calendar`);
    page = c.page;
    page.on('request', (r) => {
      if (r.method() === 'PUT') puts.push(r.url());
    });
    await signIn(page, 'manager');
    await previewRow(TODAY).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('shows the hall calendar as saved, from now on, with the next 14 days worked out', async () => {
    const { hall } = await srv.get(CONFIG, 'manager');
    expect(hall.calendar.workday).toEqual([{ kind: 'regular', start: '09:00', end: '17:00' }]);
    const workday = calendar().locator('#workday tbody tr');
    expect(await workday.count()).toBe(1);
    expect(await workday.locator('input[name="start"]').inputValue()).toBe('09:00');
    expect(await workday.locator('input[name="end"]').inputValue()).toBe('17:00');
    expect(await calendar().locator('.head .scope').textContent()).toBe('此后生效');
    expect(await shownText(calendar().locator('.notes'))).toContain('只对今天有效');
    expect(await page.locator('qms-admin-calendar-preview tbody tr').count()).toBe(14);
    expect(await rowText(TODAY)).toMatch(/1月20日 周四.*今天.*工作日.*正常办公 09:00–17:00/);
    // The statutory Spring Festival days are closed, even the Wednesday night market; weekends too.
    expect(await rowText('2028-01-26')).toMatch(/法定节假日.*不办公/);
    expect(await rowText('2028-01-24')).toContain('正常办公 09:00–17:00');
    expect(await rowText('2028-01-22')).toMatch(/休息日.*不办公/);
    await screenshot(page, 'admin-calendar');
  });

  it('adds a Thursday night market: saved, in the public calendar, and the board is in it at 19:30', async () => {
    const before = await srv.get(`${H}/calendar?from=${TODAY}&to=${TODAY}`);
    expect(before.days[0].sessions).toEqual([{ kind: 'regular', start: '09:00', end: '17:00' }]);
    await calendar().getByRole('button', { name: '添加特别时段' }).click();
    const row = calendar().locator('#weekly tbody tr').last();
    await row.locator('select[name="weekday"]').selectOption('4');
    await row.locator('select[name="kind"]').selectOption('night');
    await row.locator('input[name="start"]').fill('19:00');
    await row.locator('input[name="end"]').fill('21:00');
    // The preview shows the effect before it is saved.
    await expect.poll(() => rowText(TODAY)).toContain('夜市 19:00–21:00');
    expect(await calendar().locator('.unsaved').first().textContent()).toContain('未保存');
    await saveCalendar();
    expect(await calendar().locator('.savebar .ok').textContent()).toContain('已保存');

    const { hall } = await srv.get(CONFIG, 'manager');
    expect(hall.calendar.weekly).toContainEqual({ weekday: 4, session: { kind: 'night', start: '19:00', end: '21:00' } });
    const after = await srv.get(`${H}/calendar?from=${TODAY}&to=${TODAY}`);
    expect(after.days[0].sessions).toEqual([
      { kind: 'regular', start: '09:00', end: '17:00' },
      { kind: 'night', start: '19:00', end: '21:00' },
    ]);
    const detail = await srv.get(H);
    expect(detail.schedule.weekly).toContainEqual({ weekday: 4, session: { kind: 'night', start: '19:00', end: '21:00' } });
    clock.set(Date.parse(`${TODAY}T19:30:00+08:00`));
    const board = await srv.get(`${H}/board`, 'display01');
    expect(board.session).toEqual({ kind: 'night', start: '19:00', end: '21:00', extended: false });
  });

  it('a session that ends before it starts: the words on screen, nothing sent, nothing saved', async () => {
    const { version } = await srv.get(CONFIG, 'manager');
    const sent = puts.length;
    const row = calendar().locator('#workday tbody tr').first();
    await row.locator('input[name="end"]').fill('08:00');
    const problems = calendar().locator('.savebar .refusal');
    await expect.poll(() => problems.textContent()).toContain('时段 09:00–08:00 的结束时间不晚于开始时间');
    expect(await row.locator('input[name="end"]').getAttribute('aria-invalid')).toBe('true');
    // No days are worked out from a calendar that cannot be saved.
    expect(await previewRow(TODAY).count()).toBe(0);
    expect(await page.locator('qms-admin-calendar-preview [role="status"]').textContent()).toContain('改正后在这里显示');
    await calendar().getByRole('button', { name: '保存日历' }).click();
    expect(await problems.textContent()).toContain('请先改正以下问题');
    await screenshot(page, 'admin-calendar-refused');
    const now = await srv.get(CONFIG, 'manager');
    expect(now.version).toBe(version);
    expect(now.hall.calendar.workday).toEqual([{ kind: 'regular', start: '09:00', end: '17:00' }]);
    expect(puts.length).toBe(sent);
    await calendar().getByRole('button', { name: '放弃修改' }).click();
    expect(await row.locator('input[name="end"]').inputValue()).toBe('17:00');
    expect(await problems.count()).toBe(0);
  });

  it('2028 without a notice: adds the Spring Festival 调休 days, which the preview and the booking dates follow', async () => {
    const days = page.locator('qms-admin-calendar-days');
    await days.getByRole('button', { name: '2028年' }).click();
    expect(await days.locator('.source').textContent()).toBe('法定假日（待通知）');
    expect(await shownText(days)).toContain('该年的国务院放假通知尚未收录');
    expect(await days.locator('.chip.holiday').first().textContent()).toContain('1月1日');
    expect(await shownText(days)).toContain('1月25日–1月28日');
    const slotsOn = async (date: string) => (await srv.get(`${H}/appointments/slots?date=${date}&areaId=estate`)).slots.length;
    expect(await slotsOn('2028-01-22')).toBe(0);
    expect(await slotsOn('2028-01-31')).toBeGreaterThan(0);

    // Not a day: said in words as one types and on adding, nothing added.
    await days.locator('input[name="holiday-from"]').fill('2028-02-30');
    expect(await days.locator('#holiday-from-reading').textContent()).toBe('2028年2月没有30日');
    await days.getByRole('button', { name: '添加放假日期' }).click();
    expect(await days.locator('[role="alert"]').textContent()).toBe('2028年2月没有30日');
    await days.locator('input[name="holiday-from"]').fill('明天');
    await days.getByRole('button', { name: '添加放假日期' }).click();
    expect(await days.locator('[role="alert"]').textContent()).toBe('看不懂这个日期：请写成 2027-10-01、2027/10/1 或 2027年10月1日');
    expect(await days.locator('.chip[data-date]').count()).toBe(0);
    // Typed as people write dates; the browser's calendar beside each field shows the same day.
    await days.locator('input[name="holiday-from"]').fill('2028/1/29');
    await days.locator('input[name="holiday-to"]').fill('2028年2月1日');
    expect(await days.locator('#holiday-from-reading').textContent()).toBe('即 1月29日 周六');
    expect(await days.locator('input[name="holiday-to-pick"]').inputValue()).toBe('2028-02-01');
    await days.getByRole('button', { name: '添加放假日期' }).click();
    await days.locator('input[name="makeup-date-pick"]').fill('2028-01-22');
    expect(await days.locator('input[name="makeup-date"]').inputValue()).toBe('2028-01-22');
    await days.getByRole('button', { name: '添加调休上班日' }).click();
    // A range is one chip.
    expect(await days.locator('.chip[data-date]').count()).toBe(2);
    expect(await days.locator('.chip.holiday[data-date="2028-01-29"]').innerText()).toContain('1月29日–2月1日');
    await expect.poll(() => rowText('2028-01-22')).toMatch(/本厅调休上班.*正常办公 09:00–17:00/);
    expect(await rowText('2028-01-31')).toMatch(/本厅放假.*不办公/);
    expect(await rowText('2028-01-25')).toMatch(/法定节假日.*不办公/);
    await days.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-calendar-days');
    await saveCalendar();

    // The document holds the hall's own days only; the official ones are merged when the hall runs.
    const { hall } = await srv.get(CONFIG, 'manager');
    expect(hall.calendar.holidays).toEqual(['2028-01-29', '2028-01-30', '2028-01-31', '2028-02-01']);
    expect(hall.calendar.makeupWorkdays).toEqual(['2028-01-22']);
    const open = await srv.get(`${H}/calendar?from=2028-01-22&to=2028-02-02`);
    expect(open.days.map((d: { kind: string }) => d.kind)).toEqual([
      'makeup_workday',
      'weekend',
      'workday',
      'holiday',
      'holiday',
      'holiday',
      'holiday',
      'holiday',
      'holiday',
      'holiday',
      'holiday',
      'workday',
    ]);
    expect(await slotsOn('2028-01-22')).toBeGreaterThan(0);
    expect(await slotsOn('2028-01-31')).toBe(0);

    // Removing a day of the hall's own puts the statutory arrangement back.
    await days.getByRole('button', { name: '删除 2028-01-22' }).click();
    await expect.poll(() => rowText('2028-01-22')).toMatch(/休息日.*不办公/);
    await saveCalendar();
    expect((await srv.get(CONFIG, 'manager')).hall.calendar.makeupWorkdays).toEqual([]);
    expect(await slotsOn('2028-01-22')).toBe(0);
  });

  it('someone else saved meanwhile: the console loads their version and says so, overwriting nothing', async () => {
    await calendar().locator('input[name="booking-days"]').fill('20');
    const { version, hall } = await srv.get(CONFIG, 'admin');
    const theirs = await srv.request('PUT', CONFIG, {
      as: 'admin',
      body: { hall: { ...hall, calendar: { ...hall.calendar, bookingDaysAhead: 10 } } },
      headers: { 'if-match': String(version) },
    });
    expect(theirs.status).toBe(200);
    await calendar().getByRole('button', { name: '保存日历' }).click();
    await expect.poll(() => calendar().locator('.savebar .refusal').textContent()).toContain('其他人刚刚修改了此配置');
    expect(await calendar().locator('input[name="booking-days"]').inputValue()).toBe('10');
    const now = await srv.get(CONFIG, 'manager');
    expect(now.version).toBe(theirs.body.version);
    expect(now.hall.calendar.bookingDaysAhead).toBe(10);
  });

  it('posts a standing notice with a validity range: on the board API and the wall board while valid; removed after a question, gone from both', async () => {
    await page.getByRole('tab', { name: '公告' }).click();
    const notices = page.locator('qms-admin-notices');
    await notices.locator('.lifetime').waitFor();
    expect(await notices.locator('.lifetime').textContent()).toContain('公告在有效期内');
    expect(await notices.locator('.head .scope').textContent()).toBe('按有效期显示');
    const { day } = await srv.get(`${H}/board`, 'display01');
    // The range starts today and lasts a week unless changed.
    await expect.poll(() => notices.locator('input[name="notice-from"]').inputValue()).toBe(day);
    expect(await notices.locator('input[name="notice-to"]').inputValue()).toBe(addDays(day, 6));

    // Longer than the API takes: said on screen, nothing posted.
    await notices.locator('textarea[name="notice"]').fill('长'.repeat(201));
    await notices.getByRole('button', { name: '发布公告' }).click();
    expect(await notices.locator('.refusal').textContent()).toBe('公告最多 200 个字');
    expect((await srv.get(`${H}/board`, 'display01')).notices).toEqual([]);

    // A range that ends before it starts: said in words.
    const text = '春节前最后一个周六（1月29日）起放假，2月2日恢复办公';
    await notices.locator('textarea[name="notice"]').fill(text);
    expect(await notices.locator('.counter').textContent()).toBe(`${[...text].length}/200 字`);
    const [y, m, d] = day.split('-').map(Number);
    await notices.locator('input[name="notice-to"]').fill(`${y}/${m}/${d}`);
    await notices.locator('input[name="notice-from"]').fill(`${y}年${m}月${d}日`);
    expect(await notices.locator('input[name="notice-from-pick"]').inputValue()).toBe(day);
    const end = addDays(day, 13);
    await notices.locator('input[name="notice-to"]').fill(addDays(day, -1));
    await notices.getByRole('button', { name: '发布公告' }).click();
    expect(await notices.locator('.refusal').textContent()).toBe('结束日期不能早于开始日期');
    await notices.locator('input[name="notice-to-pick"]').fill(end);
    await notices.getByRole('button', { name: '发布公告' }).click();
    await notices.locator('ul.notices.standing li').waitFor();
    expect(await notices.locator('ul.notices li .text').textContent()).toBe(text);
    expect(await notices.locator('ul.notices li .status').textContent()).toBe('显示中');
    const [, em, ed] = end.split('-').map(Number);
    expect(await notices.locator('ul.notices li .range').textContent()).toContain(`${m}月${d}日–${em}月${ed}日`);
    const saved = (await srv.get(CONFIG, 'manager')).hall.standingNotices as Array<{ text: string; from: string; to: string }>;
    expect(saved.map((n) => ({ text: n.text, from: n.from, to: n.to }))).toEqual([{ text, from: day, to: end }]);
    const board = await srv.get(`${H}/board`, 'display01');
    expect(board.notices.map((n: { text: string }) => n.text)).toEqual([text]);
    await screenshot(page, 'admin-notices');

    const wall = await openPage(browser, `${srv.url}/display/hall?hall=yuxi`);
    await signIn(wall.page, 'display01');
    const marquee = wall.page.locator('qms-notice-marquee .text');
    await expect.poll(() => marquee.textContent(), { timeout: 10_000 }).toContain(text);

    await notices.getByRole('button', { name: '撤下' }).click();
    const question = notices.locator('dialog.confirm[open]');
    await question.waitFor();
    expect(await question.locator('p').textContent()).toBe(`撤下公告“${text}”？大厅综合屏上将不再显示。`);
    await screenshot(page, 'admin-notices-remove');
    await question.locator('[data-action="confirm-remove-notice"]').click();
    await notices.getByText('暂无公告').waitFor();
    expect((await srv.get(`${H}/board`, 'display01')).notices).toEqual([]);
    await expect.poll(() => marquee.textContent(), { timeout: 10_000 }).not.toContain(text);
    await wall.context.close();
  });

  it('switches to English', async () => {
    await page.locator('qms-lang-switch button').click();
    const notices = page.locator('qms-admin-notices');
    await expect.poll(() => notices.locator('h2').textContent()).toBe('Hall notices');
    expect(await notices.locator('.lifetime').textContent()).toContain('A notice shows on the hall board every day');
    await page.getByRole('tab', { name: 'Calendar' }).click();
    await calendar().locator('h2').waitFor();
    expect(await calendar().locator('h2').textContent()).toBe('Opening calendar');
    await previewRow(TODAY).waitFor();
    expect(await rowText(TODAY)).toMatch(/Thu Jan 20.*today.*Workday.*Office hours 09:00–17:00.*Night service 19:00–21:00/);
    expect(await page.locator('qms-admin-calendar-days .source').textContent()).toBe('Statutory holidays (notice pending)');
    expect(await shownText(calendar())).not.toMatch(/[\u4e00-\u9fff]/);
    await screenshot(page, 'admin-calendar-en');
    // The 409 is the stale save the page was meant to show in words.
    expect(withoutExpectedNetworkLines(c.errors, { statuses: [409] })).toEqual([]);
  });
});
