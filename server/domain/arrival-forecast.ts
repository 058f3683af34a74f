/**
 * The arrival forecast: how many citizens each area of a hall will see in each open hour of the
 * coming days, with an 80 % interval. The simplest model that beat both naive rules in the
 * benchmark (`bench/scenarios/forecast.ts`, docs/forecast.md):
 *
 *   expected(day, area, hour) = profile(weekday, area, hour) × day effect × period effect × trend
 *
 * - profile: the recent ordinary days of the same weekday (last 8 weeks, newer weeks weigh more),
 *   each area's hours half its own, half the area's day total spread by the hall's hour shape of
 *   that weekday (steadier than one area-hour's few counts). A weekday's night or morning market is
 *   in its profile; an hour outside the day's sessions gets nothing.
 * - day effect: how much busier the hall is on the first and second open day after a holiday, the
 *   last before one and a 调休 workday, learned from the last year as the ratio of such days to the
 *   ordinary days of the same weekday around them (shrunk toward 1 when seen rarely).
 * - period effect: each area's own ratio at a month's and a quarter's last open days (tax and fund
 *   desks fill, others do not): learned the same way, per area.
 * - trend: the drift of ordinary days against their profile over the last 26 weeks, carried to the
 *   forecast day (bounded to ±15 %).
 * - interval: the same model run four weeks back and scored on those four weeks: the 10th and 90th
 *   percentiles of its errors, scaled by √expected (counts spread like that), give the 80 % band.
 *
 * Pure: history and calendar in, forecast out. Runs in the report thread.
 */
import { dayContext, SPECIAL_DAYS, type DayContext, type SpecialDay } from './day-context';
import { calendarDay, type DayKind } from './schedule';
import { addDays, minutesOf } from './time';
import type { CalendarConfig } from './types';

/** One past day's tickets issued per area and hour (24 counts each). */
export interface DayArrivals {
  day: string;
  areas: Record<string, readonly number[]>;
}

export interface ForecastHour {
  hour: number;
  expected: number;
  low: number;
  high: number;
}

export interface ForecastArea {
  areaId: string;
  expected: number;
  hours: ForecastHour[];
}

export interface ForecastDay {
  day: string;
  kind: DayKind;
  /** The day effect applied, if any. */
  special: SpecialDay | null;
  monthEnd: boolean;
  quarterEnd: boolean;
  expected: number;
  areas: ForecastArea[];
}

export interface ArrivalForecast {
  /** The first day forecast; history before it was used. */
  asOf: string;
  days: ForecastDay[];
  /** What was learned, for the curious and the tests. */
  model: {
    historyDays: number;
    dayEffects: Record<SpecialDay, number>;
    monthEnd: Record<string, number>;
    quarterEnd: Record<string, number>;
    trendPerWeek: number;
    /** Quantiles of (actual − expected) / √expected over the back-test's area-hours. */
    interval: { q10: number; q90: number; backTestHours: number };
  };
}

export interface ForecastInput {
  calendar: CalendarConfig;
  areaIds: readonly string[];
  /** Past days, any order; only those before `asOf` are read. */
  history: readonly DayArrivals[];
  asOf: string;
  days: number;
}

/** Weeks of ordinary days the profile averages, and how much each older week weighs less. */
const PROFILE_WEEKS = 8;
const WEEK_DECAY = 0.8;
const TREND_WEEKS = 26;
const TREND_LIMIT = 0.15;
/** The back-test that sizes the interval. */
const BACKTEST_DAYS = 28;
/** Without a back-test (short history): about a Poisson count's 80 % band. */
const DEFAULT_INTERVAL = { q10: -1.4, q90: 1.4 };
/** Around a special day, the ordinary days of the same weekday within this many days are its yardstick. */
const YARDSTICK_DAYS = 28;
const EFFECT_DAYS = 366;

