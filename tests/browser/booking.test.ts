/**
 * The booking page (`/book?hall=yuxi`) in real Chromium at phone sizes, on a server whose clock the
 * test holds (ManualClock) at Monday 2026-09-28, the week of National Day. The phone's clock is set
 * to the same instant, as a citizen's phone would be. A citizen books end to end (the appointment
 * exists in the API, and its code checks in at the kiosk on the day), sees a full slot as full and
 * a slot taken while choosing said in words, cancels, finds the code again after closing the page,
 * and reads the calendar: National Day closed, the 调休 Saturday open, the Wednesday night market
 * named. 中文/English. No horizontal overflow, no script errors.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { searchIndex, searchServices } from '../../displays/shared/service-search';
import { launchBrowser, screenshot } from '../support/browser';
import { withoutExpectedNetworkLines } from '../support/screens';
import { expectFitsWidth, LARGE_PHONE, openPhone, SMALL_PHONE, type Phone } from '../support/phone';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const at = (iso: string) => Date.parse(iso);
const SMALL = SMALL_PHONE;
const LARGE = LARGE_PHONE;
const MONDAY = at('2026-09-28T10:00:00+08:00');

describe('the booking page on a phone', () => {
  const clock = new ManualClock(MONDAY);
  let srv: TestServer;
  let browser: Browser;
  const phones: Phone[] = [];

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', clock, env: { QMS_ALWAYS_OPEN: '0' } });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const p of phones.splice(0)) await p.close();
    clock.set(MONDAY);
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  /** A phone whose clock reads the server's instant, with the page's script and console errors kept. */
  async function phone(path: string, viewport = LARGE): Promise<Phone> {
    const p = await openPhone(browser, srv.url + path, viewport, (context) => context.clock.install({ time: clock.now() }));
    phones.push(p);
    return p;
  }

  const dayButton = (page: Page, date: string) => page.locator(`qms-booking button.day[data-date="${date}"]`);
  const slotButton = (page: Page, start: string) => page.locator(`qms-booking button.slot[data-start="${start}"]`);
  const receiptCode = (page: Page) => page.locator('qms-booking-receipt .code');
  const book = (body: Record<string, unknown>) => srv.request('POST', `${H}/appointments`, { body });

  it('books a night-market slot end to end; the full slot is shown full; the code checks in at the kiosk on the day', async () => {
    const hall = await srv.get(`${H}`);
    const fund = hall.areas.find((a: { id: string }) => a.id === 'fund');
    const loan = fund.services.find((s: { name: string }) => s.name === '住房公积金贷款申请');
    // Two citizens already hold the 19:00 places of the fund area on Wednesday night.
    for (let i = 0; i < 2; i++) expect((await book({ areaId: 'fund', date: '2026-09-30', start: '19:00' })).status).toBe(201);

    const { page, errors } = await phone('/book?hall=yuxi');
    await page.locator('qms-booking button.area', { hasText: '公积金专办' }).waitFor();
    await screenshot(page, 'booking-start-390');
    await expectFitsWidth(page, LARGE);

    await page.locator('qms-booking input[name="search"]').fill('贷款');
    await page.locator('qms-booking button.hit', { hasText: '住房公积金贷款申请' }).click();
    const wednesday = dayButton(page, '2026-09-30');
    await wednesday.waitFor();
    await expect(wednesday.textContent()).resolves.toContain('夜市 19:00–21:00');
    await screenshot(page, 'booking-dates-390');
    await expectFitsWidth(page, LARGE);
    await wednesday.click();

    await slotButton(page, '19:30').waitFor();
    await page.locator('qms-booking h3', { hasText: '夜市 19:00–21:00' }).waitFor();
    const full = slotButton(page, '19:00');
    await expect(full.textContent()).resolves.toContain('已约满');
    await expect(full.isDisabled()).resolves.toBe(true);
    await expect(slotButton(page, '19:30').textContent()).resolves.toContain('余 2 个');
    await slotButton(page, '19:00').scrollIntoViewIfNeeded();
    await screenshot(page, 'booking-slots-390');
    await expectFitsWidth(page, LARGE);
    await slotButton(page, '19:30').click();

    await page.locator('qms-booking input[name="phone"]').fill('138 1234 5678');
    await screenshot(page, 'booking-phone-390');
    await expectFitsWidth(page, LARGE);
    await page.getByRole('button', { name: '确认预约' }).click();
    await receiptCode(page).waitFor();
    const code = (await receiptCode(page).textContent())!.trim();
    expect(code).toMatch(/^30\d{4}$/);
    const receipt = page.locator('qms-booking-receipt');
    for (const words of [
      '预约成功',
      '9月30日 周三',
      '19:30–20:00',
      '夜市 19:00–21:00',
      '住房公积金贷款申请',
      '公积金专办',
      '138****5678',
      '请于预约时段开始前1小时内到自助取号机签到',
    ]) {
      await receipt.filter({ hasText: words }).waitFor();
    }
    // The code is the largest thing on the receipt.
    const sizes = await page.evaluate(() => {
      const root = document.querySelector('qms-booking')!.shadowRoot!.querySelector('qms-booking-receipt')!.shadowRoot!;
      const px = (sel: string) => parseFloat(getComputedStyle(root.querySelector(sel)!).fontSize);
      return { code: px('.code'), date: px('.date'), time: px('.time') };
    });
    expect(sizes.code).toBeGreaterThanOrEqual(2.5 * Math.max(sizes.date, sizes.time));
    await screenshot(page, 'booking-receipt-390');
    await expectFitsWidth(page, LARGE);

    // The server has it, with the phone number masked.
    const list = await srv.get(`${H}/appointments?date=2026-09-30`, 'manager');
    const mine = list.appointments.find((a: { code: string }) => a.code === code);
    expect(mine).toMatchObject({ areaId: 'fund', serviceId: loan.id, start: '19:30', end: '20:00', phoneMasked: '138****5678', status: 'booked' });
    expect(JSON.stringify(srv.logs)).not.toContain('13812345678');
    const slots = await srv.get(`${H}/appointments/slots?areaId=fund&date=2026-09-30`);
    expect(slots.slots.find((s: { start: string }) => s.start === '19:30').available).toBe(1);

    // Closing the page loses nothing: the code is on the phone.
    await page.reload();
    const last = page.locator('qms-booking .last');
    await last.filter({ hasText: code }).waitFor();
    await expect(last.textContent()).resolves.toContain('您最近的预约');

    // On Wednesday evening the kiosk checks the code in: an appointment ticket, ahead of walk-ins.
    clock.set(at('2026-09-30T19:10:00+08:00'));
    const ticket = await srv.post(`${H}/tickets`, 'kiosk01', { appointmentCode: code }, 201);
    expect(ticket.ticket).toMatchObject({ areaId: 'fund', priority: 'appointment', serviceId: loan.id });
    const again = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { appointmentCode: code } });
    expect([again.status, again.body.error.code]).toEqual([409, 'appointment_used']);
    expect(errors).toEqual([]);
  });

  it('finds a service by its pinyin initials, as the kiosk does, and books for it', async () => {
    const hall = await srv.get(`${H}`);
    const bookable = hall.areas.filter((a: { appointments?: unknown }) => a.appointments);
    // The kiosk's search over the same areas is what the page must list, in the same order.
    const expected = searchServices(searchIndex(bookable), 'gjjdk').map((h) => h.name);
    expect(expected).toContain('住房公积金贷款申请');

    const { page, errors } = await phone('/book?hall=yuxi');
    await page.locator('qms-booking input[name="search"]').fill('gjjdk');
    const hit = page.locator('qms-booking button.hit', { hasText: '住房公积金贷款申请' });
    await hit.waitFor();
    expect(await page.locator('qms-booking button.hit .name').allTextContents()).toEqual(expected);
    // The letters typed are marked on the characters they matched: 公积金贷款.
    expect(await hit.locator('mark').allTextContents()).toEqual(['公', '积', '金', '贷', '款']);
    await screenshot(page, 'booking-pinyin-390');
    await hit.click();
    await page.locator('qms-booking .chosen-area', { hasText: '住房公积金贷款申请' }).waitFor();
    await dayButton(page, '2026-09-30').waitFor();
    expect(withoutExpectedNetworkLines(errors, {})).toEqual([]);
  });

  it('says so when the last place goes while the citizen is choosing, and shows the slot full', async () => {
    const { page, errors } = await phone('/book?hall=yuxi', SMALL);
    await page.locator('qms-booking button.area', { hasText: '税务事项专办' }).click();
    await dayButton(page, '2026-09-29').click();
    await slotButton(page, '10:00').click();
    // Meanwhile two other citizens take both places.
    for (let i = 0; i < 2; i++) expect((await book({ areaId: 'tax', date: '2026-09-29', start: '10:00' })).status).toBe(201);
    await page.getByRole('button', { name: '确认预约' }).click();
    await page.locator('qms-booking .error', { hasText: '刚刚有人约满了这个时段，请另选一个' }).waitFor();
    const full = slotButton(page, '10:00');
    await full.filter({ hasText: '已约满' }).waitFor();
    await expect(full.isDisabled()).resolves.toBe(true);
    await full.scrollIntoViewIfNeeded();
    await screenshot(page, 'booking-slot-taken-360');
    await expectFitsWidth(page, SMALL);
    // Another time still books.
    await slotButton(page, '10:30').click();
    await page.getByRole('button', { name: '确认预约' }).click();
    await receiptCode(page).waitFor();
    expect(withoutExpectedNetworkLines(errors, { statuses: [409] })).toEqual([]);
  });

  it('cancels from the receipt, which frees the place, and cancels another code typed in', async () => {
    const { page, errors } = await phone('/book?hall=yuxi', SMALL);
    await page.locator('qms-booking button.area', { hasText: '公安事务' }).click();
    await dayButton(page, '2026-10-09').click();
    await slotButton(page, '09:00').click();
    await page.getByRole('button', { name: '确认预约' }).click();
    await receiptCode(page).waitFor();
    const code = (await receiptCode(page).textContent())!.trim();
    await screenshot(page, 'booking-receipt-360');
    await expectFitsWidth(page, SMALL);
    expect((await srv.get(`${H}/appointments/slots?areaId=police&date=2026-10-09`)).slots[0]).toMatchObject({ start: '09:00', available: 1 });

    await page.getByRole('button', { name: '取消预约' }).click();
    await page.getByRole('button', { name: '确定取消' }).click();
    await page.locator('qms-booking-receipt .status', { hasText: '预约已取消' }).waitFor();
    await screenshot(page, 'booking-cancelled-360');
    const list = await srv.get(`${H}/appointments?date=2026-10-09`, 'manager');
    expect(list.appointments.find((a: { code: string }) => a.code === code).status).toBe('cancelled');
    expect((await srv.get(`${H}/appointments/slots?areaId=police&date=2026-10-09`)).slots[0]).toMatchObject({ start: '09:00', available: 2 });
    // A cancelled code cannot check in.
    clock.set(at('2026-10-09T08:30:00+08:00'));
    const checkIn = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { appointmentCode: code } });
    expect(checkIn.body.error.code).toBe('appointment_cancelled');
    clock.set(MONDAY);

    // A code booked elsewhere (another phone, the hotline) is cancelled by typing it in.
    const other = (await book({ areaId: 'insurance', date: '2026-10-08', start: '14:00' })).body.appointment;
    await page.getByRole('button', { name: '预约其他业务' }).click();
    await page.getByRole('button', { name: '取消已有的预约' }).click();
    await page.locator('qms-booking input[name="code"]').fill(other.code);
    await page.getByRole('button', { name: '取消此预约' }).click();
    await page.locator('qms-booking-receipt .status', { hasText: '预约已取消' }).waitFor();
    await expect(receiptCode(page).textContent()).resolves.toBe(other.code);
    expect((await srv.get(`${H}/appointments?date=2026-10-08`, 'manager')).appointments[0].status).toBe('cancelled');
    // Twice: the server's words.
    await page.getByRole('button', { name: '预约其他业务' }).click();
    await page.getByRole('button', { name: '取消已有的预约' }).click();
    await page.locator('qms-booking input[name="code"]').fill(other.code);
    await page.getByRole('button', { name: '取消此预约' }).click();
    await page.locator('qms-booking .error', { hasText: '该预约已取消' }).waitFor();
    expect(withoutExpectedNetworkLines(errors, { statuses: [409] })).toEqual([]);
  });

  it('shows the calendar: National Day closed, the 调休 Saturday open, the night market named; in English too', async () => {
    const { page, errors } = await phone('/book?hall=yuxi', SMALL);
    await page.locator('qms-booking button.area', { hasText: '不动产联办' }).click();
    await dayButton(page, '2026-09-28').waitFor();
    const days = await page.locator('qms-booking button.day').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.date));
    expect(days[0]).toBe('2026-09-28');
    expect(days.at(-1)).toBe('2026-10-12');
    await expect(dayButton(page, '2026-09-28').textContent()).resolves.toContain('今天');
    for (const holiday of ['2026-10-01', '2026-10-07']) {
      await expect(dayButton(page, holiday).isDisabled()).resolves.toBe(true);
      await expect(dayButton(page, holiday).textContent()).resolves.toMatch(/法定节假日[\s\S]*不办公/);
    }
    await expect(dayButton(page, '2026-10-11').isDisabled()).resolves.toBe(true);
    const makeup = dayButton(page, '2026-10-10');
    await expect(makeup.isDisabled()).resolves.toBe(false);
    await expect(makeup.textContent()).resolves.toMatch(/10月10日 周六[\s\S]*调休上班[\s\S]*正常办公 09:00–17:00/);
    // The night market is on Wednesdays that are workdays, not on the holiday Wednesday.
    await expect(dayButton(page, '2026-09-30').textContent()).resolves.toContain('夜市 19:00–21:00');
    await expect(dayButton(page, '2026-10-07').textContent()).resolves.not.toContain('夜市');
    await screenshot(page, 'booking-dates-360');
    await makeup.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'booking-dates-makeup-360');
    await expectFitsWidth(page, SMALL);

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await makeup.filter({ hasText: 'Make-up workday' }).waitFor();
    await expect(dayButton(page, '2026-10-01').textContent()).resolves.toMatch(/Public holiday[\s\S]*Closed/);
    await expect(dayButton(page, '2026-09-30').textContent()).resolves.toContain('Night service 19:00–21:00');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await page.locator('qms-booking h2', { hasText: 'Choose a day' }).waitFor();
    await screenshot(page, 'booking-dates-en-360');
    await expectFitsWidth(page, SMALL);
    // And back.
    await page.getByRole('button', { name: '切换到中文' }).click();
    await page.locator('qms-booking h2', { hasText: '选择日期' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('opens in English with ?lang=en and books in English', async () => {
    const { page, errors } = await phone('/book?hall=yuxi&lang=en', LARGE);
    await page.locator('qms-booking', { hasText: 'Book an appointment' }).first().waitFor();
    await page.locator('qms-booking input[name="search"]').fill('护照');
    await page.locator('qms-booking button.hit', { hasText: '普通护照申领' }).click();
    await dayButton(page, '2026-10-08').click();
    await slotButton(page, '16:30').filter({ hasText: '2 left' }).click();
    await page.locator('qms-booking input[name="phone"]').fill('12345');
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await page.locator('qms-booking .error', { hasText: 'That mobile number looks wrong' }).waitFor();
    await page.locator('qms-booking input[name="phone"]').fill('');
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await receiptCode(page).waitFor();
    const receipt = page.locator('qms-booking-receipt');
    for (const words of ['Booked', 'Thu Oct 8', '16:30–17:00', 'Check in at a self-service kiosk within the hour before your time']) {
      await receipt.filter({ hasText: words }).waitFor();
    }
    await screenshot(page, 'booking-receipt-en-390');
    await expectFitsWidth(page, LARGE);
    expect(errors).toEqual([]);
  });
});
