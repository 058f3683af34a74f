/**
 * The set-up the display scenarios share: two hall server nodes on one Redis, the wall displays of
 * hall `yuxi` in child processes (spread over both nodes), and a caller: clerks signed in at every
 * window, calling the next citizen at a steady rate (each window completes its last citizen before
 * calling the next), the send time of every call noted for the latency.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { api, login, startCluster, type Cluster } from './cluster';
import type { Memory } from './inspector';
import { ServerProcess } from './server-process';
import { nowMs, summarize, type LatencySummary } from './stats';
import { Swarm } from './swarm';

const HALL = 'yuxi';

export interface CallRun {
  /** Ticket id → when its call-next request was sent (epoch ms). */
  sentAt: Map<string, number>;
  /** How long the call-next requests took (the HTTP answer, not the push). */
  http: LatencySummary;
  nobodyWaiting: number;
}

interface WindowSeat {
  id: string;
  token: string;
  current: string | null;
  busy: boolean;
}

export class DisplayRig {
  private displayCount = 0;
  private pools = new Map<string, Pool>();
  private next = 0;

  private constructor(
    readonly cluster: Cluster,
    readonly swarms: Swarm[],
    private readonly displayToken: string,
    private readonly admin: string,
    private readonly windows: WindowSeat[],
  ) {}

  static async start(opts: { swarms: number; ticketsPerArea: number }): Promise<DisplayRig> {
    // The inspector lets the memory scenario collect garbage before it reads the heap.
    const cluster = await startCluster({ nodes: 2, halls: 2, nodeArgs: ['--inspect=127.0.0.1:0'] });
    const swarms: Swarm[] = [];
    try {
      const a = cluster.nodes[0]!.url;
      const admin = await login(a, 'admin');
      const hall = cluster.halls.find((h) => h.id === HALL)!;
      const kiosk = await login(a, hall.kiosk);
      const areas = hall.areaIds.flatMap((areaId) => Array.from({ length: opts.ticketsPerArea }, () => areaId));
      for (let i = 0; i < areas.length; i += 16) {
        await Promise.all(areas.slice(i, i + 16).map((areaId) => api(a, 'POST', `/api/v1/halls/${HALL}/tickets`, kiosk, { areaId })));
      }
      const windows: WindowSeat[] = [];
      for (const { windowId, clerk } of hall.clerks) {
        const token = await login(a, clerk);
        const r = await api(a, 'POST', `/api/v1/halls/${HALL}/windows/${windowId}/sign-in`, token, {});
        if (r.status !== 200) throw new Error(`sign-in ${clerk}: ${r.status}`);
        windows.push({ id: windowId, token, current: null, busy: false });
      }
      for (let i = 0; i < opts.swarms; i++) swarms.push(await Swarm.start());
      return new DisplayRig(cluster, swarms, await login(a, 'display01'), admin, windows);
    } catch (err) {
      await Promise.all(swarms.map((s) => s.close()));
      await cluster.stop();
      throw err;
    }
  }

  get displays(): number {
    return this.displayCount;
  }

  /** Opens displays until `total` are held, evenly over the swarms; display i starts on node i mod 2. */
  async openDisplays(total: number): Promise<{ failed: number; ms: number }> {
    const add = total - this.displayCount;
    const urls = this.cluster.nodes.map((n) => n.url);
    const started = nowMs();
    const shares = this.swarms.map((_, i) => Math.floor(add / this.swarms.length) + (i < add % this.swarms.length ? 1 : 0));
    let first = this.displayCount;
    const replies = await Promise.all(
      this.swarms.map((s, i) => {
        const m = s.ask({ cmd: 'open', urls, token: this.displayToken, hallId: HALL, count: shares[i]!, firstIndex: first }, 'opened');
        first += shares[i]!;
        return m;
      }),
    );
    this.displayCount = total;
    return { failed: replies.reduce((s, r) => s + r.failed, 0), ms: Math.round(nowMs() - started) };
  }

  /** The hall's current version, from a node that is up. */
  async version(node: ServerProcess = this.cluster.nodes[0]!): Promise<number> {
    return (await api<{ version: number }>(node.url, 'GET', `/api/v1/halls/${HALL}/board`, this.admin)).body.version;
  }

  private pool(node: ServerProcess): Pool {
    let p = this.pools.get(node.url);
    if (!p) this.pools.set(node.url, (p = new Pool(node.url, { connections: 8 })));
    return p;
  }

  private async post(node: ServerProcess, path: string, token: string): Promise<{ status: number; body: any }> {
    const res = await this.pool(node).request({
      method: 'POST',
      path: `/api/v1/halls/${HALL}/windows/${path}`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
      body: '{}',
    });
    return { status: res.statusCode, body: await res.body.json() };
  }

  /** The next window in turn that is not in the middle of a call. */
  private freeSeat(): WindowSeat | undefined {
    for (let k = 0; k < this.windows.length; k++) {
      const w = this.windows[(this.next + k) % this.windows.length]!;
      if (!w.busy) {
        this.next = (this.next + k + 1) % this.windows.length;
        return w;
      }
    }
    return undefined;
  }

  /**
   * Calls at `perSecond` for `durationMs`, round-robin over the windows and over `nodes` (a call on
   * node A reaches B's displays through Redis). Open loop: a slow answer does not slow the calls.
   */
  async calls(opts: { perSecond: number; durationMs: number; nodes: ServerProcess[] }): Promise<CallRun> {
    const sentAt = new Map<string, number>();
    const http: number[] = [];
    let nobodyWaiting = 0;
    const one = async (node: ServerProcess) => {
      const seat = this.freeSeat();
      if (!seat) return;
      seat.busy = true;
      try {
        if (seat.current) {
          const done = await this.post(node, `${seat.id}/complete`, seat.token);
          if (done.status !== 200) throw new Error(`complete at ${seat.id}: ${done.status} ${JSON.stringify(done.body)}`);
          seat.current = null;
        }
        const sent = nowMs();
        const r = await this.post(node, `${seat.id}/call-next`, seat.token);
        http.push(nowMs() - sent);
        if (r.status !== 200) throw new Error(`call-next at ${seat.id}: ${r.status} ${JSON.stringify(r.body)}`);
        if (r.body.ticket === null) {
          nobodyWaiting++;
          return;
        }
        seat.current = r.body.ticket.id;
        sentAt.set(r.body.ticket.id, sent);
      } finally {
        seat.busy = false;
      }
    };
    const count = Math.round((opts.perSecond * opts.durationMs) / 1000);
    const start = nowMs();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const due = start + (i * 1000) / opts.perSecond;
      const wait = due - nowMs();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(one(opts.nodes[i % opts.nodes.length]!));
    }
    await Promise.all(inFlight);
    return { sentAt, http: summarize(http), nobodyWaiting };
  }

  /** Resident memory, V8 heap in use and memory outside the heap of every node, after a full GC (bytes). */
  async memory(): Promise<Memory[]> {
    return Promise.all(this.cluster.nodes.map((n) => n.memoryAfterGc()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.swarms.map((s) => s.close()));
    await Promise.all([...this.pools.values()].map((p) => p.close()));
    await this.cluster.stop();
  }
}
