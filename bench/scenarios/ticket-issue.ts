/**
 * Scenario 1 — ticket issue through the full HTTP path (kiosk token, Idempotency-Key as the kiosk
 * page sends it, rate-limit counter, hall runner, Lua append on Redis with `appendfsync always`,
 * durable high-water mark), many kiosks over several halls and all their areas, beside the floor:
 * the same clients against a bare Fastify route doing one INCR on the same Redis.
 */
import { randomUUID } from 'node:crypto';
import { api, login, startFloor, type Cluster } from '../support/cluster';
import { closedLoop, type LoadResult } from '../support/load';

export interface TicketIssueResult {
  clients: number;
  halls: number;
  floor: LoadResult;
  qms: LoadResult;
  /** Tickets per second as a share of the floor's requests per second. */
  shareOfFloor: number;
  checks: { answered201: number; duplicateNumbers: number; waitingOnBoards: number };
}

export async function ticketIssue(cluster: Cluster, opts: { clients: number; warmupMs: number; durationMs: number }): Promise<TicketIssueResult> {
  const node = cluster.nodes[0]!;
  const halls = cluster.halls;

  const floorServer = await startFloor(cluster.redis.url);
  let floor: LoadResult;
  try {
    floor = await closedLoop({
      base: floorServer.url,
      servers: [floorServer],
      redisUrl: cluster.redis.url,
      clients: opts.clients,
      warmupMs: opts.warmupMs,
      durationMs: opts.durationMs,
      client: async (i, http) => {
        const hall = halls[i % halls.length]!;
        let k = i;
        while (http.running()) {
          const r = await http.post('floor', `/floor/${hall.id}`, null, { areaId: hall.areaIds[k++ % hall.areaIds.length] });
          if (r.status !== 201) throw new Error(`floor answered ${r.status}`);
        }
      },
    });
  } finally {
    await floorServer.stop();
  }

  const tokens = new Map<string, string>();
  for (const h of halls) tokens.set(h.id, await login(node.url, h.kiosk));
  const numbers = new Map<string, Set<string>>(halls.map((h) => [h.id, new Set()]));
  let answered201 = 0;
  let duplicateNumbers = 0;
  const qms = await closedLoop({
    base: node.url,
    servers: [node],
    redisUrl: cluster.redis.url,
    clients: opts.clients,
    warmupMs: opts.warmupMs,
    durationMs: opts.durationMs,
    client: async (i, http) => {
      const hall = halls[i % halls.length]!;
      const token = tokens.get(hall.id)!;
      let k = Math.floor(i / halls.length);
      while (http.running()) {
        const areaId = hall.areaIds[k++ % hall.areaIds.length];
        const r = await http.post('issue', `/api/v1/halls/${hall.id}/tickets`, token, { areaId }, { 'idempotency-key': randomUUID() });
        if (r.status !== 201) throw new Error(`ticket issue answered ${r.status}: ${JSON.stringify(r.body)}`);
        answered201++;
        const seen = numbers.get(hall.id)!;
        if (seen.has(r.body.ticket.number)) duplicateNumbers++;
        seen.add(r.body.ticket.number);
      }
    },
  });

  // Every ticket answered is on the hall's board, once.
  const admin = await login(node.url, 'admin');
  let waitingOnBoards = 0;
  for (const h of halls) {
    const board = await api(node.url, 'GET', `/api/v1/halls/${h.id}/board`, admin);
    for (const a of board.body.areas as Array<{ waiting: number }>) waitingOnBoards += a.waiting;
  }
  const tickets = qms.ops.issue?.perSecond ?? 0;
  const floorRate = floor.ops.floor?.perSecond ?? 0;
  return {
    clients: opts.clients,
    halls: halls.length,
    floor,
    qms,
    shareOfFloor: floorRate ? Math.round((tickets / floorRate) * 1000) / 1000 : 0,
    checks: { answered201, duplicateNumbers, waitingOnBoards },
  };
}
