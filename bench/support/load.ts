/**
 * A closed-loop HTTP load driver: N clients, each on its own keep-alive connection (an undici
 * Pool), each sending its next request when the previous answer arrived, as a kiosk or a counter
 * does. Only answers that arrive inside the measuring window (after a warm-up) are counted, so
 * start-up and the tail of in-flight requests do not blur the rate.
 *
 * Clients are functions, not fixed request lists, because a counter's next request depends on the
 * last answer (call-next, then complete the ticket it called).
 */
import { Pool } from 'undici';
import { RedisStats } from './redis-stats';
import { nowMs, summarize, type LatencySummary } from './stats';

export interface Reply<T = any> {
  status: number;
  body: T;
}

export interface OpStats extends LatencySummary {
  /** Answers per second inside the window. */
  perSecond: number;
  /** Answers by HTTP status inside the window. */
  statuses: Record<string, number>;
}

export interface LoadResult {
  clients: number;
  windowMs: number;
  ops: Record<string, OpStats>;
  /** Every request sent, warm-up and tail included. */
  requests: number;
  /**
   * CPU used while the load ran, per request (ms): by the servers watched, by their child processes
   * (espeak-ng synthesising call audio), by Redis, and by this driver.
   */
  cpuMsPerRequest: { servers: number; serverChildren: number; redis: number; driver: number };
  /** Share of one core each used while the load ran (1 = one core busy). */
  cores: { servers: number; serverChildren: number; redis: number; driver: number };
  /** Redis commands per request, by command (scripts' inner commands included). */
  redisCommandsPerRequest: Record<string, number>;
}

/** What the CPU use of a server process can be read from. */
export interface CpuSource {
  cpuMs(): number;
  childCpuMs(): number;
}

export class LoadClient {
  private readonly samples = new Map<string, number[]>();
  private readonly statuses = new Map<string, Record<string, number>>();
  requests = 0;

  constructor(
    private readonly pools: Pool[],
    private readonly window: { from: number; to: number },
  ) {}

  /** True until the measuring window closes: a client loop stops then. */
  running(): boolean {
    return nowMs() < this.window.to;
  }

  /** POSTs to node `node` (an index into the bases given) and records the answer's latency under `label`. */
  async post<T = any>(label: string, path: string, token: string | null, body: unknown, headers: Record<string, string> = {}, node = 0): Promise<Reply<T>> {
    const started = nowMs();
    this.requests++;
    const res = await this.pools[node]!.request({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify(body ?? {}),
    });
    const text = await res.body.text();
    const done = nowMs();
    if (done >= this.window.from && done <= this.window.to) {
      if (!this.samples.has(label)) {
        this.samples.set(label, []);
        this.statuses.set(label, {});
      }
      this.samples.get(label)!.push(done - started);
      const s = this.statuses.get(label)!;
      s[res.statusCode] = (s[res.statusCode] ?? 0) + 1;
    }
    return { status: res.statusCode, body: text ? JSON.parse(text) : null };
  }

  opStats(): Record<string, OpStats> {
    const windowMs = this.window.to - this.window.from;
    const ops: Record<string, OpStats> = {};
    for (const [label, samples] of this.samples) {
      ops[label] = { ...summarize(samples), perSecond: Math.round((samples.length / windowMs) * 1000 * 10) / 10, statuses: this.statuses.get(label)! };
    }
    return ops;
  }
}

/**
 * Runs `clients` client loops against `base` for warm-up + duration and returns what was measured
 * in the window. Each loop should return once `http.running()` is false.
 */
export async function closedLoop(opts: {
  /** One server, or several (a client picks one per request). */
  base: string | string[];
  clients: number;
  warmupMs: number;
  durationMs: number;
  client: (index: number, http: LoadClient) => Promise<void>;
  /** Server processes whose CPU use is counted. */
  servers: CpuSource[];
  /** The Redis they use: its CPU and commands are counted. */
  redisUrl: string;
}): Promise<LoadResult> {
  const redis = await RedisStats.open(opts.redisUrl);
  const pools = (Array.isArray(opts.base) ? opts.base : [opts.base]).map(
    (b) => new Pool(b, { connections: opts.clients, pipelining: 1, keepAliveTimeout: 60_000 }),
  );
  const started = nowMs();
  const from = started + opts.warmupMs;
  const http = new LoadClient(pools, { from, to: from + opts.durationMs });
  const serverCpu = () => opts.servers.reduce((sum, s) => sum + s.cpuMs(), 0);
  const childCpu = () => opts.servers.reduce((sum, s) => sum + s.childCpuMs(), 0);
  const redis0 = await redis.snapshot();
  const server0 = serverCpu();
  const children0 = childCpu();
  const driver0 = process.cpuUsage();
  try {
    await Promise.all(Array.from({ length: opts.clients }, (_, i) => opts.client(i, http)));
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
  const serverMs = serverCpu() - server0;
  const childrenMs = childCpu() - children0;
  const driver = process.cpuUsage(driver0);
  const driverMs = (driver.user + driver.system) / 1000;
  const redis1 = await redis.snapshot();
  redis.close();
  const redisMs = redis1.cpuMs - redis0.cpuMs;
  const elapsed = nowMs() - started;
  const per = (ms: number) => Math.round((ms / Math.max(1, http.requests)) * 1000) / 1000;
  const share = (ms: number) => Math.round((ms / elapsed) * 100) / 100;
  return {
    clients: opts.clients,
    windowMs: opts.durationMs,
    ops: http.opStats(),
    requests: http.requests,
    cpuMsPerRequest: { servers: per(serverMs), serverChildren: per(childrenMs), redis: per(redisMs), driver: per(driverMs) },
    cores: { servers: share(serverMs), serverChildren: share(childrenMs), redis: share(redisMs), driver: share(driverMs) },
    redisCommandsPerRequest: RedisStats.perRequest(redis0, redis1, http.requests),
  };
}
