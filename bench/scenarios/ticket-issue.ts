/**
 * Scenario 1 — ticket issue through the full HTTP path (kiosk token, Idempotency-Key as the kiosk
 * page sends it, rate-limit counter, hall runner, Lua append on Redis with `appendfsync always`,
 * durable high-water mark, push to displays), many kiosks over several halls and all their areas,
 * beside the floor: the same clients against a bare Fastify route doing one INCR on the same Redis.
 * Then the same load with fewer and more kiosks (where the latency goes as the load changes), and
 * on two nodes with the halls split between them (as a load balancer keyed by hall would).
 */
import { randomUUID } from 'node:crypto';
import { api, login, startFloor, type Cluster } from '../support/cluster';
import { closedLoop, type LoadResult } from '../support/load';
import type { ServerProcess } from '../support/server-process';

export interface IssueChecks {
  answered201: number;
  duplicateNumbers: number;
  /** Waiting tickets the boards gained during the run: every ticket answered, once. */
  waitingAdded: number;
  /** Waiting over all halls when the run began (a longer queue costs more per ticket). */
  waitingBefore: number;
}

export interface TicketIssueResult {
  clients: number;
  halls: number;
  floor: LoadResult;
  qms: LoadResult;
  /** Tickets per second as a share of the floor's requests per second. */
  shareOfFloor: number;
  checks: IssueChecks;
}

/** One point of the load curve (a shorter run than the main one). */
export interface IssuePoint {
  clients: number;
  nodes: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU per ticket (ms) and the share of a core each node used. */
  serverCpuMsPerTicket: number;
  serverCores: number;
  checks: IssueChecks;
}

async function waitingOnBoards(cluster: Cluster, admin: string): Promise<number> {
  let waiting = 0;
  for (const h of cluster.halls) {
    const board = await api(cluster.nodes[0]!.url, 'GET', `/api/v1/halls/${h.id}/board`, admin);
    for (const a of board.body.areas as Array<{ waiting: number }>) waiting += a.waiting;
  }
  return waiting;
}

/** Kiosk clients issuing tickets as fast as answers come; hall i is served by node i mod nodes. */
async function issueTickets(
  cluster: Cluster,
  nodes: ServerProcess[],
  opts: { clients: number; warmupMs: number; durationMs: number },
): Promise<{ load: LoadResult; checks: IssueChecks }> {
  const halls = cluster.halls;
  const admin = await login(nodes[0]!.url, 'admin');
  const tokens = new Map<string, string>();
  for (const h of halls) tokens.set(h.id, await login(nodes[0]!.url, h.kiosk));
  const numbers = new Map<string, Set<string>>(halls.map((h) => [h.id, new Set()]));
  const before = await waitingOnBoards(cluster, admin);
  let answered201 = 0;
  let duplicateNumbers = 0;
  const load = await closedLoop({
    base: nodes.map((n) => n.url),
    servers: nodes,
    redisUrl: cluster.redis.url,
    clients: opts.clients,
    warmupMs: opts.warmupMs,
    durationMs: opts.durationMs,
    client: async (i, http) => {
      const h = i % halls.length;
      const hall = halls[h]!;
      const token = tokens.get(hall.id)!;
      let k = Math.floor(i / halls.length);
      while (http.running()) {
        const areaId = hall.areaIds[k++ % hall.areaIds.length];
        const r = await http.post('issue', `/api/v1/halls/${hall.id}/tickets`, token, { areaId }, { 'idempotency-key': randomUUID() }, h % nodes.length);
        if (r.status !== 201) throw new Error(`ticket issue answered ${r.status}: ${JSON.stringify(r.body)}`);
        answered201++;
        const seen = numbers.get(hall.id)!;
        if (seen.has(r.body.ticket.number)) duplicateNumbers++;
        seen.add(r.body.ticket.number);
      }
    },
  });
  const waitingAdded = (await waitingOnBoards(cluster, admin)) - before;
  return { load, checks: { answered201, duplicateNumbers, waitingAdded, waitingBefore: before } };
}

export async function ticketIssue(cluster: Cluster, opts: { clients: number; warmupMs: number; durationMs: number }): Promise<TicketIssueResult> {
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
          const r = await http.post(
            'floor',
            `/floor/${hall.id}`,
            null,
            { areaId: hall.areaIds[k++ % hall.areaIds.length] },
            { 'idempotency-key': randomUUID() },
          );
          if (r.status !== 201) throw new Error(`floor answered ${r.status}`);
        }
      },
    });
  } finally {
    await floorServer.stop();
  }
  const { load: qms, checks } = await issueTickets(cluster, [cluster.nodes[0]!], opts);
  const tickets = qms.ops.issue?.perSecond ?? 0;
  const floorRate = floor.ops.floor?.perSecond ?? 0;
  return {
    clients: opts.clients,
    halls: halls.length,
    floor,
    qms,
    shareOfFloor: floorRate ? Math.round((tickets / floorRate) * 1000) / 1000 : 0,
    checks,
  };
}

/** The same load with `clients` kiosks on `nodes` (default: the first node only). */
export async function ticketIssuePoint(
  cluster: Cluster,
  opts: { clients: number; warmupMs: number; durationMs: number; nodes?: ServerProcess[] },
): Promise<IssuePoint> {
  const nodes = opts.nodes ?? [cluster.nodes[0]!];
  const { load, checks } = await issueTickets(cluster, nodes, opts);
  const issue = load.ops.issue!;
  return {
    clients: opts.clients,
    nodes: nodes.length,
    perSecond: issue.perSecond,
    p50Ms: issue.p50Ms,
    p99Ms: issue.p99Ms,
    serverCpuMsPerTicket: load.cpuMsPerRequest.servers,
    serverCores: load.cores.servers,
    checks,
  };
}
