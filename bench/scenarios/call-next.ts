/**
 * Scenario 2 — windows calling and completing through the full HTTP path: each client is a clerk
 * signed in at one window, calling the next citizen and completing the service, again and again
 * (no pause in between: a counter terminal at the limit), with an Idempotency-Key as the counter
 * page sends. Every hall has its wall board connected, as in service, so each call also has its
 * announcement WAV made at once (espeak-ng; the server skips that while 20 are already being made).
 * Windows are spread over halls and areas. Beside it, the floor under the same number of clients.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { api, login, startFloor, type Cluster } from '../support/cluster';
import type { BenchHall } from '../support/bench-halls';
import { closedLoop, type LoadResult } from '../support/load';

export interface CallNextResult {
  clients: number;
  floor: LoadResult;
  qms: LoadResult;
  /** call-next + complete requests per second as a share of the floor's requests per second. */
  shareOfFloor: number;
  checks: { windowsRanOut: number; calledTwice: number; refused: number };
}

/** Windows ordered so the first few of a hall serve different areas (one per area, then a second, …). */
function spreadWindows(hall: BenchHall, windowAreas: Map<string, string>): Array<{ windowId: string; clerk: string }> {
  const rankInArea = new Map<string, number>();
  const ranked = hall.clerks.map((c) => {
    const area = windowAreas.get(c.windowId)!;
    const rank = rankInArea.get(area) ?? 0;
    rankInArea.set(area, rank + 1);
    return { ...c, rank };
  });
  return ranked.sort((a, b) => a.rank - b.rank).map(({ windowId, clerk }) => ({ windowId, clerk }));
}

export async function callNext(
  cluster: Cluster,
  opts: { clients: number; warmupMs: number; durationMs: number; waitingPerArea: number },
): Promise<CallNextResult> {
  const node = cluster.nodes[0]!;
  const halls = cluster.halls;
  const admin = await login(node.url, 'admin');

  // Which windows, on which halls.
  const chosen: Array<{ hall: BenchHall; windowId: string; clerk: string }> = [];
  const perHall = new Map<string, Array<{ windowId: string; clerk: string }>>();
  for (const h of halls) {
    const detail = (await api(node.url, 'GET', `/api/v1/halls/${h.id}`, admin)).body as { windows: Array<{ id: string; areaIds: string[] }> };
    perHall.set(h.id, spreadWindows(h, new Map(detail.windows.map((w) => [w.id, w.areaIds[0]!]))));
  }
  for (let i = 0; i < opts.clients; i++) {
    const h = halls[i % halls.length]!;
    const w = perHall.get(h.id)![Math.floor(i / halls.length)];
    if (!w) throw new Error(`hall ${h.id} has too few windows for ${opts.clients} clients`);
    chosen.push({ hall: h, ...w });
  }

  // Enough citizens waiting in every area (untimed): what ticket issue left, topped up.
  for (const h of halls) {
    const kiosk = await login(node.url, h.kiosk);
    const board = (await api(node.url, 'GET', `/api/v1/halls/${h.id}/board`, admin)).body as { areas: Array<{ id: string; waiting: number }> };
    const missing = board.areas.flatMap((a) => Array.from({ length: Math.max(0, opts.waitingPerArea - a.waiting) }, () => a.id));
    for (let i = 0; i < missing.length; i += 16) {
      await Promise.all(missing.slice(i, i + 16).map((areaId) => api(node.url, 'POST', `/api/v1/halls/${h.id}/tickets`, kiosk, { areaId })));
    }
  }

  const tokens: string[] = [];
  for (const c of chosen) {
    const token = await login(node.url, c.clerk);
    const r = await api(node.url, 'POST', `/api/v1/halls/${c.hall.id}/windows/${c.windowId}/sign-in`, token, {});
    if (r.status !== 200) throw new Error(`sign-in ${c.clerk}: ${r.status} ${JSON.stringify(r.body)}`);
    tokens.push(token);
  }

  // A wall board per hall on this node: with a screen listening, calls get their audio made.
  const boards: Socket[] = [];
  for (const h of halls) {
    const token = await login(node.url, h.display);
    const board = io(`${node.url}/halls`, { auth: { token, hallId: h.id }, transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      board.once('connect', () => resolve());
      board.once('connect_error', reject);
    });
    boards.push(board);
  }

  try {
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
          while (http.running()) {
            const r = await http.post('floor', `/floor/${chosen[i]!.hall.id}`, null, {});
            if (r.status !== 201) throw new Error(`floor answered ${r.status}`);
          }
        },
      });
    } finally {
      await floorServer.stop();
    }

    let windowsRanOut = 0;
    let refused = 0;
    const called = new Set<string>();
    let calledTwice = 0;
    const qms = await closedLoop({
      base: node.url,
      servers: [node],
      redisUrl: cluster.redis.url,
      clients: opts.clients,
      warmupMs: opts.warmupMs,
      durationMs: opts.durationMs,
      client: async (i, http) => {
        const { hall, windowId } = chosen[i]!;
        const token = tokens[i]!;
        const path = `/api/v1/halls/${hall.id}/windows/${windowId}`;
        while (http.running()) {
          // The counter page sends an Idempotency-Key with every POST, so a retried call never skips anyone.
          const r = await http.post('call-next', `${path}/call-next`, token, {}, { 'idempotency-key': randomUUID() });
          if (r.status !== 200) {
            refused++;
            throw new Error(`call-next at ${hall.id}/${windowId} answered ${r.status}: ${JSON.stringify(r.body)}`);
          }
          if (r.body.ticket === null) {
            windowsRanOut++;
            return;
          }
          const id = `${hall.id}/${r.body.ticket.id}`;
          if (called.has(id)) calledTwice++;
          called.add(id);
          const done = await http.post('complete', `${path}/complete`, token, {}, { 'idempotency-key': randomUUID() });
          if (done.status !== 200) {
            refused++;
            throw new Error(`complete at ${hall.id}/${windowId} answered ${done.status}: ${JSON.stringify(done.body)}`);
          }
        }
      },
    });
    const requests = (qms.ops['call-next']?.perSecond ?? 0) + (qms.ops.complete?.perSecond ?? 0);
    const floorRate = floor.ops.floor?.perSecond ?? 0;
    return {
      clients: opts.clients,
      floor,
      qms,
      shareOfFloor: floorRate ? Math.round((requests / floorRate) * 1000) / 1000 : 0,
      checks: { windowsRanOut, calledTwice, refused },
    };
  } finally {
    for (const b of boards) b.close();
  }
}
