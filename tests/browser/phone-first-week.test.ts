/**
 * What citizens met on their phones in the first week in a real hall (issue 22, item 10), in real
 * Chromium at 390×844, 中文 and English, on a server whose clock the test holds (ManualClock):
 * - a journey ticket transferred (转) into its next step's area shows that step, and the step's 办结
 *   sends it on to the step after;
 * - 开启叫号提醒 is offered while waiting, and gone once the ticket is called;
 * - the next day, yesterday's links show how each visit ended (served, missed, the day ended before
 *   the call or before the end of service) with the ticket's date; an unknown link is still 404;
 * - booking shows the places left on each day, the chosen service's 材料清单 and the hall's address,
 *   on the way and on the receipt.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { launchBrowser, screenshot } from '../support/browser';
import { issueTicket, withoutExpectedNetworkLines } from '../support/screens';
import { expectFitsWidth, LARGE_PHONE, openPhone, type Phone } from '../support/phone';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const PHONE = LARGE_PHONE;
const TUESDAY = Date.parse('2026-12-01T10:00:00+08:00');
const WEDNESDAY = Date.parse('2026-12-02T09:00:00+08:00');
const MINUTE = 60_000;

describe('the phone pages after the first week in a real hall', () => {
  const clock = new ManualClock(TUESDAY);
  let srv: TestServer;
  let browser: Browser;
  const phones: Phone[] = [];
  /** Tuesday's tickets, looked at again on Wednesday. */
  const tuesday: Record<'served' | 'missed' | 'waiting' | 'called', { id: string; number: string; key: string }> = {} as never;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', clock });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const p of phones.splice(0)) await p.close();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  async function phone(path: string, withClock = false): Promise<Phone> {
    const p = await openPhone(browser, srv.url + path, PHONE, withClock ? (context) => context.clock.install({ time: clock.now() }) : undefined);
    phones.push(p);
    return p;
  }
  const ticketPage = (page: Page) => page.locator('qms-ticket-page');

  it('a journey ticket transferred into its next step’s area shows that step; that step’s 办结 goes on to the last', async () => {
    const t = await issueTicket(srv, 'yuxi', { journeyId: 'newborn' });
    const zh = await phone(`/ticket/yuxi/${t.key}`);
    const en = await phone(`/ticket/yuxi/${t.key}?lang=en`);
    await ticketPage(zh.page).locator('section.journey[data-journey-step="1"]').waitFor();
    await ticketPage(en.page).locator('section.journey[data-journey-step="1"]').waitFor();

    // The 公安 clerk sends the citizen to 医保社保 with 转 (not 办结), as clerks do.
    await srv.post(`${H}/windows/19/sign-in`, 'clerk19');
    expect((await srv.post(`${H}/windows/19/call-next`, 'clerk19')).ticket.id).toBe(t.id);
    await srv.post(`${H}/windows/19/start`, 'clerk19');
    await srv.post(`${H}/windows/19/transfer`, 'clerk19', { areaId: 'insurance' });

    const card = ticketPage(zh.page).locator('section.journey[data-journey-step="2"]');
    await card.waitFor();
    expect(await card.locator('.step').innerText()).toBe('第2步/共3步 · 下一步：税务事项专办');
    expect(await card.locator('li.done').innerText()).toBe('公安事务');
    expect(await card.locator('li.current').innerText()).toBe('医保社保综合服务');
    expect(await ticketPage(zh.page).locator('.area').innerText()).toBe('医保社保综合服务');
    // The journey card says where the citizen is; no separate "moved" notice repeats it.
    expect(await ticketPage(zh.page).locator('.outcome.transferred').count()).toBe(0);
    await screenshot(zh.page, 'phone-journey-transfer-step2-390');
    await expectFitsWidth(zh.page, PHONE);

    const enCard = ticketPage(en.page).locator('section.journey[data-journey-step="2"]');
    await enCard.waitFor();
    expect(await enCard.locator('.step').innerText()).toMatch(/^Step 2 of 3/);
    await screenshot(en.page, 'phone-journey-transfer-step2-en-390');
    await expectFitsWidth(en.page, PHONE);

    // At 医保社保 the step is step 2: its 办结 sends the citizen on to 税务 (step 3), not back to 医保社保.
    await srv.post(`${H}/windows/16/sign-in`, 'clerk16');
    expect((await srv.post(`${H}/windows/16/call-next`, 'clerk16')).ticket).toMatchObject({ id: t.id, journey: { step: 2 } });
    await srv.post(`${H}/windows/16/complete`, 'clerk16');
    const last = ticketPage(zh.page).locator('section.journey[data-journey-step="3"]');
    await last.waitFor();
    expect(await last.locator('.step').innerText()).toBe('第3步/共3步 · 最后一步');
    expect(await ticketPage(zh.page).locator('.area').innerText()).toBe('税务事项专办');
    expect(withoutExpectedNetworkLines(zh.errors, {})).toEqual([]);
    expect(withoutExpectedNetworkLines(en.errors, {})).toEqual([]);
  }, 60_000);

  it('offers call reminders while waiting, and no longer once the ticket is called', async () => {
    const first = await issueTicket(srv, 'yuxi', { areaId: 'fund' });
    const second = await issueTicket(srv, 'yuxi', { areaId: 'fund' });
    const zh = await phone(`/ticket/yuxi/${first.key}`);
    const en = await phone(`/ticket/yuxi/${second.key}?lang=en`);
    await ticketPage(zh.page).getByRole('button', { name: '开启叫号提醒' }).waitFor();
    await ticketPage(en.page).getByRole('button', { name: 'Turn on call alerts' }).waitFor();
    await screenshot(zh.page, 'phone-reminder-offered-390');

    await srv.post(`${H}/windows/14/sign-in`, 'clerk14');
    await srv.post(`${H}/windows/15/sign-in`, 'clerk15');
    expect((await srv.post(`${H}/windows/14/call-next`, 'clerk14')).ticket.id).toBe(first.id);
    expect((await srv.post(`${H}/windows/15/call-next`, 'clerk15')).ticket.id).toBe(second.id);
    await ticketPage(zh.page).locator('.call .go', { hasText: '请到 14 号窗口' }).waitFor();
    await ticketPage(en.page).locator('.call .go', { hasText: 'Please go to window 15' }).waitFor();
    for (const page of [zh.page, en.page]) {
      expect(await ticketPage(page).locator('.alerts, .alerts-state, button.enable-alerts').count()).toBe(0);
    }
    await screenshot(zh.page, 'phone-called-no-reminder-390');
    await screenshot(en.page, 'phone-called-no-reminder-en-390');
    await expectFitsWidth(zh.page, PHONE);
    await expectFitsWidth(en.page, PHONE);
    // Served: done, nothing to remind of.
    await srv.post(`${H}/windows/14/complete`, 'clerk14');
    await ticketPage(zh.page).locator('.outcome.done').waitFor();
    expect(await ticketPage(zh.page).locator('button.enable-alerts').count()).toBe(0);
    expect(withoutExpectedNetworkLines(zh.errors, {})).toEqual([]);
    expect(withoutExpectedNetworkLines(en.errors, {})).toEqual([]);
  }, 60_000);

  it('the next day, yesterday’s links show how each visit ended, with its date; an unknown link is 404', async () => {
    // Tuesday: one served, one missed (marked a few minutes after the call), one called at closing
    // and never finished, one still waiting when the day ended.
    tuesday.served = await issueTicket(srv, 'yuxi', { areaId: 'police' });
    tuesday.missed = await issueTicket(srv, 'yuxi', { areaId: 'police' });
    tuesday.called = await issueTicket(srv, 'yuxi', { areaId: 'police' });
    tuesday.waiting = await issueTicket(srv, 'yuxi', { areaId: 'police' });
    await srv.post(`${H}/windows/20/sign-in`, 'clerk20');
    expect((await srv.post(`${H}/windows/20/call-next`, 'clerk20')).ticket.id).toBe(tuesday.served.id);
    await srv.post(`${H}/windows/20/start`, 'clerk20');
    clock.advance(10 * MINUTE);
    await srv.post(`${H}/windows/20/complete`, 'clerk20');
    expect((await srv.post(`${H}/windows/20/call-next`, 'clerk20')).ticket.id).toBe(tuesday.missed.id);
    clock.advance(5 * MINUTE);
    await srv.post(`${H}/windows/20/no-show`, 'clerk20');
    expect((await srv.post(`${H}/windows/20/call-next`, 'clerk20')).ticket.id).toBe(tuesday.called.id);

    // Wednesday morning: the links printed on Tuesday's paper.
    clock.set(WEDNESDAY);
    const read = (key: string) => srv.request('GET', `${H}/tickets/${encodeURIComponent(key)}`);
    const ends = await Promise.all([tuesday.served, tuesday.missed, tuesday.called, tuesday.waiting].map((t) => read(t.key)));
    expect(ends.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(ends.map((r) => [r.body.ticket.number, r.body.ticket.day, r.body.ticket.ended])).toEqual([
      [tuesday.served.number, '2026-12-01', 'done'],
      [tuesday.missed.number, '2026-12-01', 'no_show'],
      [tuesday.called.number, '2026-12-01', 'day_end'],
      [tuesday.waiting.number, '2026-12-01', 'day_end'],
    ]);
    expect(ends.every((r) => r.body.ticket.ahead === null && r.body.ticket.estimatedWaitMinutes === null)).toBe(true);
    expect(JSON.stringify(ends.map((r) => r.body))).not.toContain(tuesday.served.id);
    expect((await read('not-a-ticket')).status).toBe(404);
    // Today's tickets are still today's: a new one is live, not ended.
    const today = await issueTicket(srv, 'yuxi', { areaId: 'police' });
    expect((await read(today.key)).body.ticket).toMatchObject({ day: '2026-12-02', status: 'waiting' });
    expect((await read(today.key)).body.ticket.ended).toBeUndefined();

    const cases = [
      { t: tuesday.served, end: 'done', zh: '当天已办结', en: 'Served that day' },
      { t: tuesday.missed, end: 'no_show', zh: '当天已过号，未办理', en: 'Missed that day, not served' },
      { t: tuesday.called, end: 'day_end', zh: '当天办公已结束，此号未办结', en: 'The day ended before this visit was finished' },
      { t: tuesday.waiting, end: 'day_end', zh: '当天办公结束前未轮到此号', en: 'The day ended before this ticket was called' },
    ] as const;
    for (const c of cases) {
      const zh = await phone(`/ticket/yuxi/${c.t.key}`);
      const outcome = ticketPage(zh.page).locator(`.outcome.ended[data-ended="${c.end}"]`);
      await outcome.locator('h2', { hasText: c.zh }).waitFor();
      expect(await ticketPage(zh.page).locator('.past-note').innerText()).toBe('这是 12月1日 周二 的号票，今天不能再用。');
      expect(await ticketPage(zh.page).locator('.number').innerText()).toBe(c.t.number);
      expect(await ticketPage(zh.page).locator('dd.day').innerText()).toBe('12月1日 周二');
      // Nothing to wait for and nothing to turn on.
      expect(await ticketPage(zh.page).locator('.figures, button.enable-alerts, qms-sms-opt-in, .call').count()).toBe(0);
      await screenshot(zh.page, `phone-yesterday-${c.end}-${c.t.number}-390`);
      await expectFitsWidth(zh.page, PHONE);
      expect(withoutExpectedNetworkLines(zh.errors, { websocket: true })).toEqual([]);

      const en = await phone(`/ticket/yuxi/${c.t.key}?lang=en`);
      await ticketPage(en.page).locator(`.outcome.ended[data-ended="${c.end}"] h2`, { hasText: c.en }).waitFor();
      expect(await ticketPage(en.page).locator('.past-note').innerText()).toBe('This ticket is from Tue Dec 1; it cannot be used today.');
      await screenshot(en.page, `phone-yesterday-${c.end}-${c.t.number}-en-390`);
      await expectFitsWidth(en.page, PHONE);
      expect(withoutExpectedNetworkLines(en.errors, { websocket: true })).toEqual([]);
      for (const p of phones.splice(0)) await p.close();
    }

    const unknown = await phone('/ticket/yuxi/not-a-ticket');
    await ticketPage(unknown.page).locator('.outcome.gone', { hasText: '未找到该号票' }).waitFor();
    expect(withoutExpectedNetworkLines(unknown.errors, { statuses: [404], websocket: true })).toEqual([]);
  }, 120_000);

  it('booking shows the places left on each day, the service’s 材料清单 and the hall’s address', async () => {
    clock.set(WEDNESDAY);
    // Two citizens hold Thursday's first places in the fund area: Thursday has 30 of 32 left.
    for (let i = 0; i < 2; i++)
      expect((await srv.request('POST', `${H}/appointments`, { body: { areaId: 'fund', date: '2026-12-03', start: '09:00' } })).status).toBe(201);
    const places = await srv.get(`${H}/appointments/places?areaId=fund&from=2026-12-01&to=2027-01-31`);
    // Bounded: from today to the booking horizon (14 days ahead), whatever was asked.
    expect(places.days[0]).toEqual({ date: '2026-12-02', available: 40, capacity: 40 });
    expect(places.days.at(-1).date).toBe('2026-12-16');
    expect(places.days.find((d: { date: string }) => d.date === '2026-12-03')).toEqual({ date: '2026-12-03', available: 30, capacity: 32 });
    expect(places.days.find((d: { date: string }) => d.date === '2026-12-05')).toEqual({ date: '2026-12-05', available: 0, capacity: 0 });
    expect((await srv.request('GET', `${H}/appointments/places?areaId=nowhere&from=2026-12-02&to=2026-12-03`)).status).toBe(400);

    // The Chinese phone books one of Thursday's places, so the English one sees 29.
    for (const lang of ['zh', 'en'] as const) {
      const w =
        lang === 'zh'
          ? { thursday: '余 30 个名额', wednesday: '余 40 个名额', materials: '材料清单（6 项）', address: '大厅地址', confirm: '确认预约' }
          : { thursday: '29 places left', wednesday: '40 places left', materials: 'What to bring (6 items)', address: 'Hall address', confirm: 'Book' };
      const { page, errors } = await phone(`/book?hall=yuxi${lang === 'en' ? '&lang=en' : ''}`, true);
      await page.locator('qms-booking input[name="search"]').fill(lang === 'zh' ? '贷款' : 'daikuan');
      await page.locator('qms-booking button.hit', { hasText: '住房公积金贷款申请' }).click();

      const thursday = page.locator('qms-booking button.day[data-date="2026-12-03"]');
      await thursday.locator('.places', { hasText: w.thursday }).waitFor();
      await page.locator('qms-booking button.day[data-date="2026-12-02"] .places', { hasText: w.wednesday }).waitFor();
      expect(await page.locator('qms-booking button.day[data-date="2026-12-05"] .places').count()).toBe(0);
      const summary = page.locator('qms-booking-summary');
      await summary.locator('details.materials summary', { hasText: w.materials }).waitFor();
      expect(await summary.locator('.address-text').innerText()).toBe('云南省玉溪市红塔区（演示地址）');
      expect(await summary.locator('.address-label').innerText()).toBe(w.address);
      await screenshot(page, `booking-places-${lang}-390`);
      await expectFitsWidth(page, PHONE);
      await summary.locator('details.materials summary').click();
      const list = summary.locator('.materials-list li');
      await list.first().waitFor();
      expect(await list.allInnerTexts()).toEqual(['借款人及配偶身份证件', '户口簿', '婚姻状况证明', '购房合同', '首付款凭证', '收入证明']);
      await screenshot(page, `booking-materials-${lang}-390`);
      await expectFitsWidth(page, PHONE);

      await thursday.click();
      await page.locator('qms-booking button.slot[data-start="10:00"]').click();
      // The last step shows the list open.
      await summary.locator('section.materials .materials-list li').first().waitFor();
      await page.getByRole('button', { name: w.confirm, exact: true }).click();
      const receipt = page.locator('qms-booking-receipt');
      await receipt.locator('.code').waitFor();
      expect(await receipt.locator('.materials-list li').count()).toBe(6);
      expect(await receipt.locator('.address-text').innerText()).toBe('云南省玉溪市红塔区（演示地址）');
      await receipt.locator('.address').scrollIntoViewIfNeeded();
      await screenshot(page, `booking-receipt-materials-${lang}-390`);
      await expectFitsWidth(page, PHONE);
      expect(withoutExpectedNetworkLines(errors, {})).toEqual([]);
      for (const p of phones.splice(0)) await p.close();
    }
    // The two bookings the phones made: Thursday now has 28 left.
    const after = await srv.get(`${H}/appointments/places?areaId=fund&from=2026-12-03&to=2026-12-03`);
    expect(after.days).toEqual([{ date: '2026-12-03', available: 28, capacity: 32 }]);
  }, 120_000);
});
