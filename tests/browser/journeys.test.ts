/**
 * 一件事一次办 in real Chromium: the kiosk offers the hall's journeys and takes a ticket for one
 * (第1步/共3步 on screen); the counter shows the current citizen's step and what follows, and its
 * 办结 sends the citizen on to the next area; the wall board's call says the step; the phone page
 * shows 第2步/共3步 with the route. Screenshots of each are kept for a person to look at.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, type WatchedPage } from '../support/browser';
import { expectFitsWidth, LARGE_PHONE, openPhone, SMALL_PHONE } from '../support/phone';
import { issueTicket, signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const T = 'qms-counter-terminal';
const PORTRAIT = { width: 1080, height: 1920 };

describe('journeys on the kiosk, counter, board and phone', () => {
  let srv: TestServer;
  let browser: Browser;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const p of pages) await p.context.close();
    await browser?.close();
    await srv?.close();
  });

  const action = (page: Page, name: string) => page.locator(`${T} button.action`, { hasText: name }).and(page.locator(':not([disabled])'));

  it('the kiosk lists the journeys with their routes and takes a ticket for one', async () => {
    const w = await openPage(browser, `${srv.url}/kiosk?hall=yuxi`, PORTRAIT);
    pages.push(w);
    const { page, errors } = w;
    await signIn(page, 'kiosk01');
    const section = page.locator('qms-kiosk section.journeys');
    await section.locator('h2', { hasText: '一件事一次办' }).waitFor();
    const newborn = section.locator('button.journey[data-journey="newborn"]');
    expect(await newborn.innerText()).toContain('新生儿出生一件事');
    expect(await newborn.locator('.small').innerText()).toBe('公安事务 → 医保社保综合服务 → 税务事项专办');
    expect(await section.locator('button.journey').count()).toBe(3);
    await screenshot(page, 'kiosk-journeys');
    await newborn.click();
    // No window of 公安事务 (its first step) is open yet: the kiosk says so, and the citizen takes it anyway.
    await page.locator('qms-kiosk section.confirm h1', { hasText: '公安事务：暂无开放窗口' }).waitFor();
    await page.getByRole('button', { name: '仍然取号，等候开窗' }).click();
    const line = page.locator('qms-kiosk-ticket [data-journey-line]');
    await line.waitFor();
    expect(await line.innerText()).toBe('新生儿出生一件事 · 第1步/共3步 · 下一步：医保社保综合服务');
    const number = await page.locator('qms-kiosk-ticket [data-number]').innerText();
    expect(number).toMatch(/^H\d{3}$/);
    expect(await page.locator('qms-kiosk-ticket .area').innerText()).toBe('公安事务');
    await screenshot(page, 'kiosk-journey-ticket');
    expect(withoutExpectedNetworkLines(errors, {})).toEqual([]);
  }, 60_000);

  it('the counter shows the step, its 办结 sends the citizen on; the board and the phone show 第2步/共3步', async () => {
    const t = await issueTicket(srv, 'yuxi', { journeyId: 'newborn' });
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'insurance' }, 201);

    const board = await openPage(browser, `${srv.url}/display/hall?hall=yuxi`);
    pages.push(board);
    await signIn(board.page, 'display01');
    await board.page.locator('qms-hall-board .latest-call').waitFor();

    const counter = await openPage(browser, `${srv.url}/counter?hall=yuxi&window=20`);
    pages.push(counter);
    const { page } = counter;
    await signIn(page, 'clerk20');
    await page.getByRole('button', { name: '签到开窗' }).click();
    // The kiosk test's journey ticket came first: serve it (its first step) before ours.
    await srv.post(`${H}/windows/19/sign-in`, 'clerk19');
    await srv.post(`${H}/windows/19/call-next`, 'clerk19');
    await action(page, '呼叫下一位').click();
    await page.locator(`${T} .ticket-number[data-number="${t.number}"]`).waitFor();
    const step = page.locator(`${T} dd.journey[data-journey-step="1"]`);
    await step.waitFor();
    expect((await step.innerText()).replace(/\s+/g, ' ').trim()).toBe('新生儿出生一件事 · 第1步/共3步 · 下一步：医保社保综合服务');
    await screenshot(page, 'counter-journey-step1');
    await action(page, '办结').click();
    await page.locator(`${T} .note.ok`, { hasText: `${t.number} 第1步已办结，已转至医保社保综合服务优先办理第2步` }).waitFor();
    await screenshot(page, 'counter-journey-step-done');

    // 医保社保: the journey's citizen is called before the walk-in who waited longer.
    await srv.post(`${H}/windows/16/sign-in`, 'clerk16');
    const { ticket } = await srv.post(`${H}/windows/16/call-next`, 'clerk16');
    expect(ticket).toMatchObject({ number: t.number, areaId: 'insurance', journey: { step: 2 } });

    const call = board.page.locator(`qms-hall-board .latest-call[data-number="${t.number}"][data-window="16"] .call-journey[data-journey-step="2"]`);
    await call.waitFor();
    expect((await call.innerText()).trim()).toBe('第2步/共3步 · 下一步：税务事项专办');
    await screenshot(board.page, 'board-journey-call');

    const phone = await openPhone(browser, `${srv.url}/ticket/yuxi/${t.key}`, LARGE_PHONE);
    const card = phone.page.locator('qms-ticket-page section.journey[data-journey-step="2"]');
    await card.waitFor();
    expect(await card.locator('.step').innerText()).toBe('第2步/共3步 · 下一步：税务事项专办');
    expect(await card.locator('li').allInnerTexts()).toEqual(['公安事务', '医保社保综合服务', '税务事项专办']);
    expect(await card.locator('li.done').innerText()).toBe('公安事务');
    await screenshot(phone.page, 'phone-journey-step2');
    await phone.close();

    // Served at 16: the phone (a small one) follows to step 3 without a reload.
    const small = await openPhone(browser, `${srv.url}/ticket/yuxi/${t.key}`, SMALL_PHONE);
    await small.page.locator('qms-ticket-page section.journey[data-journey-step="2"]').waitFor();
    await srv.post(`${H}/windows/16/complete`, 'clerk16');
    const last = small.page.locator('qms-ticket-page section.journey[data-journey-step="3"]');
    await last.waitFor();
    expect(await last.locator('.step').innerText()).toBe('第3步/共3步 · 最后一步');
    await expectFitsWidth(small.page, SMALL_PHONE);
    await screenshot(small.page, 'phone-journey-step3-small');
    expect(withoutExpectedNetworkLines(small.errors, {})).toEqual([]);
    await small.close();
    expect(withoutExpectedNetworkLines(counter.errors, {})).toEqual([]);
    expect(withoutExpectedNetworkLines(board.errors, {})).toEqual([]);
  }, 180_000);
});
