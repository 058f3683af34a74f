/**
 * The hall manager's controls and lists, on a hall clock the test moves: a window's areas,
 * 延时服务, 好差评 follow-up with its 15-working-day deadline, a ticket's trail, the honour board, the
 * live overview and its alerts — and that only managers (and admins) reach any of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { RecordingTicketPrinter } from '../../printers/recording-ticket-printer';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const DAY1 = '2026-11-25'; // Wednesday
const DAY2 = '2026-12-17'; // Thursday, the 16th working day after DAY1

describe('manager controls and lists', () => {
  let srv: TestServer;
  const clock = new ManualClock(Date.parse(`${DAY1}T16:20:00+08:00`));
  const printer = new RecordingTicketPrinter();
  let rated = { id: '', number: '' };
  const times = { issued: 0, called: 0, started: 0, completed: 0 };

  beforeAll(async () => {
    srv = await startServer({
      store: 'embedded',
      clock,
      env: { QMS_ALWAYS_OPEN: '0', QMS_DEMO_PRINTER: 'tcp://127.0.0.1:9100' },
      extra: { printer },
    });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('moves a window to other areas, and it then calls from them in the new order', async () => {
    const moved = await srv.post(`${H}/windows/9/areas`, 'manager', { areaIds: ['estate', 'tax'] });
    expect(moved.window).toMatchObject({ id: '9', areaIds: ['estate', 'tax'] });
    await srv.post(`${H}/windows/9/sign-in`, 'clerk09');
    times.issued = clock.now();
    const tax = (await srv.post(`${H}/tickets`, 'clerk09', { areaId: 'tax' }, 201)).ticket;
    const estate = (await srv.post(`${H}/tickets`, 'clerk09', { areaId: 'estate' }, 201)).ticket;
    clock.advance(4 * 60_000);
    expect((await srv.post(`${H}/windows/9/call-next`, 'clerk09')).ticket.number).toBe(estate.number);
    await srv.post(`${H}/windows/9/complete`, 'clerk09');
    times.called = clock.now();
    expect((await srv.post(`${H}/windows/9/call-next`, 'clerk09')).ticket.number).toBe(tax.number);
    clock.advance(30_000);
    times.started = clock.now();
    await srv.post(`${H}/windows/9/start`, 'clerk09');
    clock.advance(9 * 60_000);
    times.completed = clock.now();
    await srv.post(`${H}/windows/9/complete`, 'clerk09');
    rated = { id: tax.id, number: tax.number };
    await srv.post(`${H}/tickets/${tax.id}/rating`, 'rating01', { score: 1, comment: '材料说明不清楚' }, 201);

    for (const [body, field] of [
      [{ areaIds: ['nowhere'] }, 'areaIds'],
      [{ areaIds: [] }, 'areaIds'],
      [{}, 'areaIds'],
    ] as const) {
      const res = await srv.request('POST', `${H}/windows/9/areas`, { as: 'manager', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', field });
    }
    expect((await srv.request('POST', `${H}/windows/99/areas`, { as: 'manager', body: { areaIds: ['tax'] } })).body.error).toMatchObject({
      code: 'not_found',
      reason: 'window_not_found',
    });
  });

  it('keeps the hall open past its hours when the manager extends them (延时服务)', async () => {
    clock.set(Date.parse(`${DAY1}T17:05:00+08:00`));
    const closed = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { areaId: 'tax' } });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('hall_closed');

    const extended = await srv.post(`${H}/hours/extend`, 'manager', { until: '18:00' });
    expect(extended).toMatchObject({ extendedUntil: '18:00', session: { kind: 'regular' } });
    expect(extended.session.label).toContain('延时服务');
    expect((await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201)).ticket.status).toBe('waiting');
    expect((await srv.get(`${H}/board`, 'display01')).session).toMatchObject({ end: '18:00', extended: true });

    for (const until of ['17:00', '25:00', 'soon']) {
      const res = await srv.request('POST', `${H}/hours/extend`, { as: 'manager', body: { until } });
      expect(res.status, until).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', field: 'until' });
    }
  });

  it('lists a bad rating with its 15-working-day deadline and records the follow-up', async () => {
    const list = await srv.get(`${H}/ratings/follow-ups`, 'manager');
    expect(list.today).toBe(DAY1);
    expect(list.items).toEqual([
      expect.objectContaining({
        ticketId: rated.id,
        source: 'rating',
        number: rated.number,
        day: DAY1,
        windowNumber: 9,
        score: 1,
        comment: '材料说明不清楚',
        clerk: expect.objectContaining({ id: 'clerk09' }),
        dueDay: '2026-12-16',
        workdaysLeft: 15,
        resolved: false,
        overdue: false,
        followUps: [],
      }),
    ]);

    const first = await srv.post(
      `${H}/ratings/${rated.id}/follow-up`,
      'manager',
      { day: DAY1, note: '已电话回访，群众反映材料清单不清楚', resolved: false },
      201,
    );
    expect(first.followUp).toMatchObject({ ticketId: rated.id, number: rated.number, resolved: false, by: 'manager' });
    const after = await srv.get(`${H}/ratings/follow-ups`, 'manager');
    expect(after.items[0].followUps).toEqual([expect.objectContaining({ note: '已电话回访，群众反映材料清单不清楚', resolved: false, by: 'manager' })]);

    const unknown = await srv.request('POST', `${H}/ratings/nosuchticket/follow-up`, { as: 'manager', body: { day: DAY1, note: 'x', resolved: true } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'not_found', reason: 'ticket_not_found' });
    const badDay = await srv.request('POST', `${H}/ratings/${rated.id}/follow-up`, { as: 'manager', body: { day: '25/11/2026', note: 'x', resolved: true } });
    expect(badDay.status).toBe(400);
    expect(badDay.body.error.field).toBe('day');
    const blank = await srv.request('POST', `${H}/ratings/${rated.id}/follow-up`, { as: 'manager', body: { day: DAY1, note: '   ', resolved: true } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.field).toBe('note');
  });

  it('flags the follow-up overdue after 15 working days and clears it once resolved', async () => {
    clock.set(Date.parse(`${DAY2}T10:00:00+08:00`));
    const late = await srv.get(`${H}/ratings/follow-ups`, 'manager');
    expect(late.items[0]).toMatchObject({ ticketId: rated.id, overdue: true, resolved: false, workdaysLeft: -1 });
    await srv.post(`${H}/ratings/${rated.id}/follow-up`, 'manager', { day: DAY1, note: '已修订材料清单并回访确认', resolved: true }, 201);
    const done = await srv.get(`${H}/ratings/follow-ups`, 'manager');
    expect(done.items[0]).toMatchObject({ overdue: false, resolved: true });
    expect(done.items[0].followUps.map((f: { resolved: boolean }) => f.resolved)).toEqual([false, true]);
  });

  it("shows a ticket's whole trail by number and day, follow-ups from later days included", async () => {
    const trail = await srv.get(`${H}/trail?number=${rated.number.toLowerCase()}&day=${DAY1}`, 'manager');
    expect(trail).toMatchObject({ ticketId: rated.id, number: rated.number, day: DAY1, areaIds: ['tax'], windowIds: ['9'], status: 'done' });
    expect(trail.events.map((e: { type: string }) => e.type)).toEqual([
      'ticket.issued',
      'ticket.called',
      'ticket.started',
      'ticket.completed',
      'rating.submitted',
      'rating.followed_up',
      'rating.followed_up',
    ]);
    expect(trail.phases).toEqual({
      waitMs: times.called - times.issued,
      walkMs: times.started - times.called,
      serviceMs: times.completed - times.started,
      totalMs: times.completed - times.issued,
    });
    const missing = await srv.request('GET', `${H}/trail?number=Z999&day=${DAY1}`, { as: 'manager' });
    expect(missing.status).toBe(404);
    const bad = await srv.request('GET', `${H}/trail?number=hello`, { as: 'manager' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('number');
  });

  it('ranks windows and clerks on the honour board by served count', async () => {
    const board = await srv.get(`${H}/honours?from=${DAY1}&to=${DAY2}`, 'manager');
    expect(board.windows).toEqual([expect.objectContaining({ id: '9', number: 9, served: 2, ratings: 1, goodRate: 0 })]);
    expect(board.clerks).toEqual([expect.objectContaining({ id: 'clerk09', staffNo: 'YX109', served: 2 })]);
  });

  it('shows the live overview: tiles against thresholds, what each window does, and alerts', async () => {
    printer.failWith = 'printer_unreachable';
    await srv.post(`${H}/windows/10/sign-in`, 'clerk10');
    const issued = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201);
    expect(issued.print.status).toBe('failed');

    clock.advance(3 * 60_000);
    let o = await srv.get(`${H}/overview`, 'manager');
    const tile = (id: string) => o.areas.find((a: { id: string }) => a.id === id);
    expect(o).toMatchObject({ hallId: 'yuxi', day: DAY2, totals: { issued: 1, waiting: 1, served: 0 } });
    expect(tile('tax')).toMatchObject({ waiting: 1, longestWaitSeconds: 180, level: 'ok', warnSeconds: 900, alertSeconds: 1800, openWindows: 1 });
    expect(o.alerts.map((a: { id: string }) => a.id)).toEqual(['printer_failed:kiosk01', 'idle_window:10']);
    expect(o.alerts[1]).toMatchObject({ windowNumber: 10, idleSeconds: 180, waiting: 1 });
    expect(o.windows.find((w: { id: string }) => w.id === '10')).toMatchObject({ activity: 'idle', sinceSeconds: 180, clerk: { id: 'clerk10' } });

    clock.advance(13 * 60_000);
    o = await srv.get(`${H}/overview`, 'manager');
    expect(tile('tax')).toMatchObject({ longestWaitSeconds: 960, level: 'warn' });
    clock.advance(15 * 60_000);
    o = await srv.get(`${H}/overview`, 'manager');
    expect(tile('tax')).toMatchObject({ level: 'alert' });
    expect(o.alerts.find((a: { kind: string }) => a.kind === 'long_wait')).toMatchObject({
      areaId: 'tax',
      level: 'alert',
      waitSeconds: 1860,
      thresholdSeconds: 1800,
    });

    printer.failWith = null;
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    await srv.post(`${H}/windows/10/call-next`, 'clerk10');
    clock.advance(50_000);
    o = await srv.get(`${H}/overview`, 'manager');
    expect(o.alerts.map((a: { kind: string }) => a.kind)).not.toContain('printer_failed');
    expect(o.alerts.map((a: { kind: string }) => a.kind)).not.toContain('idle_window');
    expect(o.windows.find((w: { id: string }) => w.id === '10')).toMatchObject({
      activity: 'called',
      sinceSeconds: 50,
      ticket: { number: issued.ticket.number },
    });
    expect(tile('tax')).toMatchObject({ waiting: 0, level: 'ok', calledThisHour: 1, avgWaitThisHourSeconds: 31 * 60 });
    expect(o.charts.waitDistribution.find((b: { fromMinutes: number }) => b.fromMinutes === 30).count).toBe(1);
    expect(o.charts.servedPerHour.find((h: { hour: number }) => h.hour === 10)).toMatchObject({ issued: 2, served: 0 });
    expect(o.charts.waiting.at(-1).waiting).toBe(1);
  });

  it('lets only managers and admins use any of it', async () => {
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `${H}/overview`],
      ['GET', `${H}/ratings/follow-ups`],
      ['GET', `${H}/trail?number=D001&day=${DAY1}`],
      ['GET', `${H}/honours`],
      ['POST', `${H}/windows/12/areas`, { areaIds: ['business'] }],
      ['POST', `${H}/hours/extend`, { until: '23:00' }],
      ['POST', `${H}/ratings/${rated.id}/follow-up`, { day: DAY1, note: '复核', resolved: true }],
    ];
    for (const [method, path, body] of routes) {
      expect((await srv.request(method, path, { body })).status, `anonymous ${path}`).toBe(401);
      for (const who of ['clerk12', 'display01', 'kiosk01']) {
        const res = await srv.request(method, path, { as: who, body });
        expect(res.status, `${who} ${method} ${path}`).toBe(403);
      }
      expect((await srv.request(method, path, { as: 'tonghai-manager', body })).status, `other hall ${path}`).toBe(403);
      const ok = await srv.request(method, path, { as: 'admin', body });
      expect(ok.status, `admin ${method} ${path}`).toBeLessThan(300);
    }
  });
});