const HOURS = 24;
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const daysBetween = (a: string, b: string): number => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** The hours a day's sessions touch. */
export function openHours(calendar: CalendarConfig, day: string): number[] {
  const hours = new Set<number>();
  for (const s of calendarDay(calendar, day).sessions) {
    for (let h = Math.floor(minutesOf(s.start) / 60); h * 60 < minutesOf(s.end) && h < HOURS; h++) hours.add(h);
  }
  return [...hours].sort((a, b) => a - b);
}

const isOrdinary = (c: DayContext): boolean => c.open && c.special === null && !c.monthEnd;

interface Past {
  day: string;
  ctx: DayContext;
  areas: Record<string, readonly number[]>;
  total: number;
}

/** A profile: area → 24 expected counts, for one weekday as of a date. */
type Profile = Map<string, number[]>;

class Model {
  private readonly past: Past[];
  private readonly ctxCache = new Map<string, DayContext>();

  constructor(
    private readonly calendar: CalendarConfig,
    private readonly areaIds: readonly string[],
    history: readonly DayArrivals[],
  ) {
    this.past = history
      .map((d) => ({ day: d.day, ctx: this.ctx(d.day), areas: d.areas, total: sum(Object.values(d.areas).map(sum)) }))
      .filter((p) => p.ctx.open)
      .sort((a, b) => (a.day < b.day ? -1 : 1));
  }

  ctx(day: string): DayContext {
    let c = this.ctxCache.get(day);
    if (!c) this.ctxCache.set(day, (c = dayContext(this.calendar, day)));
    return c;
  }

  /** Past open days in [from, to). */
  private between(from: string, to: string): Past[] {
    return this.past.filter((p) => p.day >= from && p.day < to);
  }

  /** The weekday profile as of `asOf` (ordinary days only); `weekday` null: every Monday–Friday pooled (for 调休 days). */
  profile(asOf: string, weekday: number | null): Profile | null {
    const days = this.between(addDays(asOf, -7 * PROFILE_WEEKS), asOf).filter(
      (p) => isOrdinary(p.ctx) && (weekday === null ? p.ctx.weekday >= 1 && p.ctx.weekday <= 5 : p.ctx.weekday === weekday),
    );
    if (days.length === 0) return null;
    let weightSum = 0;
    const raw = new Map(this.areaIds.map((a) => [a, new Array<number>(HOURS).fill(0)]));
    const hallHours = new Array<number>(HOURS).fill(0);
    for (const p of days) {
      const w = WEEK_DECAY ** Math.floor(daysBetween(p.day, asOf) / 7);
      weightSum += w;
      for (const a of this.areaIds) {
        const counts = p.areas[a];
        if (!counts) continue;
        const row = raw.get(a)!;
        for (let h = 0; h < HOURS; h++) {
          row[h]! += w * (counts[h] ?? 0);
          hallHours[h]! += w * (counts[h] ?? 0);
        }
      }
    }
    const hallTotal = sum(hallHours);
    const out: Profile = new Map();
    for (const a of this.areaIds) {
      const row = raw.get(a)!.map((x) => x / weightSum);
      const areaTotal = sum(row);
      out.set(
        a,
        row.map((x, h) => 0.5 * x + 0.5 * (hallTotal > 0 ? (areaTotal * hallHours[h]!) / hallTotal : 0)),
      );
    }
    return out;
  }

  /** Mean of the ordinary same-weekday days around `day` (before and after, all in the past), per area; null if none. */
  private yardstick(day: string, asOf: string, pooled: boolean): { total: number; areas: Map<string, number> } | null {
    const c = this.ctx(day);
    const near = this.between(addDays(day, -YARDSTICK_DAYS), addDays(day, YARDSTICK_DAYS + 1)).filter(
      (p) => p.day < asOf && p.day !== day && isOrdinary(p.ctx) && (pooled ? p.ctx.weekday >= 1 && p.ctx.weekday <= 5 : p.ctx.weekday === c.weekday),
    );
    if (near.length === 0) return null;
    const areas = new Map(this.areaIds.map((a) => [a, sum(near.map((p) => sum(p.areas[a] ?? []))) / near.length]));
    return { total: sum(near.map((p) => p.total)) / near.length, areas };
  }

