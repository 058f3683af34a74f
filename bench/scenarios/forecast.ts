/**
 * Issue 27: the arrival forecast against the two naive rules, on generated years.
 *
 * For each seed, two years of a busy hall's arrivals (the demo city hall with the official
 * holidays and 调休 merged in, `history:generate`'s calendar effects, 700 citizens on an ordinary
 * Thursday, growing 10 % a year) are drawn with `plannedArrivals` (the same draws `simulateDay`
 * issues, without playing the service: a year of played days per seed would take minutes). Then,
 * as of every fourth Monday of the second year, the forecast (from the history before that day)
 * is scored on the following four weeks, beside:
 * - last week: each area-hour as on the same weekday a week before the forecast was made (the
 *   latest open one: a holiday week is skipped, in the rule's favour);
 * - four-week mean: the mean of the same weekday-hour over the four latest open same weekdays.
 * Both rules see only the days before the forecast date, as the model does. A 调休 Saturday has no
 * Saturday before it to copy: the rules then take the latest open workday (again in their favour).
 * Scored: mean absolute error per open area-hour, and per day (the hall's day total), over all
 * open days and by kind of day; and how often the actual count fell in the 80 % interval.
 */
import { DEFAULT_PLAN, generatedServiceMinutes, localMidnight, plannedArrivals } from '../../server/app/history-generator';
import { staffingAdvice } from '../../server/domain/staffing';
import { simulateDay } from '../../server/app/history-generator';
import { foldEvents } from '../../server/domain/evolve';
import { whatIf, type WhatIfChange } from '../../server/domain/what-if';
import { work } from '../../server/domain/work';
import { p90, playAreaDay } from '../support/queue-sim';
import { YUXI } from '../../server/config/demo-halls';
import { withOfficialDays } from '../../server/config/official-calendar';
import { forecastArrivals, openHours, type DayArrivals } from '../../server/domain/arrival-forecast';
import { dayContext } from '../../server/domain/day-context';
import { addDays, weekdayOf } from '../../server/domain/time';
import type { HallConfig } from '../../server/domain/types';

export type DayGroup = 'all' | 'ordinary' | 'after_holiday_1' | 'after_holiday_2' | 'before_holiday' | 'makeup_workday' | 'month_end';

export interface Score {
  areaHours: number;
  days: number;
  /** Mean absolute error per area-hour, and of the hall's day total: model, last week, four-week mean. */
  maeAreaHour: { model: number; lastWeek: number; fourWeeks: number };
  maeDay: { model: number; lastWeek: number; fourWeeks: number };
}

export interface ForecastSeedResult {
  seed: number;
  origins: number;
  groups: Partial<Record<DayGroup, Score>>;
  /** Share of open area-hours whose count fell inside the 80 % interval. */
  intervalCoverage: number;
  /** Whether the model's MAE beat both rules, per area-hour and per day, over all days. */
  beatsBoth: boolean;
  /**
   * Staffing advice (target 20 min) from the forecast of the last origin, its 14 days played per
   * area with the actual arrivals: the share of area-hours whose 90th-percentile wait met the
   * target with the advised windows, and with one window fewer every hour.
   */
  staffing: { areaHours: number; metAdvised: number; metOneFewer: number; windowHours: number };
}

export interface ForecastBenchResult {
  ticketsPerOrdinaryDay: number;
  trendPerYear: number;
  historyFrom: string;
  scoredFrom: string;
  scoredTo: string;
  seeds: ForecastSeedResult[];
  /** What-if on a simulated busy day (1,000 citizens) at three times: every window opened or closed in turn, each answer cold, ms. */
  whatIfMs: { answers: number; median: number; p99: number; max: number; playOutsMax: number; playOutsTotal: number };
  /** One forecast (14 days, with its back-test) in this process, ms: median and max. */
  forecastMs: { median: number; max: number };
  seconds: number;
}

const HISTORY_FROM = '2025-01-01';
const FIRST_ORIGIN = '2026-01-05'; // a Monday
const ORIGINS = 12;
const HORIZON = 28;

function arrivalsOf(hall: HallConfig, day: string, seed: number, tickets: number): DayArrivals | null {
  const list = plannedArrivals(hall, day, { ...DEFAULT_PLAN, tickets, seed, calendarEffects: true, trendPerYear: 0.1 });
  if (list.length === 0) return null;
  const midnight = localMidnight(day, hall.timezone);
  const areas: Record<string, number[]> = {};
  for (const a of list) {
    const row = (areas[a.areaId] ??= new Array<number>(24).fill(0));
    row[Math.floor((a.at - midnight) / 3_600_000)]!++;
  }
  return { day, areas };
}

