/**
 * Statistics of a hall over a range of days: how many tickets were issued, served and missed, how
 * long people waited, walked and were served, and how they rated it — for the hall, and by day,
 * area, window, clerk, session and hour. Pure. The figures are merged from day rollups
 * (`day-rollup.ts`, where the rules of what counts where live), so a year costs 366 small merges;
 * counts, averages and maxima are exact, p50/p90 within the distribution's stated error
 * (`distribution.ts`: exact up to 32 values, 1% relative beyond).
 */
import {
  dayRollup,
  ROLLUP_FORMAT,
  rollupToJson,
  talliesJson,
  Tally,
  type BadRating,
  type DayRollupJson,
  type StatsSession,
  type TallyJson,
} from './day-rollup';
import { csvCell } from './csv-cell';
import type { HallEvent } from './events';
import type { Distribution } from './distribution';
import { BAD_SCORE, GOOD_SCORE, isBadScore } from './rating-scores';
import type { ClerkRef, HallConfig } from './types';
import { addDays } from './time';

export type { BadRating, StatsSession } from './day-rollup';

/** Durations of one phase, in seconds with millisecond precision; null when nothing was measured. */
export interface DurationStats {
  count: number;
  avgSeconds: number | null;
  /** Median, nearest-rank: the smallest measured value with at least half of them at or below it. */
  p50Seconds: number | null;
  /** 90th percentile, nearest-rank. */
  p90Seconds: number | null;
  maxSeconds: number | null;
}

/** The figures every breakdown has. */
export interface StatsFigures {
  issued: number;
  served: number;
  noShow: number;
  transferred: number;
  /** Still waiting (or at a window) when the day was closed, so never served. */
  cancelled: number;
  /** 一件事一次办: journeys begun here (their first step) and finished here (their last step). */
  journeysStarted: number;
  journeysFinished: number;
  /** No-shows per called-and-finished ticket: noShow ÷ (served + noShow); null when both are 0. */
  noShowRate: number | null;
  wait: DurationStats;
  walk: DurationStats;
  service: DurationStats;
  ratings: number;
  /** Share of ratings that are good (score ≥ 4); null without ratings. */
  goodRate: number | null;
  averageScore: number | null;
}

export interface Satisfaction {
  ratings: number;
  good: number;
  neutral: number;
  bad: number;
  goodRate: number | null;
  averageScore: number | null;
  /** How good and bad are counted, in words for whoever reads the numbers. */
  definition: string;
  /** Every bad rating, oldest first; empty when `badRatingsOmitted`. */
  badRatings: BadRating[];
  /** True when the range is longer than `DAY_AREA_MAX_DAYS`: the bad ratings are then listed by the follow-up list (`ratings/follow-ups`) only. */
  badRatingsOmitted: boolean;
}

export interface HallStats extends StatsFigures {
  hallId: string;
  from: string;
  to: string;
  /** Days that had events, ascending. */
  days: string[];
  byDay: Array<StatsFigures & { day: string }>;
  byArea: Array<StatsFigures & { areaId: string; name: string; prefix: string }>;
  byWindow: Array<StatsFigures & { windowId: string; number: number; name: string }>;
  byClerk: Array<StatsFigures & { clerkId: string; name: string; staffNo: string | null }>;
  bySession: Array<StatsFigures & { session: StatsSession }>;
  byHour: Array<StatsFigures & { hour: number }>;
  /** One entry per day × configured area (the CSV's rows); empty when `byDayAreaOmitted`. */
  byDayArea: Array<StatsFigures & { day: string; areaId: string; name: string }>;
  /** True when the range is longer than `DAY_AREA_MAX_DAYS`: the per day × area rows are then in the CSV only. */
  byDayAreaOmitted: boolean;
  satisfaction: Satisfaction;
}

/** The longest range (in days, a month) whose summary still carries its long lists: the per day × area rows, every bad rating. */
export const DAY_AREA_MAX_DAYS = 31;

/** Whether a range is short enough for its summary to carry its long lists. */
export function dayAreaRowsFit(range: { from: string; to: string }): boolean {
  return addDays(range.from, DAY_AREA_MAX_DAYS - 1) >= range.to;
}

const SATISFACTION_DEFINITION = `good = score ≥ ${GOOD_SCORE} (满意/非常满意); bad (差评) = score ≤ ${BAD_SCORE} (不满意/非常不满意); goodRate = good ÷ ratings`;

/** Nearest-rank percentile of ascending values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const seconds = (ms: number): number => Math.round(ms) / 1000;

/** Exact summary of durations given in milliseconds (nearest-rank percentiles). */
export function durationStats(valuesMs: readonly number[]): DurationStats {
  if (valuesMs.length === 0) return { count: 0, avgSeconds: null, p50Seconds: null, p90Seconds: null, maxSeconds: null };
  const sorted = [...valuesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    avgSeconds: seconds(sum / sorted.length),
    p50Seconds: seconds(percentile(sorted, 50)),
    p90Seconds: seconds(percentile(sorted, 90)),
    maxSeconds: seconds(sorted.at(-1)!),
  };
}

