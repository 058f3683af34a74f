/**
 * What a benchmark runs against: its own `redis-server` (AOF on, `appendfsync always`, in a temp
 * directory, on a free port) and hall server processes on it, configured as production would be
 * except that logging is quiet (warn) so it does not dominate, every hall is open, and kiosks are
 * not rate-limited at benchmark rates.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisProcess } from '../../tests/support/redis';
import { signInThroughSecondFactor } from '../../tests/support/second-factor';
import { writeBenchHalls, type BenchHall } from './bench-halls';
import { ServerProcess } from './server-process';

export interface Cluster {
  redis: RedisProcess;
  nodes: ServerProcess[];
  halls: BenchHall[];
  stop(): Promise<void>;
}

export async function startCluster(opts: { nodes: number; halls: number; nodeArgs?: string[] }): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'qms-bench-'));
  const { path, halls } = writeBenchHalls(dir, opts.halls);
  const redis = await RedisProcess.start();
  const env = {
    REDIS_URL: redis.url,
    QMS_CONFIG: path,
    QMS_PUBLIC_URL: 'https://qms.example.cn',
    QMS_DEMO: '1',
    QMS_ALWAYS_OPEN: '1',
    QMS_KIOSK_TICKETS_PER_MINUTE: '100000',
    QMS_LOG_LEVEL: 'warn',
  };
  const nodes: ServerProcess[] = [];
  try {
    // One after another: the first creates the shared token secret in Redis.
    for (let i = 0; i < opts.nodes; i++)
      nodes.push(await ServerProcess.start({ script: 'server/main.ts', env, nodeArgs: opts.nodeArgs, readyTimeoutMs: 180_000 }));
  } catch (err) {
    await Promise.all(nodes.map((n) => n.stop()));
    await redis.stop();
    throw err;
  }
  return {
    redis,
    nodes,
    halls,
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts the floor server (bare Fastify + one INCR) on the same Redis. */
export function startFloor(redisUrl: string): Promise<ServerProcess> {
  return ServerProcess.start({ script: 'bench/support/floor-server.ts', env: { REDIS_URL: redisUrl } });
}

export async function api<T = any>(base: string, method: string, path: string, token?: string | null, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function login(base: string, username: string): Promise<string> {
  // An administrator signs in with a second factor, enrolled at the first sign-in (as a person would).
  const r = await signInThroughSecondFactor((method, path, body, token) => api(base, method, path, token ?? null, body), username, 'demo');
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}