/** The latest open day before `asOf` with `day`'s weekday (or, for a 调休 day, any workday), `back` of them. */
function sameWeekdays(history: Map<string, DayArrivals>, hall: HallConfig, day: string, asOf: string, count: number): DayArrivals[] {
  const makeup = dayContext(hall.calendar, day).kind === 'makeup_workday';
  const out: DayArrivals[] = [];
  for (let d = addDays(asOf, -1); out.length < count && d > addDays(asOf, -120); d = addDays(d, -1)) {
    const wd = weekdayOf(d);
    const fits = makeup ? wd >= 1 && wd <= 5 : wd === weekdayOf(day);
    const h = history.get(d);
    if (fits && h && dayContext(hall.calendar, d).special === null) out.push(h);
  }
  return out;
}

function groupOf(hall: HallConfig, day: string): DayGroup[] {
  const c = dayContext(hall.calendar, day);
  const out: DayGroup[] = ['all'];
  if (c.special) out.push(c.special);
  else if (c.monthEnd) out.push('month_end');
  else out.push('ordinary');
  return out;
}

/** The staffing advice of a forecast as of `asOf`, played on the 14 days' actual arrivals. */
function playAdvice(
  hall: HallConfig,
  history: Map<string, DayArrivals>,
  all: DayArrivals[],
  asOf: string,
  seed: number,
  tickets: number,
): ForecastSeedResult['staffing'] {
  const hold = new Map([...generatedServiceMinutes(hall)].map(([id, m]) => [id, m + 1 + 17.5 / 60]));
  const fc = forecastArrivals({ calendar: hall.calendar, areaIds: hall.areas.map((a) => a.id), history: all.filter((d) => d.day < asOf), asOf, days: 14 });
  const advice = staffingAdvice(fc.days, hold, new Map(), 20);
  const share = (fewer: number) => {
    let met = 0;
    let n = 0;
    let windowHours = 0;
    for (const day of advice) {
      if (!history.has(day.day)) continue;
      const midnight = localMidnight(day.day, hall.timezone);
      const byArea = new Map<string, number[]>();
      for (const a of plannedArrivals(hall, day.day, { ...DEFAULT_PLAN, tickets, seed, calendarEffects: true, trendPerYear: 0.1 }))
        byArea.set(a.areaId, [...(byArea.get(a.areaId) ?? []), (a.at - midnight) / 60_000]);
      for (const area of day.areas) {
        const windows = new Array<number>(24).fill(0);
        for (const h of area.hours) windows[h.hour] = Math.max(0, h.windows - fewer);
        windowHours += windows.reduce((x, y) => x + y, 0);
        for (const list of playAreaDay({ arrivals: byArea.get(area.areaId) ?? [], windows, holdMinutes: hold.get(area.areaId)!, seed }).values()) {
          n++;
          if (p90(list) <= 20) met++;
        }
      }
    }
    return { met: met / n, n, windowHours };
  };
  const advised = share(0);
  const fewer = share(1);
  return {
    areaHours: advised.n,
    metAdvised: Math.round(advised.met * 1000) / 1000,
    metOneFewer: Math.round(fewer.met * 1000) / 1000,
    windowHours: advised.windowHours,
  };
}

/**
 * What-if answers on a simulated busy day (1,000 citizens) at 10:00, 11:00 and 15:00, each window
 * opened (if closed) or closed: every answer cold (a fresh state each time of day, each change
 * asked once, so no play-out is reused).
 */
function timeWhatIf(): ForecastBenchResult['whatIfMs'] {
  const day = '2026-11-25';
  const events = simulateDay(YUXI, day, { ...DEFAULT_PLAN, tickets: 1000, seed: 21 })!;
  const times: number[] = [];
  // Play-outs per answer: the work, which the clock only reflects (on a loaded machine, loosely).
  const playOuts: number[] = [];
  for (const clock of ['10:00', '11:00', '15:00']) {
    const at = Date.parse(`${day}T${clock}:00+08:00`);
    const state = foldEvents(
      YUXI,
      day,
      events.filter((e) => Date.parse(e.at) <= at),
    );
    for (const w of state.windows.values()) {
      const change: WhatIfChange = w.status === 'closed' ? { action: 'open', windowId: w.id, areaId: w.areaIds[0]! } : { action: 'close', windowId: w.id };
      const ran = work.estimatesRun;
      const t = performance.now();
      whatIf(state, change, at, () => 12);
      times.push(performance.now() - t);
      playOuts.push(work.estimatesRun - ran);
    }
  }
  times.sort((a, b) => a - b);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    answers: times.length,
    median: r1(times[Math.floor(times.length / 2)]!),
    p99: r1(times[Math.ceil(times.length * 0.99) - 1]!),
    max: r1(times.at(-1)!),
    playOutsMax: Math.max(...playOuts),
    playOutsTotal: playOuts.reduce((a, b) => a + b, 0),
  };
}