  /** Ratios of marked days to their yardsticks, averaged and shrunk toward 1 by how often they were seen. */
  private static shrunk(ratios: number[]): number {
    if (ratios.length === 0) return 1;
    const mean = sum(ratios) / ratios.length;
    return 1 + ((mean - 1) * ratios.length) / (ratios.length + 1);
  }

  dayEffects(asOf: string): Record<SpecialDay, number> {
    const out = {} as Record<SpecialDay, number>;
    const recent = this.between(addDays(asOf, -EFFECT_DAYS), asOf);
    for (const kind of SPECIAL_DAYS) {
      const ratios: number[] = [];
      for (const p of recent.filter((x) => x.ctx.special === kind)) {
        const y = this.yardstick(p.day, asOf, kind === 'makeup_workday');
        if (y && y.total > 0) ratios.push(p.total / y.total);
      }
      out[kind] = Model.shrunk(ratios);
    }
    return out;
  }

  periodEffects(asOf: string, quarter: boolean): Record<string, number> {
    const days = this.between(addDays(asOf, -EFFECT_DAYS), asOf).filter(
      (p) => p.ctx.special === null && (quarter ? p.ctx.quarterEnd : p.ctx.monthEnd && !p.ctx.quarterEnd),
    );
    const ratios = new Map(this.areaIds.map((a) => [a, [] as number[]]));
    for (const p of days) {
      const y = this.yardstick(p.day, asOf, false);
      if (!y) continue;
      for (const a of this.areaIds) {
        const base = y.areas.get(a) ?? 0;
        if (base > 0) ratios.get(a)!.push(sum(p.areas[a] ?? []) / base);
      }
    }
    return Object.fromEntries(this.areaIds.map((a) => [a, Model.shrunk(ratios.get(a)!)]));
  }

  /** The drift per day of ordinary days against the profile they fall in, over the last weeks. */
  trendPerDay(asOf: string): number {
    const profiles = new Map<number, number | null>();
    const points: { x: number; y: number }[] = [];
    for (const p of this.between(addDays(asOf, -7 * TREND_WEEKS), asOf).filter((q) => isOrdinary(q.ctx))) {
      if (!profiles.has(p.ctx.weekday)) {
        const prof = this.profile(asOf, p.ctx.weekday);
        profiles.set(p.ctx.weekday, prof ? sum([...prof.values()].map(sum)) : null);
      }
      const base = profiles.get(p.ctx.weekday);
      if (base) points.push({ x: -daysBetween(p.day, asOf), y: p.total / base });
    }
    if (points.length < 20) return 0;
    const mx = sum(points.map((p) => p.x)) / points.length;
    const my = sum(points.map((p) => p.y)) / points.length;
    const sxx = sum(points.map((p) => (p.x - mx) ** 2));
    return sxx > 0 ? sum(points.map((p) => (p.x - mx) * (p.y - my))) / sxx / my : 0;
  }

  /** The expected counts (no interval) for the days from `asOf`. */
  expect(
    asOf: string,
    days: number,
  ): {
    model: Omit<ArrivalForecast['model'], 'interval' | 'historyDays'>;
    days: { day: string; ctx: DayContext; hours: number[]; areas: Map<string, number[]> }[];
  } {
    const dayEffects = this.dayEffects(asOf);
    const monthEnd = this.periodEffects(asOf, false);
    const quarterEnd = this.periodEffects(asOf, true);
    const slope = this.trendPerDay(asOf);
    // The profile's days sit about three weeks before asOf on average (newer weeks weigh more).
    const profileAge = 21;
    const profiles = new Map<string, Profile | null>();
    const out: { day: string; ctx: DayContext; hours: number[]; areas: Map<string, number[]> }[] = [];
    for (let i = 0; i < days; i++) {
      const day = addDays(asOf, i);
      const ctx = this.ctx(day);
      const hours = ctx.open ? openHours(this.calendar, day) : [];
      const key = ctx.kind === 'makeup_workday' ? 'pooled' : String(ctx.weekday);
      if (!profiles.has(key)) profiles.set(key, this.profile(asOf, ctx.kind === 'makeup_workday' ? null : ctx.weekday));
      const profile = profiles.get(key)!;
      const trend = Math.min(1 + TREND_LIMIT, Math.max(1 - TREND_LIMIT, 1 + slope * (profileAge + i)));
      const dayFactor = (ctx.special ? dayEffects[ctx.special] : 1) * trend;
      const areas = new Map<string, number[]>();
      for (const a of this.areaIds) {
        const period = ctx.quarterEnd ? quarterEnd[a]! : ctx.monthEnd ? monthEnd[a]! : 1;
        const row = new Array<number>(HOURS).fill(0);
        for (const h of hours) row[h] = (profile?.get(a)?.[h] ?? 0) * dayFactor * period;
        areas.set(a, row);
      }
      out.push({ day, ctx, hours, areas });
    }
    return { model: { dayEffects, monthEnd, quarterEnd, trendPerWeek: slope * 7 }, days: out };
  }

