/**
 * Appointments, hours and the day's turnover through the API, on a real server whose clock the
 * test moves (ManualClock) or starts at an instant (QMS_CLOCK_START).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const at = (iso: string) => Date.parse(iso);

describe('appointments (预约)', () => {
  const clock = new ManualClock(at('2026-11-30T10:00:00+08:00')); // a Monday
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', clock, env: { QMS_ALWAYS_OPEN: '0' } });
  });
  afterAll(async () => srv?.close());

  const book = (body: Record<string, unknown>) => srv.request('POST', `${H}/appointments`, { body });

  it('books a slot from a phone without signing in, with a code that names its day', async () => {
    const res = await book({ serviceId: 'estate-02', date: '2026-12-02', start: '19:30', phone: '13812345678' });
    expect(res.status).toBe(201);
    expect(res.body.appointment).toMatchObject({
      areaId: 'estate',
      serviceId: 'estate-02',
      date: '2026-12-02',
      start: '19:30',
      end: '20:00',
      phoneMasked: '138****5678',
      status: 'booked',
    });
    expect(res.body.appointment.code).toMatch(/^02\d{4}$/);
    expect(JSON.stringify(srv.logs)).not.toContain('13812345678');
    const slots = await srv.get(`${H}/appointments/slots?areaId=estate&date=2026-12-02`);
    expect(slots.slots.find((s: { start: string }) => s.start === '19:30')).toEqual({ start: '19:30', end: '20:00', capacity: 2, available: 1 });
  });

  it('refuses a full slot with 409 slot_full, and bad slots and dates with the field named', async () => {
    expect((await book({ areaId: 'tax', date: '2026-12-01', start: '09:00' })).status).toBe(201);
    expect((await book({ areaId: 'tax', date: '2026-12-01', start: '09:00' })).status).toBe(201);
    const full = await book({ areaId: 'tax', date: '2026-12-01', start: '09:00' });
    expect([full.status, full.body.error.code]).toEqual([409, 'slot_full']);
    expect((await book({ areaId: 'tax', date: '2026-12-01', start: '09:10' })).body.error).toMatchObject({ code: 'invalid_request', field: 'start' });
    expect((await book({ areaId: 'tax', date: '2026-11-29', start: '09:00' })).body.error).toMatchObject({ code: 'invalid_request', field: 'date' });
    expect((await book({ areaId: 'tax', date: '2027-01-30', start: '09:00' })).body.error).toMatchObject({ code: 'invalid_request', field: 'date' });
    expect((await book({ areaId: 'tax', date: '2026-10-01', start: '09:00' })).status).toBe(400);
  });

  it('checks in from 60 minutes before the slot until its end, once; early, late and twice are refused', async () => {
    const { appointment } = (await book({ areaId: 'police', date: '2026-11-30', start: '11:30' })).body;
    const checkIn = () => srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { appointmentCode: appointment.code } });
    clock.set(at('2026-11-30T10:29:00+08:00'));
    const early = await checkIn();
    expect([early.status, early.body.error.code]).toEqual([409, 'appointment_too_early']);
    clock.set(at('2026-11-30T10:30:00+08:00'));
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201); // a walk-in first
    const ok = await checkIn();
    expect(ok.status).toBe(201);
    expect(ok.body.ticket).toMatchObject({ areaId: 'police', priority: 'appointment', ahead: 0 });
    const twice = await checkIn();
    expect([twice.status, twice.body.error.code]).toEqual([409, 'appointment_used']);
    // Called ahead of the walk-in who came earlier.
    await srv.post(`${H}/windows/19/sign-in`, 'clerk19');
    expect((await srv.post(`${H}/windows/19/call-next`, 'clerk19')).ticket.id).toBe(ok.body.ticket.id);

    const { appointment: later } = (await book({ areaId: 'police', date: '2026-11-30', start: '12:00' })).body;
    clock.set(at('2026-11-30T12:30:00+08:00'));
    const late = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { appointmentCode: later.code } });
    expect([late.status, late.body.error.code]).toEqual([409, 'appointment_too_late']);
  });

  it('a code for another day says early or late; an unknown code is not found', async () => {
    const { appointment } = (await book({ areaId: 'fund', date: '2026-12-03', start: '09:00' })).body;
    const other = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { appointmentCode: appointment.code } });
    expect([other.status, other.body.error.code]).toEqual([409, 'appointment_too_early']);
    const unknown = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { appointmentCode: '309999' } });
    expect([unknown.status, unknown.body.error.code, unknown.body.error.reason]).toEqual([404, 'not_found', 'appointment_not_found']);
  });

  it('cancels by code, which frees the place; a cancelled code cannot check in', async () => {
    const { appointment } = (await book({ areaId: 'invest', date: '2026-12-04', start: '10:00' })).body;
    await book({ areaId: 'invest', date: '2026-12-04', start: '10:00' });
    expect((await book({ areaId: 'invest', date: '2026-12-04', start: '10:00' })).status).toBe(409);
    const cancelled = await srv.request('POST', `${H}/appointments/${appointment.code}/cancel`, { body: {} });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.appointment.status).toBe('cancelled');
    expect((await book({ areaId: 'invest', date: '2026-12-04', start: '10:00' })).status).toBe(201);
    const again = await srv.request('POST', `${H}/appointments/${appointment.code}/cancel`, { body: {} });
    expect(again.body.error.code).toBe('appointment_cancelled');
    const list = await srv.get(`${H}/appointments?date=2026-12-04`, 'manager');
    expect(list.appointments).toHaveLength(3);
  });
});

describe('hours and the turn of the day', () => {
  it('takes walk-ins only in session, stops 30 minutes early for long services, and 延时服务 keeps it open', async () => {
    const clock = new ManualClock(at('2026-11-30T08:59:00+08:00'));
    const srv = await startServer({ store: 'embedded', clock, env: { QMS_ALWAYS_OPEN: '0' } });
    try {
      const take = (areaId: string) => srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { areaId } });
      expect((await take('tax')).body.error.code).toBe('hall_closed');
      clock.set(at('2026-11-30T16:31:00+08:00'));
      expect((await take('estate')).body.error.code).toBe('area_closed');
      expect((await take('tax')).status).toBe(201);
      clock.set(at('2026-11-30T17:00:00+08:00'));
      expect((await take('tax')).body.error.code).toBe('hall_closed');
      // 延时服务 (the manager's HTTP control is tested with the manager routes).
      await srv.app.qms.service.execute('yuxi', {
        command: { type: 'extend-hours', until: '18:00' },
        commandId: 'extend-1',
        actor: { id: 'manager', role: 'manager' },
        respond: () => null,
      });
      expect((await take('tax')).status).toBe(201);
      const board = await srv.get(`${H}/board`, 'display01');
      expect(board.session).toEqual({ kind: 'regular', start: '09:00', end: '18:00', extended: true });
      const calendar = await srv.get(`${H}/calendar?from=2026-09-30&to=2026-10-02`);
      expect(calendar.days.map((d: { kind: string }) => d.kind)).toEqual(['workday', 'holiday', 'holiday']);
    } finally {
      await srv.close();
    }
  });

  it('at local midnight closes the old day: open tickets cancelled with a reason, numbers start again', async () => {
    const clock = new ManualClock(at('2026-11-26T20:00:00+08:00'));
    const srv = await startServer({ store: 'embedded', clock });
    try {
      const a = (await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201)).ticket;
      const b = (await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201)).ticket;
      await srv.post(`${H}/windows/9/sign-in`, 'clerk09');
      await srv.post(`${H}/windows/9/call-next`, 'clerk09');
      await srv.post(`${H}/windows/9/complete`, 'clerk09');
      clock.set(at('2026-11-27T00:00:05+08:00'));
      await srv.app.qms.service.tick();
      const old = await srv.app.qms.service.history('yuxi', '2026-11-26');
      const closed = old.at(-1)!;
      expect(closed).toMatchObject({ type: 'day.closed', reason: 'day_end', windows: ['9'] });
      expect(closed.type === 'day.closed' && closed.tickets.map((t) => t.id)).toEqual([b.id]);
      expect(old.filter((e) => 'ticket' in e && e.ticket.id === a.id).map((e) => e.type)).toEqual(['ticket.issued', 'ticket.called', 'ticket.completed']);
      const next = (await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201)).ticket;
      expect(next.number).toBe('D001');
      const board = await srv.get(`${H}/board`, 'display01');
      expect(board).toMatchObject({ day: '2026-11-27', version: 1 });
      expect(board.windows.find((w: { id: string }) => w.id === '9').status).toBe('closed');
    } finally {
      await srv.close();
    }
  });
});
