/**
 * Hall configuration as live data over the API: read and change it with If-Match, refusals that list
 * every problem, changes the live day forbids, halls added and retired live, the change history, and
 * a day whose windows changed mid-day replaying after a restart on both stores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisProcess } from '../support/redis';
import { startServer, type StoreKind, type TestServer } from '../support/server';
import { ManualClock } from '../../server/app/clock';

const H = '/api/v1/halls/yuxi';
const CONFIG = '/api/v1/admin/halls/yuxi/config';

type Hall = { id: string; name: string; areas: Array<{ id: string; prefix: string }>; windows: Array<{ id: string; number: number; name: string; areaIds: string[] }>; policy: { recallLimit: number }; retired: boolean; [k: string]: unknown };

async function config(srv: TestServer, as = 'admin'): Promise<{ version: number; hall: Hall }> {
  return srv.get(CONFIG, as);
}

function put(srv: TestServer, hall: unknown, version: number | null, as = 'manager', path = CONFIG) {
  return srv.request('PUT', path, { as, body: { hall }, headers: version === null ? {} : { 'if-match': String(version) } });
}

function renamed(hall: Hall, windowId: string, name: string): Hall {
  return { ...hall, windows: hall.windows.map((w) => (w.id === windowId ? { ...w, name } : w)) };
}

describe('hall configuration over the API', () => {
  let redis: RedisProcess;
  let srv: TestServer;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    srv = await startServer({ store: 'redis', redisUrl: redis.url });
  });
  afterAll(async () => {
    await srv?.close();
    await redis?.stop();
  });

  it('reads a hall\'s configuration with its version, without staff or secrets', async () => {
    const { version, hall } = await config(srv, 'manager');
    expect(version).toBe(1);
    expect(hall).toMatchObject({ id: 'yuxi', retired: false });
    expect(hall).not.toHaveProperty('staff');
    expect(JSON.stringify(hall)).not.toMatch(/passwordHash/);
    expect((await srv.request('GET', '/api/v1/admin/halls/yuxi/config', { as: 'tonghai-manager' })).status).toBe(403);
  });

  it('changes it only at the current version (If-Match), and the board shows a renamed window at once', async () => {
    const { version, hall } = await config(srv);
    expect((await put(srv, renamed(hall, '16', '社保综合窗口'), null)).status).toBe(400);
    const stale = await put(srv, renamed(hall, '16', '社保综合窗口'), version - 1 || version + 5);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const ok = await put(srv, renamed(hall, '16', '社保综合窗口'), version);
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(version + 1);
    const board = await srv.get(`${H}/board`, 'display01');
    expect(board.windows.find((w: { id: string }) => w.id === '16').name).toBe('社保综合窗口');
    expect((await put(srv, hall, version)).body.error.code).toBe('version_conflict');
  });

  it('refuses an invalid configuration with 400 listing every problem', async () => {
    const { version, hall } = await config(srv);
    const broken = {
      ...hall,
      policy: { ...hall.policy, recallLimit: 99 },
      areas: hall.areas.map((a, i) => (i === 1 ? { ...a, prefix: hall.areas[0]!.prefix } : a)),
      windows: hall.windows.map((w, i) => (i === 0 ? { ...w, areaIds: ['nowhere'] } : w)),
    };
    const schemaBad = await put(srv, broken, version);
    expect(schemaBad.status).toBe(400);
    expect(schemaBad.body.error.code).toBe('invalid_config');
    expect(schemaBad.body.error.message).toMatch(/\/policy\/recallLimit/);

    const consistencyBad = await put(srv, { ...broken, policy: hall.policy }, version);
    expect(consistencyBad.status).toBe(400);
    expect(consistencyBad.body.error.message).toMatch(/ticket prefix .* is used twice/);
    expect(consistencyBad.body.error.message).toMatch(/serves unknown area nowhere/);
    expect((await config(srv)).version).toBe(version);
  });

  it('refuses removing a window with a clerk (window_in_use) or an area with a waiting ticket (area_in_use)', async () => {
    await srv.post(`${H}/windows/17/sign-in`, 'clerk17');
    const { version, hall } = await config(srv);
    const noWindow17 = await put(srv, { ...hall, windows: hall.windows.filter((w) => w.id !== '17') }, version);
    expect(noWindow17.status).toBe(409);
    expect(noWindow17.body.error.code).toBe('window_in_use');

    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    const noPolice = {
      ...hall,
      areas: hall.areas.filter((a) => a.id !== 'police'),
      windows: hall.windows.filter((w) => !w.areaIds.includes('police')),
    };
    const refused = await put(srv, noPolice, version);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('area_in_use');
    expect((await config(srv)).version).toBe(version);
  });

  it('adds a hall live: it is listed and takes tickets', async () => {
    const { hall: tonghai } = await srv.get('/api/v1/admin/halls/tonghai/config', 'admin');
    const hall = { ...tonghai, id: 'chengjiang', name: '澄江市政务服务中心', devices: [] };
    delete (hall as { retired?: boolean }).retired;
    const added = await srv.request('POST', '/api/v1/admin/halls', { as: 'admin', body: { hall } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ version: 1, hall: { id: 'chengjiang', retired: false } });
    expect((await srv.request('POST', '/api/v1/admin/halls', { as: 'admin', body: { hall } })).body.error.code).toBe('hall_exists');
    const list = await srv.get('/api/v1/halls');
    expect(JSON.stringify(list)).toContain('chengjiang');
    const ticket = await srv.post('/api/v1/halls/chengjiang/tickets', 'admin', { areaId: hall.areas[0].id }, 201);
    expect(ticket.ticket.number).toBe(`${hall.areas[0].prefix}001`);
  });

  it('retires a hall: it leaves the list and refuses commands; its history stays', async () => {
    const retired = await srv.request('POST', '/api/v1/admin/halls/chengjiang/retire', { as: 'admin', body: {} });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ version: 2, hall: { retired: true } });
    expect(JSON.stringify(await srv.get('/api/v1/halls'))).not.toContain('chengjiang');
    const refused = await srv.request('POST', '/api/v1/halls/chengjiang/tickets', { as: 'admin', body: { areaId: 'business' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('hall_retired');
    const { changes } = await srv.get('/api/v1/admin/changes?hallId=chengjiang', 'admin');
    expect(changes.map((c: { version: number; by: string }) => [c.version, c.by])).toEqual([
      [1, 'admin'],
      [2, 'admin'],
    ]);
  });

  it('keeps the change history: who, when, before and after; managers read their own hall', async () => {
    const { changes } = await srv.get('/api/v1/admin/changes?hallId=yuxi', 'manager');
    expect(changes[0]).toMatchObject({ key: 'hall:yuxi', version: 1, by: 'system', before: null });
    const rename = changes.find((c: { version: number }) => c.version === 2);
    expect(rename.by).toBe('manager');
    expect(rename.before.windows.find((w: { id: string }) => w.id === '16').name).not.toBe('社保综合窗口');
    expect(rename.after.windows.find((w: { id: string }) => w.id === '16').name).toBe('社保综合窗口');
    expect((await srv.request('GET', '/api/v1/admin/changes?hallId=yuxi', { as: 'tonghai-manager' })).status).toBe(403);
  });
});

describe.each<StoreKind>(['embedded', 'redis'])('a day whose windows changed mid-day, restarted on the %s store', (store) => {
  let redis: RedisProcess | undefined;
  let srv: TestServer;

  beforeAll(async () => {
    if (store === 'redis') redis = await RedisProcess.start();
  });
  afterAll(async () => {
    await srv?.close();
    await redis?.stop();
  });

  it('replays to the same state after a rename, a removed idle window and a new one', async () => {
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
