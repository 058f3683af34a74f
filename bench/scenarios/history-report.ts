/**
 * Scenario 7 (issue 13): a year of history for one busy hall (`history:generate`'s days, 700
 * tickets a day, every day), on the embedded store, the server in its own process.
 * - the 366-day report (`GET /stats`) from rollups, first and again, beside the floor measured in
 *   the same run: every raw event of the year read and folded, day by day (what a report cost
 *   before rollups, without even holding the year in memory);
 * - ticket issue at a kiosk alone, then while three yearly reports run without pause;
 * - the server's memory before and after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
  rssMB: { before: number; afterReports: number };
}

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

export async function historyReport(opts: { days: number; ticketsPerDay: number; log: (...a: unknown[]) => void }): Promise<HistoryReportResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qms-bench-history-'));
  try {
    const today = localDate(Date.now(), YUXI.timezone);
    const days = daysBefore(today, opts.days);
    const range = { from: days[0]!, to: days.at(-1)! };
    let store = await EmbeddedEventStore.open({ dataDir, maxStreams: 4 });
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

      const issueAlone = summarize(await issueFor(server.url, kiosk, 5000));
      let running = true;
      let reportsDone = 0;
      const reporters = Array.from({ length: 3 }, async () => {
        while (running) {
          await report();
          reportsDone++;
        }
      });
      const during = await issueFor(server.url, kiosk, 10_000);
      running = false;
      await Promise.all(reporters);
      const result: HistoryReportResult = {
        days: opts.days,
        ticketsPerDay: opts.ticketsPerDay,
        generate,
        report: { firstMs: Math.round(first.ms), again: summarize(again), bytes: first.bytes, issued: first.issued },
        rawFold,
        issueAlone,
        issueDuringReports: { ...summarize(during), reportsDone },
        rssMB: { before: Math.round(before), afterReports: Math.round(server.rssBytes() / MB) },
      };
      return result;
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
