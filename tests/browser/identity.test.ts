/**
 * 实名取号 and the call keypad in real Chromium. At the portrait kiosk (1080×1920): an ID card reader
 * in keyboard mode types a fast burst ending in Enter and a real-name ticket is issued; a second
 * burst for the same area is refused with words; the reader's local service (a real HTTP server on
 * loopback) answers a card and the kiosk takes the ticket with the card's name; a citizen books on
 * the booking page at phone size with an ID number (checked in the page, shown masked on the
 * receipt, the privacy notice beside the field) and the appointment checks in at the kiosk by
 * laying the card, no code typed. At the counter (1366×768) a clerk serves a whole
 * citizen by keys only — a hall-configured key, the digits of a numeric keypad, the F-keys — sees the
 * masked number and name, and keeps the keys after every dialog. Screenshots are saved to look at.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type WatchedPage } from '../support/browser';
import { signIn, withoutExpectedNetworkLines } from '../support/screens';
import { expectFitsWidth, LARGE_PHONE, openPhone } from '../support/phone';
import { startServer, type TestServer } from '../support/server';
import { identityHalls, ID_A, ID_B, ID_C, TEST_DATA_KEY } from '../support/identity-hall';

const H = '/api/v1/halls/yuxi';
const PORTRAIT = { width: 1080, height: 1920 };
const COUNTER = { width: 1366, height: 768 };
const SHOTS = '/tmp/shots-ident';
/** Wednesday 10:00 in the hall, running forward. */
const CLOCK_START = '2026-12-02T10:00:00+08:00';
const OPEN_WINDOWS = ['1', '3', '7', '9', '12', '14', '16', '19'];

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

