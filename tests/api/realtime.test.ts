/**
 * Socket.IO on a real server: a display receives every event of its hall, in version order, and
 * can catch up with hall:sync; bad tokens, other halls and foreign origins are refused. With Redis,
 * two server processes share the pushes.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, HallEvent, PublicTicket, ServerToClientEvents, SyncResult } from '../../server/protocol';
import { credentialOf } from '../support/credentials';
import { RedisProcess } from '../support/redis';
import { startServer, type StoreKind, type TestServer } from '../support/server';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const H = '/api/v1/halls/yuxi';

function open(url: string, auth: Record<string, unknown>, headers?: Record<string, string>): Client {
  return connect(`${url}/halls`, { auth, transports: ['websocket'], reconnection: false, extraHeaders: headers });
}

function connected(socket: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

function refused(socket: Client): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected but should have been refused')));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

describe.each<StoreKind>(['embedded', 'redis'])('realtime on the %s store', (store) => {
  let redis: RedisProcess | undefined;
  let srv: TestServer;
  const sockets: Client[] = [];

  beforeAll(async () => {
    if (store === 'redis') redis = await RedisProcess.start();
    srv = await startServer({ store, redisUrl: redis?.url });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await srv?.close();
    await redis?.stop();
  });

  it('delivers every event of the hall, in order, with consecutive versions', async () => {
    const socket = open(srv.url, { token: await srv.login('display01'), hallId: 'yuxi' });
    sockets.push(socket);
    const got: HallEvent[] = [];
    socket.on('hall:event', (e) => got.push(e));
    await connected(socket);

    await srv.post(`${H}/windows/12/sign-in`, 'clerk12');
    for (let i = 0; i < 10; i++) await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'business' }, 201);
    for (let i = 0; i < 5; i++) {
      await srv.post(`${H}/windows/12/call-next`, 'clerk12');
      await srv.post(`${H}/windows/12/complete`, 'clerk12');
    }
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'estate' }, 201); // other area, same hall
    await srv.post(`/api/v1/halls/tonghai/tickets`, 'tonghai-kiosk01', { areaId: 'estate' }, 201); // other hall

    await vi.waitFor(() => expect(got).toHaveLength(22));
    expect(got.map((e) => e.version)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(got.every((e) => e.hallId === 'yuxi')).toBe(true);
    const called = got.find((e) => e.type === 'ticket.called');
    expect(called).toMatchObject({ ticket: { number: 'E001', areaId: 'business', status: 'called' }, window: { id: '12', number: 12, name: '企业开办联办' } });
    expect(got.filter((e) => e.type === 'ticket.issued').every((e) => 'ticket' in e && e.ticket.status === 'waiting')).toBe(true);
  });

  it('hall:sync answers with the missed events, and with a snapshot for another day', async () => {
    const socket = open(srv.url, { token: await srv.login('display01'), hallId: 'yuxi' });
    sockets.push(socket);
    await connected(socket);
    const missed = await new Promise<SyncResult>((resolve) => socket.emit('hall:sync', { sinceVersion: 18 }, resolve));
    expect('events' in missed && missed.events.map((e) => e.version)).toEqual([19, 20, 21, 22]);
    const other = await new Promise<SyncResult>((resolve) => socket.emit('hall:sync', { sinceVersion: 3, day: '2020-01-01' }, resolve));
    expect('snapshot' in other && other.snapshot).toMatchObject({ hallId: 'yuxi', version: 22 });
    const bad = await new Promise<SyncResult>((resolve) => socket.emit('hall:sync', { sinceVersion: -1 }, resolve));
    expect(bad).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('refuses a bad token, a hall the user does not belong to, and a foreign Origin', async () => {
    expect(await refused(open(srv.url, { token: 'nonsense', hallId: 'yuxi' }))).toMatch(/unauthorized/);
    expect(await refused(open(srv.url, { token: await srv.login('tonghai-clerk01'), hallId: 'yuxi' }))).toMatch(/forbidden/);
    expect(await refused(open(srv.url, { token: await srv.login('display01') }))).toMatch(/unauthorized/);
    const foreign = open(srv.url, { token: await srv.login('display01'), hallId: 'yuxi' }, { origin: 'https://evil.example' });
    expect(await refused(foreign)).toBeTruthy();
    const own = open(srv.url, { token: await srv.login('display01'), hallId: 'yuxi' }, { origin: srv.url });
    sockets.push(own);
    await connected(own);
  });
});

describe('two server nodes (in one test process) on one Redis', () => {
  let redis: RedisProcess;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    a = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: 'shared:' });
    b = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: 'shared:' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('a display on one node sees calls made on the other, and both nodes number as one', async () => {
    const socket = open(b.url, { token: await b.login('display01'), hallId: 'yuxi' });
    const got: HallEvent[] = [];
    socket.on('hall:event', (e) => got.push(e));
    await connected(socket);
    // Signed in once per node first: sign-ins of one account sent all at once are counted before
    // their passwords are checked (the guessing limit), so twenty at once would meet it.
    await a.login('kiosk01');
    await b.login('kiosk01');
    // What the Socket.IO adapter writes to Redis (its stream): nodes push from their own fold of the
    // log, so events do not go through it (it used to carry every one, an fsynced write each).
    const adapterStream = new Redis(redis.url);
    const adapterEntries = await adapterStream.xlen('socket.io');
    const numbers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201).then((r) => r.ticket.number as string)),
    );
    expect([...numbers].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `D${String(i + 1).padStart(3, '0')}`));
    await a.post(`${H}/windows/9/sign-in`, 'clerk09');
    const { ticket } = await a.post(`${H}/windows/9/call-next`, 'clerk09');
    await vi.waitFor(() => expect(got.find((e) => e.type === 'ticket.called')).toMatchObject({ ticket: { id: ticket.id } }));
    expect(got.map((e) => e.version).sort((x, y) => x - y)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    // A few heartbeats between the nodes at most, not one entry per event.
    expect((await adapterStream.xlen('socket.io')) - adapterEntries).toBeLessThan(got.length / 2);
    adapterStream.disconnect();
    // Node B's state caught up with what A did: its board shows the call.
    const board = await b.get(`${H}/board`, 'display01');
    expect(board.recentCalls[0]).toMatchObject({ ticketId: ticket.id, windowId: '9' });
    socket.close();
  });
});

describe('a citizen’s phone following its ticket', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
  });
  afterAll(async () => srv?.close());

  it('connects with its credential instead of a token and is told its own figures and its call, never a hall event', async () => {
    const issued = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'fund' }, 201);
    const { ticket } = issued;
    const key = credentialOf(issued);
    expect(key).not.toBe(ticket.id);
    expect(await refused(open(srv.url, { hallId: 'yuxi', credential: 'not-a-ticket' }))).toMatch(/not_found/);
    // The id staff screens know the ticket by opens nothing for a phone.
    expect(await refused(open(srv.url, { hallId: 'yuxi', credential: ticket.id }))).toMatch(/not_found/);
    const display = open(srv.url, { token: await srv.login('display01'), hallId: 'yuxi' });
    const screen: HallEvent[] = [];
    display.on('hall:event', (e) => screen.push(e));
    await connected(display);
    const phone = open(srv.url, { hallId: 'yuxi', credential: key });
    const events: HallEvent[] = [];
    const updates: PublicTicket[] = [];
    phone.on('hall:event', (e) => events.push(e));
    phone.on('ticket:update', (t) => updates.push(t));
    await connected(phone);
    await vi.waitFor(() => expect(updates.at(-1)).toMatchObject({ number: ticket.number, status: 'waiting', window: null }));
    expect(typeof updates.at(-1)!.ahead).toBe('number');
    // A stranger's ticket changes nothing of this one: no message.
    const before = updates.length;
    const stranger = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201);
    await vi.waitFor(() => expect(screen.some((e) => e.type === 'ticket.issued' && e.ticket.id === stranger.ticket.id)).toBe(true));
    await new Promise((r) => setTimeout(r, 100));
    expect(updates.length).toBe(before);
    await srv.post(`${H}/windows/14/sign-in`, 'clerk14');
    await srv.post(`${H}/windows/14/call-next`, 'clerk14');
    await vi.waitFor(() => expect(updates.at(-1)).toMatchObject({ number: ticket.number, status: 'called', window: { number: 14 }, ahead: null }));
    const sync = await new Promise<SyncResult>((resolve) => phone.emit('hall:sync', { sinceVersion: 0 }, resolve));
    expect(sync).toMatchObject({ error: { code: 'forbidden' } });
    await vi.waitFor(() => expect(screen.find((e) => e.type === 'ticket.called')).toMatchObject({ ticket: { id: ticket.id }, window: { number: 14 } }));
    expect(events).toEqual([]);
    expect(JSON.stringify(updates)).not.toContain(ticket.id);
    // Screens never get the credential either.
    expect(JSON.stringify(screen)).not.toContain(key);
    phone.close();
    display.close();
  });
});
