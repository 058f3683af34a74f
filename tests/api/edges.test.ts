/**
 * Issue 23, "dates and ids": the input edges of the table, against a running server.
 * - a day is a real calendar day everywhere a request names one (400 for 2026-02-30, 2026-13-45,
 *   2026-12-35), and a real leap day is fine;
 * - a hall document names each device once;
 * - a malformed hall id is a 400 on signed-in routes as on public ones, before any lookup;
 * - a 304 for a call's sound has no body type and no length.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { withCredential } from '../support/credentials';
import { config, put } from '../support/hall-config';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
/** A Wednesday morning in December 2026: the hall is open and books a week ahead. */
const clock = new ManualClock(Date.parse('2026-12-02T09:30:00+08:00'));
const NOT_DAYS = ['2026-02-30', '2026-13-45', '2026-12-35', '2026-00-10', '2027-02-29'];

describe('edges of the input', () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', clock, env: { QMS_KIOSK_TICKETS_PER_MINUTE: '1000' } });
  });
  afterAll(async () => srv?.close());

  it('answers 400 naming the field for a day that is not on the calendar, wherever a request names a day', async () => {
    const requests = (day: string): Array<[string, string, { as?: string; body?: unknown }, string]> => [
      ['GET', `${H}/calendar?from=${day}&to=2026-12-31`, {}, 'from'],
      ['GET', `${H}/calendar?from=2026-12-01&to=${day}`, {}, 'to'],
      ['GET', `${H}/appointments/slots?date=${day}&areaId=tax`, {}, 'date'],
      ['GET', `${H}/appointments/places?from=${day}&to=2026-12-09&areaId=tax`, {}, 'from'],
      ['POST', `${H}/appointments`, { body: { areaId: 'tax', date: day, start: '10:00' } }, 'date'],
      ['GET', `${H}/appointments?date=${day}`, { as: 'manager' }, 'date'],
      ['GET', `${H}/stats?from=${day}`, { as: 'manager' }, 'from'],
      ['GET', `/api/v1/reports/halls?from=${day}`, { as: 'admin' }, 'from'],
    ];
    for (const day of NOT_DAYS) {
      for (const [method, path, opts, field] of requests(day)) {
        const res = await srv.request(method, path, { ...opts, headers: { 'x-forwarded-for': '192.0.2.1' } });
        expect([res.status, res.body.error?.code, res.body.error?.field], `${method} ${path}`).toEqual([400, 'invalid_request', field]);
      }
    }
    // Real days, a leap day among them, are answered.
    expect((await srv.request('GET', `${H}/calendar?from=2028-02-28&to=2028-03-01`)).status).toBe(200);
    expect((await srv.request('GET', `${H}/appointments/slots?date=2026-12-03&areaId=tax`)).status).toBe(200);
  });

  it('refuses a hall document that names one device twice', async () => {
    const { version, hall } = await config(srv);
    const devices = hall.devices as Array<{ id: string; kind: string }>;
    const twice = { ...hall, devices: [...devices, { ...devices[0]!, kind: 'display' }] };
    const res = await put(srv, twice, version, 'admin');
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([{ path: `devices[${devices.length}].id`, message: `设备编号 ${devices[0]!.id} 重复` }]);
    expect((await config(srv)).version).toBe(version);
  });

  it('a malformed hall id is a 400 on signed-in routes as on public ones, before the hall is looked up', async () => {
    for (const bad of ['yu%20xi', 'yu.xi', 'x'.repeat(65)]) {
      const signedIn = await srv.request('GET', `/api/v1/halls/${bad}/board`, { as: 'admin' });
      expect([signedIn.status, signedIn.body.error.code, signedIn.body.error.field], bad).toEqual([400, 'invalid_request', 'hallId']);
      const manager = await srv.request('POST', `/api/v1/halls/${bad}/notices`, { as: 'manager', body: { text: '通知' } });
      expect([manager.status, manager.body.error.field], bad).toEqual([400, 'hallId']);
      const open = await srv.request('GET', `/api/v1/halls/${bad}/calendar?from=2026-12-01&to=2026-12-02`);
      expect([open.status, open.body.error.field], bad).toEqual([400, 'hallId']);
    }
    // A well-formed id of no hall is still a 404.
    expect((await srv.request('GET', '/api/v1/halls/nowhere/board', { as: 'admin' })).status).toBe(404);
    // Without a token the answer stays 401: nothing is said to a caller who is not signed in.
    expect((await srv.request('GET', '/api/v1/halls/yu.xi/board')).status).toBe(401);
  });

  it('a 304 for a call’s sound carries no body, no body type and no length', async () => {
    await srv.post(`${H}/windows/9/sign-in`, 'clerk09');
    const t = withCredential(await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201));
    await srv.post(`${H}/windows/9/call-next`, 'clerk09');
    const url = `${H}/tickets/${t.key}/announcement.wav`;
    const first = await srv.request('GET', url);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    const again = await fetch(srv.url + url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('content-type')).toBeNull();
    expect(again.headers.get('content-length')).toBeNull();
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
  });
});
