/**
 * Issue 24 — ticket issue in ONE hall (32 kiosk clients, all on one hall's runner, Redis AOF
 * always), empty and with 5,000 tickets already open, beside the floor measured in the same run.
 * The cost of a ticket must not grow with the hall: the full hall's rate is compared with the
 * empty hall's, and the server's CPU per ticket is given beside each rate.
 *
 * Two halls of one node: the first is measured from empty; the second is filled to `open` waiting
 * tickets first (not measured), then measured. `--cpu-prof` on the node (nodeArgs) profiles both.
 */
import { randomUUID } from 'node:crypto';
import { api, login, startCluster, startFloor } from '../support/cluster';
import { closedLoop, type LoadResult } from '../support/load';

export interface HotPathPoint {
  /** Waiting tickets in the hall when the run began. */
  openBefore: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  serverCpuMsPerTicket: number;
  serverCores: number;
  /** Redis commands per ticket (INFO commandstats; those a script runs inside Redis included). */
  redisCommandsPerTicket: Record<string, number>;
}

export interface HotPathResult {
  clients: number;
  floor: { perSecond: number; p50Ms: number; p99Ms: number };
  empty: HotPathPoint;
  full: HotPathPoint;
  /** empty.perSecond / floor. */
  shareOfFloor: number;
  /** full.perSecond / empty.perSecond. */
  fullOverEmpty: number;
}

export async function hotPath(opts: {
  clients: number;
  warmupMs: number;
  durationMs: number;
  open: number;
  nodeArgs?: string[];
  log: (...a: unknown[]) => void;
}): Promise<HotPathResult> {
  const cluster = await startCluster({ nodes: 1, halls: 2, nodeArgs: opts.nodeArgs });
  try {
    const node = cluster.nodes[0]!;
    const admin = await login(node.url, 'admin');
    const waitingIn = async (hallId: string) =>
      ((await api(node.url, 'GET', `/api/v1/halls/${hallId}/board`, admin)).body.areas as Array<{ waiting: number }>).reduce((n, a) => n + a.waiting, 0);

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
          const hall = cluster.halls[0]!;
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

    const run = async (hallIndex: number): Promise<HotPathPoint> => {
      const hall = cluster.halls[hallIndex]!;
      const token = await login(node.url, hall.kiosk);
      const openBefore = await waitingIn(hall.id);
      const load = await closedLoop({
        base: node.url,
        servers: [node],
        redisUrl: cluster.redis.url,
        clients: opts.clients,
        warmupMs: opts.warmupMs,
        durationMs: opts.durationMs,
        client: async (i, http) => {
          let k = i;
          while (http.running()) {
            const r = await http.post(
              'issue',
              `/api/v1/halls/${hall.id}/tickets`,
              token,
              { areaId: hall.areaIds[k++ % hall.areaIds.length] },
              { 'idempotency-key': randomUUID() },
            );
            if (r.status !== 201) throw new Error(`ticket issue answered ${r.status}: ${JSON.stringify(r.body)}`);
          }
        },
      });
      const issue = load.ops.issue!;
      return {
        openBefore,
        perSecond: issue.perSecond,
        p50Ms: issue.p50Ms,
        p99Ms: issue.p99Ms,
        serverCpuMsPerTicket: load.cpuMsPerRequest.servers,
        serverCores: load.cores.servers,
        redisCommandsPerTicket: load.redisCommandsPerRequest,
      };
    };

    const empty = await run(0);
    opts.log('one hall, empty', empty);
    // Fill the second hall (not measured): 32 at a time.
    const full = cluster.halls[1]!;
    const token = await login(node.url, full.kiosk);
    for (let done = await waitingIn(full.id); done < opts.open; done += 32) {
      await Promise.all(
        Array.from({ length: Math.min(32, opts.open - done) }, (_, k) =>
          api(node.url, 'POST', `/api/v1/halls/${full.id}/tickets`, token, { areaId: full.areaIds[(done + k) % full.areaIds.length] }).then((r) => {
            if (r.status !== 201) throw new Error(`fill: ${r.status}`);
          }),
        ),
      );
    }
    const fullPoint = await run(1);
    opts.log(`one hall, ${fullPoint.openBefore} open`, fullPoint);
    const floorRate = floor.ops.floor?.perSecond ?? 0;
    return {
      clients: opts.clients,
      floor: { perSecond: floorRate, p50Ms: floor.ops.floor?.p50Ms ?? 0, p99Ms: floor.ops.floor?.p99Ms ?? 0 },
      empty,
      full: fullPoint,
      shareOfFloor: floorRate ? Math.round((empty.perSecond / floorRate) * 1000) / 1000 : 0,
      fullOverEmpty: empty.perSecond ? Math.round((fullPoint.perSecond / empty.perSecond) * 1000) / 1000 : 0,
    };
  } finally {
    await cluster.stop();
  }
}
