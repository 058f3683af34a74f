/**
 * Scenario 7 (issue 13): a year of history for one busy hall (`history:generate`'s days, 700
 * tickets a day, every day), on the embedded store, the server in its own process.
 * - the 366-day report (`GET /stats`) from rollups, first and again, beside the floor measured in
 *   the same run: every raw event of the year read and folded, day by day (what a report cost
 *   before rollups, without even holding the year in memory);
 * - ticket issue at a kiosk alone, then while three yearly reports run without pause, with the
 *   server's own event-loop max in each phase (`qms_nodejs_eventloop_lag_max_seconds` from its
 *   `/metrics`, which prom-client resets at every scrape: scraped once before a phase and once
 *   after) and the CPU its event-loop thread used and waited for;
 * - the server's memory before and after;
 * - a cold report: the rollups of the last weeks deleted, rebuilt from their days' events on the
 *   way, its event-loop max while a kiosk issues tickets.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daysBefore, DEFAULT_PLAN, writeHistory } from '../../server/app/history-generator';
import { YUXI } from '../../server/config/demo-halls';
import { dayRollup } from '../../server/domain/day-rollup';
import { localDate } from '../../server/domain/time';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { api, login } from '../support/cluster';
import { ServerProcess } from '../support/server-process';
import { summarize, type LatencySummary } from '../support/stats';

export interface HistoryReportResult {
  days: number;
  ticketsPerDay: number;
  generate: { seconds: number; tickets: number; events: number };
  report: { firstMs: number; again: LatencySummary; bytes: number; issued: number };
  /** Every raw event of the range read and folded, in this process (the floor). */
  rawFold: { ms: number; events: number };
  issueAlone: LatencySummary;
  issueDuringReports: LatencySummary & { reportsDone: number };
  /** Before the reports, right after the three-report phase, and after the cold report and 35 s without reports (the report thread ends after 30 s idle). */
  rssMB: { before: number; afterReports: number; afterQuiet: number };
  /** The server's event-loop max (its own monitor), ms: kiosk alone, during the three reports, during the cold report. */
  eventLoopMaxMs: { alone: number; duringReports: number; coldReport: number };
  /** During the three reports: the server process's CPU per report (report thread included), and its event-loop thread's CPU and wait for a CPU over the phase. */
  serverCpu: { msPerReport: number; loopThreadMs: number; loopThreadWaitMs: number; phaseMs: number };
  /** The yearly report with the last `days` days' rollups (and their months') deleted, a kiosk issuing meanwhile. */
  coldReport: { days: number; ms: number; issue: LatencySummary };
}

/** Days at the end of the year whose rollups the cold report finds deleted (a whole month among them). */
const COLD_DAYS = 45;

const MB = 1024 * 1024;

/** Issues tickets one after another for `ms`, each timed. */
async function issueFor(base: string, token: string, ms: number): Promise<number[]> {
  const times: number[] = [];
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const t = performance.now();
    const r = await api(base, 'POST', '/api/v1/halls/yuxi/tickets', token, { areaId: 'tax' });
    if (r.status !== 201) throw new Error(`ticket issue: ${r.status} ${JSON.stringify(r.body)}`);
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  return times;
}

/**
 * The longest the server's event loop was held since the previous scrape, in ms: prom-client's
 * `monitorEventLoopDelay` gauge, which it resets each time `/metrics` is read.
 */
async function loopMaxMs(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = /^qms_nodejs_eventloop_lag_max_seconds(?:\{[^}]*\})? (\S+)$/m.exec(text);
  if (!m) throw new Error('no qms_nodejs_eventloop_lag_max_seconds in /metrics');
  return Math.round(Number(m[1]) * 10_000) / 10;
}

