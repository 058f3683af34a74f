/**
 * History that lasts: a closed day is rolled up once and stored (both stores); a year of generated
 * history reports through rollups — days closed before rollups existed are rolled up on first
 * need — without holding the event loop, with exact counts; the embedded store does not keep the
 * year's days in memory afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { daysBefore, DEFAULT_PLAN, simulateDay, writeHistory } from '../../server/app/history-generator';
import { YUXI } from '../../server/config/demo-halls';
import { ROLLUP_FORMAT } from '../../server/domain/day-rollup';
import { addDays } from '../../server/domain/time';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { RedisProcess } from '../support/redis';
import { startServer, type StoreKind, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';

describe.each<StoreKind>(['embedded', 'redis'])('a day closing on the %s store', (store) => {
  const DAY = '2026-11-25';
  const clock = new ManualClock(Date.parse(`${DAY}T10:00:00+08:00`));
  let redis: RedisProcess | undefined;
  let srv: TestServer;

  beforeAll(async () => {
    if (store === 'redis') redis = await RedisProcess.start();
    srv = await startServer({ store, redisUrl: redis?.url, clock });
  });
  afterAll(async () => {
    await srv?.close();
    await redis?.stop();
  });

  it('is rolled up once when it closes, and the rollup is what the next days report from', async () => {
    await srv.post(`${H}/windows/9/sign-in`, 'clerk09');
    for (let i = 0; i < 3; i++) await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201);
    clock.advance(120_000);
    await srv.post(`${H}/windows/9/call-next`, 'clerk09');
    await srv.post(`${H}/windows/9/complete`, 'clerk09');
    expect(await srv.app.qms.store.readRollups('yuxi', [DAY])).toEqual([null]);

    clock.set(Date.parse(`${addDays(DAY, 1)}T09:00:00+08:00`));
    await srv.app.qms.service.tick();
    let stored: Array<string | null> = [null];
    for (let i = 0; i < 500 && stored[0] === null; i++) {
      await new Promise((r) => setTimeout(r, 20));
      stored = await srv.app.qms.store.readRollups('yuxi', [DAY]);
    }
    const rollup = JSON.parse(stored[0]!);
    expect(rollup).toMatchObject({ format: ROLLUP_FORMAT, hallId: 'yuxi', day: DAY, total: { issued: 3, served: 1, cancelled: 2 } });
    expect(rollup.byWindow['9']).toMatchObject({ served: 1, wait: { n: 1 } });

    const s = await srv.get(`${H}/stats?from=${DAY}&to=${addDays(DAY, 1)}`, 'manager');
    expect(s).toMatchObject({ days: [DAY], issued: 3, served: 1, cancelled: 2 });
    expect(s.byDayArea.find((r: { areaId: string }) => r.areaId === 'tax')).toMatchObject({ day: DAY, issued: 3, served: 1, cancelled: 2 });
    expect(s.byDayAreaOmitted).toBe(false);
  });
});

describe('a year of history', () => {
  const TODAY = '2026-11-26';
  const days = daysBefore(TODAY, 366);
  const plan = { ...DEFAULT_PLAN, tickets: 120, seed: 11, everyDay: true };
  const dataDir = mkdtempSync(join(tmpdir(), 'qms-history-'));
  let srv: TestServer;
  let tickets = 0;
  /** Days written as a version without rollups left them: events only. */
  const bare: string[] = [];

  beforeAll(async () => {
    const store = await EmbeddedEventStore.open({ dataDir, maxStreams: 4 });
    const rolled = days.filter((_, i) => i % 3 !== 0);
    const generated = await writeHistory(store, YUXI, rolled, plan);
    tickets += generated.tickets;
    for (const day of days.filter((_, i) => i % 3 === 0)) {
      const events = simulateDay(YUXI, day, plan)!;
      expect((await store.append({ hallId: 'yuxi', day }, 0, events)).ok).toBe(true);
      tickets += events.filter((e) => e.type === 'ticket.issued').length;
      bare.push(day);
    }
    // A rollup of a format this version does not read is built again too.
    await store.writeRollup('yuxi', rolled[5]!, JSON.stringify({ format: ROLLUP_FORMAT + 100, total: { issued: 999_999 } }));
    await store.close();
    srv = await startServer({
      store: 'embedded',
      dataDir,
      clock: new ManualClock(Date.parse(`${TODAY}T10:00:00+08:00`)),
      env: { QMS_KIOSK_TICKETS_PER_MINUTE: '10000' },
    });
  }, 120_000);
  afterAll(async () => {
    await srv?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs `fn` while sampling the event loop: the longest it was held, in ms. */
  async function loopHeld<T>(fn: () => Promise<T>): Promise<{ value: T; maxMs: number; p99Ms: number; tookMs: number }> {
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    let last = performance.now();
    let probeMax = 0;
    const probe = setInterval(() => {
      const now = performance.now();
      probeMax = Math.max(probeMax, now - last);
      last = now;
    }, 5);
    histogram.enable();
    const started = performance.now();
    try {
      const value = await fn();
      return { value, maxMs: Math.max(probeMax - 5, histogram.max / 1e6), p99Ms: histogram.percentile(99) / 1e6, tookMs: performance.now() - started };
    } finally {
      histogram.disable();
      clearInterval(probe);
    }
  }

  it('reports a year from rollups, rolling up the days that had none, without holding the event loop', async () => {
    const from = days[0]!;
    const to = days.at(-1)!;
    // A kiosk keeps issuing while the report runs.
    const issueTimes: number[] = [];
    const first = await loopHeld(async () => {
      const report = srv.get(`${H}/stats?from=${from}&to=${to}`, 'manager');
      let done = false;
      void report.finally(() => (done = true));
      while (!done) {
        const t = performance.now();
        await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201);
        issueTimes.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 10));
      }
      return report;
    });
    // Once every day has its rollup. A pause the busy machine imposes (other processes on the 2
    // cores) differs from run to run; a section that blocks the loop shows in every run, so the
    // least of three counts.
    const again = [];
    for (let run = 0; run < 3; run++) again.push(await loopHeld(() => srv.get(`${H}/stats?from=${from}&to=${to}`, 'manager')));
    const steady = Math.min(...again.map((a) => a.maxMs));
    console.log(
      `366-day report: first (${bare.length} days rolled up on the way) ${first.tookMs.toFixed(0)} ms, event loop max ${first.maxMs.toFixed(1)} ms p99 ${first.p99Ms.toFixed(1)} ms; ` +
        `from rollups ${again.map((a) => `${a.tookMs.toFixed(0)} ms (loop max ${a.maxMs.toFixed(1)}, p99 ${a.p99Ms.toFixed(1)})`).join(', ')}; ` +
        `${issueTimes.length} tickets issued meanwhile, slowest ${Math.max(...issueTimes).toFixed(0)} ms`,
    );
    // The kiosk was served while the report ran: the report gives the loop back as it goes.
    expect(issueTimes.length).toBeGreaterThanOrEqual(2);
    // The 50 ms target is the bench's (`npm run bench -- --only=history`, measured beside ticket
    // issue alone); these are sanity bounds only, far above it.
    expect(steady).toBeLessThan(500);
    expect(first.maxMs).toBeLessThan(1500);

    const s = first.value;
    expect(s.days).toEqual(days);
    expect(s.issued).toBe(tickets);
    expect(s.byDay).toHaveLength(366);
    expect(s.byDay.reduce((n: number, d: { issued: number }) => n + d.issued, 0)).toBe(tickets);
    // A year's JSON is the summary: the per day × area rows are the CSV's (next tests), the bad
    // ratings the follow-up list's; their count stays.
    expect(s.byDayAreaOmitted).toBe(true);
    expect(s.byDayArea).toEqual([]);
    expect(s.satisfaction).toMatchObject({ badRatingsOmitted: true, badRatings: [] });
    expect(s.satisfaction.bad).toBeGreaterThan(0);
    expect(again[0]!.value).toEqual(s);

    // The days that had no rollup (or one of another format) have one now.
    const stored = await srv.app.qms.store.readRollups('yuxi', [bare[0]!, bare.at(-1)!, days[7]!]);
    for (const text of stored) expect(JSON.parse(text!)).toMatchObject({ format: ROLLUP_FORMAT });
  });

  it('carries the per day × area rows and the bad ratings in the JSON for a month, not for a day more', async () => {
    const month = await srv.get(`${H}/stats?from=${days[100]}&to=${days[130]}`, 'manager');
    expect(month.byDayAreaOmitted).toBe(false);
    expect(month.byDayArea).toHaveLength(31 * YUXI.areas.length);
    expect(month.byDayArea.reduce((n: number, r: { issued: number }) => n + r.issued, 0)).toBe(month.issued);
    expect(month.satisfaction.badRatingsOmitted).toBe(false);
    expect(month.satisfaction.bad).toBeGreaterThan(0);
    expect(month.satisfaction.badRatings).toHaveLength(month.satisfaction.bad);
    const longer = await srv.get(`${H}/stats?from=${days[100]}&to=${days[131]}`, 'manager');
    expect(longer.byDayAreaOmitted).toBe(true);
    expect(longer.byDayArea).toEqual([]);
    expect(longer.satisfaction).toMatchObject({ badRatingsOmitted: true, badRatings: [] });
    expect(longer.satisfaction.bad).toBeGreaterThan(month.satisfaction.bad - 1);
    expect(longer.byDay).toHaveLength(32);
    // The CSV of the longer range has every row the JSON left out.
    const csv = await srv.request('GET', `${H}/stats.csv?from=${days[100]}&to=${days[131]}`, { as: 'manager' });
    expect((csv.body as string).trim().split('\r\n')).toHaveLength(1 + 32 * YUXI.areas.length);
  });

  it('writes the year as CSV, a row per day and area', async () => {
    const res = await srv.request('GET', `${H}/stats.csv?from=${days[0]}&to=${days.at(-1)}`, { as: 'manager' });
    expect(res.status).toBe(200);
    const rows = (res.body as string).trim().split('\r\n');
    expect(rows).toHaveLength(1 + 366 * YUXI.areas.length);
  });

  it('gzips a year’s answer for a client that takes it, and sends the same plain to one that does not', async () => {
    const token = await srv.login('manager');
    for (const path of [`${H}/stats?from=${days[0]}&to=${days.at(-1)}`, `${H}/stats.csv?from=${days[0]}&to=${days.at(-1)}`]) {
      const zipped = await fetch(srv.url + path, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } });
      const plain = await fetch(srv.url + path, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' } });
      expect([zipped.status, plain.status]).toEqual([200, 200]);
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(plain.headers.get('content-encoding')).toBeNull();
      // fetch unzips what it is sent gzipped; the two answers are the same text.
      const [a, b] = [await zipped.text(), await plain.text()];
      expect(a.length).toBeGreaterThan(100_000);
      expect(a).toBe(b);
    }
  });

  it('keeps today, not the year it read, in memory (embedded store)', async () => {
    const store = srv.app.qms.store;
    expect(store).toBeInstanceOf(EmbeddedEventStore);
    // Today's stream is held (tickets were issued); the 366 closed days were read and let go.
    expect((store as EmbeddedEventStore).cachedStreams).toBeLessThanOrEqual(3);
    await srv.get(`${H}/ratings/follow-ups?from=${days[200]}&to=${days.at(-1)}`, 'manager');
    await srv.get(`${H}/honours?from=${days[0]}&to=${days.at(-1)}`, 'manager');
    expect((store as EmbeddedEventStore).cachedStreams).toBeLessThanOrEqual(3);
  });
});
