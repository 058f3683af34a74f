/**
 * Least privilege on the public surfaces (issue 16): a busy hour in one hall — dozens of tickets
 * issued, called, recalled, served, missed and transferred at several windows — with a citizen's
 * phone following one ticket over a real Socket.IO connection, and a passer-by reading every public
 * route. Every payload the phone receives and every public answer is kept, and none may contain any
 * other ticket's id or credential (nor its own ticket's id: the phone knows its credential only).
 * A wall display's socket, signed in, still gets every event of every ticket, never a credential.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClientToServerEvents, HallEvent, ServerToClientEvents } from '../../server/protocol';
import { withCredential } from '../support/credentials';
import { startServer, type TestServer } from '../support/server';
import { ManualClock } from '../../server/app/clock';
import { PUBLIC_TICKET_READS_PER_MINUTE } from '../../server/http/public-ticket';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const H = '/api/v1/halls/yuxi';
/** A Wednesday morning: the hall is open. The clock moves only when told (the per-minute allowance is tested). */
const clock = new ManualClock(Date.parse('2026-12-02T09:30:00+08:00'));

/** Windows staffed for the hour, by clerk, with the area whose tickets are issued for them. */
const DESKS = [
  { window: '3', clerk: 'clerk03', area: 'estate' },
  { window: '9', clerk: 'clerk09', area: 'tax' },
  { window: '11', clerk: 'clerk11', area: 'estate' },
  { window: '14', clerk: 'clerk14', area: 'fund' },
  { window: '16', clerk: 'clerk16', area: 'insurance' },
  { window: '19', clerk: 'clerk19', area: 'police' },
];

