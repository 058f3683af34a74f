/**
 * 挂起 through the v1 API: a clerk parks the citizen who went to fetch a document, serves the next
 * one, and resumes the parked citizen from the window's list; refusals are 409s in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';

describe('park and resume at a window (挂起)', () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    await srv.post(`${H}/windows/19/sign-in`, 'clerk19');
    await srv.post(`${H}/windows/20/sign-in`, 'clerk20');
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('parks with a reason, calls the next citizen, then resumes the parked one being served again', async () => {
    const first = (await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201)).ticket;
    const second = (await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201)).ticket;
    await srv.post(`${H}/windows/19/call-next`, 'clerk19');
    await srv.post(`${H}/windows/19/start`, 'clerk19');
    const { window } = await srv.post(`${H}/windows/19/park`, 'clerk19', { reason: '补材料' });
    expect(window).toMatchObject({ ticket: null, parked: [{ id: first.id, number: first.number, reason: '补材料' }] });
    const board = await srv.get(`${H}/board`, 'display01');
    expect(board.windows.find((w: { id: string }) => w.id === '19').parked).toHaveLength(1);

    const { ticket: next } = await srv.post(`${H}/windows/19/call-next`, 'clerk19');
    expect(next.number).toBe(second.number);
    const busy = await srv.request('POST', `${H}/windows/19/resume-parked`, { as: 'clerk19', body: { ticketId: first.id } });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('window_busy');
    await srv.post(`${H}/windows/19/complete`, 'clerk19');

    const elsewhere = await srv.request('POST', `${H}/windows/20/resume-parked`, { as: 'clerk20', body: { ticketId: first.id } });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error).toMatchObject({ code: 'not_parked_here', message: expect.stringContaining('该号票未在本窗口挂起') });

    const { ticket } = await srv.post(`${H}/windows/19/resume-parked`, 'clerk19', { ticketId: first.id });
    expect(ticket).toMatchObject({ id: first.id, number: first.number, status: 'serving', windowId: '19' });
    const after = (await srv.get(`${H}/windows/19`, 'clerk19')).window;
    expect(after.parked).toEqual([]);
    await srv.post(`${H}/windows/19/complete`, 'clerk19');
  });

  it('refuses to park with nobody at the window, and a ticket id that is not parked', async () => {
    const none = await srv.request('POST', `${H}/windows/19/park`, { as: 'clerk19', body: {} });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('no_current_ticket');
    const waiting = (await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201)).ticket;
    const notParked = await srv.request('POST', `${H}/windows/19/resume-parked`, { as: 'clerk19', body: { ticketId: waiting.id } });
    expect(notParked.status).toBe(409);
    expect(notParked.body.error.code).toBe('not_parked_here');
    const bad = await srv.request('POST', `${H}/windows/19/resume-parked`, { as: 'clerk19', body: {} });
    expect(bad.status).toBe(400);
  });
});
