/**
 * A three-primary Redis Cluster (real processes, `redis-cli --cluster create`) behind two server
 * nodes: halls land on different primaries (every key of a hall in its `{hallId}` slot), and on
 * each of them tickets are issued on one node, called on the other, and the hall's screens on
 * either node hear the events (the Socket.IO streams adapter on the Cluster).
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, HallEvent, ServerToClientEvents } from '../../server/protocol';
import { call, login } from '../support/node-http';
import { NodeProcess } from '../support/node-process';
import { RedisCluster } from '../support/redis-ha';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** yuxi's slot is served by the third primary; these two ids hash to the first and the second. */
const ADDED = ['chengjiang', 'huaning'];
const HALLS = ['yuxi', ...ADDED];

function screen(base: string, token: string, hallId: string): Promise<{ socket: Client; events: HallEvent[] }> {
  return new Promise((resolve, reject) => {
    const events: HallEvent[] = [];
    const socket: Client = connect(`${base}/halls`, { auth: { token, hallId }, transports: ['websocket'], reconnection: false });
    socket.on('hall:event', (e) => events.push(e));
    socket.once('connect', () => resolve({ socket, events }));
    socket.once('connect_error', reject);
  });
}

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) if (await probe()) return;
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

describe('Redis Cluster: halls on different shards, two server nodes', () => {
  let cluster: RedisCluster;
  let a: NodeProcess;
  let b: NodeProcess;
  const sockets: Client[] = [];

  beforeAll(async () => {
    cluster = await RedisCluster.start();
    // One primary without its AOF while node a starts: the start-up check asks every primary.
    await cluster.primaries[1]!.cli('CONFIG', 'SET', 'appendonly', 'no');
    const env = { QMS_REDIS_CLUSTER: cluster.nodeList, QMS_KIOSK_TICKETS_PER_MINUTE: '100000' };
    a = await NodeProcess.start(env);
    await cluster.primaries[1]!.cli('CONFIG', 'SET', 'appendonly', 'yes');
    b = await NodeProcess.start(env);
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await cluster?.stop();
  });

  it('warns at start about a primary without AOF, naming it (every primary is checked)', () => {
    const warnings = (node: NodeProcess) =>
      node.output
        .join('')
        .split('\n')
        .filter((l) => l.includes('appendonly is off'));
    const [, bare] = cluster.primaries;
    expect(warnings(a)).toHaveLength(1);
    expect(warnings(a)[0]).toContain(`redis: 127.0.0.1:${bare!.port}: appendonly is off`);
    expect(warnings(b)).toEqual([]);
  });

  it('halls live on different primaries, and each issues, calls and pushes across nodes', async () => {
    const admin = await login(a.url, 'admin');
    const { body: tonghai } = await call(a.url, 'GET', '/api/v1/admin/halls/tonghai/config', admin);
    for (const id of ADDED) {
      const hall = { ...tonghai.hall, id, name: `${id} 政务服务中心`, devices: [] };
      delete hall.retired;
      expect((await call(a.url, 'POST', '/api/v1/admin/halls', admin, { hall })).status).toBe(201);
    }
    // Node b learns the new halls from the configuration documents (pub/sub across the Cluster).
    const adminB = await login(b.url, 'admin');
    for (const id of ADDED) await until(`node b knows ${id}`, async () => (await call(b.url, 'GET', `/api/v1/halls/${id}`, adminB)).status === 200);

    const placement: Record<string, { slot: number; port: number }> = {};
    for (const hallId of HALLS) {
      const { body: config } = await call(a.url, 'GET', `/api/v1/admin/halls/${hallId}/config`, admin);
      const area = config.hall.areas[0];
      const window = config.hall.windows.find((w: { areaIds: string[] }) => w.areaIds.includes(area.id));
      const watchers = await Promise.all([screen(a.url, adminB, hallId), screen(b.url, admin, hallId)]);
      sockets.push(...watchers.map((w) => w.socket));

      const issued = await call(a.url, 'POST', `/api/v1/halls/${hallId}/tickets`, admin, { areaId: area.id });
      expect(issued.status, hallId).toBe(201);
      expect((await call(b.url, 'POST', `/api/v1/halls/${hallId}/windows/${window.id}/sign-in`, adminB, {})).status, hallId).toBe(200);
      const called = await call(b.url, 'POST', `/api/v1/halls/${hallId}/windows/${window.id}/call-next`, adminB, {});
      expect(called.status, hallId).toBe(200);
      expect(called.body.ticket.number).toBe(issued.body.ticket.number);
      for (const w of watchers) {
        await until(
          `${hallId}: a screen hears the issue and the call`,
          () =>
            w.events.some((e) => e.type === 'ticket.issued' && e.ticket.number === issued.body.ticket.number) &&
            w.events.some((e) => e.type === 'ticket.called' && e.ticket.number === issued.body.ticket.number),
        );
      }

      // The hall's keys are in one slot, on the primary serving it, and nowhere else.
      const days = `qms:{${hallId}}:days`;
      const owner = await cluster.owner(days);
      expect((await cluster.owner(`qms:{${hallId}}:events:2026-12-01`)).slot).toBe(owner.slot);
      expect(await owner.node.cli('EXISTS', days)).toBe('1');
      for (const other of cluster.primaries.filter((n) => n !== owner.node)) expect(await other.cli('KEYS', `qms:{${hallId}}:*`)).toBe('');
      placement[hallId] = { slot: owner.slot, port: owner.node.port };
    }
    // Each node pushed to its own screens from its own fold of the log: the screen on node b heard the
    // ticket issued on node a (and the one on node a the call made on node b) through the store's
    // append notice, which crossed the Cluster — asserted by the watchers above.
    console.log(`cluster placement: ${JSON.stringify(placement)}`);
    // Three halls, three primaries.
    expect(new Set(Object.values(placement).map((p) => p.port)).size).toBe(3);
  }, 120_000);

  it('the global keys work on the Cluster too: a kiosk’s allowance counter, and a sign-out seen by the other node', async () => {
    const kiosk = await login(a.url, 'kiosk01');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(i % 2 ? a.url : b.url, 'POST', '/api/v1/halls/yuxi/tickets', kiosk, { areaId: 'tax' })).status);
    expect(statuses).toEqual([201, 201, 201]);
    const manager = await login(a.url, 'manager');
    expect((await call(a.url, 'GET', '/api/v1/auth/me', manager)).status).toBe(200);
    expect((await call(b.url, 'POST', '/api/v1/auth/logout', manager)).status).toBe(200);
    expect((await call(a.url, 'GET', '/api/v1/auth/me', manager)).status).toBe(401);
  }, 60_000);
});
