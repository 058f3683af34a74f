/**
 * Scenario 10: a province node of 1,300 halls (copies of the Yuxi hall, 8 areas, 21 windows each) on
 * the embedded store. The real server (`server/main.ts`): start time (spawn → /healthz), RSS and
 * `/metrics` idle. Then a node living through a busy day in every hall (bench/support/province-node.ts):
 * RSS, `/metrics` series and scrape time after it — with the default detail (per hall above 100
 * halls) and, for comparison, `QMS_METRICS_DETAIL=area`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchHalls } from '../support/bench-halls';
import { ServerProcess } from '../support/server-process';

export interface ScrapeFigures {
  series: number;
  bytes: number;
  /** Median and slowest of the timed scrapes, ms (wall time: on a loaded machine, mostly waiting for a core). */
  medianMs: number;
  maxMs: number;
  /** The server's own CPU time per scrape, ms (/proc, 10 ms ticks): what a scrape costs whatever the load. */
  serverCpuMs: number;
  /**
   * The longest the server's event loop was held while it wrote the scrapes, ms: the largest
   * `qms_nodejs_eventloop_lag_max_seconds` the later scrapes report (prom-client resets it at each
   * scrape, so each reading covers the scrape before it and this one's gauges).
   */
  loopMaxMs: number;
}

export interface ProvinceDay {
  detail: 'hall' | 'area';
  dayRequests: number;
  daySeconds: number;
  rssMb: number;
  scrape: ScrapeFigures;
}

export interface ProvinceMetricsResult {
  halls: number;
  startSeconds: number;
  idleRssMb: number;
  idleScrape: ScrapeFigures;
  days: ProvinceDay[];
}

async function scrape(server: ServerProcess, times: number): Promise<ScrapeFigures> {
  const url = server.url;
  const ms: number[] = [];
  const cpu0 = server.cpuMs();
  let text = '';
  let loopMaxMs = 0;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    const res = await fetch(`${url}/metrics`);
    text = await res.text();
    ms.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
    const lag = /^qms_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text);
    if (!lag) throw new Error('/metrics has no qms_nodejs_eventloop_lag_max_seconds');
    // The first reading covers the time before the scrapes (the busy day).
    if (i > 0) loopMaxMs = Math.max(loopMaxMs, Number(lag[1]) * 1000);
  }
  const serverCpuMs = (server.cpuMs() - cpu0) / times;
  ms.sort((a, b) => a - b);
  const series = text.split('\n').filter((l) => l && !l.startsWith('#')).length;
  return { series, bytes: Buffer.byteLength(text), medianMs: ms[Math.floor(ms.length / 2)]!, maxMs: ms.at(-1)!, serverCpuMs, loopMaxMs };
}

/** A 1,300-hall node reads every hall's configuration at start: minutes on a loaded 2-core machine. */
const READY_MS = 600_000;

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function dayOn(env: Record<string, string>, detail: 'hall' | 'area', log: (...a: unknown[]) => void): Promise<ProvinceDay> {
  const node = await ServerProcess.start({
    script: 'bench/support/province-node.ts',
    readyTimeoutMs: READY_MS,
    env: { ...env, ...(detail === 'area' ? { QMS_METRICS_DETAIL: 'area' } : {}) },
  });
  try {
    const deadline = Date.now() + 600_000;
    let line: string | undefined;
    while (
      !(line = node.output
        .join('')
        .split('\n')
        .find((l) => l.startsWith('DAY ')))
    ) {
      if (Date.now() > deadline) throw new Error(`the busy day did not end:\n${node.output.join('').slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const day = JSON.parse(line.slice(4)) as { requests: number; seconds: number };
    log(`province day (${detail}): ${day.requests} requests in ${day.seconds.toFixed(1)} s`);
    const figures = await scrape(node, 5);
    const result: ProvinceDay = { detail, dayRequests: day.requests, daySeconds: day.seconds, rssMb: mb(node.rssBytes()), scrape: figures };
    log(`province after the day (${detail})`, JSON.stringify(result));
    return result;
  } finally {
    await node.stop();
  }
}

export async function provinceMetrics(opts: { halls: number; compareArea: boolean; log: (...a: unknown[]) => void }): Promise<ProvinceMetricsResult> {
  const dir = mkdtempSync(join(tmpdir(), 'qms-province-'));
  try {
    // The busy day marks a citizen absent seconds after the call: these halls' policy allows it at
    // once (the default waits 60 s, and the server refuses a sooner no-show with 409 no_show_too_soon).
    const { path } = writeBenchHalls(dir, opts.halls, { noShowAfterSeconds: 0 });
    const env = {
      QMS_CONFIG: path,
      QMS_PUBLIC_URL: 'https://qms.example.cn',
      QMS_DEMO: '1',
      QMS_ALWAYS_OPEN: '1',
      QMS_LOG_LEVEL: 'warn',
      QMS_TOKEN_SECRET: 'province-bench-secret-province-bench-secret',
    };

    const t0 = performance.now();
    const idle = await ServerProcess.start({ script: 'server/main.ts', env, readyTimeoutMs: READY_MS });
    const startSeconds = (performance.now() - t0) / 1000;
    let idleRssMb: number;
    let idleScrape: ScrapeFigures;
    try {
      idleRssMb = mb(idle.rssBytes());
      idleScrape = await scrape(idle, 5);
    } finally {
      await idle.stop();
    }
    opts.log('province idle', { startSeconds, idleRssMb, idleScrape });

    const days = [await dayOn(env, 'hall', opts.log)];
    if (opts.compareArea) days.push(await dayOn(env, 'area', opts.log));
    return { halls: opts.halls, startSeconds, idleRssMb, idleScrape, days };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