/** Summary of a distribution of durations (milliseconds). */
export function distributionStats(d: Distribution): DurationStats {
  if (d.count === 0) return { count: 0, avgSeconds: null, p50Seconds: null, p90Seconds: null, maxSeconds: null };
  return {
    count: d.count,
    avgSeconds: seconds(d.sum / d.count),
    p50Seconds: seconds(d.quantile(0.5)!),
    p90Seconds: seconds(d.quantile(0.9)!),
    maxSeconds: seconds(d.max),
  };
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

export function scoreCounts(t: Tally): { ratings: number; good: number; bad: number; sum: number } {
  let ratings = 0;
  let good = 0;
  let bad = 0;
  let sum = 0;
  for (const [score, n] of t.scores) {
    ratings += n;
    sum += score * n;
    if (score >= GOOD_SCORE) good += n;
    if (isBadScore(score)) bad += n;
  }
  return { ratings, good, bad, sum };
}

export function figures(t: Tally): StatsFigures {
  const { ratings, good, sum } = scoreCounts(t);
  return {
    issued: t.issued,
    served: t.served,
    noShow: t.noShow,
    transferred: t.transferred,
    cancelled: t.cancelled,
    journeysStarted: t.journeysStarted,
    journeysFinished: t.journeysFinished,
    noShowRate: ratio(t.noShow, t.served + t.noShow),
    wait: distributionStats(t.wait),
    walk: distributionStats(t.walk),
    service: distributionStats(t.service),
    ratings,
    goodRate: ratio(good, ratings),
    averageScore: ratings === 0 ? null : Math.round((sum / ratings) * 100) / 100,
  };
}

function mergeInto<K>(into: Map<K, Tally>, from: Record<string, TallyJson>, key: (s: string) => K): void {
  for (const [k, j] of Object.entries(from)) {
    const id = key(k);
    const mine = into.get(id);
    if (mine) mine.mergeJson(j);
    else into.set(id, Tally.fromJSON(j));
  }
}

/** One day's own figures, as a range keeps them. */
interface DayFigures {
  figures: StatsFigures;
  byArea: Map<string, StatsFigures>;
  badRatings: BadRating[];
}

/**
 * Several days merged (a closed month, stored so a yearly report merges 12 of these instead of
 * 366 days): the merged tallies, and each day's own figures (the by-day and day × area rows).
 */
export interface MergedRollupJson {
  format: number;
  hallId: string;
  /** What it covers, e.g. the month `2026-06`. */
  key: string;
  /** The days merged, ascending. */
  days: string[];
  total: TallyJson;
  byArea: Record<string, TallyJson>;
  byWindow: Record<string, TallyJson>;
  byClerk: Record<string, TallyJson>;
  bySession: Record<string, TallyJson>;
  byHour: Record<string, TallyJson>;
  clerks: Array<{ day: string; clerk: ClerkRef }>;
  perDay: Array<{ day: string; figures: StatsFigures; byArea: Record<string, StatsFigures>; badRatings: BadRating[] }>;
}

/** Whether a stored merged rollup was written under this format (else it must be built again). */
export function isCurrentMerged(j: { format?: unknown }): j is MergedRollupJson {
  return j.format === ROLLUP_FORMAT;
}

/**
 * Merges day rollups (one at a time, in any order, so a caller can pause between days) and merged
 * rollups of other days into the statistics of a range.
 */
export class StatsMerger {
  private readonly total = new Tally();
  private readonly byArea = new Map<string, Tally>();
  private readonly byWindow = new Map<string, Tally>();
  private readonly byClerk = new Map<string, Tally>();
  private readonly bySession = new Map<StatsSession, Tally>();
  private readonly byHour = new Map<number, Tally>();
  private readonly clerks = new Map<string, { day: string; clerk: ClerkRef }>();
  /** Each day's own figures (the hall's, and per configured area), summarised as it arrives. */
  private readonly perDay = new Map<string, DayFigures>();

  constructor(private readonly config: HallConfig) {}

  /** Adds a day, as its rollup's JSON form (merged without building every part of it). */
  add(r: DayRollupJson): void {
    this.total.mergeJson(r.total);
    mergeInto(this.byArea, r.byArea, String);
    mergeInto(this.byWindow, r.byWindow, String);
    mergeInto(this.byClerk, r.byClerk, String);
    mergeInto(this.bySession, r.bySession, (k) => k as StatsSession);
    mergeInto(this.byHour, r.byHour, Number);
    // A clerk's name as the latest day knows it.
    for (const clerk of r.clerks) {
      const known = this.clerks.get(clerk.id);
      if (!known || known.day <= r.day) this.clerks.set(clerk.id, { day: r.day, clerk });
    }
    const byArea = new Map<string, StatsFigures>();
    for (const a of this.config.areas) {
      const j = r.byArea[a.id];
      byArea.set(a.id, figures(j ? Tally.fromJSON(j) : new Tally()));
    }
    this.perDay.set(r.day, { figures: figures(Tally.fromJSON(r.total)), byArea, badRatings: r.badRatings });
  }

  /** Adds days merged before (none of them added already). */
  addMerged(m: MergedRollupJson): void {
    this.total.mergeJson(m.total);
    mergeInto(this.byArea, m.byArea, String);
    mergeInto(this.byWindow, m.byWindow, String);
    mergeInto(this.byClerk, m.byClerk, String);
    mergeInto(this.bySession, m.bySession, (k) => k as StatsSession);
    mergeInto(this.byHour, m.byHour, Number);
    for (const { day, clerk } of m.clerks) {
      const known = this.clerks.get(clerk.id);
      if (!known || known.day <= day) this.clerks.set(clerk.id, { day, clerk });
    }
    for (const d of m.perDay) this.perDay.set(d.day, { figures: d.figures, byArea: new Map(Object.entries(d.byArea)), badRatings: d.badRatings });
  }

  /** Everything added, to be stored and added to another merger later. */
  toJSON(key: string): MergedRollupJson {
    const days = [...this.perDay.keys()].sort();
    return {
      format: ROLLUP_FORMAT,
      hallId: this.config.id,
      key,
      days,
      total: this.total.toJSON(),
      byArea: talliesJson(this.byArea),
      byWindow: talliesJson(this.byWindow),
      byClerk: talliesJson(this.byClerk),
      bySession: talliesJson(this.bySession),
      byHour: talliesJson(this.byHour),
      clerks: [...this.clerks.values()],
      perDay: days.map((day) => {
        const d = this.perDay.get(day)!;
        return { day, figures: d.figures, byArea: Object.fromEntries(d.byArea), badRatings: d.badRatings };
      }),
    };
  }

  /**
   * The statistics of everything added, reported for `range`; with `summary`, a range longer than
   * `DAY_AREA_MAX_DAYS` leaves out its long lists, which no page shows: the per day × area rows (a
   * year of a busy hall: 2,900 rows, 1.6 MB; the CSV has them) and every bad rating (4,000, 1 MB;
   * the follow-up list has them).
   */
  result(range: { from: string; to: string }, opts: { summary?: boolean } = {}): HallStats {
    const { config } = this;
    const days = [...this.perDay.keys()].sort();
    const empty = new Tally();
    const { ratings, good, bad } = scoreCounts(this.total);
    const hallFigures = figures(this.total);
    const byDayAreaOmitted = opts.summary === true && !dayAreaRowsFit(range);
    const badRatingsOmitted = byDayAreaOmitted;
    return {
      hallId: config.id,
      from: range.from,
      to: range.to,
      days,
      ...hallFigures,
      byDay: days.map((d) => ({ day: d, ...this.perDay.get(d)!.figures })),
      byArea: config.areas.map((a) => ({ areaId: a.id, name: a.name, prefix: a.prefix, ...figures(this.byArea.get(a.id) ?? empty) })),
      byWindow: [...config.windows]
        .sort((a, b) => a.number - b.number)
        .map((w) => ({ windowId: w.id, number: w.number, name: w.name, ...figures(this.byWindow.get(w.id) ?? empty) })),
      byClerk: [...this.clerks.values()]
        .map((c) => c.clerk)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((c) => ({ clerkId: c.id, name: c.name, staffNo: c.staffNo, ...figures(this.byClerk.get(c.id) ?? empty) })),
      bySession: (['regular', 'night', 'morning', 'outside'] as const)
        .filter((s) => s !== 'outside' || this.bySession.has('outside'))
        .map((s) => ({ session: s, ...figures(this.bySession.get(s) ?? empty) })),
      byHour: [...this.byHour.keys()].sort((a, b) => a - b).map((h) => ({ hour: h, ...figures(this.byHour.get(h)!) })),
      byDayArea: byDayAreaOmitted
        ? []
        : days.flatMap((d) => config.areas.map((a) => ({ day: d, areaId: a.id, name: a.name, ...(this.perDay.get(d)!.byArea.get(a.id) ?? figures(empty)) }))),
      byDayAreaOmitted,
      satisfaction: {
        ratings,
        good,
        neutral: ratings - good - bad,
        bad,
        goodRate: hallFigures.goodRate,
        averageScore: hallFigures.averageScore,
        definition: SATISFACTION_DEFINITION,
        badRatings: badRatingsOmitted ? [] : days.flatMap((d) => this.perDay.get(d)!.badRatings),
        badRatingsOmitted,
      },
    };
  }
}

/**
 * Statistics of `events` (any days of one hall, in any order) for the hall `config`, reported for
 * the range `from`…`to` (the caller reads those days): each day rolled up, then merged.
 */
export function hallStatistics(config: HallConfig, events: readonly HallEvent[], range: { from: string; to: string }): HallStats {
  const byDay = new Map<string, HallEvent[]>();
  for (const e of events) {
    let list = byDay.get(e.day);
    if (!list) byDay.set(e.day, (list = []));
    list.push(e);
  }
  const merger = new StatsMerger(config);
  for (const [day, list] of byDay) merger.add(rollupToJson(dayRollup(config, day, list)));
  return merger.result(range);
}

/** One row of the honour board (光荣榜): a window or a clerk. */
export interface HonourEntry {
  id: string;
  /** `12号窗口` style label parts: the window number, or the clerk's staff number. */
  number: number | null;
  name: string;
  staffNo: string | null;
  served: number;
  avgWaitSeconds: number | null;
  avgServiceSeconds: number | null;
  ratings: number;
  goodRate: number | null;
  averageScore: number | null;
}

export interface HonourBoard {
  windows: HonourEntry[];
  clerks: HonourEntry[];
}

/**
 * The honour board (光荣榜): windows and clerks that served anyone, most served first; ties go to the
 * better good rate, then the shorter average wait of the citizens they called.
 */
export function honourBoard(stats: HallStats): HonourBoard {
  const rank = (a: HonourEntry, b: HonourEntry): number =>
    b.served - a.served ||
    (b.goodRate ?? -1) - (a.goodRate ?? -1) ||
    (a.avgWaitSeconds ?? Infinity) - (b.avgWaitSeconds ?? Infinity) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const entry = (id: string, number: number | null, name: string, staffNo: string | null, f: StatsFigures): HonourEntry => ({
    id,
    number,
    name,
    staffNo,
    served: f.served,
    avgWaitSeconds: f.wait.avgSeconds,
    avgServiceSeconds: f.service.avgSeconds,
    ratings: f.ratings,
    goodRate: f.goodRate,
    averageScore: f.averageScore,
  });
  return {
    windows: stats.byWindow
      .filter((w) => w.served > 0 || w.ratings > 0)
      .map((w) => entry(w.windowId, w.number, w.name, null, w))
      .sort(rank),
    clerks: stats.byClerk
      .filter((c) => c.served > 0 || c.ratings > 0)
      .map((c) => entry(c.clerkId, null, c.name, c.staffNo, c))
      .sort(rank),
  };
}

/** The CSV's column headings, in order (from the message table, so they follow the locale). */
export interface CsvHeadings {
  day: string;
  areaId: string;
  area: string;
  issued: string;
  served: string;
  noShow: string;
  noShowRate: string;
  transferred: string;
  cancelled: string;
  waitAvg: string;
  waitP50: string;
  waitP90: string;
  waitMax: string;
  walkAvg: string;
  serviceAvg: string;
  ratings: string;
  goodRate: string;
}

const CSV_COLUMNS: ReadonlyArray<keyof CsvHeadings> = [
  'day',
  'areaId',
  'area',
  'issued',
  'served',
  'noShow',
  'noShowRate',
  'transferred',
  'cancelled',
  'waitAvg',
  'waitP50',
  'waitP90',
  'waitMax',
  'walkAvg',
  'serviceAvg',
  'ratings',
  'goodRate',
];

/** The statistics as CSV (RFC 4180, CRLF): a header row, then one row per day × area. */
export function statsCsv(stats: HallStats, headings: CsvHeadings): string {
  const rows = [CSV_COLUMNS.map((c) => csvCell(headings[c]))];
  for (const r of stats.byDayArea) {
    const values: Record<keyof CsvHeadings, string | number | null> = {
      day: r.day,
      areaId: r.areaId,
      area: r.name,
      issued: r.issued,
      served: r.served,
      noShow: r.noShow,
      noShowRate: r.noShowRate,
      transferred: r.transferred,
      cancelled: r.cancelled,
      waitAvg: r.wait.avgSeconds,
      waitP50: r.wait.p50Seconds,
      waitP90: r.wait.p90Seconds,
      waitMax: r.wait.maxSeconds,
      walkAvg: r.walk.avgSeconds,
      serviceAvg: r.service.avgSeconds,
      ratings: r.ratings,
      goodRate: r.goodRate,
    };
    rows.push(CSV_COLUMNS.map((c) => csvCell(values[c])));
  }
  return rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
}
