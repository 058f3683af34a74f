/**
 * 需要帮办 through the v1 API: a clerk flags the citizen at their window, a kiosk ticket asks at
 * issue, the manager's overview lists the open requests as alerts, a manager assigns a helper and
 * the alert goes; refusals are stable codes in words. An area configured as 办不成事反映窗口
 * (`kind: "complaint"`) alerts the manager for each ticket issued there while it is open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, put } from '../support/hall-config';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';

describe('assistance (需要帮办)', () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
    await srv.post(`${H}/windows/19/sign-in`, 'clerk19');
    await srv.post(`${H}/windows/20/sign-in`, 'clerk20');
  });
  afterAll(async () => {
    await srv?.close();
  });

  const assistanceAlerts = async () =>
    ((await srv.get(`${H}/overview`, 'manager')).alerts as Array<{ kind: string; ticketId: string }>).filter((a) => a.kind === 'assistance');

  it('a clerk flags the ticket at their window; the alert shows until a manager assigns a helper', async () => {
    const issued = (await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201)).ticket;
    expect(issued.assistance).toBeNull();
    const { ticket: called } = await srv.post(`${H}/windows/19/call-next`, 'clerk19');
    expect(called.id).toBe(issued.id);

    const elsewhere = await srv.request('POST', `${H}/tickets/${issued.id}/assistance`, { as: 'clerk20', body: {} });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error).toMatchObject({ code: 'forbidden', reason: 'not_window_clerk' });

    const { ticket } = await srv.post(`${H}/tickets/${issued.id}/assistance`, 'clerk19', { note: '老人不会填表' });
    expect(ticket).toMatchObject({ id: issued.id, assistance: { requestedBy: 'clerk19', note: '老人不会填表', assignedTo: null } });
    expect(await assistanceAlerts()).toMatchObject([{ ticketId: issued.id, number: issued.number, requestedBy: 'clerk19', note: '老人不会填表' }]);

    const again = await srv.request('POST', `${H}/tickets/${issued.id}/assistance`, { as: 'manager', body: {}, headers: { 'accept-language': 'zh-CN' } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'assistance_already_requested', message: expect.stringContaining('该号票已在等待帮办人员') });

    const clerkAssign = await srv.request('POST', `${H}/tickets/${issued.id}/assistance/assign`, { as: 'clerk19', body: { staffId: 'clerk17' } });
    expect(clerkAssign.status).toBe(403);

    const assigned = await srv.post(`${H}/tickets/${issued.id}/assistance/assign`, 'manager', { staffId: 'clerk17' });
    expect(assigned.ticket.assistance).toEqual({ requestedBy: 'clerk19', note: '老人不会填表', assignedTo: 'clerk17' });
    expect(await assistanceAlerts()).toEqual([]);
    const twice = await srv.request('POST', `${H}/tickets/${issued.id}/assistance/assign`, { as: 'manager', body: { staffId: 'clerk18' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('assistance_already_assigned');

    const { events } = await srv.get(`${H}/tickets/${issued.id}/events`, 'manager');
    expect(events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['ticket.assistance_requested', 'ticket.assistance_assigned']));
    await srv.post(`${H}/windows/19/complete`, 'clerk19');
  });

  it('a kiosk asks at issue; finished tickets, bad bodies and assigning without a request are refused', async () => {
    const { ticket } = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax', assistance: true }, 201);
    expect(ticket.assistance).toEqual({ requestedBy: null, note: null, assignedTo: null });
    expect(await assistanceAlerts()).toMatchObject([{ ticketId: ticket.id, requestedBy: null }]);
    // A kiosk uses the issue flag, never the staff route.
    const kiosk = await srv.request('POST', `${H}/tickets/${ticket.id}/assistance`, { as: 'kiosk01', body: {} });
    expect(kiosk.status).toBe(403);

    const plain = (await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201)).ticket;
    const none = await srv.request('POST', `${H}/tickets/${plain.id}/assistance/assign`, { as: 'manager', body: { staffId: 'clerk17' } });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('no_assistance_request');
    for (const body of [{}, { staffId: '' }]) {
      const bad = await srv.request('POST', `${H}/tickets/${ticket.id}/assistance/assign`, { as: 'manager', body });
      expect(bad.status).toBe(400);
    }
    const unknown = await srv.request('POST', `${H}/tickets/no-such-ticket/assistance`, { as: 'manager', body: {} });
    expect(unknown.status).toBe(404);

    await srv.post(`${H}/windows/19/call`, 'clerk19', { number: plain.number });
    await srv.post(`${H}/windows/19/complete`, 'clerk19');
    const done = await srv.request('POST', `${H}/tickets/${plain.id}/assistance`, { as: 'manager', body: {} });
    expect(done.status).toBe(409);
    expect(done.body.error.code).toBe('ticket_not_open');
  });

  it('a complaint area (办不成事反映窗口) alerts the manager at issue, until the citizen is served; counted once', async () => {
    const { version, hall } = await config(srv);
    const complaints = { ...hall, areas: hall.areas.map((a) => (a.id === 'utility' ? { ...a, kind: 'complaint' } : a)) };
    expect((await put(srv, complaints, version)).status).toBe(200);
    const before = (await srv.get(`${H}/overview`, 'manager')).totals.issued;
    const { ticket } = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'utility' }, 201);
    const o = await srv.get(`${H}/overview`, 'manager');
    expect(o.totals.issued).toBe(before + 1);
    expect(o.alerts.filter((a: { kind: string }) => a.kind === 'complaint')).toMatchObject([
      { id: `complaint:${ticket.id}`, ticketId: ticket.id, number: ticket.number, areaId: 'utility' },
    ]);
    // Other areas' tickets raise none.
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    expect((await srv.get(`${H}/overview`, 'manager')).alerts.filter((a: { kind: string }) => a.kind === 'complaint')).toHaveLength(1);

    // Window 7 serves utility: its clerk receives the citizen and the matter is dealt with.
    await srv.post(`${H}/windows/7/sign-in`, 'clerk07');
    const { ticket: called } = await srv.post(`${H}/windows/7/call`, 'clerk07', { number: ticket.number });
    expect(called.id).toBe(ticket.id);
    await srv.post(`${H}/windows/7/complete`, 'clerk07');
    expect((await srv.get(`${H}/overview`, 'manager')).alerts.filter((a: { kind: string }) => a.kind === 'complaint')).toEqual([]);

    // Served, it needs a follow-up like a bad rating: on the 差评回访 list, with no score.
    const day = String(ticket.issuedAt).slice(0, 10);
    const listed = async () => (await srv.get(`${H}/ratings/follow-ups`, 'manager')).items.find((i: { ticketId: string }) => i.ticketId === ticket.id);
    expect(await listed()).toMatchObject({
      source: 'complaint',
      score: null,
      number: ticket.number,
      day,
      areaId: 'utility',
      windowNumber: 7,
      resolved: false,
      followUps: [],
    });
    const { followUp } = await srv.post(`${H}/ratings/${ticket.id}/follow-up`, 'manager', { day, note: '已电话联系，材料问题已协调解决', resolved: true }, 201);
    expect(followUp).toMatchObject({ ticketId: ticket.id, number: ticket.number, resolved: true });
    expect(await listed()).toMatchObject({ resolved: true, followUps: [{ note: '已电话联系，材料问题已协调解决', resolved: true }] });
    // A ticket of an ordinary area that nobody rated has nothing to follow up.
    const { ticket: plain } = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    const none = await srv.request('POST', `${H}/ratings/${plain.id}/follow-up`, { as: 'manager', body: { day, note: '无', resolved: true } });
    expect(none.status).toBe(404);
  });
});
