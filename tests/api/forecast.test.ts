/**
 * The arrival forecast over HTTP: made in the report thread from the stored rollups of a small
 * generated history (eight weeks with the calendar's effects), kept per hall, made again when a
 * day closes; the hall's sessions shape it (the Wednesday night market, closed Sundays); the range
 * is checked; a city manager covering the hall reads it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { daysBefore, DEFAULT_PLAN, writeHistory } from '../../server/app/history-generator';
import { YUXI } from '../../server/config/demo-halls';
import { withOfficialDays } from '../../server/config/official-calendar';
import { forecastArrivals } from '../../server/domain/arrival-forecast';
import { bestTimes, BUSY_LEVELS, levelOf, LONG_WAIT_MINUTES, windowsFor } from '../../server/domain/best-time';
import type { DayRollupJson } from '../../server/domain/day-rollup';
import { addDays, weekdayOf } from '../../server/domain/time';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const TODAY = '2026-11-26'; // a Thursday
const days = daysBefore(TODAY, 56);

describe('GET /halls/:hallId/forecast', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qms-forecast-'));
  const clock = new ManualClock(Date.parse(`${TODAY}T10:00:00+08:00`));
  let srv: TestServer;
  let rollups: DayRollupJson[] = [];

  beforeAll(async () => {
    const store = await EmbeddedEventStore.open({ dataDir, maxStreams: 4 });
    const hall = { ...YUXI, calendar: withOfficialDays(YUXI.calendar) };
    const written = await writeHistory(store, hall, days, { ...DEFAULT_PLAN, tickets: 30, seed: 4, calendarEffects: true });
    rollups = (await store.readRollups('yuxi', written.written)).map((t) => JSON.parse(t!) as DayRollupJson);
    await store.close();
    srv = await startServer({ store: 'embedded', dataDir, clock });
  }, 120_000);
  afterAll(async () => {
    await srv?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('forecasts 14 days per area and open hour from the stored history, with an 80 % interval', async () => {
    const f = await srv.get(`${H}/forecast`, 'manager');
    expect(f).toMatchObject({ hallId: 'yuxi', asOf: TODAY, from: TODAY, to: addDays(TODAY, 13) });
    expect(f.days.map((d: { day: string }) => d.day)).toEqual(Array.from({ length: 14 }, (_, i) => addDays(TODAY, i)));
    expect(f.model.historyDays).toBe(rollups.length);
    // The same model on the same rollups, here: the route answers what the history says.
    const config = srv.app.qms.service.hall('yuxi')!;
    const expected = forecastArrivals({
      calendar: config.calendar,
      areaIds: config.areas.map((a) => a.id),
      history: rollups.map((r) => ({ day: r.day, areas: r.arrivals })),
      asOf: TODAY,
      days: 14,
    });
    expect(f.days).toEqual(expected.days);

    for (const d of f.days) {
      const hours = new Set<number>(d.areas.flatMap((a: { hours: Array<{ hour: number }> }) => a.hours.map((h) => h.hour)));
      const wd = weekdayOf(d.day);
      if (wd === 0 || wd === 6)
        expect(hours.size).toBe(0); // the city hall is closed at weekends
      else expect([...hours].sort((a, b) => a - b)).toEqual(wd === 3 ? [9, 10, 11, 12, 13, 14, 15, 16, 19, 20] : [9, 10, 11, 12, 13, 14, 15, 16]);
      for (const a of d.areas) for (const h of a.hours) expect(h.low <= h.expected && h.expected <= h.high).toBe(true);
    }
    // A Monday's forecast is near the mean of the ordinary Mondays it learned from.
    const monday = f.days.find((d: { day: string; special: string | null }) => weekdayOf(d.day) === 1 && d.special === null)!;
    const pastMondays = rollups.filter((r) => weekdayOf(r.day) === 1).map((r) => r.total.issued ?? 0);
    const mean = pastMondays.reduce((a, b) => a + b, 0) / pastMondays.length;
    expect(monday.expected).toBeGreaterThan(0.7 * mean);
    expect(monday.expected).toBeLessThan(1.3 * mean);
  });

  it('answers a part of the 14 days, and names the field that is out of range', async () => {
    const part = await srv.get(`${H}/forecast?from=${addDays(TODAY, 2)}&to=${addDays(TODAY, 4)}`, 'manager');
    expect(part.days.map((d: { day: string }) => d.day)).toEqual([2, 3, 4].map((i) => addDays(TODAY, i)));
    for (const [query, field] of [
      [`from=${addDays(TODAY, -1)}`, 'from'],
      [`to=${addDays(TODAY, 14)}`, 'to'],
      [`from=${addDays(TODAY, 3)}&to=${addDays(TODAY, 2)}`, 'to'],
      ['from=2026-02-30', 'from'],
    ] as const) {
      const res = await srv.request('GET', `${H}/forecast?${query}`, { as: 'manager' });
      expect(res.status, query).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'invalid_request', field } });
    }
  });

  it('advises windows per area and hour beside those configured, as JSON and as CSV', async () => {
    const to = addDays(TODAY, 1);
    const advice = await srv.get(`${H}/staffing?from=${TODAY}&to=${to}`, 'manager');
    expect(advice).toMatchObject({ hallId: 'yuxi', from: TODAY, to, targetMinutes: 20, method: 'erlang-c' });
    const config = srv.app.qms.service.hall('yuxi')!;
    let rows = 0;
    for (const d of advice.days) {
      for (const a of d.areas) {
        const primary = config.windows.filter((w) => w.areaIds[0] === a.areaId).length;
        expect(a.holdMinutes).toBeGreaterThan(1);
        for (const h of a.hours) {
          rows++;
          expect(h.configured).toBe(primary);
          expect(h.gap).toBe(h.windows - h.configured);
          if (h.expected > 0) expect(h.windows).toBeGreaterThanOrEqual(1);
        }
      }
    }
    expect(rows).toBeGreaterThan(0);
    const csv = await srv.request('GET', `${H}/staffing.csv?from=${TODAY}&to=${to}`, { as: 'manager' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('日期,业务区编号,业务区,时段,预计取号,建议窗口,已配窗口,缺口(正为缺),现配置下90%等候(分钟),平均占用(分钟)');
    expect(lines).toHaveLength(1 + rows);
    const english = await srv.request('GET', `${H}/staffing.csv?from=${TODAY}&to=${TODAY}&lang=en`, { as: 'manager' });
    expect(String(english.body)).toContain('Windows advised');
  });

  it('what-if: opening a window for an area nobody serves turns "no estimate" into a wait; nothing changes', async () => {
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'invest' }, 201);
    const answer = await srv.post(`${H}/what-if`, 'manager', { action: 'open', windowId: '2', areaId: 'invest' });
    const invest = answer.areas.find((a: { areaId: string }) => a.areaId === 'invest');
    expect(invest).toMatchObject({ waiting: 1, now: { without: null }, inAnHour: { without: null } });
    expect(invest.now.with).toBeGreaterThanOrEqual(0);
    expect((await srv.get(`${H}/overview`, 'manager')).windows.find((w: { id: string }) => w.id === '2').status).toBe('closed');
    expect((await srv.request('POST', `${H}/what-if`, { as: 'manager', body: { action: 'close', windowId: '99' } })).status).toBe(404);
    const bad = await srv.request('POST', `${H}/what-if`, { as: 'manager', body: { action: 'close', windowId: '2' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_request', field: 'windowId' } });
  });

  it("best time to come: public, the week's expected waits per open hour from the kept forecast, and the live wait now", async () => {
    const res = await srv.request('GET', `${H}/best-time?areaId=estate`);
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b).toMatchObject({ hallId: 'yuxi', areaId: 'estate', asOf: TODAY, today: TODAY, longWaitMinutes: LONG_WAIT_MINUTES, levels: [...BUSY_LEVELS] });
    // The grid is the domain's, from the forecast kept for the hall (not made again for this).
    const kept = srv.app.qms.forecasts.latest('yuxi')!;
    const config = srv.app.qms.service.hall('yuxi')!;
    const demand = kept.forecast.days.slice(0, 7).map((d) => ({ day: d.day, hours: d.areas.find((a) => a.areaId === 'estate')!.hours }));
    expect(b.days).toEqual(bestTimes(demand, kept.holdMinutes.estate!, windowsFor(config.windows, 'estate'), kept.waitScale.estate));
    expect(b.days.map((d: { day: string }) => d.day)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(TODAY, i)));
    for (const d of b.days) if ([0, 6].includes(weekdayOf(d.day))) expect(d.hours).toEqual([]);
    // Estate has windows of its own: every open hour has a wait (a quiet hall's: short).
    expect(b.days[0].hours.length).toBeGreaterThan(0);
    for (const h of b.days[0].hours) expect(h.waitMinutes !== null && h.level === levelOf(h.waitMinutes)).toBe(true);
    expect(kept.waitScale.estate).toBeGreaterThanOrEqual(0.5);
    // 10:00 on an open Thursday: the live queue of the area.
    expect(b.now).toMatchObject({ hour: 10 });
    expect(b.now.waiting).toBe(0);
    expect(kept.madeAt).toBe(srv.app.qms.forecasts.latest('yuxi')!.madeAt);

    // A service item names its area.
    expect((await srv.get(`${H}/best-time?serviceId=estate-02`)).areaId).toBe('estate');
    // Bad questions: a stable code and the field.
    for (const [query, status, field] of [
      ['', 400, 'areaId'],
      ['areaId=nowhere', 400, 'areaId'],
      ['serviceId=nothing-01', 400, 'serviceId'],
      ['areaId=', 400, undefined],
    ] as const) {
      const bad = await srv.request('GET', `${H}/best-time?${query}`);
      expect(bad.status, query).toBe(status);
      expect(bad.body.error.code, query).toBe('invalid_request');
      if (field) expect(bad.body.error.field, query).toBe(field);
    }
    const noHall = await srv.request('GET', '/api/v1/halls/nowhere/best-time?areaId=estate');
    expect(noHall.status).toBe(404);
    expect(noHall.body.error.code).toMatch(/not_found$/);
  });

  it('is kept per hall, and made again for the next day when the day closes', async () => {
    const first = await srv.get(`${H}/forecast`, 'city');
    expect((await srv.get(`${H}/forecast`, 'manager')).madeAt).toBe(first.madeAt);

    // Today has a citizen, so it has a log to close when tomorrow comes.
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201);
    clock.set(Date.parse(`${addDays(TODAY, 1)}T09:00:00+08:00`));
    await srv.app.qms.service.tick();
    for (let i = 0; i < 600 && srv.app.qms.forecasts.latest('yuxi')?.forecast.asOf !== addDays(TODAY, 1); i++) await new Promise((r) => setTimeout(r, 25));
    const made = srv.app.qms.forecasts.latest('yuxi')!;
    expect(made.forecast.asOf).toBe(addDays(TODAY, 1));
    const asked = Date.now();
    const next = await srv.get(`${H}/forecast`, 'manager');
    expect(next.asOf).toBe(addDays(TODAY, 1));
    expect(Date.parse(next.madeAt)).toBeLessThanOrEqual(asked);
    // The closed day is history now.
    expect(next.model.historyDays).toBe(rollups.length + 1);
  });
});
