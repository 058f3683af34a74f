/**
 * Bad input gets a 4xx with a stable code naming what is wrong; access is by role and hall;
 * hours, rate limits and faults answer fast and clearly.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RedisProcess } from '../support/redis';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';

describe('errors and access on a real server', () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', env: { QMS_KIOSK_TICKETS_PER_MINUTE: '5', QMS_LOGIN_FAILURES_PER_15_MINUTES: '3' } });
  });
  afterAll(async () => srv?.close());

  it('names the field that is wrong with 400 invalid_request', async () => {
    const cases: Array<[unknown, string]> = [
      [{ areaId: 'nowhere' }, 'areaId'],
      [{}, 'areaId'],
      [{ areaId: 'tax', priority: 'vip' }, 'priority'],
      [{ areaId: 5 }, 'areaId'],
      [{ serviceId: 'no-such-service' }, 'serviceId'],
    ];
    for (const [body, field] of cases) {
      const res = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', field });
      expect(res.body.error.message).toContain(field);
    }
  });

  it('answers broken JSON with 400 and a body over 1 MB with 413', async () => {
    const broken = await srv.request('POST', `${H}/tickets`, { as: 'manager', body: '{"areaId": ', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_request');
    const huge = await srv.request('POST', `${H}/notices`, { as: 'manager', body: { text: 'x'.repeat(1_100_000) } });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it('401 without a valid token, 403 for the wrong role or hall, 404 for what does not exist', async () => {
    const none = await srv.request('POST', `${H}/tickets`, { body: { areaId: 'tax' } });
    expect([none.status, none.body.error.code]).toEqual([401, 'unauthorized']);
    const forged = await srv.request('GET', `${H}/board`, { token: 'eyJhbGciOiJIUzI1NiJ9.e30.bad' });
    expect(forged.status).toBe(401);
    const displayIssuing = await srv.request('POST', `${H}/tickets`, { as: 'display01', body: { areaId: 'tax' } });
    expect([displayIssuing.status, displayIssuing.body.error.code]).toEqual([403, 'forbidden']);
    const otherHall = await srv.request('POST', `${H}/windows/1/sign-in`, { as: 'tonghai-clerk01', body: {} });
    expect([otherHall.status, otherHall.body.error.code]).toEqual([403, 'forbidden']);
    const otherWindow = await srv.request('POST', `${H}/windows/2/sign-in`, { as: 'clerk01', body: {} });
    expect(otherWindow.status).toBe(200);
    const notMine = await srv.request('POST', `${H}/windows/2/call-next`, { as: 'clerk03', body: {} });
    expect([notMine.status, notMine.body.error.code, notMine.body.error.reason]).toEqual([403, 'forbidden', 'not_window_clerk']);
    const trail = await srv.request('GET', `${H}/tickets/abc/events`, { as: 'clerk01' });
    expect(trail.status).toBe(403);
    expect((await srv.request('GET', '/api/v1/halls/atlantis/board', { as: 'admin' })).body.error).toMatchObject({
      code: 'not_found',
      reason: 'hall_not_found',
    });
    expect((await srv.request('POST', `${H}/windows/99/call-next`, { as: 'manager', body: {} })).body.error).toMatchObject({
      code: 'not_found',
      reason: 'window_not_found',
    });
    expect((await srv.request('GET', `${H}/tickets/AAAAAAAAAAAAAAAA`)).status).toBe(404);
    expect((await srv.request('GET', '/api/v1/nothing/here')).body.error.code).toBe('not_found');
  });

  it('lists the halls a user may see, and a hall with its areas and windows in number order', async () => {
    expect(await srv.get('/api/v1/halls', 'admin')).toEqual([
      { id: 'yuxi', name: '玉溪市政务服务中心' },
      { id: 'tonghai', name: '通海县政务服务中心' },
    ]);
    expect(await srv.get('/api/v1/halls', 'clerk01')).toEqual([{ id: 'yuxi', name: '玉溪市政务服务中心' }]);
    const hall = await srv.get(H, 'kiosk01');
    expect(hall.areas.map((a: { id: string }) => a.id)).toEqual(['invest', 'estate', 'utility', 'tax', 'business', 'fund', 'insurance', 'police']);
    expect(hall.areas.map((a: { prefix: string }) => a.prefix).join('')).toBe('ABCDEFGH');
    expect(hall.windows.map((w: { number: number }) => w.number)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(hall.windows.filter((w: { areaIds: string[] }) => w.areaIds.length === 1 && w.areaIds[0] === 'tax').length).toBeGreaterThanOrEqual(1);
    expect(hall.timezone).toBe('Asia/Shanghai');
  });

  it('limits failed sign-ins per user and address with 429', async () => {
    for (let i = 0; i < 3; i++)
      expect((await srv.request('POST', '/api/v1/auth/login', { body: { username: 'clerk05', password: 'wrong' } })).status).toBe(401);
    const limited = await srv.request('POST', '/api/v1/auth/login', { body: { username: 'clerk05', password: 'demo' } });
    expect([limited.status, limited.body.error.code]).toEqual([429, 'rate_limited']);
    expect((await srv.request('POST', '/api/v1/auth/login', { body: { username: 'clerk06', password: 'demo' } })).status).toBe(200);
  });

  it('limits tickets per kiosk device with 429, but not staff', async () => {
    const codes = [];
    for (let i = 0; i < 7; i++) codes.push((await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { areaId: 'invest' } })).status);
    expect(codes.filter((c) => c === 201).length).toBeLessThanOrEqual(5);
    expect(codes).toContain(429);
    for (let i = 0; i < 7; i++) expect((await srv.request('POST', `${H}/tickets`, { as: 'clerk01', body: { areaId: 'invest' } })).status).toBe(201);
  });
});

describe('opening hours and QMS_CLOCK_START', () => {
  it('refuses tickets at night with 409 hall_closed, and the board says it is closed', async () => {
    const srv = await startServer({ store: 'embedded', env: { QMS_ALWAYS_OPEN: '0', QMS_CLOCK_START: '2026-11-26T22:30:00+08:00' } });
    try {
      const res = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { areaId: 'tax' } });
      expect([res.status, res.body.error.code]).toEqual([409, 'hall_closed']);
      const board = await srv.get(`${H}/board`, 'display01');
      expect(board.session).toEqual({ kind: 'closed', start: null, end: null, extended: false });
      expect(board.now.startsWith('2026-11-26T22:3')).toBe(true);
      expect(board.now.endsWith('+08:00')).toBe(true);
    } finally {
      await srv.close();
    }
  });

  it('opens the Wednesday night market 19:00–21:00', async () => {
    const srv = await startServer({ store: 'embedded', env: { QMS_ALWAYS_OPEN: '0', QMS_CLOCK_START: '2026-12-02T19:05:00+08:00' } });
    try {
      expect((await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'estate' }, 201)).ticket.number).toBe('B001');
      const board = await srv.get(`${H}/board`, 'display01');
      expect(board.session).toEqual({ kind: 'night', start: '19:00', end: '21:00', extended: false });
    } finally {
      await srv.close();
    }
  });
});

describe('when Redis goes away', () => {
  it('answers 503 store_unavailable within a second, /healthz says so, and service resumes with the numbering continued', async () => {
    const redis = await RedisProcess.start();
    const srv = await startServer({ store: 'redis', redisUrl: redis.url });
    try {
      await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'police' }, 201);
      await srv.login('kiosk01');
      await redis.kill();
      const started = performance.now();
      const res = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { areaId: 'police' } });
      const ms = performance.now() - started;
      expect([res.status, res.body.error.code]).toEqual([503, 'store_unavailable']);
      expect(ms).toBeLessThan(1000);
      expect((await srv.request('GET', '/healthz')).status).toBe(503);
      await redis.restart();
      // The client reconnects by itself; the kiosk simply tries again until it gets its ticket.
      const next = await vi.waitFor(
        async () => {
          const r = await srv.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { areaId: 'police' } });
          expect(r.status).toBe(201);
          return r;
        },
        { timeout: 10_000, interval: 50 },
      );
      expect(next.body.ticket.number).toBe('H002');
      expect((await srv.request('GET', '/healthz')).body).toEqual({ status: 'ok', store: 'redis' });
    } finally {
      await srv.close();
      await redis.stop();
    }
  });
});
