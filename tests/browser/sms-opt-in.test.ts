/**
 * Text reminders from the phone page in Chromium: the citizen types a number, a 6-digit code is
 * texted to it (短信验证码) and typed back — a wrong one is refused in words — and only then does
 * the page say the reminder is on with the number masked; a clerk's calls bring "还有 N 位" to the
 * SMS provider (a receiver the test starts), and the reminder can be stopped. A typo is refused on
 * the page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import { eventually, HttpReceiver } from '../support/http-receiver';
import { expectFitsWidth, LARGE_PHONE, openPhone } from '../support/phone';
import { issueTicket, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';

describe('text reminders on the phone page', () => {
  let srv: TestServer;
  let browser: Browser;
  let sms: HttpReceiver;

  beforeAll(async () => {
    sms = await HttpReceiver.start();
    srv = await startServer({ store: 'embedded', env: { QMS_DATA_KEY: 'b'.repeat(64), QMS_SMS_URL: `${sms.url}/sms` } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await sms?.close();
  });

  it('opts in with a number, is texted when three are ahead, and can stop', async () => {
    const tickets = [];
    for (let i = 0; i < 5; i++) tickets.push(await issueTicket(srv, 'yuxi', { areaId: 'fund' }));
    const mine = tickets[4]!;
    const phone = await openPhone(browser, `${srv.url}/ticket/yuxi/${mine.key}`, LARGE_PHONE);
    const { page } = phone;
    try {
      const input = page.locator('qms-sms-opt-in input[type=tel]');
      await input.fill('1380000');
      await page.locator('qms-sms-opt-in button[type=submit]').click();
      await expect.poll(() => page.locator('qms-sms-opt-in .error').textContent()).toBe('请输入11位手机号码');
      await input.fill('138 0000 1234');
      await screenshot(page, 'sms-opt-in-form');
      await page.locator('qms-sms-opt-in button[type=submit]').click();
      // The code is texted; the page asks for it and nothing is on yet.
      await expect.poll(() => page.locator('qms-sms-opt-in .sent').textContent()).toBe('验证码已发送至 138****1234，请在10分钟内输入');
      await eventually(() => sms.received.length === 1, 10_000, 'the code');
      const codeText = JSON.parse(sms.received[0]!.body) as { to: string; template: string; params: { code: string } };
      expect(codeText).toMatchObject({ to: '13800001234', template: 'code' });
      expect((await srv.request('GET', `${H}/tickets/${mine.key}/notify`)).body.phone).toBeNull();
      await screenshot(page, 'sms-opt-in-code');
      const codeInput = page.locator('qms-sms-opt-in input[name=code]');
      await codeInput.fill('12345');
      await page.locator('qms-sms-opt-in form.code button[type=submit]').click();
      await expect.poll(() => page.locator('qms-sms-opt-in .error').textContent()).toBe('请输入6位数字验证码');
      await codeInput.fill(codeText.params.code === '000000' ? '111111' : '000000');
      await page.locator('qms-sms-opt-in form.code button[type=submit]').click();
      await expect.poll(() => page.locator('qms-sms-opt-in .error').textContent()).toBe('验证码不正确');
      await screenshot(page, 'sms-opt-in-wrong-code');
      await codeInput.fill(codeText.params.code);
      await page.locator('qms-sms-opt-in form.code button[type=submit]').click();
      await expect.poll(() => page.locator('qms-sms-opt-in .on').textContent()).toBe('已开启短信提醒：138****1234');
      await expectFitsWidth(page, LARGE_PHONE);
      await screenshot(page, 'sms-opt-in-on');

      await srv.post(`${H}/windows/14/sign-in`, 'clerk14', {});
      await srv.post(`${H}/windows/14/call-next`, 'clerk14', {});
      await eventually(() => sms.received.length === 2, 10_000, 'the text');
      const text = JSON.parse(sms.received[1]!.body) as { to: string; template: string; params: { ahead: string } };
      expect(text).toMatchObject({ to: '13800001234', template: 'ahead', params: { ahead: '3' } });

      await page.locator('qms-sms-opt-in button.cancel').click();
      await expect.poll(() => page.locator('qms-sms-opt-in [role=status]').textContent()).toBe('已取消短信提醒');
      expect((await srv.request('GET', `${H}/tickets/${mine.key}/notify`)).body.phone).toBeNull();
      // The wrong code's 400 is the only line the browser logs.
      expect(withoutExpectedNetworkLines(phone.errors, { statuses: [400] })).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
