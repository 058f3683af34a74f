/**
 * `npm run bench`: the benchmarks of issue 8 on real processes — redis-server with AOF
 * `appendfsync always`, hall server nodes (`server/main.ts`), display clients in child processes —
 * each beside a floor measured in the same run. Writes the numbers as JSON under bench/results/
 * and the table into bench/README.md. Not part of `npm test`. About 4 minutes.
 *
 *   npm run bench                      the full run
 *   npm run bench -- --quick           a short smoke run (results under bench/results/tmp/, bench/README.md untouched)
 *   npm run bench -- --seconds=8       main runs of 8 s instead of 20 (results under bench/results/tmp/, bench/README.md untouched)
 *   npm run bench -- --only=issue,call,display,catalogue,followers,history,redis-history,halls-report,hotpath
 *   npm run bench -- --only=hotpath --profile=<dir>   the one-hall ticket runs under `node --cpu-prof` (profiles in <dir>);
 *                                                     with issue or call, their node too
 *   npm run bench -- --only=province [--province-halls=1300] [--province-area=0]   (not in the full run: ~3 minutes)
 *   npm run bench -- --only=forecast [--forecast-seeds=1,2,3,4,5]   (not in the full run: issue 27's forecast against the naive rules on generated years, ~1–2 minutes)
 *   npm run bench -- --only=start [--start-halls=1300] [--profile=<dir>]   (not in the full run: a 1,300-hall node's first start and restart as npm start runs it, a few minutes;
 *                                                     with --profile each start runs under `node --cpu-prof`)
 *   npm run bench -- --table=bench/results/<file>.json   rewrite bench/README.md's table from a run
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { callNext } from './scenarios/call-next';
import { callToDisplay } from './scenarios/call-to-display';
import { catalogueScenario } from './scenarios/catalogue';
import { phoneFollowers } from './scenarios/phone-followers';
import { historyReport } from './scenarios/history-report';
import { hallsReportScenario } from './scenarios/halls-report';
import { redisHistory } from './scenarios/redis-history';
import { provinceMetrics } from './scenarios/province-metrics';
import { nodeStart } from './scenarios/node-start';
import { openAndMeasure } from './scenarios/memory-per-connection';
import { reconnectStorm } from './scenarios/reconnect-storm';
import { ticketIssue, ticketIssuePoint } from './scenarios/ticket-issue';
import { hotPath } from './scenarios/hot-path';
import { forecastScenario } from './scenarios/forecast';
import { BENCH_README, renderTable, updateReadme } from './readme-table';
import type { BenchResults } from './results-types';
import { verdicts } from './targets';
import { startCluster } from './support/cluster';
import { DisplayRig } from './support/display-rig';
import { machine, otherTestRuns } from './support/machine';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k!, v ?? 'true'] as const;
  }),
);
if (args.has('table')) {
  const path = args.get('table')!;
  const results = JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
  updateReadme(BENCH_README, renderTable(results, relative('.', path)));
  console.log(`${BENCH_README} table rewritten from ${path}`);
  process.exit(0);
}

const quick = args.has('quick');
const ALL = 'issue,call,display,catalogue,followers,history,redis-history,halls-report,hotpath';
const only = new Set((args.get('only') ?? ALL).split(','));
const settings = {
  halls: Number(args.get('halls') ?? 8),
  clients: Number(args.get('clients') ?? 32),
  warmupMs: quick ? 1000 : 3000,
  // --seconds=N: shorter main runs for a before/after pair on a shared machine (results under tmp/).
  durationMs: args.has('seconds') ? Number(args.get('seconds')) * 1000 : quick ? 3000 : 20_000,
  displaySwarms: 4,
  callsPerSecond: 5,
  displayRunMs: quick ? 3000 : 20_000,
};
const displaySteps = quick ? [100, 300] : [300, 1000];
const profile = args.get('profile');
const profiled = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : undefined;

const log = (...a: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const started = Date.now();
const results: BenchResults = {
  startedAt: new Date(started).toISOString(),
  durationSeconds: 0,
  machine: machine(),
  otherTestRunsDuring: 0,
  settings,
  verdicts: [],
};
log('machine', results.machine);
if (results.machine.otherTestRunsAtStart > 0) log(`note: ${results.machine.otherTestRunsAtStart} other vitest processes are running; numbers will be lower`);
const watch = setInterval(() => (results.otherTestRunsDuring = Math.max(results.otherTestRunsDuring, otherTestRuns())), 5000);

try {
  if (only.has('issue') || only.has('call')) {
    log(`scenarios 1–2: 1 node, ${settings.halls} halls, ${settings.clients} clients, ${settings.durationMs / 1000} s each (+ floor)`);
    const cluster = await startCluster({ nodes: 1, halls: settings.halls, nodeArgs: profiled });
    try {
      if (only.has('issue')) {
        results.ticketIssue = await ticketIssue(cluster, settings);
        log('ticket issue', results.ticketIssue.qms.ops.issue, 'floor', results.ticketIssue.floor.ops.floor?.perSecond, '/s');
        // The load curve: fewer and more kiosks than the main run (whose point sits between them).
        const main = results.ticketIssue;
        results.ticketIssueCurve = [];
        for (const clients of [8, 128]) {
          const point = await ticketIssuePoint(cluster, { clients, warmupMs: settings.warmupMs, durationMs: settings.durationMs / 2 });
          log(`ticket issue with ${clients} clients`, point);
          results.ticketIssueCurve.push(point);
          if (clients === 8) {
            results.ticketIssueCurve.push({
              clients: main.clients,
              nodes: 1,
              perSecond: main.qms.ops.issue!.perSecond,
              p50Ms: main.qms.ops.issue!.p50Ms,
              p99Ms: main.qms.ops.issue!.p99Ms,
              serverCpuMsPerTicket: main.qms.cpuMsPerRequest.servers,
              serverCores: main.qms.cores.servers,
              checks: main.checks,
            });
          }
        }
      }
      if (only.has('call')) {
        // Enough citizens that no window runs out at several hundred calls a second.
        results.callNext = await callNext(cluster, { ...settings, waitingPerArea: quick ? 100 : 400 });
        log('call-next', results.callNext.qms.ops['call-next'], 'floor', results.callNext.floor.ops.floor?.perSecond, '/s');
      }
      if (only.has('issue') && only.has('call')) {
        // Now windows are open and have served: each ticket's answer carries a wait estimate.
        results.ticketIssueWindowsOpen = await ticketIssuePoint(cluster, {
          clients: settings.clients,
          warmupMs: settings.warmupMs,
          durationMs: settings.durationMs / 2,
        });
        log('ticket issue with windows open', results.ticketIssueWindowsOpen);
      }
    } finally {
      await cluster.stop();
    }
  }
  if (only.has('issue')) {
    log(`scenario 1 on 2 nodes, halls split between them, ${settings.clients} clients`);
    const cluster = await startCluster({ nodes: 2, halls: settings.halls });
    try {
      results.ticketIssueTwoNodes = await ticketIssuePoint(cluster, { ...settings, nodes: cluster.nodes });
      log('ticket issue on 2 nodes', results.ticketIssueTwoNodes);
    } finally {
      await cluster.stop();
    }
  }
  if (only.has('hotpath')) {
    log(`issue 24: ticket issue in ONE hall, ${settings.clients} clients, empty and with 5,000 tickets open (+ floor)`);
    results.hotPath = await hotPath({
      clients: settings.clients,
      warmupMs: settings.warmupMs,
      durationMs: settings.durationMs / 2,
      open: 5000,
      nodeArgs: profiled,
      log,
    });
    log('one hall', results.hotPath);
  }
  if (only.has('display')) {
    log(`scenarios 3–5: 2 nodes, displays in ${settings.displaySwarms} processes: ${displaySteps.join(', ')}`);
    const rig = await DisplayRig.start({ swarms: settings.displaySwarms, ticketsPerArea: 100 });
    try {
      results.memory = [];
      results.callToDisplay = [];
      for (const displays of displaySteps) {
        const memory = await openAndMeasure(rig, displays);
        results.memory.push(memory);
        log('memory', { heapPerConnection: memory.heapPerConnection, rssPerConnection: memory.rssPerConnection });
        const latency = await callToDisplay(rig, { displays, perSecond: settings.callsPerSecond, durationMs: settings.displayRunMs });
        results.callToDisplay.push(latency);
        log(`call → display at ${displays}`, latency.latency, `lost ${latency.lostEvents}`);
      }
      results.reconnectStorm = await reconnectStorm(rig, { timeoutMs: 60_000 });
      log('reconnect storm', results.reconnectStorm);
    } finally {
      await rig.stop();
    }
  }
  if (only.has('catalogue')) {
    log('scenario 6: the catalogue at 1,503 items — kiosk search per keystroke, event-loop delay during imports');
    results.catalogue = await catalogueScenario({ passes: quick ? 3 : 20 });
    log('catalogue search', {
      p50: results.catalogue.search.p50Ms,
      p99: results.catalogue.search.p99Ms,
      floor: results.catalogue.floor,
      before: results.catalogue.before,
    });
    log('catalogue import blocking', results.catalogue.importBlocking, 'idle', results.catalogue.idleMaxDelayMs);
  }
  if (only.has('followers')) {
    log('scenario 7: 1,000 phones following their tickets in one busy hall — re-reading after every event (before) vs pushed updates (after)');
    results.phoneFollowers = await phoneFollowers({ phones: 1000, events: quick ? 10 : 40 });
    const f = results.phoneFollowers;
    log('phone followers before', f.before, 'after', f.after);
  }
  if (only.has('history')) {
    const days = quick ? 60 : 366;
    log(`scenario 8: ${days} days of one busy hall (700 tickets a day) — the yearly report, ticket issue during three of them`);
    results.historyReport = await historyReport({ days, ticketsPerDay: 700, log });
    log('history report', results.historyReport);
  }
  if (only.has('halls-report')) {
    const halls = quick ? 20 : 100;
    log(`scenario 10: a 30-day report across ${halls} halls (700 tickets a day each), ticket issue while reports run`);
    results.hallsReport = await hallsReportScenario({ halls, days: 30, ticketsPerDay: 700, log });
    log('halls report', results.hallsReport);
  }
  if (only.has('redis-history')) {
    const days = quick ? 20 : 60;
    log(`scenario 9: Redis used_memory over ${days} generated days (700 tickets a day), alone vs with PostgreSQL and QMS_REDIS_KEEP_DAYS=3`);
    results.redisHistory = await redisHistory({ days, batch: 10, ticketsPerDay: 700, keepDays: 3, log });
  }
  if (only.has('province')) {
    const halls = Number(args.get('province-halls') ?? 1300);
    log(`scenario 10: a province node of ${halls} halls — start time, RSS, /metrics series and scrape time idle and after a busy day`);
    results.provinceMetrics = await provinceMetrics({ halls, compareArea: args.get('province-area') !== '0', log });
    log('province metrics', JSON.stringify(results.provinceMetrics));
  }
  if (only.has('forecast')) {
    const seeds = (args.get('forecast-seeds') ?? '1,2,3,4,5').split(',').map(Number);
    log(`issue 27: the arrival forecast against the naive rules, seeds ${seeds.join(', ')}`);
    results.forecast = await forecastScenario({ seeds, ticketsPerDay: 700, log });
    log('forecast', JSON.stringify(results.forecast.forecastMs), `${results.forecast.seconds} s`);
  }
  if (only.has('start')) {
    const halls = Number(args.get('start-halls') ?? 1300);
    log(
      `scenario 11: a node of ${halls} halls — first start and restart as npm start runs it (spawn → a random hall's first ticket), embedded store and Redis`,
    );
    results.nodeStart = await nodeStart({ halls, log, nodeArgs: profiled });
  }
} finally {
  clearInterval(watch);
}

results.durationSeconds = Math.round((Date.now() - started) / 1000);
results.verdicts = verdicts(results);
const dir = quick || args.has('seconds') || only.size < ALL.split(',').length ? 'bench/results/tmp' : 'bench/results';
mkdirSync(dir, { recursive: true });
const path = join(dir, `${results.startedAt.slice(0, 16).replace(':', '')}.json`);
writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
log(`results: ${path}`);
for (const v of results.verdicts) log(`${v.met === false ? 'MISSED' : v.met ? 'met   ' : '      '} ${v.what}: ${v.measured} — ${v.result}`);
if (dir === 'bench/results') {
  updateReadme(BENCH_README, renderTable(results, path));
  log(`${BENCH_README} table updated`);
}
// Sockets of the load driver may linger a moment; the run is over.
process.exit(0);