export async function historyReport(opts: { days: number; ticketsPerDay: number; log: (...a: unknown[]) => void }): Promise<HistoryReportResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qms-bench-history-'));
  try {
    const today = localDate(Date.now(), YUXI.timezone);
    const days = daysBefore(today, opts.days);
    const range = { from: days[0]!, to: days.at(-1)! };
    const store = await EmbeddedEventStore.open({ dataDir, maxStreams: 4 });
    const started = performance.now();
    const generated = await writeHistory(store, YUXI, days, { ...DEFAULT_PLAN, tickets: opts.ticketsPerDay, seed: 1, everyDay: true });
    const generate = { seconds: Math.round((performance.now() - started) / 100) / 10, tickets: generated.tickets, events: generated.events };
    opts.log('history generated', generate);

    // The floor: what the report cost when it folded every raw event of the range.
    const foldStart = performance.now();
    let events = 0;
    for (const day of days) {
      const log = await store.read({ hallId: 'yuxi', day });
      events += log.length;
      dayRollup(YUXI, day, log);
    }
    const rawFold = { ms: Math.round(performance.now() - foldStart), events };
    await store.close();
    opts.log('raw fold of the year', rawFold);

    const server = await ServerProcess.start({
      script: 'server/main.ts',
      env: { DATA_DIR: dataDir, QMS_ALWAYS_OPEN: '1', QMS_KIOSK_TICKETS_PER_MINUTE: '100000', QMS_LOG_LEVEL: 'warn' },
    });
    try {
      const manager = await login(server.url, 'manager');
      const kiosk = await login(server.url, 'kiosk01');
      const path = `/api/v1/halls/yuxi/stats?from=${range.from}&to=${range.to}`;
      const before = server.rssBytes() / MB;
      const report = async (): Promise<{ ms: number; bytes: number; issued: number }> => {
        const t = performance.now();
        const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${manager}` } });
        const text = await res.text();
        const ms = performance.now() - t;
        if (res.status !== 200) throw new Error(`stats: ${res.status} ${text.slice(0, 200)}`);
        return { ms, bytes: text.length, issued: (JSON.parse(text) as { issued: number }).issued };
      };
      const first = await report();
      const again: number[] = [];
      for (let i = 0; i < 7; i++) again.push((await report()).ms);
      opts.log('366-day report', { firstMs: Math.round(first.ms), again: summarize(again) });

      // The first tickets compile what a ticket issue needs once; the phases measure after that.
      await issueFor(server.url, kiosk, 300);
      await loopMaxMs(server.url);
      const issueAlone = summarize(await issueFor(server.url, kiosk, 5000));
      const aloneLoopMax = await loopMaxMs(server.url);
      let running = true;
      let reportsDone = 0;
      const reporters = Array.from({ length: 3 }, async () => {
        while (running) {
          await report();
          reportsDone++;
        }
      });
      const cpu0 = server.cpuMs();
      const loop0 = server.loopThreadMs();
      const phase0 = performance.now();
      await loopMaxMs(server.url);
      const during = await issueFor(server.url, kiosk, 10_000);
      running = false;
      await Promise.all(reporters);
      const duringLoopMax = await loopMaxMs(server.url);
      const loop1 = server.loopThreadMs();
      const serverCpu = {
        msPerReport: Math.round((server.cpuMs() - cpu0) / reportsDone),
        loopThreadMs: Math.round(loop1.runMs - loop0.runMs),
        loopThreadWaitMs: Math.round(loop1.waitMs - loop0.waitMs),
        phaseMs: Math.round(performance.now() - phase0),
      };
      const rssAfter = Math.round(server.rssBytes() / MB);
      opts.log('three yearly reports', {
        issue: summarize(during),
        reportsDone,
        loopMaxMs: { alone: aloneLoopMax, during: duringLoopMax },
        serverCpu,
        rssMB: [Math.round(before), rssAfter],
      });

      // Cold: the last weeks' rollups gone (as after a format change), built again on the way.
      const coldDays = days.slice(-COLD_DAYS);
      const yuxiDir = join(dataDir, 'events', 'yuxi');
      for (const key of [...coldDays, ...new Set(coldDays.map((d) => d.slice(0, 7)))]) rmSync(join(yuxiDir, `${key}.rollup.json`), { force: true });
      await loopMaxMs(server.url);
      let coldMs = 0;
      const cold = report().then((r) => (coldMs = r.ms));
      let coldDone = false;
      void cold.finally(() => (coldDone = true));
      const coldIssue: number[] = [];
      while (!coldDone) coldIssue.push(...(await issueFor(server.url, kiosk, 200)));
      await cold;
      const coldLoopMax = await loopMaxMs(server.url);
      if (!existsSync(join(yuxiDir, `${range.to}.rollup.json`))) throw new Error('the cold report did not write the rollups it built');
      opts.log('cold report', { days: COLD_DAYS, ms: Math.round(coldMs), loopMaxMs: coldLoopMax, issue: summarize(coldIssue) });
      await new Promise((r) => setTimeout(r, 35_000));
      const rssQuiet = Math.round(server.rssBytes() / MB);

      const result: HistoryReportResult = {
        days: opts.days,
        ticketsPerDay: opts.ticketsPerDay,
        generate,
        report: { firstMs: Math.round(first.ms), again: summarize(again), bytes: first.bytes, issued: first.issued },
        rawFold,
        issueAlone,
        issueDuringReports: { ...summarize(during), reportsDone },
        rssMB: { before: Math.round(before), afterReports: rssAfter, afterQuiet: rssQuiet },
        eventLoopMaxMs: { alone: aloneLoopMax, duringReports: duringLoopMax, coldReport: coldLoopMax },
        serverCpu,
        coldReport: { days: COLD_DAYS, ms: Math.round(coldMs), issue: summarize(coldIssue) },
      };
      return result;
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
