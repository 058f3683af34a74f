/**
 * Numbers never go back: when Redis comes back from an older AOF (a restore, a failover that lost
 * the last writes), no number already handed out is handed out again.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RedisProcess } from '../support/redis';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';

describe('Redis returning from an older AOF', () => {
  let redis: RedisProcess;
  let srv: TestServer;

  beforeAll(async () => {
    redis = await RedisProcess.start();
  });
  afterAll(async () => {
    await srv?.close();
    await redis?.stop();
  });

  const issue = async (s: TestServer) => {
    // Right after Redis restarts the server may still be reconnecting: the kiosk tries again.
    return vi.waitFor(
      async () => {
        const r = await s.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { areaId: 'insurance' } });
        expect(r.status).toBe(201);
        return r.body.ticket as { id: string; number: string };
      },
      { timeout: 10_000, interval: 50 },
    );
  };

  it('a running server puts the lost events back, and numbering goes on', async () => {
    srv = await startServer({ store: 'redis', redisUrl: redis.url });
    for (let i = 0; i < 3; i++) await issue(srv);
    const older = await redis.snapshot(); // Redis as it was after G003
    const g4 = await issue(srv);
    const g5 = await issue(srv);
    expect([g4.number, g5.number]).toEqual(['G004', 'G005']);

    await redis.restore(older); // G004 and G005 are gone from Redis
    expect((await issue(srv)).number).toBe('G006');
    const day = (await srv.get(`${H}/board`, 'display01')).day;
    const history = await srv.app.qms.service.history('yuxi', day);
    expect(history.filter((e) => e.type === 'ticket.issued').map((e) => 'ticket' in e && e.ticket.number)).toEqual([
      'G001',
      'G002',
      'G003',
      'G004',
      'G005',
      'G006',
    ]);
    expect(history.map((e) => e.version)).toEqual(history.map((_, i) => i + 1));
    expect(srv.logs.some((l) => l.msg === 'store lost events; restoring them')).toBe(true);
  });

  it('a restarted server (memory gone) numbers above every number printed, from its durable mark', async () => {
    const older = await redis.snapshot(); // G001–G006
    await issue(srv); // G007
    await issue(srv); // G008
    const { dataDir, redisPrefix } = srv;
    await srv.close({ keepData: true });
    await redis.restore(older); // G007 and G008 lost, and no server remembers them
    srv = await startServer({ store: 'redis', redisUrl: redis.url, dataDir, redisPrefix });
    const next = await issue(srv);
    expect(next.number).toBe('G009'); // a gap (G007, G008 lost), never a duplicate
  });
});
