import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { issueTicket, signIn } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const P = 'qms-rating-pad';

describe('the rating pad', () => {
  let srv: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    browser = await launchBrowser();
    await srv.post(`${H}/windows/3/sign-in`, 'clerk03');
    await srv.post(`${H}/windows/4/sign-in`, 'clerk04');
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

  it('asks after 办结 at its window, takes a low score with reasons, stores it, thanks, and resets', async () => {
    const { page, errors } = await openPage(browser, `${srv.url}/rating?hall=yuxi&window=3`, { width: 1280, height: 800 });
    await signIn(page, 'rating01');
    await page.locator(`${P} .pad[data-stage="idle"]`).waitFor();
    await expect(page.locator(`${P} h1`).textContent()).resolves.toBe('3号窗口 · 服务评价');

    const t = await serve('3', 'clerk03');
    await page.locator(`${P} .pad[data-stage="ask"]`).waitFor();
    await page.getByText(`号票 ${t.number}`).waitFor();
    expect(await page.locator(`${P} button.score span:not(.stars)`).allTextContents()).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    await screenshot(page, 'rating-ask');

    await page.getByRole('button', { name: '不满意', exact: true }).click();
    await page.locator(`${P} .pad[data-stage="reasons"]`).waitFor();
    const submit = page.getByRole('button', { name: '提交评价' });
    expect(await submit.isDisabled()).toBe(true);
    await page.getByRole('button', { name: '等候时间长' }).click();
    await page.getByRole('button', { name: '材料要求不清' }).click();
    await expect(page.getByRole('button', { name: '等候时间长' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await screenshot(page, 'rating-reasons');
    await submit.click();

    await page.getByText('感谢您的评价！').waitFor();
    await screenshot(page, 'rating-thanks');
    const [rating] = await ratingsOf(t.id);
    expect(rating).toMatchObject({ score: 2, tags: ['long_wait', 'unclear_requirements'], windowId: '3' });

    // Back to waiting by itself, ready for the next citizen.
    await page.locator(`${P} .pad[data-stage="idle"]`).waitFor({ timeout: 10_000 });
    await screenshot(page, 'rating-idle');
    expect(errors).toEqual([]);
  });

  it('sends a good score at once, without asking for reasons', async () => {
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
});
