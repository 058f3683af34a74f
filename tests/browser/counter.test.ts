import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allowedWindowActions, WINDOW_ACTIONS, type WindowSituation } from '../../server/domain/window-actions';
import { launchBrowser, openPage, screenshot } from '../support/browser';
import { holdBackHallEvents, issueTicket, signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';
import { ManualClock } from '../../server/app/clock';
import { messages } from '../../server/i18n';

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
    expect(await page.locator(`${T} section.actions kbd`).allTextContents()).toEqual([
      'F1',
      '1',
      'F2',
      '2',
      'F3',
      '3',
      'F4',
      '4',
      'F6',
      '6',
      'F7',
      '7',
      'F8',
      '8',
      'F9',
      '9',
      'F10',
      '0',
      'Alt+H',
    ]);

    // F1 = 呼叫下一位: the priority ticket comes first, shown with its area, service and badge.
    await page.keyboard.press('F1');
    await page.locator(`${T} .ticket-number[data-number="${b1.number}"]`).waitFor();
    expect(await ticket(b1.id)).toMatchObject({ status: 'called', windowId: '3' });
    await expect(page.locator(`${T} .badge.priority`).textContent()).resolves.toBe('绿色通道');
    await expect(page.locator(`${T} dd.area`).textContent()).resolves.toBe('不动产联办');
    await expect(page.locator(`${T} dd.service`).textContent()).resolves.toBe('不动产转移登记（存量房买卖）');
    await expect(page.locator(`${T} dd.waited`).textContent()).resolves.toMatch(/^\d+秒$/);
    expect(await enabledButtons(page)).toEqual(['重呼', '开始办理', '办结', '转移', '暂停', '过号', '挂起', '需要帮办']);

    await button(page, '重呼').click();
    await page.locator(`${T} dd.recalls`, { hasText: '已重呼 1 次' }).waitFor();
    expect((await ticket(b1.id)).recalls).toBe(1);

    await button(page, '开始办理').click();
    await page.locator(`${T} .status-word[data-status="serving"]`).waitFor();
    expect((await ticket(b1.id)).status).toBe('serving');
    expect(await enabledButtons(page)).toEqual(['办结', '转移', '暂停', '挂起', '需要帮办']);

    await button(page, '办结').click();
    await page.locator(`${T} .empty`).waitFor();
    expect((await ticket(b1.id)).status).toBe('done');

    // F5 (the old 过号 key) does nothing, and must not reload the terminal; F9 = 过号 asks first, F9 again confirms.
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    await button(page, '呼叫下一位').click();
    await page.locator(`${T} .ticket-number[data-number="${b2.number}"]`).waitFor();
    await page.keyboard.press('F5');
    expect((await ticket(b2.id)).status).toBe('called');
    await page.keyboard.press('F9');
    await page.locator('qms-no-show-dialog dialog[open]').waitFor();
    await page.keyboard.press('F9');
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
  }, 120_000);

  it('办结 sends the 办件编号 typed for this citizen only; 需要帮办 alerts the duty manager', async () => {
    const first = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    const second = await issueTicket(srv, 'yuxi', { areaId: 'estate' });
    const completedEvent = async (id: string) =>
      ((await srv.get(`${H}/tickets/${id}/events`, 'manager')).events as Array<{ type: string; caseNumber?: string | null }>).find(
        (e) => e.type === 'ticket.completed',
      );
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
      const allowed = Object.entries(allowedWindowActions(win))
        .filter(([, ok]) => ok)
        .map(([a]) => a);
      await page.locator(`${T} button.action[data-action="${allowed[0]}"]:not([disabled])`).waitFor();
      const enabled = (await page.locator(`${T} button.action:not([disabled])`).evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')))).filter((a) =>
        (WINDOW_ACTIONS as readonly (string | null)[]).includes(a),
      );
      // The buttons stand in key order (过号 apart from its neighbours); the set is the rule's.
      expect([...enabled].sort(), `${win.status}/${win.ticket?.status ?? 'none'}`).toEqual([...allowed].sort());
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

/**
 * The counter on its real screen (1366×768), a whole citizen's visit by keys only, in Chinese and
 * in English: every button and the waiting count inside the screen once a ticket is called; 过号
 * asked for, refused before the hall's 60 s, confirmed after, kept on the server across a reload
 * and undone; transfer and pause dialogs by digits and Enter, focus back on the desk after each; an
 * outage disables every action with a clear state, and the reconnect leaves no stale error.
 */
describe('the counter terminal at 1366×768, by keys only', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const SCREEN = { width: 1366, height: 768 };

  /** Boxes of the desk's controls that fall outside the screen (none expected). */
  async function offScreen(page: Page, extra: string[] = []): Promise<string[]> {
    const selectors = [`${T} button.action`, `${T} .waiting .count`, `${T} header button`, `${T} ol.next-up`, `${T} form.call-number button`, ...extra];
    const out: string[] = [];
    for (const sel of selectors) {
      const boxes = await page.locator(sel).evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { text: (e.textContent ?? '').trim().replace(/\s+/g, ' '), left: r.left, top: r.top, right: r.right, bottom: r.bottom };
        }),
      );
      expect(boxes.length, sel).toBeGreaterThan(0);
      for (const b of boxes)
        if (b.left < 0 || b.top < 0 || b.right > SCREEN.width || b.bottom > SCREEN.height) out.push(`${sel} "${b.text}" ${JSON.stringify(b)}`);
    }
    return out;
  }

  /** The element focused inside the terminal (dialogs live in its shadow root). */
  const focused = (page: Page) => page.evaluate(() => document.querySelector('qms-counter-terminal')!.shadowRoot!.activeElement?.tagName ?? null);

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`serves a citizen from call to done with keys only, safely marks and undoes a no-show (${lang})`, async () => {
      const words = messages(lang).screens.counter;
      const clock = new ManualClock(Date.now());
      let srv = await startServer({ store: 'embedded', clock, noShowAfterSeconds: 'hall' });
      try {
        const issue = async (body: Record<string, unknown>) => {
          clock.advance(1000);
          return issueTicket(srv, 'yuxi', body);
        };
        const n1 = await issue({ areaId: 'estate' });
        const n2 = await issue({ areaId: 'estate' });
        const green = await issue({ areaId: 'estate', priority: 'priority' });
        const ticket = async (id: string) => (await srv.get(`${H}/tickets/${id}`, 'manager')).ticket;
        const windowThree = async () => (await srv.get(`${H}/windows/3`, 'manager')).window;

        const { page, errors } = await openPage(browser, `${srv.url}/counter?hall=yuxi&window=3${lang === 'en' ? '&lang=en' : ''}`, SCREEN);
        await signIn(page, 'clerk03');
        // Alt+S = 签到开窗.
        await page.locator(`${T} button.big kbd`, { hasText: 'Alt+S' }).waitFor();
        await page.keyboard.press('Alt+S');
        const act = (id: string) => page.locator(`${T} button.action[data-action="${id}"]`);
        await act('callNext').and(page.locator(':not([disabled])')).waitFor();
        expect(await windowThree()).toMatchObject({ status: 'open', clerk: { id: 'clerk03' } });
        // One main landmark and one h1 on the page.
        expect(await page.locator('main, [role="main"]').count()).toBe(1);
        expect(await page.locator('h1').count()).toBe(1);
        // 下一位 in the server's order: 绿色通道 first.
        const nextUp = page.locator(`${T} ol.next-up li[data-number]`);
        await nextUp
          .first()
          .and(page.locator(`[data-number="${green.number}"]`))
          .waitFor();
        expect(await nextUp.evaluateAll((ls) => ls.map((l) => l.getAttribute('data-number')))).toEqual([green.number, n1.number, n2.number]);
        // Every action shows its key.
        expect(await page.locator(`${T} section.actions kbd`).allTextContents()).toEqual([
          'F1',
          '1',
          'F2',
          '2',
          'F3',
          '3',
          'F4',
          '4',
          'F6',
          '6',
          'F7',
          '7',
          'F8',
          '8',
          'F9',
          '9',
          'F10',
          '0',
          'Alt+H',
        ]);

        // F1: the 绿色通道 ticket; every button and the waiting count on screen.
        await page.keyboard.press('F1');
        await page.locator(`${T} .ticket-number[data-number="${green.number}"]`).waitFor();
        await nextUp
          .first()
          .and(page.locator(`[data-number="${n1.number}"]`))
          .waitFor();
        expect(await offScreen(page, [`${T} .ticket-number`, `${T} .current dd`])).toEqual([]);
        expect(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight])).toEqual([SCREEN.width, SCREEN.height]);
        await screenshot(page, `counter-1366-called-${lang}`);

        // F2 recall, F3 start, F4 complete.
        await page.keyboard.press('F2');
        await page.locator(`${T} dd.recalls`).waitFor();
        expect((await ticket(green.id)).recalls).toBe(1);
        await page.keyboard.press('F3');
        await page.locator(`${T} .status-word[data-status="serving"]`).waitFor();
        await page.keyboard.press('F4');
        await page.locator(`${T} .empty`).waitFor();
        expect((await ticket(green.id)).status).toBe('done');

        // F1, then F6 转移: a digit chooses the area; focus comes back to the desk.
        clock.advance(1000);
        await page.keyboard.press('F1');
        await page.locator(`${T} .ticket-number[data-number="${n1.number}"]`).waitFor();
        await page.keyboard.press('F6');
        const picker = page.locator('qms-transfer-dialog dialog[open]');
        await picker.waitFor();
        const areas = await picker.locator('button.choice').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-area')));
        await screenshot(page, `counter-1366-transfer-${lang}`);
        await page.keyboard.press(String(areas.indexOf('tax') + 1));
        await page.locator(`${T} .empty`).waitFor();
        expect(await ticket(n1.id)).toMatchObject({ areaId: 'tax', status: 'waiting' });
        expect(await focused(page)).toBe('MAIN');

        // n1 waits at the tax windows now; window 3 calls n2 next.
        clock.advance(1000);
        await page.keyboard.press('F1');
        await page.locator(`${T} .ticket-number[data-number="${n2.number}"]`).waitFor();

        // F9 过号 too soon after the call: the dialog says how long is left and cannot confirm; Esc leaves it.
        await page.keyboard.press('F9');
        const confirm = page.locator('qms-no-show-dialog dialog[open]');
        await confirm.waitFor();
        await confirm.locator('.wait').waitFor();
        expect(await confirm.locator('button.confirm').isDisabled()).toBe(true);
        await screenshot(page, `counter-1366-no-show-wait-${lang}`);
        await page.keyboard.press('F9');
        expect((await ticket(n2.id)).status).toBe('called');
        await page.keyboard.press('Escape');
        await confirm.waitFor({ state: 'detached' }).catch(() => undefined);
        await page.locator('qms-no-show-dialog dialog:not([open])').waitFor({ state: 'attached' });
        expect(await focused(page)).toBe('MAIN');
        expect((await ticket(n2.id)).status).toBe('called');

        // 61 s later (the page learns the time from its next snapshot): F9, F9 marks the no-show.
        clock.advance(61_000);
        const n3 = await issue({ areaId: 'estate' });
        await nextUp
          .first()
          .and(page.locator(`[data-number="${n3.number}"]`))
          .waitFor();
        await page.keyboard.press('F9');
        await confirm.locator('button.confirm:not([disabled])').waitFor();
        await screenshot(page, `counter-1366-no-show-confirm-${lang}`);
        await page.keyboard.press('F9');
        await page.locator(`${T} .note`, { hasText: words.noShowDone.replace('{number}', n2.number) }).waitFor();
        expect((await ticket(n2.id)).status).toBe('no_show');

        // The missed list is the server's: a reload shows it again, with undo and 过号重排.
        await page.reload();
        const missed = page.locator(`${T} .missed li[data-number="${n2.number}"]`);
        await missed.waitFor();
        await missed.locator('button.undo').waitFor();
        await missed.locator('button.requeue').waitFor();
        expect(await offScreen(page, [`${T} .missed button`])).toEqual([]);
        await screenshot(page, `counter-1366-missed-${lang}`);

        // Alt+Z: undo — the citizen is back at the window as called, with the number.
        clock.advance(5000);
        await page.locator(`${T} main`).focus();
        await page.keyboard.press('Alt+Z');
        await page.locator(`${T} .ticket-number[data-number="${n2.number}"]`).waitFor();
        expect(await ticket(n2.id)).toMatchObject({ status: 'called', windowId: '3', number: n2.number });
        await missed.waitFor({ state: 'detached' });
        await page.keyboard.press('F3');
        await page.locator(`${T} .status-word[data-status="serving"]`).waitFor();
        await page.keyboard.press('F4');
        await page.locator(`${T} .empty`).waitFor();
        expect((await ticket(n2.id)).status).toBe('done');

        // F7 暂停: digit 2 chooses the second reason, Enter confirms; F8 恢复.
        await page.keyboard.press('F7');
        const pause = page.locator('qms-pause-dialog dialog[open]');
        await pause.waitFor();
        await page.keyboard.press('2');
        await page.keyboard.press('Enter');
        await page.locator(`${T} .status[data-status="paused"]`).waitFor();
        expect(await windowThree()).toMatchObject({ status: 'paused', pauseReason: words.pauseReasons[1] });
        expect(await focused(page)).toBe('MAIN');
        await page.keyboard.press('F8');
        await page.locator(`${T} .status[data-status="open"]`).waitFor();

        // An outage: every action disabled with the reason on screen; back online, no stale error.
        const { dataDir } = srv;
        const port = Number(new URL(srv.url).port);
        await srv.close({ keepData: true });
        await page.locator(`${T} .offline-actions`).waitFor();
        expect(await page.locator(`${T} button.action:not([disabled])`).count()).toBe(0);
        await screenshot(page, `counter-1366-offline-${lang}`);
        srv = await startServer({ store: 'embedded', clock, dataDir, port, noShowAfterSeconds: 'hall' });
        await act('callNext').and(page.locator(':not([disabled])')).waitFor();
        await page.locator(`${T} .offline-actions`).waitFor({ state: 'detached' });
        expect(await page.locator(`${T} .note.error`).count()).toBe(0);

        expect(withoutExpectedNetworkLines(errors, { websocket: true, statuses: [502, 503] }).filter((e) => !/ERR_CONNECTION_REFUSED|net::/.test(e))).toEqual(
          [],
        );
      } finally {
        await srv.close();
      }
    }, 180_000);
  }
});
