/**
 * 过号 safeguards through the v1 API, with the demo hall's own rule (60 s after the call, undo within
 * 120 s): a no-show too soon after the call is refused in words; one marked by mistake is undone at
 * its window as its own logged event, the citizen back at the window with their number; the window's
 * missed list is kept by the server and survives a restart; 下一位 lists the window's call order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const SECOND = 1000;

describe('no-show (过号): minimum time after the call, undo, and the server-kept missed list', () => {
  const clock = new ManualClock(Date.parse('2026-11-30T10:00:00+08:00'));
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', clock, noShowAfterSeconds: 'hall' });
    await srv.post(`${H}/windows/19/sign-in`, 'clerk19');
  });
  afterAll(async () => {
    await srv?.close();
  });

  const windowNineteen = async () => (await srv.get(`${H}/windows/19`, 'clerk19')).window;

  /** A police (H) ticket called at window 19. */
  async function called(): Promise<{ id: string; number: string }> {
    const issued = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    clock.advance(SECOND);
    await srv.post(`${H}/windows/19/call`, 'clerk19', { number: issued.ticket.number });
    return { id: issued.ticket.id, number: issued.ticket.number };
  }

  it('the hall detail publishes the rule: 60 s after the call, undo within 120 s', async () => {
    const hall = await srv.get(`${H}`);
    expect(hall.policy).toMatchObject({ noShowAfterSeconds: 60, noShowUndoSeconds: 120, requeueWithinMinutes: 60, requeueBehind: 3 });
  });

  it('refuses a no-show sooner than 60 s after the call, in words; a recall does not restart the time; at 60 s it is taken', async () => {
    const t = await called();
    clock.advance(30 * SECOND);
    await srv.post(`${H}/windows/19/recall`, 'clerk19');
    clock.advance(29 * SECOND);
    const early = await srv.request('POST', `${H}/windows/19/no-show`, { as: 'clerk19', body: {}, headers: { 'accept-language': 'zh-CN' } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('no_show_too_soon');
    expect(early.body.error.message).toMatch(/^叫号后等候时间未满，暂不能标记过号/);
    expect((await windowNineteen()).ticket).toMatchObject({ id: t.id, status: 'called' });

    clock.advance(SECOND);
    const { ticket } = await srv.post(`${H}/windows/19/no-show`, 'clerk19');
    expect(ticket).toMatchObject({ id: t.id, number: t.number, status: 'no_show' });
    const w = await windowNineteen();
    expect(w.ticket).toBeNull();
    expect(w.missed[0]).toMatchObject({ id: t.id, number: t.number });
    expect(w.missed[0].undoUntil).not.toBeNull();
    expect(w.missed[0].requeueUntil).not.toBeNull();
    await srv.post(`${H}/tickets/${t.id}/requeue`, 'clerk19');
    expect((await windowNineteen()).missed.map((m: { id: string }) => m.id)).not.toContain(t.id);
    await drain();
  });

  it('undoes a no-show at its window: called there again with its number, logged as its own event, counted once', async () => {
    const before = (await srv.get(`${H}/overview`, 'manager')).totals;
    const t = await called();
    clock.advance(60 * SECOND);
    await srv.post(`${H}/windows/19/no-show`, 'clerk19');
    expect((await srv.get(`${H}/overview`, 'manager')).totals.noShow - before.noShow).toBe(1);
    clock.advance(90 * SECOND);
    const { ticket } = await srv.post(`${H}/windows/19/undo-no-show`, 'clerk19', { ticketId: t.id });
    expect(ticket).toMatchObject({ id: t.id, number: t.number, status: 'called', windowId: '19' });
    const w = await windowNineteen();
    expect(w.ticket).toMatchObject({ id: t.id, number: t.number, status: 'called' });
    expect(w.missed.map((m: { id: string }) => m.id)).not.toContain(t.id);
    expect((await srv.get(`${H}/overview`, 'manager')).totals.noShow - before.noShow).toBe(0);

    await srv.post(`${H}/windows/19/start`, 'clerk19');
    await srv.post(`${H}/windows/19/complete`, 'clerk19');
    const trail = (await srv.get(`${H}/tickets/${t.id}/events`, 'manager')).events.map((e: { type: string }) => e.type);
    expect(trail).toEqual(['ticket.issued', 'ticket.called', 'ticket.no_show', 'ticket.no_show_undone', 'ticket.started', 'ticket.completed']);
    expect(srv.eventLines().find((l) => l.event === 'ticket.no_show_undone' && l.number === t.number)).toMatchObject({ windowId: '19', afterMs: 90 * SECOND });
    // Numbering stays whole: the next ticket of the area takes the next number.
    const next = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    expect(Number(next.ticket.number.slice(1))).toBe(Number(t.number.slice(1)) + 1);
    await drain();
  });

  it('refuses an undo while the window serves someone else, after 120 s, at another window, or of a ticket not missed', async () => {
    const t = await called();
    clock.advance(60 * SECOND);
    await srv.post(`${H}/windows/19/no-show`, 'clerk19');
    const other = await called();
    const busy = await srv.request('POST', `${H}/windows/19/undo-no-show`, { as: 'clerk19', body: { ticketId: t.id } });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('window_busy');
    const notMissed = await srv.request('POST', `${H}/windows/19/undo-no-show`, { as: 'clerk19', body: { ticketId: other.id } });
    expect(notMissed.body.error.code).toBe('not_no_show');
    await srv.post(`${H}/windows/19/complete`, 'clerk19');
    const elsewhere = await srv.request('POST', `${H}/windows/14/undo-no-show`, { as: 'manager', body: { ticketId: t.id } });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.code).toBe('not_no_show');
    clock.advance(120 * SECOND);
    const late = await srv.request('POST', `${H}/windows/19/undo-no-show`, {
      as: 'clerk19',
      body: { ticketId: t.id },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('undo_expired');
    expect(late.body.error.message).toMatch(/过号重排/);
    // Too late to undo, still in time to re-queue: the list says so.
    const missed = (await windowNineteen()).missed.find((m: { id: string }) => m.id === t.id);
    expect(missed).toMatchObject({ undoUntil: null });
    expect(missed.requeueUntil).not.toBeNull();
    const bad = await srv.request('POST', `${H}/windows/19/undo-no-show`, { as: 'clerk19', body: {} });
    expect(bad.status).toBe(400);
  });

  it('keeps the missed list on the server: the same after a restart on the same data', async () => {
    const listed = (await windowNineteen()).missed;
    expect(listed.length).toBeGreaterThan(0);
    const { dataDir } = srv;
    await srv.close({ keepData: true });
    srv = await startServer({ store: 'embedded', clock, dataDir, noShowAfterSeconds: 'hall' });
    expect((await windowNineteen()).missed).toEqual(listed);
  });

  it('下一位: the window’s next calls in the order the server calls them (绿色通道 first, then the queue), bounded by limit', async () => {
    const a = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    clock.advance(SECOND);
    const b = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    clock.advance(SECOND);
    const green = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police', priority: 'priority' }, 201);
    const up = (await srv.get(`${H}/windows/19/next-up?limit=2`, 'clerk19')).tickets;
    expect(up.map((t: { number: string }) => t.number)).toEqual([green.ticket.number, a.ticket.number]);
    expect(up[0]).toMatchObject({ priority: 'priority', queueClass: 'priority' });
    expect(await drain()).toEqual([green.ticket.number, a.ticket.number, b.ticket.number]);
    expect((await srv.get(`${H}/windows/19/next-up`, 'clerk19')).tickets).toEqual([]);
    const refused = await srv.request('GET', `${H}/windows/19/next-up`, {});
    expect(refused.status).toBe(401);
    const tooMany = await srv.request('GET', `${H}/windows/19/next-up?limit=50`, { as: 'clerk19' });
    expect(tooMany.status).toBe(400);
  });

  /** Calls and completes at window 19 until nobody waits; the numbers in call order. */
  async function drain(): Promise<string[]> {
    const numbers: string[] = [];
    for (;;) {
      clock.advance(SECOND);
      const { ticket } = await srv.post(`${H}/windows/19/call-next`, 'clerk19');
      if (!ticket) return numbers;
      numbers.push(ticket.number);
      await srv.post(`${H}/windows/19/complete`, 'clerk19');
    }
  }
});
