/**
 * Issue 13, reports across halls: a 30-day report over 100 halls (`GET /api/v1/reports/halls`), on
 * the embedded store, the server in its own process. Each hall has 30 busy days (700 tickets a
 * day) ending yesterday, closed and rolled up: the two demo halls generated through the domain
 * (`writeHistory`), the 98 copies of Yuxi given days simulated for Yuxi from a few seeds (a day
 * simulated once per seed, its events and rollup stored for each copy under the copy's id), so the
 * set-up takes a minute rather than an hour. Timed first (rollups read from disk) and again, with
 * a kiosk issuing tickets meanwhile (its p99 says whether the report held the event loop).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daysBefore, DEFAULT_PLAN, simulateDay, writeHistory } from '../../server/app/history-generator';
import { YUXI } from '../../server/config/demo-halls';
import { dayRollup, rollupToJson } from '../../server/domain/day-rollup';
import type { HallEvent } from '../../server/domain/events';
import { localDate } from '../../server/domain/time';
import type { HallConfig } from '../../server/domain/types';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { writeBenchHalls } from '../support/bench-halls';
import { api, login } from '../support/cluster';
import { ServerProcess } from '../support/server-process';
import { summarize, type LatencySummary } from '../support/stats';

export interface HallsReportResult {
  halls: number;
  days: number;
  ticketsPerDay: number;
  setupSeconds: number;
  report: { firstMs: number; again: LatencySummary; bytes: number; issued: number };
  issueDuringReports: LatencySummary & { reportsDone: number };
}

/** Distinct simulated histories the copies share. */
const SEEDS = 4;

export async function hallsReportScenario(opts: {
  halls: number;
  days: number;
  ticketsPerDay: number;
  log: (...a: unknown[]) => void;
}): Promise<HallsReportResult> {
  const dir = mkdtempSync(join(tmpdir(), 'qms-bench-halls-'));
  const dataDir = join(dir, 'data');
  try {
    const { path } = writeBenchHalls(dir, opts.halls);
    const configs = (JSON.parse(readFileSync(path, 'utf8')) as { halls: HallConfig[] }).halls;
    const today = localDate(Date.now(), YUXI.timezone);
    const days = daysBefore(today, opts.days);
    const range = { from: days[0]!, to: days.at(-1)! };
    const started = performance.now();
    const store = await EmbeddedEventStore.open({ dataDir, maxStreams: 4 });
    const plan = { ...DEFAULT_PLAN, tickets: opts.ticketsPerDay, everyDay: true };
    for (const hall of configs.filter((h) => !h.id.startsWith('bench-'))) await writeHistory(store, hall, days, { ...plan, seed: 1 });
    const templates: Array<Array<{ events: HallEvent[]; rollup: object }>> = [];
    for (let s = 0; s < SEEDS; s++) {
      templates.push(
        days.map((day) => {
          const events = simulateDay(YUXI, day, { ...plan, seed: 100 + s })!;
          return { events, rollup: rollupToJson(dayRollup(YUXI, day, events)) };
        }),
      );
      opts.log(`simulated seed ${s + 1}/${SEEDS}`);
    }
    const copies = configs.filter((h) => h.id.startsWith('bench-'));
    for (const [i, hall] of copies.entries()) {
      const template = templates[i % SEEDS]!;
      for (const [k, day] of days.entries()) {
        const { events, rollup } = template[k]!;
        const result = await store.append(
          { hallId: hall.id, day },
          0,
          events.map((e) => ({ ...e, hallId: hall.id })),
        );
        if (!result.ok) throw new Error(`${hall.id} ${day} already has events`);
        await store.writeRollup(hall.id, day, JSON.stringify({ ...rollup, hallId: hall.id }));
      }
    }
    await store.close();
    const setupSeconds = Math.round((performance.now() - started) / 100) / 10;
    opts.log(`${configs.length} halls × ${days.length} days written in ${setupSeconds} s`);

    const server = await ServerProcess.start({
      script: 'server/main.ts',
      env: {
        DATA_DIR: dataDir,
        QMS_CONFIG: path,
        QMS_PUBLIC_URL: 'https://qms.example.cn',
        QMS_DEMO: '1',
        QMS_ALWAYS_OPEN: '1',
        QMS_KIOSK_TICKETS_PER_MINUTE: '100000',
        QMS_LOG_LEVEL: 'warn',
      },
    });
    try {
      const admin = await login(server.url, 'admin');
      const kiosk = await login(server.url, 'kiosk01');
      const report = async (): Promise<{ ms: number; bytes: number; issued: number }> => {
        const t = performance.now();
        const res = await fetch(`${server.url}/api/v1/reports/halls?from=${range.from}&to=${range.to}`, { headers: { authorization: `Bearer ${admin}` } });
        const text = await res.text();
        const ms = performance.now() - t;
        if (res.status !== 200) throw new Error(`reports/halls: ${res.status} ${text.slice(0, 200)}`);
        const body = JSON.parse(text) as { halls: Array<{ issued: number }> };
        if (body.halls.length !== configs.length) throw new Error(`${body.halls.length} halls reported, not ${configs.length}`);
        return { ms, bytes: text.length, issued: body.halls.reduce((n, h) => n + h.issued, 0) };
      };
      const first = await report();
      opts.log('first report', { ms: Math.round(first.ms), issued: first.issued });
      const again: number[] = [];
      for (let i = 0; i < 7; i++) again.push((await report()).ms);
      opts.log('again', summarize(again));

      // A kiosk issues a ticket every 20 ms while reports run back to back.
      let running = true;
      let reportsDone = 0;
      const reporter = (async () => {
        while (running) {
          await report();
          reportsDone++;
        }
      })();
      const times: number[] = [];
      const until = performance.now() + 8000;
      while (performance.now() < until) {
        const t = performance.now();
        const r = await api(server.url, 'POST', '/api/v1/halls/yuxi/tickets', kiosk, { areaId: 'tax' });
        if (r.status !== 201) throw new Error(`ticket issue: ${r.status}`);
        times.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
      running = false;
      await reporter;
      return {
        halls: configs.length,
        days: days.length,
        ticketsPerDay: opts.ticketsPerDay,
        setupSeconds,
        report: { firstMs: Math.round(first.ms), again: summarize(again), bytes: first.bytes, issued: first.issued },
        issueDuringReports: { ...summarize(times), reportsDone },
      };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