  /** The model run `BACKTEST_DAYS` back and scored on those days: the quantiles of its scaled errors. */
  interval(asOf: string): { q10: number; q90: number; backTestHours: number } {
    const from = addDays(asOf, -BACKTEST_DAYS);
    if (this.between(addDays(from, -7 * 4), from).length < 10) return { ...DEFAULT_INTERVAL, backTestHours: 0 };
    const byDay = new Map(this.past.map((p) => [p.day, p]));
    const z: number[] = [];
    for (const d of this.expect(from, BACKTEST_DAYS).days) {
      const actual = byDay.get(d.day);
      if (!actual) continue;
      for (const a of this.areaIds)
        for (const h of d.hours) {
          const p = d.areas.get(a)![h]!;
          z.push(((actual.areas[a]?.[h] ?? 0) - p) / Math.sqrt(Math.max(p, 0.5)));
        }
    }
    if (z.length < 50) return { ...DEFAULT_INTERVAL, backTestHours: z.length };
    z.sort((a, b) => a - b);
    return { q10: z[Math.floor(0.1 * (z.length - 1))]!, q90: z[Math.ceil(0.9 * (z.length - 1))]!, backTestHours: z.length };
  }
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The forecast of `days` days from `asOf` (hall-local dates), from the history before it. */
export function forecastArrivals(input: ForecastInput): ArrivalForecast {
  const history = input.history.filter((d) => d.day < input.asOf);
  const model = new Model(input.calendar, input.areaIds, history);
  const { model: learned, days } = model.expect(input.asOf, input.days);
  const interval = model.interval(input.asOf);
  return {
    asOf: input.asOf,
    model: { historyDays: history.length, ...learned, interval },
    days: days.map((d) => {
      const areas: ForecastArea[] = input.areaIds.map((areaId) => {
        const row = d.areas.get(areaId)!;
        const hours = d.hours.map((hour) => {
          const p = row[hour]!;
          const spread = Math.sqrt(Math.max(p, 0.5));
          return { hour, expected: round1(p), low: round1(Math.max(0, p + interval.q10 * spread)), high: round1(Math.max(p, p + interval.q90 * spread)) };
        });
        return { areaId, expected: round1(sum(d.hours.map((h) => row[h]!))), hours };
      });
      return {
        day: d.day,
        kind: d.ctx.kind,
        special: d.ctx.special,
        monthEnd: d.ctx.monthEnd,
        quarterEnd: d.ctx.quarterEnd,
        expected: round1(sum(areas.map((a) => a.expected))),
        areas,
      };
    }),
  };
}

/** The expected counts alone, unrounded (area → 24 counts per day): what the benchmark scores. */
export function expectedArrivals(input: ForecastInput): { day: string; open: boolean; areas: Map<string, number[]> }[] {
  const model = new Model(
    input.calendar,
    input.areaIds,
    input.history.filter((d) => d.day < input.asOf),
  );
  return model.expect(input.asOf, input.days).days.map((d) => ({ day: d.day, open: d.ctx.open, areas: d.areas }));
}