function connected(socket: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

describe('a busy hour: what the public surfaces reveal', () => {
  let srv: TestServer;
  const sockets: Client[] = [];

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', clock, env: { QMS_KIOSK_TICKETS_PER_MINUTE: '1000' } });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await srv?.close();
  });

  it('a phone socket and public answers never carry another ticket’s id or credential; a display gets everything', async () => {
    const tickets: Array<{ id: string; number: string; key: string; areaId: string }> = [];
    const issue = async (areaId: string) => {
      const t = withCredential(await srv.post(`${H}/tickets`, 'kiosk01', { areaId }, 201));
      tickets.push(t);
      return t;
    };
    for (const d of DESKS) await srv.post(`${H}/windows/${d.window}/sign-in`, d.clerk);

    // A morning queue, then the ticket this phone follows somewhere in the middle of the estate queue.
    for (let i = 0; i < 4; i++) for (const d of DESKS) await issue(d.area);
    const mine = await issue('estate');

    const display = connect(`${srv.url}/halls`, {
      auth: { token: await srv.login('display01'), hallId: 'yuxi' },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(display);
    const screen: HallEvent[] = [];
    display.on('hall:event', (e) => screen.push(e));
    await connected(display);

    const phone = connect(`${srv.url}/halls`, { auth: { hallId: 'yuxi', credential: mine.key }, transports: ['websocket'], reconnection: false });
    sockets.push(phone);
    const received: Array<{ event: string; args: unknown[] }> = [];
    phone.onAny((event: string, ...args: unknown[]) => received.push({ event, args }));
    await connected(phone);

    /** Every public answer, as the bytes a passer-by would get. */
    const answers: string[] = [];
    const passerBy = async (path: string) => {
      const res = await fetch(srv.url + path);
      answers.push(`${path} ${res.status} ${res.headers.get('content-type')?.startsWith('audio/') ? '<audio>' : await res.text()}`);
      return res.status;
    };
    const readAll = async () => {
      expect(await passerBy(`${H}/tickets/${mine.key}`)).toBe(200);
      await passerBy(`${H}/tickets/${mine.key}/announcement`);
      await passerBy(`/ticket/yuxi/${mine.key}`);
      await passerBy('/api/v1/halls');
      await passerBy(H);
      await passerBy(`${H}/calendar`);
    };
    await readAll();

    // The hour: every desk calls, some recall, most serve, some miss, the estate desks transfer
    // every third citizen to tax (联办); new citizens keep arriving.
    let round = 0;
    const mineCalled = () => received.some((r) => r.event === 'ticket:update' && (r.args[0] as { status: string }).status === 'called');
    while (round < 12 || !mineCalled()) {
      round++;
      for (const d of DESKS) {
        await issue(d.area);
        const call = await srv.request('POST', `${H}/windows/${d.window}/call-next`, { as: d.clerk, body: {} });
        if (call.status !== 200) continue;
        const called = call.body.ticket as { id: string; areaId: string };
        if (called.id === mine.id) {
          await readAll();
          expect(await passerBy(`${H}/tickets/${mine.key}/announcement.wav`)).toBe(200);
        }
        if ((round + Number(d.window)) % 4 === 0) await srv.post(`${H}/windows/${d.window}/recall`, d.clerk);
        if (d.area === 'estate' && round % 3 === 0 && called.id !== mine.id) {
          await srv.post(`${H}/windows/${d.window}/transfer`, d.clerk, { areaId: called.areaId === 'tax' ? 'fund' : 'tax' });
        } else if ((round + Number(d.window)) % 5 === 0 && called.id !== mine.id) {
          await srv.post(`${H}/windows/${d.window}/no-show`, d.clerk);
        } else {
          await srv.post(`${H}/windows/${d.window}/start`, d.clerk);
          await srv.post(`${H}/windows/${d.window}/complete`, d.clerk);
        }
      }
      if (round % 4 === 0) await readAll();
      if (round > 40) throw new Error('the followed ticket was never called');
    }
    await readAll();
    const statuses = () => received.filter((r) => r.event === 'ticket:update').map((r) => (r.args[0] as { status: string }).status);
    await vi.waitFor(() => expect(statuses()).toContain('done'));

    // The phone heard about its own ticket only, and its figures moved as the queue did.
    expect(new Set(received.map((r) => r.event))).toEqual(new Set(['ticket:update']));
    const updates = received.map((r) => r.args[0] as { number: string; ahead: number | null });
    expect(updates.every((u) => u.number === mine.number)).toBe(true);
    expect(new Set(updates.map((u) => u.ahead)).size).toBeGreaterThan(2);
    expect(statuses()).toEqual(expect.arrayContaining(['waiting', 'called', 'done']));

    // Nothing public names any other ticket, by id or credential, nor this ticket by its id.
    expect(tickets.length).toBeGreaterThan(90);
    const phoneText = JSON.stringify(received);
    const publicText = answers.join('\n');
    const leaks: string[] = [];
    for (const t of tickets) {
      const secrets = t === mine ? [t.id] : [t.id, t.key];
      for (const s of secrets) {
        if (phoneText.includes(s)) leaks.push(`phone socket: ${t.number} ${s}`);
        if (publicText.includes(s)) leaks.push(`public answer: ${t.number} ${s}`);
      }
    }
    expect(leaks).toEqual([]);
    // The request log names no credential either (it writes the public paths without them).
    const logText = srv.logs.map((l) => JSON.stringify(l)).join('\n');
    expect(logText).toContain(`${H}/tickets/…`);
    expect(tickets.filter((t) => logText.includes(t.key))).toEqual([]);

    // The display, signed in, saw every ticket's events by id, and never a credential.
    const screenText = JSON.stringify(screen);
    const issuedOnScreen = new Set(screen.filter((e) => e.type === 'ticket.issued').map((e) => (e as { ticket: { id: string } }).ticket.id));
    for (const t of tickets.slice(DESKS.length * 4 + 1)) expect(issuedOnScreen.has(t.id)).toBe(true);
    expect(screen.some((e) => e.type === 'ticket.transferred')).toBe(true);
    expect(screen.some((e) => e.type === 'ticket.no_show')).toBe(true);
    expect(screen.some((e) => e.type === 'ticket.recalled')).toBe(true);
    expect(tickets.filter((t) => screenText.includes(t.key))).toEqual([]);
  });

  it('a ticket’s id opens nothing public; a credential opens only its own ticket, today', async () => {
    const a = withCredential(await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201));
    const b = withCredential(await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201));
    expect((await srv.request('GET', `${H}/tickets/${a.id}`)).status).toBe(404);
    expect((await srv.request('GET', `${H}/tickets/${a.id}`, { as: 'tonghai-display01' })).status).toBe(404);
    expect((await srv.request('GET', `/api/v1/halls/tonghai/tickets/${a.key}`)).status).toBe(404);
    const view = await srv.request('GET', `${H}/tickets/${b.key}`);
    expect(view.body.ticket).toMatchObject({ number: b.number, status: 'waiting', ahead: expect.any(Number) });
    expect(JSON.stringify(view.body)).not.toContain(b.id);
    expect(JSON.stringify(view.body)).not.toContain(a.key);
    // The hall's own screens name tickets by the id their events carry.
    expect((await srv.request('GET', `${H}/tickets/${a.id}`, { as: 'display01' })).status).toBe(200);
    // Staff follow tickets by id: neither the trail nor the ticket's events carry its credential.
    const trail = await srv.get(`${H}/trail?number=${a.number}`, 'manager');
    expect(trail.ticketId).toBe(a.id);
    expect(trail.events.map((e: { type: string }) => e.type)).toContain('ticket.issued');
    expect(JSON.stringify(trail)).not.toContain(a.key);
    expect(JSON.stringify(await srv.get(`${H}/tickets/${a.id}/events`, 'manager'))).not.toContain(a.key);
  });

  it("reads by credential, page or phone socket, are limited per address; the hall's screens are not", async () => {
    const t = withCredential(await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201));
    const from = (address: string, as?: string) => srv.request('GET', `${H}/tickets/${t.key}`, { as, headers: { 'x-forwarded-for': address } });
    // Wide enough for a hall's guest Wi-Fi behind one address (PUBLIC_TICKET_READS_PER_MINUTE).
    const statuses: Record<number, number> = {};
    for (let i = 0; i < PUBLIC_TICKET_READS_PER_MINUTE; i++) {
      const { status } = await from('10.99.0.1');
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    expect(statuses).toEqual({ 200: PUBLIC_TICKET_READS_PER_MINUTE });
    const refused = await from('10.99.0.1');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect((await srv.request('GET', `${H}/tickets/${t.key}/announcement.wav`, { headers: { 'x-forwarded-for': '10.99.0.1' } })).status).toBe(429);
    // A phone socket looks the ticket up by its credential too: the same allowance of its address.
    const phone = (address: string): Client => {
      const socket: Client = connect(`${srv.url}/halls`, {
        auth: { hallId: 'yuxi', credential: t.key },
        extraHeaders: { 'x-forwarded-for': address },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      return socket;
    };
    await expect(connected(phone('10.99.0.1'))).rejects.toThrow(/^rate_limited/);
    await connected(phone('10.99.0.3'));
    expect((await from('10.99.0.2')).status).toBe(200);
    expect((await from('10.99.0.1', 'display01')).status).toBe(200);
    clock.advance(60_000);
    expect((await from('10.99.0.1')).status).toBe(200);
  });
});
