/**
 * The manager board (`/manager?hall=yuxi`) in real Chromium at 1920×1080, on a hall that has been
 * busy since 09:00 (a scripted morning through the API, on a clock the test holds). The tiles show
 * what the API says, the charts are drawn, alerts appear as things happen, every control changes
 * the hall (checked through the API), and the report tabs show statistics (with a CSV download),
 * the bad-rating follow-up, a ticket's trail and the honour board. Screenshots of each tab are kept.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { RecordingTicketPrinter } from '../../printers/recording-ticket-printer';
import { launchBrowser, openPage, screenshot, type WatchedPage } from '../support/browser';
import { signIn, withoutExpectedNetworkLines } from '../support/screens';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const DAY = '2026-11-25';
const MIN = 60_000;

/** Who staffs the morning, and how long each area's services take (minutes). */
const STAFFED = ['1', '3', '4', '7', '9', '12', '14', '16', '17', '19', '20'];
const SERVICE_MINUTES: Record<string, number> = { invest: 22, estate: 9, utility: 5, tax: 6, business: 8, fund: 5, insurance: 4, police: 5 };
/** Arrivals cycle through these areas (invest comes often for its one window, so it queues). */
const ARRIVALS = ['police', 'insurance', 'invest', 'estate', 'tax', 'insurance', 'fund', 'police', 'business', 'invest', 'utility', 'estate'];

interface Busy {
  ticketId: string;
  number: string;
  areaId: string;
  doneAt: number;
}

/** A morning at the hall through the API: arrivals every 2 minutes, windows calling and serving. */
async function busyMorning(srv: TestServer, clock: ManualClock, until: number): Promise<{ served: Array<{ id: string; number: string }> }> {
  const busy = new Map<string, Busy | null>();
  const served: Array<{ id: string; number: string }> = [];
  const clerkOf = (w: string) => `clerk${w.padStart(2, '0')}`;
  for (const w of STAFFED) {
    await srv.post(`${H}/windows/${w}/sign-in`, clerkOf(w));
    busy.set(w, null);
  }
  let n = 0;
  for (; clock.now() < until; clock.advance(MIN)) {
    const minute = Math.round((clock.now() - Date.parse(`${DAY}T09:00:00+08:00`)) / MIN);
    if (minute % 2 === 0) await srv.post(`${H}/tickets`, 'kiosk01', { areaId: ARRIVALS[n++ % ARRIVALS.length] }, 201);
    for (const w of STAFFED) {
      const b = busy.get(w);
      if (b && b.doneAt <= clock.now()) {
        await srv.post(`${H}/windows/${w}/complete`, clerkOf(w));
        served.push({ id: b.ticketId, number: b.number });
        busy.set(w, null);
      }
      if (!busy.get(w)) {
        const { ticket } = await srv.post(`${H}/windows/${w}/call-next`, clerkOf(w));
        if (ticket) {
          await srv.post(`${H}/windows/${w}/start`, clerkOf(w));
          busy.set(w, { ticketId: ticket.id, number: ticket.number, areaId: ticket.areaId, doneAt: clock.now() + SERVICE_MINUTES[ticket.areaId]! * MIN });
        }
      }
    }
  }
  return { served };
}

/** How many pixels of a canvas (in the page's shadow DOM) are not blank: a drawn chart has many. */
async function drawnPixels(page: Page, id: string): Promise<number> {
  return page.locator(`qms-hall-charts canvas#${id}`).evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
}

