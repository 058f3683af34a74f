/**
 * The queue rules through the v1 API on a real server, on both stores: idempotent retries, two
 * windows draining one queue at once, transfers, pauses, restarts and what the log says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisProcess } from '../support/redis';
import { startServer, type StoreKind, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';

describe.each<StoreKind>(['embedded', 'redis'])('queue rules on the %s store', (store) => {
  let redis: RedisProcess | undefined;
  let srv: TestServer;

  beforeAll(async () => {
    if (store === 'redis') redis = await RedisProcess.start();
    srv = await startServer({ store, redisUrl: redis?.url });
  });
  afterAll(async () => {
    await srv?.close();
    await redis?.stop();
  });

  it('a retried ticket request with the same Idempotency-Key gets the same ticket, not a second one', async () => {
    const first = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', key: 'kiosk-tap-1', body: { areaId: 'police' } });
    const again = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', key: 'kiosk-tap-1', body: { areaId: 'police' } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const next = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    expect(next.ticket.number).toBe('H002');
    const reused = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', key: 'kiosk-tap-1', body: { areaId: 'tax' } });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
  });

  it('a double-clicked call-next (same key, sent twice at once) calls one citizen, not two', async () => {
    await srv.post(`${H}/windows/19/sign-in`, 'clerk19');
    const [a, b] = await Promise.all([
      srv.request('POST', `${H}/windows/19/call-next`, { as: 'clerk19', key: 'dbl-1', body: {} }),
      srv.request('POST', `${H}/windows/19/call-next`, { as: 'clerk19', key: 'dbl-1', body: {} }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.ticket.number).toBe('H001');
    expect(b.body.ticket.number).toBe('H001');
    const board = await srv.get(`${H}/board`, 'display01');
    expect(board.areas.find((x: { id: string }) => x.id === 'police').waiting).toBe(1);
    await srv.post(`${H}/windows/19/complete`, 'clerk19');
  });

  it('two windows draining one queue at once call every ticket exactly once', async () => {
    const issued = [];
    for (let i = 0; i < 40; i++) issued.push((await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'fund' }, 201)).ticket.number);
    await srv.post(`${H}/windows/14/sign-in`, 'clerk14');
    await srv.post(`${H}/windows/15/sign-in`, 'clerk15');
    const drain = async (window: string, clerk: string) => {
      const got: string[] = [];
      for (;;) {
        const { ticket } = await srv.post(`${H}/windows/${window}/call-next`, clerk);
        if (!ticket) return got;
        got.push(ticket.number);
        await srv.post(`${H}/windows/${window}/complete`, clerk);
      }
    };
    const [w14, w15] = await Promise.all([drain('14', 'clerk14'), drain('15', 'clerk15')]);
    expect([...w14, ...w15].sort()).toEqual([...issued].sort());
    expect(w14.length).toBeGreaterThan(5);
    expect(w15.length).toBeGreaterThan(5);
    // Each window took its tickets in queue order.
    expect(w14).toEqual([...w14].sort());
    expect(w15).toEqual([...w15].sort());
  });

  it('a transferred citizen keeps the number and is called ahead of the new area’s walk-ins', async () => {
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201); // D001
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201); // D002
    const estate = await srv.post(`${H}/tickets`, 'kiosk01', { serviceId: 'estate-02' }, 201); // B001 不动产转移登记
    await srv.post(`${H}/windows/3/sign-in`, 'clerk03');
    await srv.post(`${H}/windows/3/call-next`, 'clerk03');
    await srv.post(`${H}/windows/3/start`, 'clerk03');
    const moved = await srv.post(`${H}/windows/3/transfer`, 'clerk03', { areaId: 'tax' });
    expect(moved.ticket).toMatchObject({ id: estate.ticket.id, number: 'B001', areaId: 'tax', status: 'waiting', transferredFrom: 'estate', ahead: 0 });
    await srv.post(`${H}/windows/9/sign-in`, 'clerk09');
    const first = await srv.post(`${H}/windows/9/call-next`, 'clerk09');
    expect(first.ticket.number).toBe('B001');
    await srv.post(`${H}/windows/9/complete`, 'clerk09');
    expect((await srv.post(`${H}/windows/9/call-next`, 'clerk09')).ticket.number).toBe('D001');
    await srv.post(`${H}/windows/9/complete`, 'clerk09');
  });

  it('a paused window is refused with window_paused, in Chinese, and calls again after resume', async () => {
    await srv.post(`${H}/windows/7/sign-in`, 'clerk07');
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'utility' }, 201);
    const paused = await srv.post(`${H}/windows/7/pause`, 'clerk07', { reason: '系统维护' });
    expect(paused.window).toMatchObject({ status: 'paused', pauseReason: '系统维护' });
    const refused = await srv.request('POST', `${H}/windows/7/call-next`, { as: 'clerk07', body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('window_paused');
    expect(refused.body.error.message).toContain('窗口已暂停');
    await srv.post(`${H}/windows/7/resume`, 'clerk07');
    expect((await srv.post(`${H}/windows/7/call-next`, 'clerk07')).ticket.number).toBe('C001');
  });

  it('writes one log line per ticket event: hall, area, window, number and the phase durations', async () => {
    const lines = srv.eventLines().filter((l) => l.number === 'C001');
    expect(lines.map((l) => l.event)).toEqual(['ticket.issued', 'ticket.called']);
    const called = lines[1]!;
    expect(called).toMatchObject({ hallId: 'yuxi', areaId: 'utility', windowId: '7', number: 'C001', module: 'events' });
    expect(called.waitMs).toEqual(expect.any(Number));
    await srv.post(`${H}/windows/7/start`, 'clerk07');
    await srv.post(`${H}/windows/7/complete`, 'clerk07');
    const done = srv.eventLines().find((l) => l.number === 'C001' && l.event === 'ticket.completed')!;
    expect(done).toMatchObject({ windowId: '7', serviceMs: expect.any(Number), totalMs: expect.any(Number) });
    expect(done.totalMs as number).toBeGreaterThanOrEqual(done.serviceMs as number);
  });

  it('names the window on the log lines of a case held (挂起) and resumed there', async () => {
    const { ticket } = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'utility' }, 201);
    await srv.post(`${H}/windows/7/call`, 'clerk07', { number: ticket.number });
    await srv.post(`${H}/windows/7/start`, 'clerk07');
    await srv.post(`${H}/windows/7/park`, 'clerk07', { reason: '回家取户口本' });
    await srv.post(`${H}/windows/7/resume-parked`, 'clerk07', { ticketId: ticket.id });
    const lines = srv.eventLines().filter((l) => l.number === ticket.number);
    expect(lines.find((l) => l.event === 'ticket.parked')).toMatchObject({ windowId: '7', areaId: 'utility' });
    expect(lines.find((l) => l.event === 'ticket.unparked')).toMatchObject({ windowId: '7', parkedMs: expect.any(Number) });
  });
});
