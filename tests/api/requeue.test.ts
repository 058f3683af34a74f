/**
 * 过号重排 through the v1 API: a missed citizen re-joins their area's queue behind three waiting
 * citizens with their number, from the kiosk (QR credential or typed number) or a clerk, once,
 * within the hour; every refusal is a 409 with words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { credentialOf } from '../support/credentials';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const MINUTE = 60_000;

describe('re-queue after a no-show (过号重排)', () => {
  const clock = new ManualClock(Date.parse('2026-11-30T10:00:00+08:00'));
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', clock });
    await srv.post(`${H}/windows/19/sign-in`, 'clerk19');
  });
  afterAll(async () => {
    await srv?.close();
  });

  /** A police (H) ticket issued by the kiosk, called at window 19 and marked absent. */
  async function missed(): Promise<{ id: string; number: string; credential: string }> {
    const issued = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    clock.advance(1000);
    await srv.post(`${H}/windows/19/call`, 'clerk19', { number: issued.ticket.number });
    clock.advance(1000);
    await srv.post(`${H}/windows/19/no-show`, 'clerk19');
    return { id: issued.ticket.id, number: issued.ticket.number, credential: credentialOf(issued) };
  }

  async function waitingPolice(n: number): Promise<string[]> {
    const numbers = [];
    for (let i = 0; i < n; i++) {
      clock.advance(1000);
      numbers.push((await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201)).ticket.number);
    }
    return numbers;
  }

  /** Calls and completes at window 19 until nobody waits; the numbers in call order. */
  async function drain(): Promise<string[]> {
    const called: string[] = [];
    for (;;) {
      clock.advance(1000);
      const { ticket } = await srv.post(`${H}/windows/19/call-next`, 'clerk19');
      if (!ticket) return called;
      called.push(ticket.number);
      await srv.post(`${H}/windows/19/complete`, 'clerk19');
    }
  }

  it('the kiosk re-queues by the QR credential: same number, behind three waiting citizens, then called there', async () => {
    const t = await missed();
    const others = await waitingPolice(5);
    const res = await srv.request('POST', `${H}/tickets/${t.credential}/requeue`, { as: 'kiosk01', body: {} });
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ id: t.id, number: t.number, status: 'waiting', ahead: 3 });
    expect(await drain()).toEqual([...others.slice(0, 3), t.number, ...others.slice(3)]);
  });

  it('a clerk re-queues by id; with fewer than three waiting the ticket goes behind them all', async () => {
    const t = await missed();
    const others = await waitingPolice(1);
    const { ticket } = await srv.post(`${H}/tickets/${t.id}/requeue`, 'clerk19');
    expect(ticket).toMatchObject({ number: t.number, ahead: 1 });
    expect(await drain()).toEqual([others[0], t.number]);
  });

  it('a typed number works at the kiosk; the kiosk cannot name a ticket by its internal id', async () => {
    const t = await missed();
    const byId = await srv.request('POST', `${H}/tickets/${t.id}/requeue`, { as: 'kiosk01', body: {} });
    expect(byId.status).toBe(404);
    expect(byId.body.error.reason).toBe('ticket_not_found');
    const typed = t.number.toLowerCase().replace(/^([a-z])0*/, '$1'); // h7 for H007
    const { ticket } = await srv.post(`${H}/tickets/${typed}/requeue`, 'kiosk01');
    expect(ticket.number).toBe(t.number);
    await drain();
  });

  it('a second re-queue is refused with requeue_limit, in words', async () => {
    const t = await missed();
    await srv.post(`${H}/tickets/${t.number}/requeue`, 'manager');
    clock.advance(1000);
    await srv.post(`${H}/windows/19/call-next`, 'clerk19');
    await srv.post(`${H}/windows/19/no-show`, 'clerk19');
    const again = await srv.request('POST', `${H}/tickets/${t.number}/requeue`, { as: 'kiosk01', body: {}, headers: { 'accept-language': 'zh-CN' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('requeue_limit');
    expect(again.body.error.message).toMatch(/重排/);
  });

  it('more than 60 minutes after the no-show is refused with requeue_expired; a ticket that was not missed with not_no_show', async () => {
    const t = await missed();
    clock.advance(61 * MINUTE);
    const late = await srv.request('POST', `${H}/tickets/${t.number}/requeue`, { as: 'clerk19', body: {} });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('requeue_expired');
    const [waiting] = await waitingPolice(1);
    const notMissed = await srv.request('POST', `${H}/tickets/${waiting}/requeue`, { as: 'clerk19', body: {} });
    expect(notMissed.status).toBe(409);
    expect(notMissed.body.error.code).toBe('not_no_show');
    const unknown = await srv.request('POST', `${H}/tickets/H999/requeue`, { as: 'clerk19', body: {} });
    expect(unknown.status).toBe(404);
    await drain();
  });

  it('statistics count a re-queued ticket once as issued, once as a no-show and once as served', async () => {
    const before = await srv.get(`${H}/overview`, 'manager');
    const t = await missed();
    await srv.post(`${H}/tickets/${t.id}/requeue`, 'clerk19');
    expect(await drain()).toEqual([t.number]);
    const after = await srv.get(`${H}/overview`, 'manager');
    expect(after.totals.issued - before.totals.issued).toBe(1);
    expect(after.totals.noShow - before.totals.noShow).toBe(1);
    expect(after.totals.served - before.totals.served).toBe(1);
    expect(after.totals.waiting).toBe(0);
  });
});