describe('the manager board in Chromium', () => {
  /** A month earlier, a bad rating nobody followed up: overdue by now. */
  const EARLIER = '2026-10-28';
  const clock = new ManualClock(Date.parse(`${EARLIER}T10:00:00+08:00`));
  let overdue = { id: '', number: '' };
  const printer = new RecordingTicketPrinter();
  let srv: TestServer;
  let browser: Browser;
  let m: WatchedPage;
  let page: Page;
  let served: Array<{ id: string; number: string }>;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', clock, env: { QMS_DEMO_PRINTER: 'tcp://127.0.0.1:9100', QMS_DATA_KEY: 'd'.repeat(64) }, extra: { printer } });
    await srv.post(`${H}/windows/21/sign-in`, 'clerk21');
    overdue = (await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201)).ticket;
    await srv.post(`${H}/windows/21/call-next`, 'clerk21');
    clock.advance(7 * MIN);
    await srv.post(`${H}/windows/21/complete`, 'clerk21');
    await srv.post(`${H}/tickets/${overdue.id}/rating`, 'rating01', { score: 2, tags: ['slow'], comment: '材料退回两次' }, 201);
    await srv.post(`${H}/windows/21/sign-out`, 'clerk21');
    clock.set(Date.parse(`${DAY}T09:00:00+08:00`));
    ({ served } = await busyMorning(srv, clock, Date.parse(`${DAY}T10:55:00+08:00`)));
    // A bad rating to follow up, a good one, a window on a break, a notice already up.
    await srv.post(
      `${H}/tickets/${served[0]!.id}/rating`,
      'rating01',
      { score: 1, tags: ['attitude', 'unclear_requirements'], comment: '窗口解释不清楚', contact: '139 1234 5678' },
      201,
    );
    await srv.post(`${H}/tickets/${served[1]!.id}/rating`, 'rating01', { score: 5 }, 201);
    await srv.post(`${H}/notices`, 'manager', { text: '今日公积金业务系统升级，提取业务请于下午办理' }, 201);
    browser = await launchBrowser();
    m = await openPage(browser, `${srv.url}/manager?hall=yuxi`);
    page = m.page;
    await signIn(page, 'manager');
    await page.locator('qms-area-tile').first().waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('shows a tile per area with the numbers the API gives, coloured and labelled by level', async () => {
    const o = await srv.get(`${H}/overview`, 'manager');
    await expect.poll(() => page.locator('qms-area-tile').count()).toBe(8);
    for (const a of o.areas) {
      const tile = page.locator(`qms-area-tile article[data-area="${a.id}"]`);
      await expect.poll(() => tile.getAttribute('data-level')).toBe(a.level);
      expect(await tile.locator('.waiting').textContent()).toBe(`${a.waiting}人`);
      expect(await tile.locator('.open').textContent()).toContain(String(a.openWindows));
      expect(await tile.locator('.badge').textContent()).toContain({ ok: '正常', warn: '偏长', alert: '超时' }[a.level as 'ok']);
    }
    expect(o.areas.find((a: { id: string }) => a.id === 'invest').level).toBe('alert');
    expect(await page.locator('[data-total="issued"]').textContent()).toBe(String(o.totals.issued));
    expect(await page.locator('qms-window-grid article').count()).toBe(21);
    expect(await page.locator('qms-window-grid article[data-window="1"]').getAttribute('data-activity')).toBe('serving');
  });

  it('draws the three charts', async () => {
    for (const id of ['waiting', 'per-hour', 'distribution']) expect(await drawnPixels(page, id), id).toBeGreaterThan(2000);
  });

  it('shows alerts as they happen: a long wait, and a kiosk that fails to print', async () => {
    await expect.poll(() => page.locator('qms-alert-list li[data-kind="long_wait"]').count()).toBeGreaterThan(0);
    expect(await page.locator('qms-alert-list li[data-alert="long_wait:invest"]').textContent()).toContain('投资审批服务');
    printer.failWith = 'printer_unreachable';
    const issued = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    expect(issued.print.status).toBe('failed');
    const alert = page.locator('qms-alert-list li[data-kind="printer_failed"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`取号机 kiosk01 打印失败（${issued.ticket.number}，无法连接打印机）`);
    await screenshot(page, 'manager-live');
    printer.failWith = null;
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    await alert.waitFor({ state: 'detached' });
  });

  it('shows a clerk’s request for help (需要帮办) as an alert, and assigns a helper from it', async () => {
    const { window } = await srv.get(`${H}/windows/1`, 'manager');
    const ticket = window.ticket as { id: string; number: string };
    await srv.post(`${H}/tickets/${ticket.id}/assistance`, 'clerk01', { note: '老人不会填表' });
    const alert = page.locator(`qms-alert-list li[data-alert="assistance:${ticket.id}"]`);
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`${ticket.number} 需要帮办：老人不会填表`);
    // The helper is picked from the hall's staff (name, 工号, where they are now), not typed.
    const clerk17 = (await srv.get(`${H}/windows/17`, 'manager')).window.clerk as { name: string; staffNo: string };
    const picker = alert.locator('select[name="staffId"]');
    const option = picker.locator('option[value="clerk17"]');
    expect(await option.textContent()).toContain(`${clerk17.name}（${clerk17.staffNo}） · 17号窗口`);
    expect(await picker.locator('option[value="kiosk01"]').count()).toBe(0);
    await picker.selectOption('clerk17');
    await screenshot(page, 'manager-assistance');
    await alert.getByRole('button', { name: '指派' }).click();
    await expect
      .poll(async () =>
        (await srv.get(`${H}/tickets/${ticket.id}/events`, 'manager')).events.find((e: { type: string }) => e.type === 'ticket.assistance_assigned'),
      )
      .toMatchObject({ staffId: 'clerk17', actor: { id: 'manager' } });
    await expect
      .poll(() => page.locator('qms-manager-board .note.ok').textContent())
      .toContain(`${ticket.number} 已指派帮办人员 ${clerk17.name}（${clerk17.staffNo}）`);
    await alert.waitFor({ state: 'detached' });
  });

  it('pauses, resumes, closes and re-staffs a window, and changes its areas, as the API then shows', async () => {
    const card = page.locator('qms-window-grid article[data-window="20"]');
    await card.locator('button[data-action="pause"]').click();
    await expect.poll(async () => (await srv.get(`${H}/windows/20`, 'manager')).window.status).toBe('paused');
    await expect.poll(() => card.getAttribute('data-activity')).toBe('paused');
    await card.locator('button[data-action="resume"]').click();
    await expect.poll(async () => (await srv.get(`${H}/windows/20`, 'manager')).window.status).toBe('open');

    // Window 2 (closed): the manager staffs it, then gives it police as a second area.
    const two = page.locator('qms-window-grid article[data-window="2"]');
    await two.locator('button[data-action="sign-in"]').click();
    await expect.poll(async () => (await srv.get(`${H}/windows/2`, 'manager')).window).toMatchObject({ status: 'open', clerk: { id: 'manager' } });
    await two.locator('button[data-action="areas"]').click();
    const dialog = page.locator('qms-area-dialog dialog');
    await dialog.waitFor();
    await dialog.locator('input[value="police"]').check();
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => (await srv.get(`${H}/windows/2`, 'manager')).window.areaIds).toEqual(['invest', 'police']);
    await expect.poll(() => two.locator('.wname').textContent()).toBe('投资审批服务、公安事务');
    await two.locator('button[data-action="sign-out"]').click();
    await expect.poll(async () => (await srv.get(`${H}/windows/2`, 'manager')).window.status).toBe('closed');
  });

  it('posts and removes notices, and extends today’s hours', async () => {
    const controls = page.locator('qms-hall-controls');
    await controls.locator('input[name="text"]').fill('下午三点起不动产登记系统维护，请提前取号');
    await controls.getByRole('button', { name: '发布公告' }).click();
    await expect
      .poll(async () => (await srv.get(`${H}/board`, 'display01')).notices.map((x: { text: string }) => x.text))
      .toContain('下午三点起不动产登记系统维护，请提前取号');
    const first = (await srv.get(`${H}/board`, 'display01')).notices[0];
    await controls.locator(`li[data-notice="${first.id}"] button`).click();
    await expect.poll(async () => (await srv.get(`${H}/board`, 'display01')).notices.map((x: { id: string }) => x.id)).not.toContain(first.id);

    await controls.locator('input[name="until"]').fill('18:30');
    await controls.getByRole('button', { name: '确定延时' }).click();
    await expect.poll(async () => (await srv.get(`${H}/overview`, 'manager')).extendedUntil).toBe('18:30');
    await controls.locator('.extended').waitFor();
    expect(await controls.locator('.extended').textContent()).toBe('今日已延时至 18:30');
  });

  it('follows the hall live: a new ticket shows up on its tile', async () => {
    const tile = page.locator('qms-area-tile article[data-area="utility"] .waiting');
    const before = Number((await tile.textContent())!.replace('人', ''));
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'utility' }, 201);
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'utility' }, 201);
    await expect.poll(() => tile.textContent()).toBe(`${before + 2}人`);
  });

  it('shows the statistics and downloads them as CSV', async () => {
    await page.locator('nav button[data-tab="stats"]').click();
    const report = page.locator('qms-stats-report');
    await report.locator('[data-table="by-area"] tbody tr').first().waitFor();
    const stats = await srv.get(`${H}/stats`, 'manager');
    expect(await report.locator('[data-figure="issued"] .v').textContent()).toBe(String(stats.issued));
    expect(await report.locator('[data-figure="served"] .v').textContent()).toBe(String(stats.served));
    expect(await report.locator('[data-table="by-area"] tbody tr').count()).toBe(8);
    await screenshot(page, 'manager-stats');
    const [download] = await Promise.all([page.waitForEvent('download'), report.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`yuxi-stats-${DAY}-${DAY}.csv`);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const lines = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^日期,业务区编号,业务区,取号,办结/);
    expect(lines).toHaveLength(1 + 8);
  });

  it('records a follow-up of the bad rating, marking it put right; an overdue one stands out', async () => {
    await page.locator('nav button[data-tab="followUp"]').click();
    const late = page.locator(`qms-follow-up-list article[data-ticket="${overdue.id}"]`);
    await late.waitFor();
    expect(await late.getAttribute('data-state')).toBe('overdue');
    // 15 working days after Wed 2026-10-28 is Wed 2026-11-18; today is five working days past it.
    expect(await late.locator('.head').textContent()).toContain('已超期');
    expect(await late.locator('.head').textContent()).toContain('超期5个工作日');
    expect(await late.textContent()).toContain('2026-11-18');
    // Reasons in words, not codes.
    expect(await late.locator('dd.tags').textContent()).toBe('办理效率低');
    const item = page.locator(`qms-follow-up-list article[data-ticket="${served[0]!.id}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-state')).toBe('open');
    expect(await item.textContent()).toContain('窗口解释不清楚');
    expect(await item.textContent()).toContain('剩余15个工作日');
    expect(await item.locator('dd.tags').textContent()).toBe('态度不好、材料要求不清');
    expect(await item.textContent()).not.toContain('unclear_requirements');
    // Most urgent first: the overdue one leads.
    const list = page.locator('qms-follow-up-list');
    expect(await list.locator('article').first().getAttribute('data-ticket')).toBe(overdue.id);
    // The contact, masked; the manager reads it in full to call back.
    expect(await item.locator('.contact[data-contact="masked"]').textContent()).toBe('139****5678');
    expect(await item.textContent()).not.toContain('13912345678');
    await screenshot(page, 'manager-follow-up');
    await item.getByRole('button', { name: '查看完整号码' }).click();
    await expect.poll(() => item.locator('.contact[data-contact="full"]').textContent()).toBe('13912345678');
    // 已超期 / 待回访 filters, and a search.
    await list.locator('button[data-filter="overdue"]').click();
    await expect.poll(() => list.locator('article').evaluateAll((as) => as.map((a) => a.getAttribute('data-state')))).toEqual(['overdue']);
    await screenshot(page, 'manager-follow-up-overdue');
    await list.locator('button[data-filter="open"]').click();
    await expect.poll(() => list.locator(`article[data-ticket="${served[0]!.id}"]`).count()).toBe(1);
    expect(await list.locator(`article[data-ticket="${overdue.id}"]`).count()).toBe(0);
    await list.locator('button[data-filter="all"]').click();
    await list.locator('input[name="search"]').fill('材料要求');
    await expect.poll(() => list.locator('article').evaluateAll((as) => as.map((a) => a.getAttribute('data-ticket')))).toEqual([served[0]!.id]);
    await list.locator('input[name="search"]').fill('');
    await list.locator('select[name="order"]').selectOption('newest');
    expect(await list.locator('article').first().getAttribute('data-ticket')).toBe(served[0]!.id);
    await list.locator('select[name="order"]').selectOption('urgent');
    await item.locator('textarea[name="note"]').fill('已电话回访，重新说明办理材料，群众表示理解');
    await item.locator('input[name="resolved"]').check();
    await item.getByRole('button', { name: '保存回访' }).click();
    await expect.poll(() => item.getAttribute('data-state')).toBe('resolved');
    const api = await srv.get(`${H}/ratings/follow-ups`, 'manager');
    expect(api.items.find((i: { ticketId: string }) => i.ticketId === served[0]!.id)).toMatchObject({
      resolved: true,
      followUps: [expect.objectContaining({ note: '已电话回访，重新说明办理材料，群众表示理解' })],
    });
    expect(api.items.find((i: { ticketId: string }) => i.ticketId === overdue.id)).toMatchObject({ overdue: true, resolved: false });
    // Put right: the number is erased, and no longer offered.
    expect(await srv.get(`${H}/ratings/${served[0]!.id}/contact?day=${DAY}`, 'manager')).toEqual({ contact: null });
    expect(await item.getByRole('button', { name: '查看完整号码' }).count()).toBe(0);
  });

  it("finds a ticket's trail by its number", async () => {
    await page.locator('nav button[data-tab="trail"]').click();
    const trail = page.locator('qms-ticket-trail');
    await trail.locator('input[name="number"]').fill(served[0]!.number.toLowerCase());
    await trail.getByRole('button', { name: '查询' }).click();
    await trail.locator('li').first().waitFor();
    const types = await trail.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-type')));
    expect(types).toEqual(['ticket.issued', 'ticket.printed', 'ticket.called', 'ticket.started', 'ticket.completed', 'rating.submitted', 'rating.followed_up']);
    expect(await trail.locator('.summary').textContent()).toContain(`${served[0]!.number} · `);
    // Words, with who did it: the clerk who called, and the rating's reasons in words.
    const clerk = (await srv.get(`${H}/tickets/${served[0]!.id}/events`, 'manager')).events.find((e: { type: string }) => e.type === 'ticket.called')
      .clerkId as string;
    const who = (await srv.get(`${H}/trail?number=${served[0]!.number}&day=${DAY}`, 'manager')).people[clerk] as { name: string; staffNo: string };
    expect(await trail.locator('li[data-type="ticket.called"] .what').textContent()).toMatch(/^呼叫至\d+号窗口，等候/);
    expect(await trail.locator('li[data-type="ticket.called"] .who').textContent()).toBe(`经办：${who.name}（${who.staffNo}）`);
    expect(await trail.locator('li[data-type="rating.submitted"] .what').textContent()).toBe(
      '评价 1 分（非常不满意）；原因：态度不好、材料要求不清；意见：窗口解释不清楚；留有联系电话',
    );
    expect(await trail.locator('li[data-type="rating.followed_up"] .who').textContent()).toBe('经办：值班长 杨建华（YX001）');
    expect(await trail.textContent()).not.toMatch(/ticket\.|rating\./);
    await screenshot(page, 'manager-trail');
  });

  it('tells a parked and transferred ticket in words, with the clerk and the reason; an area that served more than it issued says why', async () => {
    await srv.post(`${H}/windows/21/sign-in`, 'clerk21');
    await srv.post(`${H}/windows/8/sign-in`, 'manager');
    const before = (await srv.get(`${H}/stats?from=${DAY}&to=${DAY}`, 'manager')).byArea.find((a: { areaId: string }) => a.areaId === 'utility');
    // Enough tickets transferred into 水电气 and served there that it serves more than it issued.
    const moved: Array<{ id: string; number: string }> = [];
    for (let i = 0; i <= before.issued - before.served; i++) {
      const { ticket } = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
      await srv.post(`${H}/windows/21/call`, 'clerk21', { number: ticket.number });
      await srv.post(`${H}/windows/21/start`, 'clerk21');
      if (i === 0) {
        await srv.post(`${H}/windows/21/park`, 'clerk21', { reason: '回家取户口本' });
        clock.advance(3 * MIN);
        await srv.post(`${H}/windows/21/resume-parked`, 'clerk21', { ticketId: ticket.id });
      }
      await srv.post(`${H}/windows/21/transfer`, 'clerk21', { areaId: 'utility' });
      await srv.post(`${H}/windows/8/call`, 'manager', { number: ticket.number });
      await srv.post(`${H}/windows/8/complete`, 'manager');
      moved.push(ticket);
    }
    await srv.post(`${H}/windows/8/sign-out`, 'manager');
    await srv.post(`${H}/windows/21/sign-out`, 'clerk21');
    const clerk21 = { name: '', staffNo: '' };
    Object.assign(clerk21, (await srv.get(`${H}/trail?number=${moved[0]!.number}&day=${DAY}`, 'manager')).people.clerk21);

    await page.locator('nav button[data-tab="trail"]').click();
    const trail = page.locator('qms-ticket-trail');
    await trail.locator('input[name="number"]').fill(moved[0]!.number);
    await trail.getByRole('button', { name: '查询' }).click();
    await trail.locator('li[data-type="ticket.parked"]').waitFor();
    expect(await trail.locator('li[data-type="ticket.parked"] .what').textContent()).toBe('挂起：回家取户口本');
    expect(await trail.locator('li[data-type="ticket.parked"] .who').textContent()).toBe(`经办：${clerk21.name}（${clerk21.staffNo}）`);
    expect(await trail.locator('li[data-type="ticket.unparked"] .what').textContent()).toBe('在21号窗口恢复办理（挂起3分00秒）');
    expect(await trail.locator('li[data-type="ticket.transferred"] .what').textContent()).toBe('从公安事务转至水电气联办（联办）');
    expect(await trail.locator('li[data-type="ticket.completed"] .who').textContent()).toBe('经办：值班长 杨建华（YX001）');
    expect(await trail.textContent()).not.toMatch(/ticket\.|rating\./);
    await screenshot(page, 'manager-trail-parked');

    await page.locator('nav button[data-tab="stats"]').click();
    const report = page.locator('qms-stats-report');
    await report.locator('qms-date-range button[data-range="today"]').click();
    const after = (await srv.get(`${H}/stats?from=${DAY}&to=${DAY}`, 'manager')).byArea.find((a: { areaId: string }) => a.areaId === 'utility');
    expect(after.served).toBeGreaterThan(after.issued);
    const row = report.locator('[data-table="by-area"] tbody tr', { hasText: after.name });
    await expect.poll(() => row.locator('td[data-col="served"]').textContent()).toBe(`${after.served}*`);
    expect(await row.getAttribute('class')).toBe('served-more');
    expect(await report.locator('[data-table="by-area"] .footnote').textContent()).toContain('含从其他业务区转入（联办）');
    await report.locator('[data-table="by-area"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'manager-stats-footnote');
  });

  it('ranks windows and clerks on the honour board', async () => {
    await page.locator('nav button[data-tab="honour"]').click();
    const board = page.locator('qms-honour-board');
    await board.locator('[data-board="windows"] tbody tr').first().waitFor();
    const api = await srv.get(`${H}/honours?from=2026-10-27&to=${DAY}`, 'manager');
    const ids = await board.locator('[data-board="windows"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(ids).toEqual(api.windows.map((w: { id: string }) => w.id));
    await screenshot(page, 'manager-honour');
    expect(withoutExpectedNetworkLines(m.errors, {})).toEqual([]);
  });

  it('asks for another range through the one date-range form, on the statistics tab and on the honour board', async () => {
    await page.locator('nav button[data-tab="stats"]').click();
    const report = page.locator('qms-stats-report');
    const today = await srv.get(`${H}/stats?from=${DAY}&to=${DAY}`, 'manager');
    const both = await srv.get(`${H}/stats?from=${EARLIER}&to=${DAY}`, 'manager');
    expect(both.issued).toBeGreaterThan(today.issued);
    await report.locator('[data-figure="issued"] .v', { hasText: String(today.issued) }).waitFor();
    await report.locator('qms-date-range input[name="from"]').fill(EARLIER);
    await report.locator('qms-date-range').getByRole('button', { name: '查询' }).click();
    await report.locator('[data-figure="issued"] .v', { hasText: String(both.issued) }).waitFor();
    await screenshot(page, 'manager-stats-range');
    // The export follows the range on screen.
    const [download] = await Promise.all([page.waitForEvent('download'), report.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`yuxi-stats-${EARLIER}-${DAY}.csv`);

    await page.locator('nav button[data-tab="honour"]').click();
    const board = page.locator('qms-honour-board');
    const rows = board.locator('[data-board="windows"] tbody tr');
    await rows.first().waitFor();
    const todayOnly = await srv.get(`${H}/honours?from=${DAY}&to=${DAY}`, 'manager');
    const served = (e: { served: number }) => String(e.served);
    await board.locator('qms-date-range input[name="from"]').fill(DAY);
    await board.locator('qms-date-range').getByRole('button', { name: '查询' }).click();
    await expect
      .poll(() => rows.evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-id')}:${tr.querySelector('td:nth-child(3)')?.textContent ?? ''}`)))
      .toEqual(todayOnly.windows.map((w: { id: string; served: number }) => `${w.id}:${served(w)}`));
    expect(withoutExpectedNetworkLines(m.errors, {})).toEqual([]);
  });

  it("offers 本月 and 上月 (the hall's calendar months) and draws the range as charts", async () => {
    await page.locator('nav button[data-tab="stats"]').click();
    const report = page.locator('qms-stats-report');
    const range = report.locator('qms-date-range');
    await range.locator('button[data-range="thisMonth"]').click();
    const thisMonth = await srv.get(`${H}/stats?from=2026-11-01&to=${DAY}`, 'manager');
    await expect.poll(() => range.locator('input[name="from"]').inputValue()).toBe('2026-11-01');
    expect(await range.locator('input[name="to"]').inputValue()).toBe(DAY);
    await report.locator('[data-figure="issued"] .v', { hasText: String(thisMonth.issued) }).waitFor();
    expect(await range.locator('button[data-range="thisMonth"]').getAttribute('aria-pressed')).toBe('true');

    await range.locator('button[data-range="lastMonth"]').click();
    const lastMonth = await srv.get(`${H}/stats?from=2026-10-01&to=2026-10-31`, 'manager');
    expect(lastMonth.issued).toBe(1);
    await expect.poll(() => range.locator('input[name="from"]').inputValue()).toBe('2026-10-01');
    expect(await range.locator('input[name="to"]').inputValue()).toBe('2026-10-31');
    await report.locator('[data-figure="issued"] .v', { hasText: String(lastMonth.issued) }).waitFor();
    await screenshot(page, 'manager-stats-last-month');

    await range.locator('button[data-range="thisMonth"]').click();
    await report.locator('[data-figure="issued"] .v', { hasText: String(thisMonth.issued) }).waitFor();
    const pixels = (id: string) =>
      report.locator(`canvas#${id}`).evaluate((c: HTMLCanvasElement) => {
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      });
    await expect.poll(() => pixels('chart-area')).toBeGreaterThan(2000);
    await expect.poll(() => pixels('chart-time')).toBeGreaterThan(2000);
    expect(await report.locator('figcaption').allTextContents()).toEqual(['各业务区取号与办结', '每日取号与办结']);
    await screenshot(page, 'manager-stats-this-month');
    expect(withoutExpectedNetworkLines(m.errors, {})).toEqual([]);
  });

  it('has one main and one h1, and speaks English: reasons, filters, trail words, quick ranges', async () => {
    expect(await page.locator('qms-manager-board main').count()).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
    const en = await openPage(browser, `${srv.url}/manager?hall=yuxi&lang=en`);
    const p = en.page;
    await signIn(p, 'manager');
    await p.locator('qms-area-tile').first().waitFor();
    expect(await p.locator('h1').count()).toBe(1);
    expect(await p.locator('main').count()).toBe(1);
    await p.locator('nav button[data-tab="followUp"]').click();
    const late = p.locator(`qms-follow-up-list article[data-ticket="${overdue.id}"]`);
    await late.waitFor();
    expect(await late.locator('dd.tags').textContent()).toBe('Slow handling');
    expect(await p.locator('qms-follow-up-list button[data-filter="overdue"]').textContent()).toContain('Overdue');
    await screenshot(p, 'manager-follow-up-en');
    await p.locator('nav button[data-tab="trail"]').click();
    const trail = p.locator('qms-ticket-trail');
    await trail.locator('input[name="number"]').fill(served[0]!.number);
    await trail.getByRole('button', { name: 'Find' }).click();
    await trail.locator('li[data-type="rating.submitted"]').waitFor();
    expect(await trail.locator('li[data-type="rating.submitted"] .what').textContent()).toBe(
      'Rated 1 (Very dissatisfied); reasons: Unfriendly, Unclear requirements; comment: 窗口解释不清楚; left a phone number',
    );
    expect(await trail.locator('li[data-type="rating.followed_up"] .who').textContent()).toBe('by 值班长 杨建华（YX001）');
    await screenshot(p, 'manager-trail-en');
    await p.locator('nav button[data-tab="stats"]').click();
    const range = p.locator('qms-stats-report qms-date-range');
    expect(await range.locator('button[data-range]').allTextContents()).toEqual(['Today', 'This month', 'Last month']);
    await range.locator('button[data-range="thisMonth"]').click();
    await p.locator('qms-stats-report figcaption', { hasText: 'Issued and served per day' }).waitFor();
    await screenshot(p, 'manager-stats-en');
    expect(withoutExpectedNetworkLines(en.errors, {})).toEqual([]);
    await en.context.close();
  }, 120_000);
});
