/**
 * The console's staff, devices and catalogue sections (`/admin?hall=yuxi`) in real Chromium at
 * 1920×1080, each used end to end and checked through the API: accounts created with a one-time
 * password read off the screen, disabled (their token refused), enabled and reset, by an admin and
 * by the hall's manager (who is offered no admin role); a kiosk added with a printer on loopback
 * TCP, its printer test decoded from the ESC/POS bytes, its pairing code used to enrol it, a printer
 * that is off said in words; a 1,503-item catalogue imported from CSV (dry run on screen, then
 * applied, then found at the kiosk), a file's problems in words, and a stale import refused.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../printers/virtual-printer';
import { launchBrowser, openPage, screenshot, type WatchedPage } from '../support/browser';
import { catalogueCsv, catalogueRows } from '../support/catalogue-fixture';
import { freePort } from '../support/redis';
import { signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const CATALOGUE = '/api/v1/admin/halls/yuxi/catalogue';

describe('the console’s staff, devices and catalogue', () => {
  let srv: TestServer;
  let browser: Browser;
  let printer: VirtualPrinter;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    printer = await VirtualPrinter.start();
    srv = await startServer({ store: 'embedded' });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await printer?.close();
  });

  async function openConsole(section: string, user: string): Promise<WatchedPage> {
    const w = await openPage(browser, `${srv.url}/admin?hall=yuxi&section=${section}`);
    pages.push(w);
    await signIn(w.page, user);
    return w;
  }

  const row = (page: Page, id: string) => page.locator(`qms-admin-staff tr[data-id="${id}"]`);

  /** Signs in with a one-time password, sets a proper one, and answers the full token. */
  async function firstSignIn(id: string, oneTime: string): Promise<string> {
    const login = await srv.request('POST', '/api/v1/auth/login', { body: { username: id, password: oneTime } });
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(true);
    const changed = await srv.request('POST', '/api/v1/auth/password', {
      token: login.body.token,
      body: { oldPassword: oneTime, newPassword: 'Yuxi-Hall-2026!' },
    });
    expect(changed.status).toBe(200);
    const again = await srv.request('POST', '/api/v1/auth/login', { body: { username: id, password: 'Yuxi-Hall-2026!' } });
    return again.body.token;
  }

  /** Creates a clerk through the form and reads the one-time password off the screen. */
  async function createClerk(page: Page, id: string, staffNo: string, name: string): Promise<string> {
    await page.locator('qms-admin-staff button.create').click();
    const form = page.locator('qms-admin-staff dialog.form');
    await form.locator('input[name="id"]').fill(id);
    await form.locator('input[name="staffNo"]').fill(staffNo);
    await form.locator('input[name="name"]').fill(name);
    await form.locator('select[name="role"]').selectOption('clerk');
    await form.locator('button[type="submit"]').click();
    const secret = page.locator('qms-admin-staff dialog.one-time .secret');
    await secret.waitFor();
    return (await secret.textContent())!.trim();
  }

  async function confirmOnRow(page: Page, id: string, button: 'toggle' | 'reset'): Promise<void> {
    await row(page, id).locator(`button.${button}`).click();
    await page.locator('qms-admin-staff dialog.confirm button.yes').click();
  }

  /** Disables, enables and resets `id` through the page, checking each through the API. */
  async function disableEnableReset(page: Page, id: string, token: string): Promise<void> {
    const board = () => srv.request('GET', '/api/v1/halls/yuxi/board', { token });
    expect((await board()).status).toBe(200);
    await confirmOnRow(page, id, 'toggle');
    await row(page, id).locator('.badge.off', { hasText: '已停用' }).waitFor();
    await page.locator('qms-admin-staff .done', { hasText: `已停用 ${id}` }).waitFor();
    expect((await board()).status).toBe(401);

    await confirmOnRow(page, id, 'toggle');
    await row(page, id).locator('.badge', { hasText: '启用' }).waitFor();
    const back = await srv.request('POST', '/api/v1/auth/login', { body: { username: id, password: 'Yuxi-Hall-2026!' } });
    expect(back.status).toBe(200);

    await confirmOnRow(page, id, 'reset');
    const secret = page.locator('qms-admin-staff dialog.one-time .secret');
    await secret.waitFor();
    const reset = (await secret.textContent())!.trim();
    expect(reset).not.toBe('Yuxi-Hall-2026!');
    await page.locator('qms-admin-staff dialog.one-time button.primary').click();
    expect((await srv.request('POST', '/api/v1/auth/login', { body: { username: id, password: 'Yuxi-Hall-2026!' } })).status).toBe(401);
    const fresh = await srv.request('POST', '/api/v1/auth/login', { body: { username: id, password: reset } });
    expect(fresh.status).toBe(200);
    expect(fresh.body.mustChangePassword).toBe(true);
    await row(page, id).locator('.badge.warn', { hasText: '须修改密码' }).waitFor();
  }

  it('admin: creates a clerk (one-time password on screen), disables, enables and resets them; the form checks first', async () => {
    const { page, errors } = await openConsole('staff', 'admin');
    await row(page, 'clerk01').waitFor();
    await screenshot(page, 'admin-staff');

    await page.locator('qms-admin-staff button.create').click();
    const form = page.locator('qms-admin-staff dialog.form');
    const roles = await form.locator('select[name="role"] option').allTextContents();
    // 三员分立: the system administrator makes no administrator (the security administrator does).
    expect(roles).toEqual(['窗口人员', '值班长', '市级管理员']);
    await form.locator('input[name="id"]').fill('李娜');
    await form.locator('button[type="submit"]').click();
    await form.locator('.field-problem', { hasText: '登录账号只能由字母、数字、下划线和减号组成' }).waitFor();
    await form.locator('.field-problem', { hasText: '请填写姓名' }).waitFor();
    await screenshot(page, 'admin-staff-form-problems');
    // The server's refusal, in words: the id is taken.
    await form.locator('input[name="id"]').fill('clerk01');
    await form.locator('input[name="name"]').fill('重名测试');
    await form.locator('button[type="submit"]').click();
    await form.locator('.refusal', { hasText: '账号已存在' }).waitFor();
    await form.locator('button', { hasText: '取消' }).click();

    const oneTime = await createClerk(page, 'yx-lina', 'YX301', '李娜');
    await page.locator('qms-admin-staff dialog.one-time .note', { hasText: '首次登录时必须修改' }).waitFor();
    await screenshot(page, 'admin-staff-one-time-password');
    await page.locator('qms-admin-staff dialog.one-time button.primary').click();
    await row(page, 'yx-lina').filter({ hasText: 'YX301' }).filter({ hasText: '窗口人员' }).locator('.badge.warn').waitFor();
    const account = (await srv.get('/api/v1/admin/accounts?hallId=yuxi', 'admin')).accounts.find((a: { id: string }) => a.id === 'yx-lina');
    expect(account).toMatchObject({ name: '李娜', staffNo: 'YX301', role: 'clerk', hallId: 'yuxi', mustChangePassword: true, disabled: false });

    const token = await firstSignIn('yx-lina', oneTime);
    await disableEnableReset(page, 'yx-lina', token);

    // An edit: the name and 工号 change, through the API too.
    await row(page, 'yx-lina').locator('button.edit').click();
    await form.locator('input[name="name"]').fill('李娜娜');
    await form.locator('input[name="staffNo"]').fill('YX302');
    await form.locator('button[type="submit"]').click();
    await row(page, 'yx-lina').filter({ hasText: '李娜娜' }).filter({ hasText: 'YX302' }).waitFor();
    await screenshot(page, 'admin-staff-after');

    // The English switch: the same table in English.
    await page.locator('qms-lang-switch button').click();
    await page.locator('qms-admin-staff h2', { hasText: 'Staff accounts' }).waitFor();
    await page.locator('qms-admin-staff .done', { hasText: 'Account yx-lina changed' }).waitFor();
    await row(page, 'yx-lina').filter({ hasText: 'Clerk' }).locator('.badge.warn', { hasText: 'Must change password' }).waitFor();
    await row(page, 'yx-lina').locator('button.reset', { hasText: 'Reset password' }).waitFor();
    await screenshot(page, 'admin-staff-en');
    expect(withoutExpectedNetworkLines(errors, { statuses: [409] })).toEqual([]);
  });

  it('admin: makes a city manager over the halls ticked for them, who then reads the report across those halls', async () => {
    const { page, errors } = await openConsole('staff', 'admin');
    await page.locator('qms-admin-staff button.create').click();
    const form = page.locator('qms-admin-staff dialog.form');
    await form.locator('input[name="id"]').fill('city-east');
    await form.locator('input[name="name"]').fill('东片区');
    await form.locator('select[name="role"]').selectOption('city_manager');
    // The hall the console is open on is ticked to start with; no hall at all is refused before sending.
    const ticks = form.locator('fieldset.hall-ids input[name="hallIds"]');
    expect(await ticks.evaluateAll((boxes) => boxes.map((b) => [(b as HTMLInputElement).value, (b as HTMLInputElement).checked]))).toEqual([
      ['tonghai', false],
      ['yuxi', true],
    ]);
    await form.locator('fieldset.hall-ids input[value="yuxi"]').uncheck();
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('fieldset.hall-ids .field-problem').textContent()).toBe('请至少选择一个大厅');
    await form.locator('fieldset.hall-ids input[value="tonghai"]').check();
    await form.locator('fieldset.hall-ids input[value="yuxi"]').check();
    await screenshot(page, 'admin-staff-city-manager');
    await form.locator('button[type="submit"]').click();
    const secret = page.locator('qms-admin-staff dialog.one-time .secret');
    await secret.waitFor();
    const oneTime = (await secret.textContent())!.trim();
    const { accounts } = await srv.get('/api/v1/admin/accounts', 'admin');
    expect(accounts.find((a: { id: string }) => a.id === 'city-east')).toMatchObject({ role: 'city_manager', hallId: null, hallIds: ['tonghai', 'yuxi'] });
    await page.locator('qms-admin-staff dialog.one-time button.primary').click();
    // Listed with their halls, in every hall's list (they belong to none).
    expect(await row(page, 'city-east').locator('td').nth(3).textContent()).toBe('市级管理员（通海县政务服务中心、玉溪市政务服务中心）');
    const token = await firstSignIn('city-east', oneTime);
    const report = await srv.request('GET', '/api/v1/reports/halls', { token });
    expect(report.status).toBe(200);
    expect(report.body.halls.map((h: { hallId: string }) => h.hallId)).toEqual(['yuxi', 'tonghai']);
    // The administrator's password alone is answered 401 second_factor_required before the code is asked for.
    expect(withoutExpectedNetworkLines(errors, { statuses: [401] })).toEqual([]);
  });

  it('manager: manages a clerk of their own hall and is offered no admin or manager role', async () => {
    const { page, errors } = await openConsole('staff', 'manager');
    await row(page, 'clerk01').waitFor();
    expect(await page.locator('qms-admin-staff tr[data-id="admin"]').count()).toBe(0);
    expect(await page.locator('qms-admin-staff tr[data-id="tonghai-manager"]').count()).toBe(0);
    await page.locator('qms-admin-staff button.create').click();
    expect(await page.locator('qms-admin-staff dialog.form select[name="role"] option').allTextContents()).toEqual(['窗口人员']);
    await page.locator('qms-admin-staff dialog.form button', { hasText: '取消' }).click();

    const oneTime = await createClerk(page, 'yx-zhaolei', 'YX310', '赵磊');
    await page.locator('qms-admin-staff dialog.one-time button.primary').click();
    const token = await firstSignIn('yx-zhaolei', oneTime);
    await disableEnableReset(page, 'yx-zhaolei', token);
    await screenshot(page, 'admin-staff-manager');
    expect(errors).toEqual([]);
  });

  it('devices: adds a kiosk with a printer, prints a test slip (GB18030 on the wire), pairs it by code, says a printer that is off', async () => {
    const { page, errors } = await openConsole('devices', 'manager');
    const devices = page.locator('qms-admin-devices');
    await devices.locator('tr[data-id="kiosk01"]').waitFor();
    await screenshot(page, 'admin-devices');

    await devices.locator('button.add').click();
    const form = devices.locator('dialog.form');
    await form.locator('input[name="id"]').fill('kiosk-east');
    await form.locator('input[name="printer"]').fill('192.168.1.50:9100');
    await form.locator('button[type="submit"]').click();
    await form.locator('.field-problem', { hasText: '打印机地址格式应为 tcp://主机:端口' }).waitFor();
    await screenshot(page, 'admin-devices-form');
    await form.locator('input[name="printer"]').fill(printer.address);
    await form.locator('button[type="submit"]').click();
    const added = devices.locator('tr[data-id="kiosk-east"]');
    await added.filter({ hasText: printer.address }).waitFor();
    const { hall } = await srv.get('/api/v1/admin/halls/yuxi/config', 'manager');
    expect(hall.devices).toContainEqual({ id: 'kiosk-east', kind: 'kiosk', printer: printer.address });

    await added.locator('button.print-test').click();
    await devices.locator('.done', { hasText: 'kiosk-east 的打印机已打出测试单' }).waitFor();
    const job = await printer.jobWhere((j) => j.decoded.lines.includes('设备：kiosk-east'));
    expect(job.decodeError).toBeNull();
    expect(job.decoded.lines).toEqual(expect.arrayContaining(['打印测试', '大厅：玉溪市政务服务中心', 'GB18030 校验字：㐀 䶵 𠀀 𪚥 鿕 〇']));
    expect(job.bytes.includes(Buffer.from([0x95, 0x32, 0x82, 0x36])), '𠀀 as four GB18030 bytes').toBe(true);
    await screenshot(page, 'admin-devices-print-test');

    await added.locator('button.pair').click();
    const code = (await devices.locator('dialog.pairing .pairing-code').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    await devices.locator('dialog.pairing .note', { hasText: /在设备的登录页输入此配对码，\d{2}:\d{2}:\d{2} 前有效/ }).waitFor();
    await screenshot(page, 'admin-devices-pairing-code');
    const paired = await srv.request('POST', '/api/v1/auth/pair', { body: { hallId: 'yuxi', code } });
    expect(paired.status).toBe(200);
    expect(paired.body.user).toMatchObject({ id: 'kiosk-east', role: 'kiosk', hallId: 'yuxi' });
    await devices.locator('dialog.pairing button.primary').click();

    // The printer is switched off: the test says so in words, fast.
    await added.locator('button.edit').click();
    await form.locator('input[name="printer"]').fill(`tcp://127.0.0.1:${await freePort()}`);
    await form.locator('button[type="submit"]').click();
    await devices.locator('.done', { hasText: '已修改设备 kiosk-east' }).waitFor();
    await added.locator('button.print-test').click();
    await devices.locator('.refusal', { hasText: 'kiosk-east 打印测试失败：打印机未开机或未联网（连接被拒绝）' }).waitFor({ timeout: 3000 });
    await screenshot(page, 'admin-devices-printer-off');

    // A rating pad moved to a window: chosen by its name, saved in the hall document.
    await devices.locator('tr[data-id="rating01"] button.edit').click();
    await form.locator('select[name="windowId"]').selectOption('3');
    await form.locator('button[type="submit"]').click();
    await devices.locator('tr[data-id="rating01"]').filter({ hasText: /3 号/ }).waitFor();
    expect((await srv.get('/api/v1/admin/halls/yuxi/config', 'manager')).hall.devices).toContainEqual({ id: 'rating01', kind: 'rating', windowId: '3' });

    // Removed: gone from the hall, and its sign-in ended.
    await added.locator('button.remove').click();
    await devices.locator('dialog.confirm button.yes').click();
    await devices.locator('.done', { hasText: '已移除设备 kiosk-east' }).waitFor();
    expect((await srv.get('/api/v1/admin/halls/yuxi/config', 'manager')).hall.devices.map((d: { id: string }) => d.id)).not.toContain('kiosk-east');
    expect((await srv.request('GET', '/api/v1/halls/yuxi/board', { token: paired.body.token })).status).toBe(401);
    expect(withoutExpectedNetworkLines(errors, { statuses: [503] })).toEqual([]);
  });

  it('catalogue: a 1,503-row CSV checked (counts on screen), applied, searched in the console and found at the kiosk; problems and a stale import in words', async () => {
    const { page, errors } = await openConsole('catalogue', 'manager');
    const section = page.locator('qms-admin-catalogue');
    const before = await srv.get<{ version: number; items: Array<{ code: string; enabled: boolean }> }>(CATALOGUE, 'manager');
    await section.locator('tr[data-code]').first().waitFor();
    await screenshot(page, 'admin-catalogue');

    // A file with problems: said line by line, and it cannot be applied.
    const bad = catalogueCsv([
      { code: '11530400MB900001', name: '好的事项', area: 'tax', department: '税务局', aliases: '' },
      { code: '11530400MB900002', name: '区域不对', area: 'nowhere', department: '', aliases: '' },
      { code: '编码#1', name: '编码不对', area: 'tax', department: '', aliases: '' },
    ]);
    const fileInput = section.locator('input[type="file"]');
    await fileInput.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: bad });
    await section.locator('.problems-list li', { hasText: '第 3 行「区域」“nowhere”：本大厅没有此区域' }).waitFor();
    await section.locator('.problems-list li', { hasText: '第 4 行「事项编码」“编码#1”：事项编码只能由字母、数字和减号组成' }).waitFor();
    expect(await section.locator('button.apply').isDisabled()).toBe(true);
    await screenshot(page, 'admin-catalogue-problems');

    const rows = catalogueRows(1503);
    await fileInput.setInputFiles({ name: 'yuxi-1503.csv', mimeType: 'text/csv', buffer: catalogueCsv(rows) });
    await section.locator('.dry-run h3', { hasText: 'yuxi-1503.csv' }).waitFor();
    const counts = async () => ({
      added: await section.locator('.counts .added strong').textContent(),
      disabled: await section.locator('.counts .disabled strong').textContent(),
      problems: await section.locator('.counts .problems strong').textContent(),
    });
    // A merge by default: nothing would be disabled; replacing the whole list is ticked, and asked.
    expect(await counts()).toEqual({ added: '1503', disabled: '0', problems: '0' });
    const enabledBefore = before.items.filter((i) => i.enabled).length;
    await section.locator('input[name="replace"]').check();
    await section.locator('.counts .disabled strong', { hasText: String(enabledBefore) }).waitFor();
    expect(await counts()).toEqual({ added: '1503', disabled: String(enabledBefore), problems: '0' });
    await screenshot(page, 'admin-catalogue-dry-run');
    expect((await srv.get(CATALOGUE, 'manager')).version, 'a dry run changes nothing').toBe(before.version);

    await section.locator('button.apply').click();
    await section.locator('dialog.confirm[open]', { hasText: `文件中没有的 ${enabledBefore} 个事项将被停用` }).waitFor();
    await section.locator('dialog.confirm [data-action="confirm-replace"]').click();
    await section.locator('.done', { hasText: `已导入：新增 1503 项，修改 0 项，停用 ${before.items.filter((i) => i.enabled).length} 项` }).waitFor();
    const after = await srv.get<{ version: number; items: Array<{ code: string; name: string; enabled: boolean }> }>(CATALOGUE, 'manager');
    expect(
      after.items
        .filter((i) => i.enabled)
        .map((i) => i.code)
        .sort(),
    ).toEqual(rows.map((r) => r.code).sort());
    await section.locator('p.intro', { hasText: `共 ${before.items.length + 1503} 个事项` }).waitFor();

    // Searching the list as one types: a page at a time, quickly.
    const search = section.locator('input[name="search"]');
    const started = Date.now();
    await search.fill('11530400MB001234');
    await section.locator('tr[data-code="11530400MB001234"]').waitFor();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await section.locator('tr[data-code]').count()).toBe(1);
    await search.fill('');
    expect(await section.locator('tr[data-code]').count()).toBe(50);
    await section.locator('.pager', { hasText: `第 1–50 项，共 ${before.items.length + 1503} 项` }).waitFor();

    // One item edited and disabled from the list.
    const target = rows[7]!;
    await search.fill(target.code);
    const item = section.locator(`tr[data-code="${target.code}"]`);
    await item.locator('button.edit').click();
    await section.locator('dialog.edit input[name="aliases"]').fill('便民事项、测试别名');
    await screenshot(page, 'admin-catalogue-edit');
    await section.locator('dialog.edit button[type="submit"]').click();
    await item.filter({ hasText: '便民事项、测试别名' }).waitFor();
    await item.locator('button.toggle').click();
    await item.locator('.badge.off').waitFor();
    const edited = ((await srv.get(CATALOGUE, 'manager')).items as Array<{ code: string; aliases: string[]; enabled: boolean }>).find(
      (i) => i.code === target.code,
    );
    expect(edited).toMatchObject({ aliases: ['便民事项', '测试别名'], enabled: false });
    await screenshot(page, 'admin-catalogue-search');

    // A stale dry run: someone else changes the catalogue before "apply".
    const again = catalogueRows(1504);
    await fileInput.setInputFiles({ name: 'yuxi-1504.csv', mimeType: 'text/csv', buffer: catalogueCsv(again) });
    await section.locator('.dry-run h3', { hasText: 'yuxi-1504.csv' }).waitFor();
    expect(await section.locator('.counts .added strong').textContent()).toBe('1');
    const patched = await srv.request('PATCH', `${CATALOGUE}/${rows[0]!.code}`, { as: 'admin', body: { name: '他人刚改的名称' } });
    expect(patched.status).toBe(200);
    await section.locator('button.apply').click();
    await section.locator('.stale', { hasText: '有人刚导入或修改了目录' }).waitFor();
    await screenshot(page, 'admin-catalogue-stale');
    expect(((await srv.get(CATALOGUE, 'manager')).items as unknown[]).length).toBe(before.items.length + 1503);
    await section.locator('button.recheck').click();
    await section.locator('.counts .changed strong', { hasText: '2' }).waitFor();

    // The kiosk finds a newly imported item.
    const kiosk = await openPage(browser, `${srv.url}/kiosk?hall=yuxi`, { width: 1080, height: 1920 });
    pages.push(kiosk);
    await signIn(kiosk.page, 'kiosk01');
    await kiosk.page.getByRole('button', { name: '搜索办理事项' }).click();
    await kiosk.page.locator('qms-kiosk-search input[name="search"]').fill(rows[20]!.name);
    await kiosk.page.locator('qms-kiosk-search button.hit', { hasText: rows[20]!.name }).first().waitFor();
    expect(withoutExpectedNetworkLines(errors, { statuses: [409] })).toEqual([]);
    expect(kiosk.errors).toEqual([]);
  }, 90_000);
});
