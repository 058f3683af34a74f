/**
 * The rating pad (`/rating?hall=yuxi&window=3`) in real Chromium at its device size (1280×800):
 * it shows who serves at the window (name, 工号, portrait placeholder), asks after 办结, takes a
 * bad rating's reasons, comment and contact phone (kept sealed, masked in the 回访 list, readable in
 * full by the manager, gone once put right), sends a good one at once, and brings a pending rating
 * back after a reload. zh-CN and English.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { issueTicket, signIn } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const P = 'qms-rating-pad';
const PAD = { width: 1280, height: 800 };

describe('the rating pad', () => {
  let srv: TestServer;
  let browser: Browser;
  let clerk03: { name: string; staffNo: string };

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', env: { QMS_DATA_KEY: 'c'.repeat(64) } });
    browser = await launchBrowser();
    await srv.post(`${H}/windows/3/sign-in`, 'clerk03');
    await srv.post(`${H}/windows/4/sign-in`, 'clerk04');
    clerk03 = (await srv.get(`${H}/windows/3`, 'manager')).window.clerk;
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  async function serve(window: string, clerk: string): Promise<{ id: string; number: string }> {
    const t = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    await srv.post(`${H}/windows/${window}/call-next`, clerk);
    await srv.post(`${H}/windows/${window}/start`, clerk);
    await srv.post(`${H}/windows/${window}/complete`, clerk);
    return t;
  }

  async function ratingsOf(ticketId: string) {
    const { events } = await srv.get(`${H}/tickets/${ticketId}/events`, 'manager');
    return events.filter((e: { type: string }) => e.type === 'rating.submitted');
  }

  it('shows the serving clerk; takes a bad rating with reasons, a comment and a contact phone; stores it; thanks and resets', async () => {
    const { page, errors } = await openPage(browser, `${srv.url}/rating?hall=yuxi&window=3`, PAD);
    await signIn(page, 'rating01');
    await page.locator(`${P} .pad[data-stage="idle"]`).waitFor();
    await expect(page.locator(`${P} h1`).textContent()).resolves.toBe('3号窗口 · 服务评价');
    // Who serves here, as 好差评 asks: name, 工号, and a portrait placeholder with the surname.
    const clerk = page.locator(`${P} footer.clerk[data-clerk="clerk03"]`);
    await clerk.waitFor();
    expect(clerk03.staffNo).toMatch(/^YX\d+$/);
    expect(await clerk.locator('.name').textContent()).toBe(clerk03.name);
    expect(await clerk.locator('.staff-no').textContent()).toBe(`工号 ${clerk03.staffNo}`);
    expect(await clerk.locator('.portrait').textContent()).toBe(clerk03.name.trim().split(/\s+/).at(-1)![0]);
    expect(await clerk.isVisible()).toBe(true);
    await screenshot(page, 'rating-idle-clerk');

    const t = await serve('3', 'clerk03');
    await page.locator(`${P} .pad[data-stage="ask"]`).waitFor();
    await page.getByText(`号票 ${t.number}`).waitFor();
    expect(await page.locator(`${P} button.score span:not(.stars)`).allTextContents()).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(await clerk.isVisible()).toBe(true);
    await screenshot(page, 'rating-ask');

    await page.getByRole('button', { name: '不满意', exact: true }).click();
    await page.locator(`${P} .pad[data-stage="reasons"]`).waitFor();
    const next = page.getByRole('button', { name: '下一步' });
    expect(await next.isDisabled()).toBe(true);
    await page.getByRole('button', { name: '等候时间长' }).click();
    await page.getByRole('button', { name: '材料要求不清' }).click();
    await expect(page.getByRole('button', { name: '等候时间长' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await screenshot(page, 'rating-reasons');
    await next.click();

    // Comment and contact, both optional; a number that is not a mainland mobile is refused on the spot.
    await page.locator(`${P} .pad[data-stage="contact"]`).waitFor();
    const submit = page.getByRole('button', { name: '提交评价' });
    expect(await submit.isDisabled()).toBe(false);
    await page.getByLabel('您的意见').fill('材料清单和窗口说的不一样，跑了两趟');
    await page.getByLabel('联系电话（便于回访）').fill('12345');
    await page.getByText('请输入正确的11位手机号码，或留空').waitFor();
    expect(await submit.isDisabled()).toBe(true);
    await page.getByLabel('联系电话（便于回访）').fill('139 1234 5678');
    await page.getByText('号码仅用于本次回访，加密保存，问题解决后即删除').waitFor();
    expect(await submit.isDisabled()).toBe(false);
    await screenshot(page, 'rating-contact');
    await submit.click();

    await page.getByText('感谢您的评价！').waitFor();
    await screenshot(page, 'rating-thanks');
    const [rating] = await ratingsOf(t.id);
    expect(rating).toMatchObject({
      score: 2,
      tags: ['long_wait', 'unclear_requirements'],
      windowId: '3',
      comment: '材料清单和窗口说的不一样，跑了两趟',
      contactMasked: '139****5678',
    });
    // The number itself is in no event: only masked there, sealed apart.
    expect(JSON.stringify(await srv.get(`${H}/tickets/${t.id}/events`, 'manager'))).not.toContain('13912345678');
    const day = rating.day as string;
    const { items } = await srv.get(`${H}/ratings/follow-ups`, 'manager');
    expect(items.find((i: { ticketId: string }) => i.ticketId === t.id)).toMatchObject({
      contactMasked: '139****5678',
      comment: '材料清单和窗口说的不一样，跑了两趟',
    });
    expect(await srv.get(`${H}/ratings/${t.id}/contact?day=${day}`, 'manager')).toEqual({ contact: '13912345678' });

    // Back to waiting by itself, ready for the next citizen.
    await page.locator(`${P} .pad[data-stage="idle"]`).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);

    // Put right: the number is erased.
    await srv.post(`${H}/ratings/${t.id}/follow-up`, 'manager', { day, note: '已回访并致歉', resolved: true }, 201);
    expect(await srv.get(`${H}/ratings/${t.id}/contact?day=${day}`, 'manager')).toEqual({ contact: null });
  });

  it('refuses a contact phone with a good rating, and a number that is not a mobile', async () => {
    const a = await serve('4', 'clerk04');
    const good = await srv.request('POST', `${H}/tickets/${a.id}/rating`, { as: 'rating01', body: { score: 5, contact: '13912345678' } });
    expect(good.status).toBe(400);
    expect((good.body as { error: { code: string } }).error.code).toBe('invalid_request');
    const bad = await srv.request('POST', `${H}/tickets/${a.id}/rating`, { as: 'rating01', body: { score: 1, contact: '010-12345678' } });
    expect(bad.status).toBe(400);
    expect(await ratingsOf(a.id)).toEqual([]);
  });

  it('brings a pending rating back after the pad reloads', async () => {
    const { page, errors } = await openPage(browser, `${srv.url}/rating?hall=yuxi&window=3`, PAD);
    await signIn(page, 'rating01');
    await page.locator(`${P} .pad[data-stage="idle"]`).waitFor();
    const t = await serve('3', 'clerk03');
    await page.locator(`${P} .pad[data-stage="ask"]`).waitFor();
    await page.reload();
    await page.locator(`${P} .pad[data-stage="ask"]`).waitFor();
    await page.getByText(`号票 ${t.number}`).waitFor();
    await page.locator(`${P} footer.clerk[data-clerk="clerk03"]`).waitFor();
    await screenshot(page, 'rating-ask-after-reload');
    await page.getByRole('button', { name: '非常满意' }).click();
    await page.getByText('感谢您的评价！').waitFor();
    expect(await ratingsOf(t.id)).toMatchObject([{ score: 5 }]);
    // Rated: another reload asks nothing.
    await page.reload();
    await page.locator(`${P} .pad[data-stage="idle"]`).waitFor();
    expect(errors).toEqual([]);
  });

  it('sends a good score at once, without asking for reasons (portrait)', async () => {
    const { page, errors } = await openPage(browser, `${srv.url}/rating?hall=yuxi&window=3`, { width: 800, height: 1280 });
    await signIn(page, 'rating01');
    await page.locator(`${P} .pad[data-stage="idle"]`).waitFor();
    const t = await serve('3', 'clerk03');
    await page.locator(`${P} .pad[data-stage="ask"]`).waitFor();
    await screenshot(page, 'rating-ask-portrait');
    await page.getByRole('button', { name: '非常满意' }).click();
    await page.getByText('感谢您的评价！').waitFor();
    const [rating] = await ratingsOf(t.id);
    expect(rating).toMatchObject({ score: 5, tags: [], windowId: '3' });
    expect(errors).toEqual([]);
  });

  it('speaks English: clerk, reasons, comment and contact', async () => {
    const { page, errors } = await openPage(browser, `${srv.url}/rating?hall=yuxi&window=4&lang=en`, PAD);
    await signIn(page, 'rating01');
    await page.locator(`${P} footer.clerk[data-clerk="clerk04"] .staff-no`).waitFor();
    expect(await page.locator(`${P} footer.clerk .staff-no`).textContent()).toMatch(/^Staff ID YX\d+$/);
    expect(await page.locator(`${P} main`).count()).toBe(1);
    expect(await page.locator(`${P} h1`).count()).toBe(1);
    await screenshot(page, 'rating-idle-en');
    const t = await serve('4', 'clerk04');
    await page.locator(`${P} .pad[data-stage="ask"]`).waitFor();
    await page.getByRole('button', { name: 'Very dissatisfied' }).click();
    await page.getByRole('button', { name: 'Unfriendly' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Your comments').fill('Nobody explained the form');
    await page.getByLabel('Phone, so we can call you back').fill('+86 138-0013-8000');
    await screenshot(page, 'rating-contact-en');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText('Thank you for your rating!').waitFor();
    expect(await ratingsOf(t.id)).toMatchObject([{ score: 1, tags: ['attitude'], comment: 'Nobody explained the form', contactMasked: '138****8000' }]);
    expect(errors).toEqual([]);
  });
});

describe('the rating pad without a data key', () => {
  let srv: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    browser = await launchBrowser();
    await srv.post(`${H}/windows/3/sign-in`, 'clerk03');
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('asks for a comment only (it could not keep a number), and the API refuses one', async () => {
    const { page, errors } = await openPage(browser, `${srv.url}/rating?hall=yuxi&window=3`, PAD);
    await signIn(page, 'rating01');
    await page.locator(`${P} .pad[data-stage="idle"]`).waitFor();
    const t = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    await srv.post(`${H}/windows/3/call-next`, 'clerk03');
    await srv.post(`${H}/windows/3/complete`, 'clerk03');
    const refused = await srv.request('POST', `${H}/tickets/${t.id}/rating`, { as: 'rating01', body: { score: 1, contact: '13912345678' } });
    expect(refused.status).toBe(409);
    expect((refused.body as { error: { code: string } }).error.code).toBe('notifications_off');
    await page.locator(`${P} .pad[data-stage="ask"]`).waitFor();
    await page.getByRole('button', { name: '非常不满意' }).click();
    await page.getByRole('button', { name: '其他' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('您的意见').fill('等了很久');
    expect(await page.locator(`${P} input[name="phone"]`).count()).toBe(0);
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价！').waitFor();
    const { events } = await srv.get(`${H}/tickets/${t.id}/events`, 'manager');
    expect(events.find((e: { type: string }) => e.type === 'rating.submitted')).toMatchObject({ score: 1, comment: '等了很久' });
    expect(errors).toEqual([]);
  });
});
