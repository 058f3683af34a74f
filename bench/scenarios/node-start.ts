/**
 * Scenario 11 (issue 22): how long a province node of 1,300 halls (copies of the Yuxi hall, with
 * their 32,000 accounts) takes to start — the server as production runs it (`npm run build`, then
 * `npm run serve`'s command) from spawn until it has issued a ticket: /healthz answers 200, the
 * kiosk of a hall picked at random signs in and its ticket is issued (201) — the first time
 * (nothing stored yet: every hall, catalogue and account is written) and again after a clean stop
 * (everything stored: nothing written), on the embedded store and on Redis (AOF, `appendfsync
 * always`). Beside the wall time, the process's CPU time, and the server's own "hall server ready"
 * line gives each start step's wall and CPU time (`startMs`, `startCpuMs`): on a machine shared with
 * other work the CPU time is what the start itself costs. Target: ≤ 5 s, the first start included.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisProcess } from '../../tests/support/redis';
import { writeBenchHalls, type BenchHall } from '../support/bench-halls';
import { api, login } from '../support/cluster';
import { ServerProcess } from '../support/server-process';

export const START_TARGET_SECONDS = 5;

export interface StartRun {
  store: 'embedded' | 'redis';
  start: 'first' | 'restart';
  /** Spawn → a random hall's kiosk has signed in and its ticket is issued. */
  seconds: number;
  /** Spawn → /healthz answers 200 (the clock runs on to the ticket; absent in runs that stopped there). */
  healthzSeconds?: number;
  /** The hall whose kiosk took the first ticket. */
  hall?: string;
  /** The process's CPU time (user + system) up to the ticket, s. */
  cpuSeconds: number;
  /** Each start step's wall time and CPU time, ms, from the server's "hall server ready" line. */
  steps: Record<string, number> | null;
  stepsCpu: Record<string, number> | null;
  /** The machine's 1-minute load average when the start began. */
  load: number;
}

export interface NodeStartResult {
  halls: number;
  runs: StartRun[];
}

/** A 1,300-hall start on a loaded 2-core machine may take long: never cut off a slow one. */
const READY_MS = 600_000;

function readyLine(output: string[]): { startMs?: Record<string, number>; startCpuMs?: Record<string, number> } | null {
  for (const line of output.join('').split('\n')) {
    if (!line.includes('"hall server ready"')) continue;
    try {
      return JSON.parse(line) as { startMs?: Record<string, number>; startCpuMs?: Record<string, number> };
    } catch {
      return null;
    }
  }
  return null;
}

async function startOnce(
  store: StartRun['store'],
  start: StartRun['start'],
  env: Record<string, string>,
  halls: BenchHall[],
  log: (...a: unknown[]) => void,
  nodeArgs?: string[],
): Promise<StartRun> {
  const load = Math.round(loadavg()[0]! * 100) / 100;
  // Any hall, so a node that loaded only some halls by then could not pass.
  const hall = halls[Math.floor(Math.random() * halls.length)]!;
  const t0 = performance.now();
  const node = await ServerProcess.start({ script: 'server/main.ts', production: true, env, nodeArgs, readyTimeoutMs: READY_MS });
  const healthzSeconds = (performance.now() - t0) / 1000;
  try {
    const token = await login(node.url, hall.kiosk);
    const ticket = await api(node.url, 'POST', `/api/v1/halls/${hall.id}/tickets`, token, { areaId: hall.areaIds[0] });
    const seconds = (performance.now() - t0) / 1000;
    if (ticket.status !== 201) throw new Error(`the first ticket in ${hall.id} after the start: ${ticket.status} ${JSON.stringify(ticket.body)}`);
    const cpuSeconds = node.cpuMs() / 1000;
    const ready = readyLine(node.output);
    const run: StartRun = {
      store,
      start,
      seconds,
      healthzSeconds,
      hall: hall.id,
      cpuSeconds,
      steps: ready?.startMs ?? null,
      stepsCpu: ready?.startCpuMs ?? null,
      load,
    };
    log(`node start (${store}, ${start})`, JSON.stringify(run));
    return run;
  } finally {
    await node.stop();
  }
}

/** `nodeArgs`: extra node flags for every start (`--cpu-prof` with the bench's `--profile=<dir>`). */
export async function nodeStart(opts: { halls: number; log: (...a: unknown[]) => void; nodeArgs?: string[] }): Promise<NodeStartResult> {
  const dir = mkdtempSync(join(tmpdir(), 'qms-start-'));
  const runs: StartRun[] = [];
  try {
    // Production runs the built server: build it as `npm run build` would (not timed).
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
    const { path, halls } = writeBenchHalls(dir, opts.halls);
    const base = {
      QMS_CONFIG: path,
      QMS_PUBLIC_URL: 'https://qms.example.cn',
      QMS_DEMO: '1',
      QMS_ALWAYS_OPEN: '1',
      QMS_LOG_LEVEL: 'info',
      QMS_LOG_FORMAT: 'json',
      QMS_TOKEN_SECRET: 'start-bench-secret-start-bench-secret-start',
    };
    // The embedded store: the same data directory twice.
    const dataDir = join(dir, 'data');
    for (const start of ['first', 'restart'] as const)
      runs.push(await startOnce('embedded', start, { ...base, DATA_DIR: dataDir }, halls, opts.log, opts.nodeArgs));
    // Redis: the same Redis (and the node's own data directory, its high-water marks) twice.
    const redis = await RedisProcess.start();
    try {
      const redisData = join(dir, 'redis-node');
      for (const start of ['first', 'restart'] as const)
        runs.push(await startOnce('redis', start, { ...base, REDIS_URL: redis.url, DATA_DIR: redisData }, halls, opts.log, opts.nodeArgs));
    } finally {
      await redis.stop();
    }
    return { halls: opts.halls, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