/** The card reader's local service as a vendor's would answer (docs/identity.md), on a real loopback port. */
class ReaderStub {
  card: { idNumber: string; name: string } | null = null;
  requests = 0;
  origins = new Set<string>();
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<ReaderStub> {
    let stub: ReaderStub | null = null;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      stub!.requests++;
      if (req.headers.origin) stub!.origins.add(req.headers.origin);
      res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(stub!.card ? { present: true, ...stub!.card, gender: '女', nation: '汉' } : { present: false }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    stub = new ReaderStub(server, `http://127.0.0.1:${port}/card`);
    return stub;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('实名取号 at the kiosk, and the call keypad at the counter', () => {
  let srv: TestServer;
  let browser: Browser;
  let reader: ReaderStub;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    reader = await ReaderStub.start();
    const halls = identityHalls({ perDay: 3 });
    // The hall's own keypad: its 呼叫 key sends "+", besides the defaults.
    for (const h of halls.halls) if (h.id === 'yuxi') h.counter = { keys: { callNext: ['F1', '1', '+'] } };
    srv = await startServer({ store: 'embedded', halls, env: { QMS_DATA_KEY: TEST_DATA_KEY, QMS_CLOCK_START: CLOCK_START } });
    browser = await launchBrowser();
    for (const n of OPEN_WINDOWS) await srv.post(`${H}/windows/${n}/sign-in`, `clerk${n.padStart(2, '0')}`);
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await reader?.close();
  });

  async function kiosk(query = ''): Promise<WatchedPage> {
    const w = await openPage(browser, `${srv.url}/kiosk?hall=yuxi${query}`, PORTRAIT);
    pages.push(w);
    await signIn(w.page, 'kiosk01');
    await w.page.locator('qms-kiosk button.area', { hasText: '不动产联办' }).waitFor();
    return w;
  }

  const keypad = (page: Page) => page.locator('qms-kiosk-keypad');

  /** A reader in keyboard mode: the number as one fast burst of keys, then Enter. */
  async function burst(page: Page, text: string): Promise<void> {
    await page.keyboard.type(text, { delay: 4 });
    await page.keyboard.press('Enter');
  }

  it('a keyboard-wedge burst issues a real-name ticket; a second burst for the same area is refused with words', async () => {
    const { page, errors } = await kiosk();
    await page.locator('qms-kiosk button.area', { hasText: '不动产联办' }).click();
    await keypad(page).locator('h1', { hasText: '实名取号' }).waitFor();
    await keypad(page).locator('.note', { hasText: '当日办理结束后即删除' }).waitFor();
    await shoot(page, 'kiosk-identity');

    await burst(page, ID_A);
    const number = page.locator('qms-kiosk-ticket [data-number]');
    await number.waitFor();
    const shown = (await number.textContent())!.trim();
    expect(shown).toMatch(/^B\d{3}$/);
    await shoot(page, 'kiosk-identity-ticket');
    const ticket = await srv.app.qms.service.query('yuxi', (s) => [...s.tickets.values()].find((t) => t.number === shown)!);
    expect(ticket.identityTag).not.toBeNull();

    // Back to the start; the same card again for the same area.
    await page.locator('qms-kiosk-ticket button.primary').click();
    await page.locator('qms-kiosk button.area', { hasText: '不动产联办' }).click();
    await keypad(page).locator('h1', { hasText: '实名取号' }).waitFor();
    await burst(page, ID_A);
    // The refusal says which limit: the area, and the number this citizen already holds there.
    await keypad(page)
      .locator('.alert', { hasText: `您已持有「不动产联办」的号票 ${shown}，尚未办结：请等候叫号` })
      .waitFor();
    // The number is not left on screen after it was sent.
    expect(await keypad(page).locator('output').textContent()).not.toContain(ID_A.slice(4, 14));
    await shoot(page, 'kiosk-identity-refused');
    // A 15-digit old number is refused in words too.
    await burst(page, '530402900101123');
    await keypad(page).locator('.alert', { hasText: '不支持15位旧身份证号码' }).waitFor();
    expect(withoutExpectedNetworkLines(errors, { statuses: [400, 409] })).toEqual([]);
  });

  it("takes the card from the reader's local service (a stub on loopback), with its name", async () => {
    reader.card = null;
    const { page, errors } = await kiosk(`&reader=${encodeURIComponent(reader.url)}`);
    expect(reader.requests).toBe(0); // asked only while a card is wanted
    await page.locator('qms-kiosk button.area', { hasText: '公安' }).first().click();
    await keypad(page).locator('h1', { hasText: '实名取号' }).waitFor();
    await expect.poll(() => reader.requests, { timeout: 10_000 }).toBeGreaterThan(0);
    reader.card = { idNumber: ID_B, name: '阮小七' };
    const number = page.locator('qms-kiosk-ticket [data-number]');
    await number.waitFor();
    const shown = (await number.textContent())!.trim();
    reader.card = null;
    expect([...reader.origins]).toEqual([srv.url]);
    const id = await srv.app.qms.service.query('yuxi', (s) => [...s.tickets.values()].find((t) => t.number === shown)!.id);
    expect((await srv.get(`${H}/tickets/${id}/identity`, 'manager')).identity).toEqual({ masked: '5304**********001X', name: '阮小七' });
    expect(withoutExpectedNetworkLines(errors, {})).toEqual([]);
  });

  it('books on the phone with an ID number, then checks in at the kiosk by laying the card (no code)', async () => {
    const phone = await openPhone(browser, `${srv.url}/book?hall=yuxi`, LARGE_PHONE);
    try {
      const { page } = phone;
      const booking = page.locator('qms-booking');
      await booking.locator('button.area', { hasText: '税务事项专办' }).click();
      await booking.locator('button.day[data-date="2026-12-02"]').click();
      await booking.locator('button.slot[data-start="10:30"]').click();
      // 税务 asks for an ID at the kiosk, so the booking offers it too, with what is kept and for how long.
      const id = booking.locator('input[name="idNumber"]');
      await id.waitFor();
      await booking.locator('h2', { hasText: '手机号码和身份证号码（选填）' }).waitFor();
      await booking.locator('.privacy', { hasText: '脱敏号码（如 5304**********1234）加密保存，预约当天办理结束后删除' }).waitFor();
      await shoot(page, 'booking-id-390', true);
      await expectFitsWidth(page, LARGE_PHONE);

      // The page checks the number by the server's rule before sending anything: a wrong check digit, an old 15-digit number.
      const before = (await srv.get(`${H}/appointments/slots?areaId=tax&date=2026-12-02`)).slots.find((x: { start: string }) => x.start === '10:30').available;
      await id.fill(ID_C.slice(0, 17) + '0');
      await page.getByRole('button', { name: '确认预约' }).click();
      await booking.locator('.id-error', { hasText: '身份证号码有误' }).waitFor();
      await shoot(page, 'booking-id-invalid-390');
      await id.fill('530402700315456');
      await page.getByRole('button', { name: '确认预约' }).click();
      await booking.locator('.id-error', { hasText: '不支持15位旧身份证号码' }).waitFor();
      expect((await srv.get(`${H}/appointments/slots?areaId=tax&date=2026-12-02`)).slots.find((x: { start: string }) => x.start === '10:30').available).toBe(
        before,
      );

      // Typed as people type it (spaces); booked; the receipt shows it masked, and says the card checks in.
      await id.fill(`${ID_C.slice(0, 6)} ${ID_C.slice(6, 14)} ${ID_C.slice(14)}`);
      await page.getByRole('button', { name: '确认预约' }).click();
      const receipt = booking.locator('qms-booking-receipt');
      await receipt.locator('.code').waitFor();
      const code = (await receipt.locator('.code').textContent())!.trim();
      await receipt.locator('dd.id-number', { hasText: '5304**********4567' }).waitFor();
      await receipt.locator('.by-card', { hasText: '直接刷身份证或扫电子社保卡即可签到' }).waitFor();
      await shoot(page, 'booking-id-receipt-390');
      await expectFitsWidth(page, LARGE_PHONE);
      // Neither the page nor the phone's storage keeps the number itself.
      expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(ID_C.slice(4, 14));
      expect(await page.content()).not.toContain(ID_C.slice(4, 14));
      const list = await srv.get(`${H}/appointments?date=2026-12-02`, 'manager');
      const booked = list.appointments.find((a: { code: string }) => a.code === code);
      expect(booked).toMatchObject({ areaId: 'tax', start: '10:30', identified: true, status: 'booked' });
      expect(phone.errors).toEqual([]);

      // At the portrait kiosk: 预约签到, the card laid (a reader's burst), and the appointment is checked in.
      const { page: kioskPage, errors } = await kiosk();
      await kioskPage.locator('qms-kiosk button.choice', { hasText: '预约签到' }).click();
      await keypad(kioskPage).locator('.note', { hasText: '刷身份证' }).waitFor();
      await burst(kioskPage, ID_C);
      await kioskPage.locator('qms-kiosk-ticket [data-number]').waitFor();
      const shown = (await kioskPage.locator('qms-kiosk-ticket [data-number]').textContent())!.trim();
      await shoot(kioskPage, 'kiosk-checked-in-by-card');
      const t = await srv.app.qms.service.query('yuxi', (s) => [...s.tickets.values()].find((x) => x.number === shown)!);
      expect(t).toMatchObject({ priority: 'appointment', appointmentId: booked.id, areaId: 'tax' });
      expect((await srv.get(`${H}/appointments?date=2026-12-02`, 'manager')).appointments.find((a: { code: string }) => a.code === code).status).toBe(
        'checked_in',
      );
      expect(withoutExpectedNetworkLines(errors, {})).toEqual([]);

      // In English the field, its words and the notice come from the same table, and fit the phone.
      await page.goto(`${srv.url}/book?hall=yuxi&lang=en`);
      await booking.locator('button.area', { hasText: '公安事务' }).click();
      await booking.locator('button.day[data-date="2026-12-02"]').click();
      await booking.locator('button.slot[data-start="11:00"]').click();
      await booking.locator('h2', { hasText: 'Mobile and ID number (both optional)' }).waitFor();
      await booking.locator('.privacy', { hasText: 'erased when the day of your appointment ends' }).waitFor();
      await id.fill('530402900101123');
      await page.getByRole('button', { name: 'Book' }).click();
      await booking.locator('.id-error', { hasText: 'Old 15-digit ID numbers are not accepted' }).waitFor();
      await shoot(page, 'booking-id-390-en', true);
      await expectFitsWidth(page, LARGE_PHONE);
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('the counter serves a whole citizen by keys only, shows the masked number and name, and keeps the keys after dialogs', async () => {
    // At 公安 (window 20): a citizen by ID, and two more the manager issued for people without a card.
    const byId = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police', identity: { text: ID_C, via: 'reader', name: '扈三娘' } }, 201);
    await srv.post(`${H}/tickets`, 'manager', { areaId: 'police' }, 201);
    await srv.post(`${H}/tickets`, 'manager', { areaId: 'police' }, 201);
    const w = await openPage(browser, `${srv.url}/counter?hall=yuxi&window=20`, COUNTER);
    pages.push(w);
    const { page, errors } = w;
    // Sign-in by keyboard: type, Tab, type, Enter.
    await page.locator('qms-login input[name="username"]').focus();
    await page.keyboard.type('clerk20');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await page.locator('qms-login').waitFor({ state: 'detached' });
    const desk = page.locator('qms-counter-terminal');
    await desk.locator('button[data-key="Alt+S"]').waitFor();
    await page.keyboard.press('Alt+KeyS');
    await desk.locator('.status[data-status="open"]').waitFor();

    // Buttons show the hall's keys, its "+" included; the help card lists them all.
    await desk.locator('button[data-action="callNext"] kbd', { hasText: '+' }).waitFor();
    await desk.locator('button[data-action="noShow"] kbd', { hasText: /^9$/ }).waitFor();
    await page.keyboard.press('Alt+KeyK');
    await desk.locator('.keys-help tr[data-action="park"]', { hasText: 'F10' }).waitFor();
    await shoot(page, 'counter-keys-help');
    await page.keyboard.press('Escape');
    await desk.locator('.keys-help').waitFor({ state: 'detached' });

    // The citizen by ID, called by number (Alt+N, digits typed in the field, Enter), then served with keypad digits.
    await page.keyboard.press('Alt+KeyN');
    await page.keyboard.type(byId.ticket.number);
    await page.keyboard.press('Enter');
    await desk.locator(`.ticket-number[data-number="${byId.ticket.number}"]`).waitFor();
    await desk.locator('dd.identity', { hasText: '5304**********4567 扈三娘' }).waitFor();
    await shoot(page, 'counter-identity');
    await page.keyboard.press('2');
    await desk.locator('.recalls').waitFor();
    await page.keyboard.press('3');
    await desk.locator('.status-word[data-status="serving"]').waitFor();
    await page.keyboard.press('4');
    await desk.locator('.empty').waitFor();

    // The next: the hall's "+" key calls; F6 opens 转移 and digit 1 picks the first area; the keys still work after.
    await page.keyboard.press('+');
    await desk.locator('.ticket-number').waitFor();
    await page.keyboard.press('F6');
    await desk.locator('qms-transfer-dialog dialog[open]').waitFor();
    await page.keyboard.press('1');
    await desk.locator('qms-transfer-dialog dialog[open]').waitFor({ state: 'detached' });
    await desk.locator('.empty').waitFor();
    // The digit that chose the area did not call anyone too.
    await desk.locator('.note.ok', { hasText: '转' }).waitFor();
    await page.keyboard.press('1');
    await desk.locator('.ticket-number').waitFor();
    // 过号: 9 opens the confirmation, 9 again confirms.
    await page.keyboard.press('9');
    await desk.locator('qms-no-show-dialog dialog[open]').waitFor();
    await page.keyboard.press('9');
    await desk.locator('.empty').waitFor();
    // 暂停 (7, Enter takes the first reason) and 恢复 (8).
    await page.keyboard.press('7');
    await desk.locator('qms-pause-dialog dialog[open]').waitFor();
    await page.keyboard.press('Enter');
    await desk.locator('.status[data-status="paused"]').waitFor();
    await page.keyboard.press('8');
    await desk.locator('.status[data-status="open"]').waitFor();
    await shoot(page, 'counter-after-keys');
    const events = await srv.app.qms.service.query('yuxi', (s) => s.windows.get('20')!);
    expect(events.status).toBe('open');
    expect(withoutExpectedNetworkLines(errors, {})).toEqual([]);
  });
});
