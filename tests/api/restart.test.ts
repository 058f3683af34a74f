/**
 * A restart of the server (and, for Redis, of Redis itself) keeps every ticket and every window,
 * and the numbering goes on where it stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisProcess } from '../support/redis';
import { startServer, type StoreKind, type TestServer } from '../support/server';
import { ManualClock } from '../../server/app/clock';
import { config, put, renamed } from '../support/hall-config';
import { withCredential } from '../support/credentials';

const H = '/api/v1/halls/yuxi';

describe.each<StoreKind>(['embedded', 'redis'])('restarting on the %s store', (store) => {
  let redis: RedisProcess | undefined;
  let srv: TestServer;

  beforeAll(async () => {
    if (store === 'redis') redis = await RedisProcess.start();
  });
  afterAll(async () => {
    await srv?.close();
    await redis?.stop();
  });

  it('keeps every ticket and window and continues the numbering', async () => {
    srv = await startServer({ store, redisUrl: redis?.url });
    const tickets = [];
    for (let i = 0; i < 5; i++) tickets.push(withCredential(await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'insurance' }, 201)));
    await srv.post(`${H}/windows/16/sign-in`, 'clerk16');
    await srv.post(`${H}/windows/16/call-next`, 'clerk16');
    await srv.post(`${H}/windows/16/start`, 'clerk16');
    const before = await srv.get(`${H}/board`, 'display01');
    const clerkToken = await srv.login('clerk16');

    const { dataDir, redisPrefix } = srv;
    await srv.close({ keepData: true });
    if (redis) await redis.restart(); // Redis itself comes back from its AOF
    srv = await startServer({ store, redisUrl: redis?.url, dataDir, redisPrefix });

    const after = await srv.get(`${H}/board`, 'display01');
    expect(after.version).toBe(before.version);
    expect(after.windows.find((w: { id: string }) => w.id === '16')).toEqual(before.windows.find((w: { id: string }) => w.id === '16'));
    // The credentials in the citizens' QR codes survive the restart too.
    for (const t of tickets) expect((await srv.get(`${H}/tickets/${t.key}`)).ticket.number).toBe(t.number);

    // The clerk's token from before the restart still works (the signing secret was kept).
    const next = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'insurance' }, 201);
    expect(next.ticket.number).toBe('G006');
    const done = await srv.request('POST', `${H}/windows/16/complete`, { token: clerkToken, body: {} });
    expect(done.status).toBe(200);
    expect(done.body.ticket).toMatchObject({ number: 'G001', status: 'done' });
    expect((await srv.post(`${H}/windows/16/call-next`, 'clerk16')).ticket.number).toBe('G002');
  });

  it('replays a day whose windows changed mid-day to the same state: a rename, a removed idle window, a new one', async () => {
    await srv?.close();
    // One frozen moment on a Monday morning, so waits and estimates compare equal across the restart.
    const clock = new ManualClock(Date.parse('2026-11-30T10:00:00+08:00'));
    srv = await startServer({ store, redisUrl: redis?.url, clock });
    for (let i = 0; i < 3; i++) await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    // Window 21 serves one citizen and closes; then it is removed, 19 renamed, 22 added.
    await srv.post(`${H}/windows/21/sign-in`, 'clerk21');
    await srv.post(`${H}/windows/21/call-next`, 'clerk21');
    await srv.post(`${H}/windows/21/complete`, 'clerk21');
    await srv.post(`${H}/windows/21/sign-out`, 'clerk21');
    await srv.post(`${H}/windows/19/sign-in`, 'clerk19');
    await srv.post(`${H}/windows/19/call-next`, 'clerk19');
    const { version, hall } = await config(srv);
    const next = {
      ...renamed(hall, '19', '出入境窗口'),
      windows: [...renamed(hall, '19', '出入境窗口').windows.filter((w) => w.id !== '21'), { id: '22', number: 22, name: '22号窗口', areaIds: ['police'] }],
    };
    expect((await put(srv, next, version, 'admin')).status).toBe(200);
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    await srv.post(`${H}/windows/22/sign-in`, 'admin');
    const before = await srv.get(`${H}/board`, 'display01');
    expect(before.windows.map((w: { id: string }) => w.id)).toContain('22');
    expect(before.windows.map((w: { id: string }) => w.id)).not.toContain('21');
    expect(before.windows.find((w: { id: string }) => w.id === '19')).toMatchObject({ name: '出入境窗口' });

    const { dataDir, redisPrefix } = srv;
    await srv.close({ keepData: true });
    srv = await startServer({ store, redisUrl: redis?.url, dataDir, redisPrefix, clock });
    const after = await srv.get(`${H}/board`, 'display01');
    expect(after).toEqual(before);
    expect((await srv.post(`${H}/windows/19/complete`, 'clerk19')).ticket.status).toBe('done');
  });
});
