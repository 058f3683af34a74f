/**
 * What the administrator hit in the first week in a real hall (issue 22, items 7 and 12), in real
 * Chromium at 1920×1080, zh-CN and English: a 5-row catalogue import keeps every unlisted item
 * enabled, disabling them is an explicit tick that asks first naming the count, and undo brings
 * the catalogue back; a remove question far down a long page is in the viewport; no stray 取消/确定
 * box over the devices section; a one-time password of one case, copied and printed; the password
 * rules beside the field before any failure; 窗口号 / 编号 / 叫号顺序 explained; one main and one h1.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, type WatchedPage } from '../support/browser';
import { catalogueCsv, type FixtureRow } from '../support/catalogue-fixture';
import { signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';
import type { CatalogueItem as Item } from '../../server/domain/catalogue';

const CATALOGUE = '/api/v1/admin/halls/yuxi/catalogue';

describe('the console after the first week in a real hall', () => {
  let srv: TestServer;
  let browser: Browser;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  async function openConsole(section: string, user: string, lang = ''): Promise<WatchedPage> {
    const w = await openPage(browser, `${srv.url}/admin?hall=yuxi&section=${section}${lang ? `&lang=${lang}` : ''}`);
    pages.push(w);
    await signIn(w.page, user);
    return w;
  }

  const catalogue = () => srv.get<{ version: number; items: Item[] }>(CATALOGUE, 'manager');
  const landmarks = async (page: Page) => ({ main: await page.getByRole('main').count(), h1: await page.getByRole('heading', { level: 1 }).count() });

  it('has one main landmark and one h1, signed out and signed in', { timeout: 60_000 }, async () => {
    const w = await openPage(browser, `${srv.url}/admin?hall=yuxi`);
    pages.push(w);
    await w.page.locator('qms-login input[name="username"]').waitFor();
    expect(await landmarks(w.page)).toEqual({ main: 1, h1: 1 });
    await signIn(w.page, 'admin');
    await w.page.locator('qms-admin-windows tr[data-window]').first().waitFor();
    expect(await landmarks(w.page)).toEqual({ main: 1, h1: 1 });
    expect(await w.page.getByRole('main').getByRole('tabpanel').count()).toBe(1);
  });

  it('imports a 5-row file as a merge: the 87 other items stay enabled; disabling them is ticked and asked; undo brings the catalogue back', async () => {
    const { page, errors } = await openConsole('catalogue', 'manager');
    const section = page.locator('qms-admin-catalogue');
    await section.locator('tr[data-code]').first().waitFor();
    const before = await catalogue();
    const enabledBefore = before.items.filter((i) => i.enabled).length;
    expect(enabledBefore).toBeGreaterThan(80);

    // Five rows: three items as they are (one renamed) and two new ones.
    const listed = before.items.slice(0, 3);
    const rows: FixtureRow[] = [
      ...listed.map((i, n) => ({
        code: i.code,
        name: n === 0 ? `${i.name}（新版）` : i.name,
        area: i.areaId,
        department: i.department ?? '',
        aliases: i.aliases.join(';'),
      })),
      { code: '11530400MB600001', name: '新增便民事项一', area: listed[0]!.areaId, department: '', aliases: '' },
      { code: '11530400MB600002', name: '新增便民事项二', area: listed[0]!.areaId, department: '', aliases: '' },
    ];
    const file = { name: 'five.csv', mimeType: 'text/csv', buffer: catalogueCsv(rows) };
    const fileInput = section.locator('input[type="file"]');
    const count = (kind: string) => section.locator(`.counts .${kind} strong`).textContent();

    await fileInput.setInputFiles(file);
    await section.locator('.dry-run h3', { hasText: 'five.csv' }).waitFor();
    expect(await section.locator('input[name="replace"]').isChecked()).toBe(false);
    expect({ added: await count('added'), changed: await count('changed'), disabled: await count('disabled') }).toEqual({
      added: '2',
      changed: '1',
      disabled: '0',
    });
    expect(await section.locator('.mode-help').textContent()).toContain('其他事项保持不变');
    await screenshot(page, 'admin-first-week-import-merge');
    await section.locator('button.apply').click();
    await section.locator('.done', { hasText: '已导入：新增 2 项，修改 1 项，停用 0 项' }).waitFor();
    const merged = await catalogue();
    expect(merged.items.filter((i) => i.enabled)).toHaveLength(enabledBefore + 2);
    expect(merged.items.find((i) => i.code === listed[0]!.code)!.name).toBe(`${listed[0]!.name}（新版）`);

    // Disabling the unlisted items: ticked, the dry run names them, applying asks with the count.
    await fileInput.setInputFiles(file);
    await section.locator('.dry-run h3', { hasText: 'five.csv' }).waitFor();
    await section.locator('input[name="replace"]').check();
    const toDisable = enabledBefore + 2 - 5;
    await section.locator('.counts .disabled strong', { hasText: String(toDisable) }).waitFor();
    await section.locator('button.apply').click();
    const question = section.locator('dialog.confirm[open]');
    await question.waitFor();
    expect(await question.locator('p').textContent()).toBe(`文件中没有的 ${toDisable} 个事项将被停用，取号机上不再提供（不会删除，可撤销）。确定应用导入？`);
    const box = (await question.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(1080);
    await screenshot(page, 'admin-first-week-import-replace-confirm');
    // 取消 answers no: nothing changes.
    await question.locator('[data-action="cancel-confirm"]').click();
    await question.waitFor({ state: 'detached' });
    expect((await catalogue()).version).toBe(merged.version);

    await section.locator('button.apply').click();
    await section.locator(`dialog.confirm[open] [data-action="confirm-replace"]`).click();
    await section.locator('.done', { hasText: `停用 ${toDisable} 项` }).waitFor();
    const replaced = await catalogue();
    expect(replaced.items.filter((i) => i.enabled)).toHaveLength(5);
    expect(await section.locator('input[name="replace"]').isChecked(), 'replace is chosen for one file at a time').toBe(false);

    // Undo: asked, then the catalogue as it was before this import, as a new version.
    await section.locator('[data-action="undo-import"]').click();
    await section.locator('dialog.confirm[open]', { hasText: `将事项目录恢复到第 ${merged.version} 版？` }).waitFor();
    await screenshot(page, 'admin-first-week-import-undo');
    await section.locator('dialog.confirm[open] [data-action="confirm-restore"]').click();
    await section.locator('.done', { hasText: `已恢复到第 ${merged.version} 版的事项目录（现为第 ${replaced.version + 1} 版）` }).waitFor();
    expect(await catalogue()).toEqual({ version: replaced.version + 1, items: merged.items });

    // And back before the first import, from the list's "restore version N".
    await section.locator('[data-action="restore-previous"]').click();
    await section.locator('dialog.confirm[open] [data-action="confirm-restore"]').click();
    await section.locator('.done', { hasText: `已恢复到第 ${replaced.version} 版的事项目录` }).waitFor();
    expect((await catalogue()).items.filter((i) => i.enabled)).toHaveLength(5);
    await screenshot(page, 'admin-first-week-import-restored');
    expect(withoutExpectedNetworkLines(errors, {})).toEqual([]);
  }, 120_000);

  it('asks a remove question in the viewport however far down the row is', { timeout: 60_000 }, async () => {
    const { page } = await openConsole('windows', 'admin');
    const rows = page.locator('qms-admin-windows tr[data-window]');
    await rows.first().waitFor();
    const last = rows.last();
    await last.scrollIntoViewIfNeeded();
    expect(await page.locator('qms-admin-windows').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(1080);
    await last.locator('[data-action="remove"]').click();
    const question = page.locator('qms-admin-windows dialog.confirm[open]');
    await question.waitFor();
    const box = (await question.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(1080);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1920);
    await screenshot(page, 'admin-first-week-remove-low-row');
    await question.locator('[data-action="cancel-confirm"]').click();
    await question.waitFor({ state: 'detached' });
  });

  it('shows no stray 取消/确定 box over the devices section; the sidebar takes clicks', { timeout: 60_000 }, async () => {
    const { page } = await openConsole('devices', 'admin');
    await page.locator('qms-admin-devices tr[data-id]').first().waitFor();
    expect(await page.locator('qms-admin-devices dialog.confirm').isVisible()).toBe(false);
    expect(await page.locator('qms-admin-devices dialog').evaluateAll((ds) => ds.filter((d) => d.getBoundingClientRect().height > 0).length)).toBe(0);
    await screenshot(page, 'admin-first-week-devices');
    await page.locator('nav button[data-section="staff"]').click({ trial: true, timeout: 2000 });
    await page.locator('nav button[data-section="staff"]').click();
    await page.locator('qms-admin-staff tr[data-id]').first().waitFor();
  });

  it('explains 窗口号, 编号 and 叫号顺序 beside each field', { timeout: 60_000 }, async () => {
    const { page } = await openConsole('windows', 'admin');
    await page.locator('qms-admin-windows [data-action="add-window"]').click();
    const form = page.locator('qms-admin-windows form');
    expect(await form.locator('#number-help').textContent()).toContain('语音呼叫');
    expect(await form.locator('#id-help').textContent()).toContain('系统内部编号');
    expect(await form.locator('#selection-help').textContent()).toContain('等候最久者优先');
    expect(await form.locator('select[name="selection"]').getAttribute('aria-describedby')).toBe('selection-help');
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-first-week-window-help');
  });

  it("gives a one-time password of one case without look-alikes, copies it and prints it; the new password's rules are shown before any failure", async () => {
    const { page, context } = await openConsole('staff', 'admin');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: srv.url });
    await page.locator('qms-admin-staff button.create').click();
    const form = page.locator('qms-admin-staff dialog.form');
    await form.locator('input[name="id"]').fill('clerk-otp');
    await form.locator('input[name="staffNo"]').fill('YX901');
    await form.locator('input[name="name"]').fill('测试 周明');
    await form.locator('select[name="role"]').selectOption('clerk');
    await form.locator('button[type="submit"]').click();
    const dialog = page.locator('qms-admin-staff dialog.one-time');
    const secret = (await dialog.locator('.secret').textContent())!.trim();
    expect(secret).toMatch(/^[a-hjkmnp-z2-9]{12}$/);

    await dialog.locator('button.copy').click();
    await dialog.locator('.copied', { hasText: '已复制到剪贴板' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await screenshot(page, 'admin-first-week-one-time');

    const [slip] = await Promise.all([page.waitForEvent('popup'), dialog.locator('button.print').click()]);
    await slip.locator('.secret').waitFor();
    expect(await slip.locator('.secret').textContent()).toBe(secret);
    expect(await slip.locator('h1').textContent()).toBe('测试 周明（clerk-otp）的一次性密码');
    await slip.close();

    // The new account's first sign-in: the rules beside the field before anything is typed.
    const first = await openPage(browser, `${srv.url}/admin?hall=yuxi`);
    pages.push(first);
    await first.page.locator('qms-login input[name="username"]').fill('clerk-otp');
    await first.page.locator('qms-login input[name="password"]').fill(secret);
    await first.page.locator('qms-login button[type="submit"]').click();
    const rules = first.page.locator('qms-login #password-rules');
    await rules.waitFor();
    expect(await rules.locator('li').allTextContents()).toEqual([
      '· 至少 10 个字符',
      '· 至少包含两类字符（字母、数字、符号），不能是常见密码',
      '· 不能包含登录账号',
      '· 不能包含“demo”',
    ]);
    expect(await first.page.locator('qms-login .error').textContent()).toBe('');
    expect(await first.page.locator('qms-login input[name="newPassword"]').getAttribute('aria-describedby')).toBe('password-rules');
    await first.page.locator('qms-login input[name="newPassword"]').fill('Hall-2027-zm');
    expect(await rules.locator('li.kept').count()).toBe(4);
    await first.page.locator('qms-login input[name="newPassword"]').fill('short');
    expect(await rules.locator('li[data-rule="length"]').getAttribute('class')).not.toContain('kept');
    await screenshot(first.page, 'admin-first-week-password-rules');
    expect(await landmarks(first.page)).toEqual({ main: 1, h1: 1 });
  }, 120_000);

  it('says it all in English', async () => {
    const { page } = await openConsole('catalogue', 'manager', 'en');
    const section = page.locator('qms-admin-catalogue');
    await section.locator('tr[data-code]').first().waitFor();
    expect(await section.locator('label.replace').textContent()).toContain('Also disable items missing from the file');
    const now = await catalogue();
    await section.locator('[data-action="restore-previous"]').click();
    const question = section.locator('dialog.confirm[open]');
    expect(await question.locator('p').textContent()).toBe(
      `Restore the catalogue to version ${now.version - 1}? Later imports and edits are taken back (the change history keeps them).`,
    );
    await screenshot(page, 'admin-first-week-en-restore');
    await question.locator('[data-action="cancel-confirm"]').click();
    expect((await catalogue()).version).toBe(now.version);

    await page.locator('nav button[data-section="windows"]').click();
    await page.locator('qms-admin-windows [data-action="add-window"]').click();
    const form = page.locator('qms-admin-windows form');
    expect(await form.locator('#number-help').textContent()).toContain('the voice calls');
    expect(await form.locator('#selection-help').textContent()).toContain('longest wait first');
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-first-week-en-window-help');

    await page.locator('nav button[data-section="calendar"]').click();
    const days = page.locator('qms-admin-calendar-days');
    await days.locator('input[name="holiday-from"]').fill('2027/2/30');
    expect(await days.locator('#holiday-from-reading').textContent()).toBe('Feb 2027 has no day 30');
    await days.locator('input[name="holiday-from"]').fill('2027年2月5日');
    expect(await days.locator('#holiday-from-reading').textContent()).toMatch(/^reads /);
    expect(await landmarks(page)).toEqual({ main: 1, h1: 1 });
  }, 60_000);
});
