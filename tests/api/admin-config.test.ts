/**
 * Hall configuration as live data over the API: read and change it with If-Match, refusals that list
 * every problem, changes the live day forbids, halls added and retired live, and the change history.
 * (A day whose windows changed mid-day replaying after a restart: `restart.test.ts`.)
 */
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisProcess } from '../support/redis';
import { config, CONFIG, put, renamed } from '../support/hall-config';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';

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

  it("reads a hall's configuration with its version, without staff or secrets", async () => {
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
    // The same problems, structured and in the request's language, for the console's forms.
    expect(consistencyBad.body.error.problems).toEqual([
      { path: 'areas[1].prefix', message: `号票字头 ${hall.areas[0]!.prefix} 重复` },
      { path: 'windows[0].areaIds', message: '1号窗口办理的区域 nowhere 不存在' },
    ]);
    const english = await srv.request('PUT', CONFIG, {
      as: 'manager',
      body: { hall: { ...broken, policy: hall.policy } },
      headers: { 'if-match': String(version), 'accept-language': 'en' },
    });
    expect(english.body.error.problems.map((p: { message: string }) => p.message)).toEqual([
      `ticket prefix ${hall.areas[0]!.prefix} is used twice`,
      'window 1 serves unknown area nowhere',
    ]);
    expect(schemaBad.body.error.problems).toEqual([{ path: 'policy.recallLimit', message: '“过号重呼上限”取值不符合要求（policy.recallLimit）' }]);
    expect((await config(srv)).version).toBe(version);
  });

  it('refuses removing a window with a clerk (window_in_use) or an area with a waiting ticket (area_in_use)', async () => {
    await srv.post(`${H}/windows/17/sign-in`, 'clerk17');
    const { version, hall } = await config(srv);
    const noWindow17 = await put(srv, { ...hall, windows: hall.windows.filter((w) => w.id !== '17') }, version);
    expect(noWindow17.status).toBe(409);
    expect(noWindow17.body.error.code).toBe('window_in_use');
    expect(noWindow17.body.error.problems).toEqual([{ path: 'windows', message: '17 窗口有工作人员登录或号票在办，不能删除' }]);

    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
    const noPolice = {
      ...hall,
      areas: hall.areas.filter((a) => a.id !== 'police'),
      windows: hall.windows.filter((w) => !w.areaIds.includes('police')),
      // A journey through the area would go too (its own rule refuses a journey through no area).
      journeys: hall.journeys?.filter((j) => !j.steps.some((s) => s.areaId === 'police')),
    };
    const refused = await put(srv, noPolice, version);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('area_in_use');
    expect((await config(srv)).version).toBe(version);
  });

  it("a manager's today-only window areas outlive saves that leave that window alone; changing its areas wins", async () => {
    await srv.post(`${H}/windows/19/areas`, 'manager', { areaIds: ['insurance'] });
    const areasOf19 = async () => (await srv.get(`${H}/board`, 'display01')).windows.find((w: { id: string }) => w.id === '19').areaIds;
    let { version, hall } = await config(srv);
    expect((await put(srv, renamed(hall, '18', '十八号'), version)).status).toBe(200);
    expect(await areasOf19()).toEqual(['insurance']);
    ({ version, hall } = await config(srv));
    const moved = { ...hall, windows: hall.windows.map((w) => (w.id === '19' ? { ...w, areaIds: ['police', 'tax'] } : w)) };
    expect((await put(srv, moved, version)).status).toBe(200);
    expect(await areasOf19()).toEqual(['police', 'tax']);
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
    // A phone or a screen cannot follow a retired hall either: the handshake is refused, not left hanging.
    const socket = connect(`${srv.url}/halls`, { auth: { hallId: 'chengjiang', ticketId: 'anything' }, transports: ['websocket'], reconnection: false });
    const handshake = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (err) => resolve(err.message));
    });
    socket.close();
    expect(handshake).toMatch(/^not_found/);
    const { changes } = await srv.get('/api/v1/admin/changes?hallId=chengjiang', 'admin');
    expect(changes.map((c: { version: number; by: string }) => [c.version, c.by])).toEqual([
      [1, 'admin'],
      [2, 'admin'],
    ]);
  });

  it('keeps the change history: who, when, before and after; managers read their own hall', async () => {
    const { changes } = await srv.get('/api/v1/admin/changes?hallId=yuxi', 'manager');
    const hallChanges = changes.filter((c: { key: string }) => c.key === 'hall:yuxi');
    expect(hallChanges[0]).toMatchObject({ key: 'hall:yuxi', version: 1, by: 'system', before: null });
    // The hall's catalogue is its own document, listed beside it.
    expect(changes.some((c: { key: string }) => c.key === 'catalogue:yuxi')).toBe(true);
    const rename = hallChanges.find((c: { version: number }) => c.version === 2);
    expect(rename.by).toBe('manager');
    expect(rename.before.windows.find((w: { id: string }) => w.id === '16').name).not.toBe('社保综合窗口');
    expect(rename.after.windows.find((w: { id: string }) => w.id === '16').name).toBe('社保综合窗口');
    expect((await srv.request('GET', '/api/v1/admin/changes?hallId=yuxi', { as: 'tonghai-manager' })).status).toBe(403);
  });
});