export async function forecastScenario(opts: { seeds: number[]; ticketsPerDay: number; log: (...a: unknown[]) => void }): Promise<ForecastBenchResult> {
  const started = performance.now();
  const hall: HallConfig = { ...YUXI, calendar: withOfficialDays(YUXI.calendar) };
  const areaIds = hall.areas.map((a) => a.id);
  const lastDay = addDays(FIRST_ORIGIN, 28 * ORIGINS + HORIZON);
  const times: number[] = [];
  const seeds: ForecastSeedResult[] = [];
  for (const seed of opts.seeds) {
    const history = new Map<string, DayArrivals>();
    for (let d = HISTORY_FROM; d < lastDay; d = addDays(d, 1)) {
      const a = arrivalsOf(hall, d, seed, opts.ticketsPerDay);
      if (a) history.set(d, a);
    }
    const all = [...history.values()];
    type Sums = { n: number; days: number; ah: [number, number, number]; day: [number, number, number] };
    const sums = new Map<DayGroup, Sums>();
    let inside = 0;
    let hoursSeen = 0;
    for (let o = 0; o < ORIGINS; o++) {
      const asOf = addDays(FIRST_ORIGIN, 28 * o);
      const t = performance.now();
      const fc = forecastArrivals({ calendar: hall.calendar, areaIds, history: all.filter((d) => d.day < asOf), asOf, days: HORIZON });
      times.push(performance.now() - t);
      for (const fd of fc.days) {
        const actual = history.get(fd.day);
        const hours = openHours(hall.calendar, fd.day);
        if (hours.length === 0) continue;
        const last = sameWeekdays(history, hall, fd.day, asOf, 1);
        const four = sameWeekdays(history, hall, fd.day, asOf, 4);
        const dayTotals: [number, number, number] = [0, 0, 0];
        const ah: [number, number, number] = [0, 0, 0];
        let n = 0;
        for (const area of fd.areas) {
          const byHour = new Map(area.hours.map((h) => [h.hour, h]));
          for (const h of hours) {
            const y = actual?.areas[area.areaId]?.[h] ?? 0;
            const f = byHour.get(h);
            const model = f?.expected ?? 0;
            const lw = last[0]?.areas[area.areaId]?.[h] ?? 0;
            const fw = four.length ? four.reduce((s, d) => s + (d.areas[area.areaId]?.[h] ?? 0), 0) / four.length : 0;
            ah[0] += Math.abs(y - model);
            ah[1] += Math.abs(y - lw);
            ah[2] += Math.abs(y - fw);
            dayTotals[0] += model - y;
            dayTotals[1] += lw - y;
            dayTotals[2] += fw - y;
            n++;
            hoursSeen++;
            if (f && y >= f.low && y <= f.high) inside++;
          }
        }
        for (const g of groupOf(hall, fd.day)) {
          const s = sums.get(g) ?? { n: 0, days: 0, ah: [0, 0, 0], day: [0, 0, 0] };
          s.n += n;
          s.days++;
          for (let k = 0; k < 3; k++) {
            s.ah[k]! += ah[k]!;
            s.day[k]! += Math.abs(dayTotals[k]!);
          }
          sums.set(g, s);
        }
      }
    }
    const r2 = (x: number) => Math.round(x * 100) / 100;
    const groups: Partial<Record<DayGroup, Score>> = {};
    for (const [g, s] of sums) {
      groups[g] = {
        areaHours: s.n,
        days: s.days,
        maeAreaHour: { model: r2(s.ah[0] / s.n), lastWeek: r2(s.ah[1] / s.n), fourWeeks: r2(s.ah[2] / s.n) },
        maeDay: { model: r2(s.day[0] / s.days), lastWeek: r2(s.day[1] / s.days), fourWeeks: r2(s.day[2] / s.days) },
      };
    }
    const a = groups.all!;
    const beatsBoth =
      a.maeAreaHour.model < Math.min(a.maeAreaHour.lastWeek, a.maeAreaHour.fourWeeks) && a.maeDay.model < Math.min(a.maeDay.lastWeek, a.maeDay.fourWeeks);
    const staffing = playAdvice(hall, history, all, addDays(FIRST_ORIGIN, 28 * (ORIGINS - 1)), seed, opts.ticketsPerDay);
    const result = { seed, origins: ORIGINS, groups, intervalCoverage: Math.round((inside / hoursSeen) * 1000) / 1000, beatsBoth, staffing };
    opts.log(`forecast seed ${seed}`, JSON.stringify({ all: a, coverage: result.intervalCoverage, beatsBoth, staffing }));
    seeds.push(result);
  }
  times.sort((a, b) => a - b);
  const whatIfMs = timeWhatIf();
  opts.log('what-if', JSON.stringify(whatIfMs));
  return {
    whatIfMs,
    ticketsPerOrdinaryDay: opts.ticketsPerDay,
    trendPerYear: 0.1,
    historyFrom: HISTORY_FROM,
    scoredFrom: FIRST_ORIGIN,
    scoredTo: addDays(lastDay, -1),
    seeds,
    forecastMs: { median: Math.round(times[Math.floor(times.length / 2)]!), max: Math.round(times.at(-1)!) },
    seconds: Math.round((performance.now() - started) / 1000),
  };
}
