import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allowedWindowActions, type WindowSituation } from '../../server/domain/window-actions';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { holdBackHallEvents, issueTicket, signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const T = 'qms-counter-terminal';

const button = (page: Page, name: string) => page.locator(`${T} button.action`, { hasText: name });

async function enabledButtons(page: Page): Promise<string[]> {
  return page.locator(`${T} button.action:not([disabled]) span`).allTextContents();
}

describe('the counter terminal', () => {
  let srv: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    await srv?.close();
    srv = await startServer({ store: 'embedded' });
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('does what every button says, by click and by key, and the server agrees', async () => {
    const b1 = await issueTicket(srv, 'yuxi', { serviceId: 'estate-02', priority: 'priority' });
    const b2 = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    const b3 = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    const b4 = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    const d1 = await issueTicket(srv, 'yuxi', { areaId: 'tax' });
    // Staff read a ticket by its id (a token of the hall); without one only the credential opens it.
    const ticket = async (id: string) => (await srv.get(`${H}/tickets/${id}`, 'manager')).ticket;
    const windowThree = async () => (await srv.get(`${H}/windows/3`, 'manager')).window;

    const { page, errors } = await openPage(browser, `${srv.url}/counter?hall=yuxi`);
    await signIn(page, 'clerk03');

    // No ?window=: the clerk picks one, then signs in there.
    await page.locator(`${T} .windows button[data-window="3"]`).click();
    expect(page.url()).toContain('window=3');
    await page.getByRole('button', { name: '签到开窗' }).click();
    await button(page, '呼叫下一位').and(page.locator(':not([disabled])')).waitFor();
    expect(await windowThree()).toMatchObject({ status: 'open', clerk: { id: 'clerk03', name: '张敏', staffNo: 'YX103' } });
    expect(await enabledButtons(page)).toEqual(['呼叫下一位', '暂停']);
    // Every button shows its key.
    expect(await page.locator(`${T} .actions kbd`).allTextContents()).toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8']);

    // F1 = 呼叫下一位: the priority ticket comes first, shown with its area, service and badge.
    await page.keyboard.press('F1');
    await page.locator(`${T} .ticket-number[data-number="${b1.number}"]`).waitFor();
    expect(await ticket(b1.id)).toMatchObject({ status: 'called', windowId: '3' });
    await expect(page.locator(`${T} .badge.priority`).textContent()).resolves.toBe('绿色通道');
    await expect(page.locator(`${T} dd.area`).textContent()).resolves.toBe('不动产联办');
    await expect(page.locator(`${T} dd.service`).textContent()).resolves.toBe('不动产转移登记（存量房买卖）');
    await expect(page.locator(`${T} dd.waited`).textContent()).resolves.toMatch(/^\d+秒$/);
    expect(await enabledButtons(page)).toEqual(['重呼', '开始办理', '办结', '过号', '转移', '暂停']);

    await button(page, '重呼').click();
    await page.locator(`${T} dd.recalls`, { hasText: '已重呼 1 次' }).waitFor();
    expect((await ticket(b1.id)).recalls).toBe(1);

    await button(page, '开始办理').click();
    await page.locator(`${T} .status-word[data-status="serving"]`).waitFor();
    expect((await ticket(b1.id)).status).toBe('serving');
    expect(await enabledButtons(page)).toEqual(['办结', '转移', '暂停']);

    await button(page, '办结').click();
    await page.locator(`${T} .empty`).waitFor();
    expect((await ticket(b1.id)).status).toBe('done');

    // F5 = 过号, and it must not reload the terminal.
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    await button(page, '呼叫下一位').click();
    await page.locator(`${T} .ticket-number[data-number="${b2.number}"]`).waitFor();
    await page.keyboard.press('F5');
    await page.locator(`${T} .note`, { hasText: `${b2.number} 已过号` }).waitFor();
    expect((await ticket(b2.id)).status).toBe('no_show');
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);

    // 转移 (联办): to the tax area through the picker; the ticket waits there again.
    await button(page, '呼叫下一位').click();
    await page.locator(`${T} .ticket-number[data-number="${b3.number}"]`).waitFor();
    await button(page, '转移').click();
    const picker = page.locator('qms-transfer-dialog dialog');
    await picker.waitFor();
    expect(await picker.locator('button.choice[data-area="estate"]').count()).toBe(0);
    await picker.getByRole('button', { name: '税务事项专办' }).click();
    await page.locator(`${T} .note`, { hasText: `${b3.number} 已转移至 税务事项专办` }).waitFor();
    expect(await ticket(b3.id)).toMatchObject({ areaId: 'tax', status: 'waiting', transferredFrom: 'estate' });

    // Calling a given number: one this window does not serve is refused in words, then a right one.
    const numberInput = page.getByRole('textbox', { name: '号票号码' });
    await numberInput.fill(d1.number);
    await page.getByRole('button', { name: '呼叫此号' }).click();
    const alert = page.locator(`${T} .note.error[role="alert"]`);
    await alert.waitFor();
    expect(await alert.textContent()).toBe('本窗口不办理该区域业务');
    await numberInput.fill(b4.number.toLowerCase());
    await page.getByRole('button', { name: '呼叫此号' }).click();
    await page.locator(`${T} .ticket-number[data-number="${b4.number}"]`).waitFor();
    expect(await ticket(b4.id)).toMatchObject({ status: 'called', windowId: '3' });
    await button(page, '办结').click();
    await page.locator(`${T} .empty`).waitFor();

    // 暂停 with a reason, then 恢复.
    await button(page, '暂停').click();
    const pause = page.locator('qms-pause-dialog dialog');
    await pause.getByRole('button', { name: '业务咨询' }).click();
    await pause.getByRole('button', { name: '确定暂停' }).click();
    await page.locator(`${T} .status[data-status="paused"]`).waitFor();
    expect(await windowThree()).toMatchObject({ status: 'paused', pauseReason: '业务咨询' });
    expect(await enabledButtons(page)).toEqual(['恢复']);
    await screenshot(page, 'counter-paused');

    await page.keyboard.press('F8');
    await page.locator(`${T} .status[data-status="open"]`).waitFor();
    expect((await windowThree()).status).toBe('open');

    // 签退 closes the window.
    await page.getByRole('button', { name: '签退' }).click();
    await page.getByRole('button', { name: '签到开窗' }).waitFor();
    expect(await windowThree()).toMatchObject({ status: 'closed', clerk: null });

    // The one refusal (409) is the only network line; no script errors.
    expect(withoutExpectedNetworkLines(errors, { statuses: [409] })).toEqual([]);
  });

  it('办结 sends the 办件编号 typed for this citizen only; 需要帮办 alerts the duty manager', async () => {
    const first = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    const second = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    const completedEvent = async (id: string) =>
      ((await srv.get(`${H}/tickets/${id}/events`, 'manager')).events as Array<{ type: string; caseNumber?: string | null }>).find((e) => e.type === 'ticket.completed');
    await srv.post(`${H}/windows/3/sign-in`, 'clerk03');
    const { page, errors } = await openPage(browser, `${srv.url}/counter?hall=yuxi&window=3`);
    await signIn(page, 'clerk03');
    await button(page, '呼叫下一位').and(page.locator(':not([disabled])')).waitFor();
    await button(page, '呼叫下一位').click();
    await page.locator(`${T} .ticket-number[data-number="${first.number}"]`).waitFor();

    // A pasted label is refused in words; the citizen stays at the window.
    const caseField = page.getByRole('textbox', { name: /办件编号/ });
    await caseField.fill('办件编号 330100');
    await button(page, '办结').click();
    const alert = page.locator(`${T} .note.error[role="alert"]`);
    await alert.waitFor();
    expect(await alert.textContent()).toBe('办件编号只能包含字母、数字和 - _ .，最长 64 位');
    expect((await srv.get(`${H}/tickets/${first.id}`, 'manager')).ticket.status).toBe('called');

    await caseField.fill('330100-2026-000123');
    await screenshot(page, 'counter-case-number');
    await page.keyboard.press('F4');
    await page.locator(`${T} .note`, { hasText: `${first.number} 已办结，办件编号 330100-2026-000123` }).waitFor();
    expect(await completedEvent(first.id)).toMatchObject({ caseNumber: '330100-2026-000123' });

    // The next citizen: an empty field, and 需要帮办 from the desk.
    await button(page, '呼叫下一位').click();
    await page.locator(`${T} .ticket-number[data-number="${second.number}"]`).waitFor();
    await expect(caseField.inputValue()).resolves.toBe('');
    await page.getByRole('button', { name: '需要帮办' }).click();
    await page.locator(`${T} dd.assistance-state`, { hasText: '已请求，等待指派' }).waitFor();
    await expect(page.getByRole('button', { name: '需要帮办' }).isDisabled()).resolves.toBe(true);
    const alerts = (await srv.get(`${H}/overview`, 'manager')).alerts as Array<{ kind: string; ticketId: string; requestedBy: string | null }>;
    expect(alerts.filter((a) => a.kind === 'assistance')).toMatchObject([{ ticketId: second.id, requestedBy: 'clerk03' }]);
    await screenshot(page, 'counter-assistance');

    await srv.post(`${H}/tickets/${second.id}/assistance/assign`, 'manager', { staffId: 'clerk17' });
    await page.locator(`${T} dd.assistance-state`, { hasText: '帮办人员 clerk17' }).waitFor();
    await button(page, '办结').click();
    await page.locator(`${T} .empty`).waitFor();
    expect(await completedEvent(second.id)).toMatchObject({ caseNumber: null });
    expect(withoutExpectedNetworkLines(errors, { statuses: [400] })).toEqual([]);
  });

  it('shows what the server refused in Chinese when the screen was behind, then catches up', async () => {
    await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    await srv.post(`${H}/windows/3/sign-in`, 'clerk03');
    const { page, errors } = await openPage(browser, `${srv.url}/counter?hall=yuxi&window=3`);
    const held = await holdBackHallEvents(page);
    await signIn(page, 'clerk03');
    await button(page, '呼叫下一位').and(page.locator(':not([disabled])')).waitFor();

    // A manager pauses the window while this terminal hears nothing of it.
    held.holding = true;
    await srv.post(`${H}/windows/3/pause`, 'manager', { reason: '临时离开' });
    await button(page, '呼叫下一位').click();

    const alert = page.locator(`${T} .note.error[role="alert"]`);
    await alert.waitFor();
    expect(await alert.textContent()).toBe('窗口已暂停');
    expect(await page.locator(T).innerText()).not.toMatch(/window_paused|Error|409/);
    // It looked again after the refusal: the window shows paused and only 恢复 is offered.
    await page.locator(`${T} .status[data-status="paused"]`).waitFor();
    expect(await enabledButtons(page)).toEqual(['恢复']);
    await screenshot(page, 'counter-refused');
    expect(held.dropped).toBeGreaterThan(0);
    expect(withoutExpectedNetworkLines(errors, { statuses: [409] })).toEqual([]);
  });

  it('enables exactly the buttons the shared window-action rule allows, in every state the window passes through', async () => {
    await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    await srv.post(`${H}/windows/3/sign-in`, 'clerk03');
    const { page, errors } = await openPage(browser, `${srv.url}/counter?hall=yuxi&window=3`);
    await signIn(page, 'clerk03');
    const states: string[] = [];
    // The server's window, the rule's answer for it, and the buttons the terminal enables once it shows that window.
    const check = async () => {
      const win = (await srv.get(`${H}/windows/3`, 'manager')).window as WindowSituation;
      await page.locator(`${T} .status[data-status="${win.status}"]`).waitFor();
      await page.locator(win.ticket ? `${T} .status-word[data-status="${win.ticket.status}"]` : `${T} .empty`).waitFor();
      const allowed = Object.entries(allowedWindowActions(win)).filter(([, ok]) => ok).map(([a]) => a);
      await page.locator(`${T} button.action[data-action="${allowed[0]}"]:not([disabled])`).waitFor();
      const enabled = await page.locator(`${T} button.action:not([disabled])`).evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')));
      expect(enabled, `${win.status}/${win.ticket?.status ?? 'none'}`).toEqual(allowed);
      states.push(`${win.status}/${win.ticket?.status ?? 'none'}: ${allowed.join(' ')}`);
    };
    await check();
    await srv.post(`${H}/windows/3/call-next`, 'clerk03');
    await check();
    await srv.post(`${H}/windows/3/start`, 'clerk03');
    await check();
    await srv.post(`${H}/windows/3/pause`, 'clerk03', { reason: '临时离开' });
    await check();
    await srv.post(`${H}/windows/3/complete`, 'clerk03');
    await check();
    await srv.post(`${H}/windows/3/resume`, 'clerk03');
    await check();
    expect(states).toEqual([
      'open/none: callNext pause',
      'open/called: recall start complete noShow transfer pause',
      'open/serving: complete transfer pause',
      'paused/serving: complete transfer resume',
      'paused/none: resume',
      'open/none: callNext pause',
    ]);
    expect(withoutExpectedNetworkLines(errors, {})).toEqual([]);
  });
});
