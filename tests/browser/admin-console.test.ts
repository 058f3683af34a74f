/**
 * The administration console (`/admin?hall=yuxi`) in real Chromium at 1920×1080, used end to end:
 * an admin adds, edits and removes an area and a window (checked through the configuration API and
 * on the hall board), a removal the live day refuses and a form the browser refuses show their
 * words (the browser's words equal the server's), a save made stale by someone else reloads the
 * newer version, a hall is added and retired, the change history lists the changes as readable
 * field diffs, and English switches the words. A hall manager sees their own hall only, and a
 * one-time password goes through the password change first. Screenshots of every section are kept.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, type WatchedPage } from '../support/browser';
import { signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const CONFIG = '/api/v1/admin/halls/yuxi/config';

interface HallDocLike {
  name: string;
  areas: Array<{ id: string; name: string; prefix: string; dailyCap?: number; kind?: string }>;
  windows: Array<{ id: string; number: number; name: string; areaIds: string[] }>;
  waitAlerts?: Record<string, { warnMinutes: number; alertMinutes: number }>;
}

describe('the administration console in Chromium', () => {
  let srv: TestServer;
  let browser: Browser;
  let admin: WatchedPage;
  let page: Page;
  /** Every configuration write the page sends. */
  const puts: Request[] = [];

  const config = () => srv.get<{ version: number; hall: HallDocLike }>(CONFIG, 'admin');
  const board = () =>
    srv.get<{ areas: Array<{ id: string; name: string }>; windows: Array<{ id: string; name: string; areaIds: string[] }> }>(`${H}/board`, 'display01');
  const section = async (name: string) => {
    await page.locator(`nav button[data-section="${name}"]`).click();
    await page.locator(`nav button[data-section="${name}"][aria-selected="true"]`).waitFor();
  };
  const text = (selector: string) => page.locator(selector).first().innerText();

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    browser = await launchBrowser();
    admin = await openPage(browser, `${srv.url}/admin?hall=yuxi&section=areas`);
    page = admin.page;
    page.on('request', (r) => {
      if (r.method() === 'PUT') puts.push(r);
    });
    await page.locator('qms-login input[name="username"]').waitFor();
    await screenshot(page, 'admin-login');
    await signIn(page, 'admin');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('shows the frame: title, the hall picker, who is signed in, the nine sections', async () => {
    await page.locator('qms-admin-areas tr[data-area="police"]').waitFor();
    expect(await text('header h1')).toBe('政务服务大厅管理后台');
    await expect.poll(() => page.locator('header select[name="hall"] option').allInnerTexts()).toContain('玉溪市政务服务中心');
    expect(await page.locator('header select[name="hall"]').inputValue()).toBe('yuxi');
    expect(await text('header .who')).toBe('系统管理员');
    expect(await page.locator('nav button[role="tab"]').allInnerTexts()).toEqual([
      '大厅',
      '业务区',
      '窗口',
      '工作人员',
      '设备',
      '事项目录',
      '办公日历',
      '公告',
      '变更记录',
    ]);
    expect(await page.locator('qms-admin-areas tbody tr').count()).toBe(8);
  });

  it('adds, edits and removes an area; the API and the hall board show each step', async () => {
    await page.locator('qms-admin-areas [data-action="add-area"]').click();
    const form = page.locator('qms-admin-areas form');
    await form.locator('input[name="id"]').fill('notary');
    await form.locator('input[name="name"]').fill('公证');
    await form.locator('input[name="prefix"]').fill('N');
    await form.locator('select[name="windowId"]').selectOption('20');
    await form.locator('input[name="dailyCap"]').fill('80');
    await form.locator('input[name="warnMinutes"]').fill('10');
    await form.locator('input[name="alertMinutes"]').fill('20');
    await form.locator('button[type="submit"]').click();
    await page.locator('qms-admin-areas tr[data-area="notary"]').waitFor();
    expect(await text('qms-admin-areas p.ok')).toBe('已保存，各节点 1 秒内生效');

    let { hall } = await config();
    expect(hall.areas.find((a) => a.id === 'notary')).toMatchObject({ name: '公证', prefix: 'N', dailyCap: 80 });
    expect(hall.windows.find((w) => w.id === '20')!.areaIds).toEqual(['police', 'notary']);
    expect(hall.waitAlerts?.notary).toEqual({ warnMinutes: 10, alertMinutes: 20 });
    expect((await board()).areas.find((a) => a.id === 'notary')?.name).toBe('公证');

    await page.locator('qms-admin-areas tr[data-area="notary"] [data-action="edit"]').click();
    await form.locator('input[name="name"]').fill('公证服务');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => text('qms-admin-areas tr[data-area="notary"]')).toContain('公证服务');
    ({ hall } = await config());
    expect(hall.areas.find((a) => a.id === 'notary')!.name).toBe('公证服务');
    expect((await board()).areas.find((a) => a.id === 'notary')?.name).toBe('公证服务');
    await screenshot(page, 'admin-areas');
  });

  it("sets an area's kind: 办不成事反映窗口 and back to a normal area; other fields stay", async () => {
    const notary = () => config().then(({ hall }) => hall.areas.find((a) => a.id === 'notary')!);
    const form = page.locator('qms-admin-areas form');
    const kindCell = page.locator('qms-admin-areas tr[data-area="notary"] td.kind');
    expect(await kindCell.getAttribute('data-kind')).toBe('normal');
    await page.locator('qms-admin-areas tr[data-area="notary"] [data-action="edit"]').click();
    await expect(form.locator('select[name="kind"]').inputValue()).resolves.toBe('normal');
    await form.locator('select[name="kind"]').selectOption('complaint');
    await form.locator('.kind-hint').waitFor();
    await screenshot(page, 'admin-areas-kind');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => kindCell.getAttribute('data-kind')).toBe('complaint');
    expect(await kindCell.innerText()).toBe('办不成事反映窗口');
    expect(await notary()).toMatchObject({ name: '公证服务', prefix: 'N', dailyCap: 80, kind: 'complaint' });
    // The live hall has it: a ticket there is a manager alert at once.
    const t = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'notary' }, 201);
    const alerts = (await srv.get(`${H}/overview`, 'manager')).alerts as Array<{ ticketId?: string }>;
    expect(alerts.some((a) => a.ticketId === t.ticket.id)).toBe(true);
    await srv.post(`${H}/windows/20/sign-in`, 'clerk20');
    await srv.post(`${H}/windows/20/call`, 'clerk20', { number: t.ticket.number });
    await srv.post(`${H}/windows/20/complete`, 'clerk20');
    await srv.post(`${H}/windows/20/sign-out`, 'clerk20');

    await page.locator('qms-admin-areas tr[data-area="notary"] [data-action="edit"]').click();
    await expect(form.locator('select[name="kind"]').inputValue()).resolves.toBe('complaint');
    await form.locator('select[name="kind"]').selectOption('normal');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => kindCell.getAttribute('data-kind')).toBe('normal');
    const back = await notary();
    expect(back).toMatchObject({ name: '公证服务', dailyCap: 80 });
    expect('kind' in back).toBe(false);
  });

  it('an area with a citizen waiting cannot be removed, and says so in words', async () => {
    const { version } = await config();
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'notary' }, 201);
    await page.locator('qms-admin-areas tr[data-area="notary"] [data-action="remove"]').click();
    await page.locator('qms-admin-areas [data-action="confirm-remove"]').click();
    const refusal = page.locator('qms-admin-areas .refusal');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('服务器拒绝了此修改：');
    expect(await refusal.innerText()).toContain('区域 notary 仍有等候或叫号中的号票');
    expect(await refusal.innerText()).not.toMatch(/area_in_use|[a-z]+ has \d/);
    expect((await config()).version).toBe(version);
    await screenshot(page, 'admin-areas-refused');
  });

  it('adds, edits and removes a window; today-only area changes are shown beside the configuration', async () => {
    await section('windows');
    await page.locator('qms-admin-windows tr[data-window="21"]').waitFor();
    await page.locator('qms-admin-windows [data-action="add-window"]').click();
    const form = page.locator('qms-admin-windows form');
    expect(await form.locator('input[name="number"]').inputValue()).toBe('22');
    await form.locator('input[name="name"]').fill('综合受理22');
    await form.locator('input[name="areaIds"][value="police"]').check();
    await form.locator('input[name="areaIds"][value="notary"]').check();
    await form.locator('select[name="selection"]').selectOption('longest-wait');
    await form.locator('button[type="submit"]').click();
    await page.locator('qms-admin-windows tr[data-window="22"]').waitFor();
    let { hall } = await config();
    expect(hall.windows.find((w) => w.id === '22')).toMatchObject({ number: 22, name: '综合受理22', areaIds: ['police', 'notary'], selection: 'longest-wait' });
    expect((await board()).windows.find((w) => w.id === '22')).toMatchObject({ name: '综合受理22', areaIds: ['police', 'notary'] });

    await page.locator('qms-admin-windows tr[data-window="22"] [data-action="edit"]').click();
    await form.locator('input[name="name"]').fill('综合受理二十二');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => text('qms-admin-windows tr[data-window="22"]')).toContain('综合受理二十二');
    expect((await board()).windows.find((w) => w.id === '22')!.name).toBe('综合受理二十二');

    // The manager moves window 19 to insurance for today: the console shows it as today only.
    await srv.post(`${H}/windows/19/areas`, 'manager', { areaIds: ['insurance'] });
    await section('areas');
    await section('windows');
    const row19 = page.locator('qms-admin-windows tr[data-window="19"]');
    await expect.poll(() => row19.locator('td.today').innerText()).toContain('仅限今日');
    expect(await row19.locator('td.today').innerText()).toContain('医保社保综合服务');
    expect(await row19.locator('td').nth(3).innerText()).toBe('公安事务');
    expect(await text('qms-admin-windows .scope-note')).toContain('只记入今天的日志，次日自动恢复');
    await screenshot(page, 'admin-windows');

    await page.locator('qms-admin-windows tr[data-window="22"] [data-action="remove"]').click();
    await page.locator('qms-admin-windows [data-action="confirm-remove"]').click();
    await page.locator('qms-admin-windows tr[data-window="22"]').waitFor({ state: 'detached' });
    ({ hall } = await config());
    expect(hall.windows.some((w) => w.id === '22')).toBe(false);
    expect((await board()).windows.some((w) => w.id === '22')).toBe(false);
  });

  it('a duplicate window number is refused by the browser, in the same words the server uses, and nothing is sent', async () => {
    const sent = puts.length;
    await page.locator('qms-admin-windows [data-action="add-window"]').click();
    const form = page.locator('qms-admin-windows form');
    await form.locator('input[name="number"]').fill('21');
    await form.locator('input[name="id"]').fill('x21');
    await form.locator('input[name="name"]').fill('重复的窗口');
    await form.locator('input[name="areaIds"][value="police"]').check();
    await form.locator('button[type="submit"]').click();
    const refusal = form.locator('.refusal');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('未提交：请先改正以下问题');
    expect(await refusal.locator('li').allInnerTexts()).toEqual(['窗口号 21 重复']);
    expect(await form.locator('input[name="number"]').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('input[name="name"]').getAttribute('aria-invalid')).toBe('false');
    expect(puts.length).toBe(sent);
    await screenshot(page, 'admin-windows-invalid');

    const { version, hall } = await config();
    const duplicate = { ...hall, windows: [...hall.windows, { id: 'x21', number: 21, name: '重复的窗口', areaIds: ['police'] }] };
    const server = await srv.request('PUT', CONFIG, { as: 'admin', body: { hall: duplicate }, headers: { 'if-match': String(version) } });
    expect(server.status).toBe(400);
    expect(server.body.error.problems).toEqual([{ path: `windows[${hall.windows.length}].number`, message: '窗口号 21 重复' }]);
    await form.locator('button[type="button"]').click();
  });

  it('a window with a clerk signed in cannot be removed, and says so in words', async () => {
    await srv.post(`${H}/windows/21/sign-in`, 'clerk21');
    await page.locator('qms-admin-windows tr[data-window="21"] [data-action="remove"]').click();
    await page.locator('qms-admin-windows [data-action="confirm-remove"]').click();
    const refusal = page.locator('qms-admin-windows .refusal');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('21 窗口有工作人员登录或号票在办，不能删除');
    expect((await config()).hall.windows.some((w) => w.id === '21')).toBe(true);
  });

  it('a save made stale by someone else loads the newer version and says so', async () => {
    await page.locator('qms-admin-windows tr[data-window="20"] [data-action="edit"]').click();
    const form = page.locator('qms-admin-windows form');
    await form.locator('input[name="name"]').fill('我的改名');
    // Meanwhile someone renames window 18 through the API.
    const { version, hall } = await config();
    const theirs = { ...hall, windows: hall.windows.map((w) => (w.id === '18' ? { ...w, name: '他人改名18' } : w)) };
    const res = await srv.request('PUT', CONFIG, { as: 'manager', body: { hall: theirs }, headers: { 'if-match': String(version) } });
    expect(res.status).toBe(200);
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => text('qms-admin-windows form .refusal')).toBe('其他人刚刚修改了此配置，已载入最新版本，请核对后重新保存');
    expect(await text('qms-admin-windows tr[data-window="18"]')).toContain('他人改名18');
    const now = await config();
    expect(now.version).toBe(version + 1);
    expect(now.hall.windows.find((w) => w.id === '20')!.name).not.toBe('我的改名');
    await screenshot(page, 'admin-windows-stale');
    await form.locator('button[type="button"]').click();
  });

  it('adds a hall, then retires it after a confirmation', async () => {
    await section('halls');
    await page.locator('qms-admin-halls tr[data-hall="tonghai"]').waitFor();
    await page.locator('qms-admin-halls [data-action="add-hall"]').click();
    const form = page.locator('qms-admin-halls form');
    expect(await form.locator('input[name="timezone"]').inputValue()).toBe('Asia/Shanghai');
    await form.locator('input[name="id"]').fill('chengjiang');
    await form.locator('input[name="name"]').fill('澄江市政务服务中心');
    await form.locator('input[name="areaId"]').fill('general');
    await form.locator('input[name="areaName"]').fill('综合受理');
    await form.locator('input[name="windowName"]').fill('综合窗口');
    await form.locator('button[type="submit"]').click();
    await page.locator('qms-admin-halls tr[data-hall="chengjiang"]').waitFor();
    expect(await text('qms-admin-halls p.ok')).toBe('大厅“澄江市政务服务中心”已新增');
    const added = await srv.get<{ halls: Array<{ id: string; retired: boolean }> }>('/api/v1/admin/halls', 'admin');
    expect(added.halls.find((h) => h.id === 'chengjiang')).toMatchObject({ retired: false });
    expect((await srv.get<Array<{ id: string }>>('/api/v1/halls')).map((h) => h.id)).toContain('chengjiang');
    await expect.poll(() => page.locator('header select[name="hall"] option').allInnerTexts()).toContain('澄江市政务服务中心');
    await screenshot(page, 'admin-halls');

    await page.locator('qms-admin-halls tr[data-hall="chengjiang"] [data-action="retire"]').click();
    expect(await text('qms-admin-halls .confirm')).toContain('确定停用大厅“澄江市政务服务中心”吗？');
    await page.locator('qms-admin-halls [data-action="confirm-retire"]').click();
    await expect.poll(() => text('qms-admin-halls tr[data-hall="chengjiang"]')).toContain('已停用');
    const retired = await srv.get<{ halls: Array<{ id: string; retired: boolean }> }>('/api/v1/admin/halls', 'admin');
    expect(retired.halls.find((h) => h.id === 'chengjiang')).toMatchObject({ retired: true });
    expect((await srv.get<Array<{ id: string }>>('/api/v1/halls')).map((h) => h.id)).not.toContain('chengjiang');
    expect(await page.locator('qms-admin-halls tr[data-hall="chengjiang"] [data-action="retire"]').count()).toBe(0);
    await screenshot(page, 'admin-halls-retired');
  });

  it('the change history lists the changes above as readable field diffs, in hall time', async () => {
    await section('history');
    const rows = page.locator('qms-admin-history tbody tr');
    await rows.first().waitFor();
    const all = (await rows.allInnerTexts()).join('\n');
    expect(all).toContain('windows[22].name: 综合受理22 → 综合受理二十二');
    expect(all).toContain('areas[notary].name: 公证 → 公证服务');
    expect(all).toContain('windows[18].name: 医保社保综合服务 → 他人改名18');
    expect(all).toMatch(/windows\[22\]: — → 22 综合受理22/);
    expect(all).not.toContain('{"');
    expect(all).toContain('admin');
    expect(all).toContain('manager');
    const when = await rows.first().locator('td.when').innerText();
    const hallNow = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(when.slice(0, 10)).toBe(hallNow);
    await screenshot(page, 'admin-history');
  });

  it('switches to English', async () => {
    await page.locator('header qms-lang-switch button').click();
    await expect.poll(() => text('header h1')).toBe('Service hall administration');
    expect(await page.locator('nav button[role="tab"]').allInnerTexts()).toEqual([
      'Halls',
      'Areas',
      'Windows',
      'Staff',
      'Devices',
      'Catalogue',
      'Calendar',
      'Notices',
      'Change history',
    ]);
    expect(await text('qms-admin-history h2')).toBe('Change history');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await section('windows');
    await page.locator('qms-admin-windows [data-action="add-window"]').click();
    const form = page.locator('qms-admin-windows form');
    await form.locator('input[name="number"]').fill('1');
    await form.locator('input[name="areaIds"][value="police"]').check();
    await form.locator('input[name="name"]').fill('Duplicate');
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('.refusal li').allInnerTexts()).toEqual(['window number 1 is used twice']);
    expect(await text('qms-admin-windows tr[data-window="19"] td.today')).toContain('Today only');
    await screenshot(page, 'admin-windows-en');
    expect(withoutExpectedNetworkLines(admin.errors, { statuses: [409] })).toEqual([]);
  });

  it('a hall manager sees their own hall only, and cannot add or retire halls', async () => {
    const m = await openPage(browser, `${srv.url}/admin?hall=yuxi&section=halls`);
    try {
      await signIn(m.page, 'manager');
      await m.page.locator('qms-admin-halls tr[data-hall="yuxi"]').waitFor();
      expect(await m.page.locator('qms-admin-halls tbody tr').count()).toBe(1);
      expect(await m.page.locator('header select[name="hall"]').count()).toBe(0);
      expect(await m.page.locator('header .hall .name').innerText()).toBe('玉溪市政务服务中心');
      expect(await m.page.locator('qms-admin-halls [data-action="add-hall"], qms-admin-halls [data-action="retire"]').count()).toBe(0);
      expect(await m.page.locator('qms-admin-halls p.muted').innerText()).toContain('由系统管理员办理');
      expect(await m.page.locator('header .who').innerText()).toBe('值班长 杨建华（大厅负责人）');
      await screenshot(m.page, 'admin-manager-halls');
      // Another hall's console is not theirs: the sign-in form says so.
      const other = await openPage(browser, `${srv.url}/admin?hall=tonghai`);
      await other.page.locator('qms-login input[name="username"]').fill('manager');
      await other.page.locator('qms-login input[name="password"]').fill('demo');
      await other.page.locator('qms-login button[type="submit"]').click();
      await expect.poll(() => other.page.locator('qms-login .error').innerText(), { timeout: 10_000 }).not.toBe('');
      expect(await other.page.locator('qms-admin-halls').count()).toBe(0);
      await other.context.close();
      expect(m.errors).toEqual([]);
    } finally {
      await m.context.close();
    }
  });

  it('a one-time password is changed before the console opens', async () => {
    const created = await srv.post<{ oneTimePassword: string }>(
      '/api/v1/admin/accounts',
      'admin',
      { id: 'manager-new', name: '新负责人', role: 'manager', hallId: 'yuxi' },
      201,
    );
    const m = await openPage(browser, `${srv.url}/admin?hall=yuxi&section=windows`);
    try {
      await m.page.locator('qms-login input[name="username"]').fill('manager-new');
      await m.page.locator('qms-login input[name="password"]').fill(created.oneTimePassword);
      await m.page.locator('qms-login button[type="submit"]').click();
      await m.page.locator('qms-login input[name="newPassword"]').fill('Fresh-Desk-2026');
      await m.page.locator('qms-login input[name="repeatPassword"]').fill('Fresh-Desk-2026');
      await m.page.locator('qms-login button[type="submit"]').click();
      await m.page.locator('qms-admin-windows tr[data-window="1"]').waitFor();
      expect(await m.page.locator('header .who').innerText()).toBe('新负责人（大厅负责人）');
      expect((await srv.request('POST', '/api/v1/auth/login', { body: { username: 'manager-new', password: 'Fresh-Desk-2026' } })).status).toBe(200);
    } finally {
      await m.context.close();
    }
  });

  it('every other section opens in the frame', async () => {
    for (const name of ['staff', 'devices', 'catalogue', 'calendar', 'notices']) {
      await section(name);
      await page.locator(`qms-admin-${name}`).waitFor({ state: 'attached' });
      await screenshot(page, `admin-${name}`);
    }
  });

  it('an admin switches hall with the picker: the address and every section follow', async () => {
    await section('areas');
    await page.locator('header select[name="hall"]').selectOption('tonghai');
    await page.waitForURL(/hall=tonghai/);
    await page.locator('qms-admin-areas tbody tr').first().waitFor();
    const { hall } = await srv.get<{ hall: HallDocLike }>('/api/v1/admin/halls/tonghai/config', 'admin');
    expect(await page.locator('qms-admin-areas tbody tr').count()).toBe(hall.areas.length);
    expect(await page.locator('header select[name="hall"]').inputValue()).toBe('tonghai');
    expect(new URL(page.url()).searchParams.get('section')).toBe('areas');
  });
});
