/**
 * Statistics of a hall from its events (one or more days): how many tickets were issued, served and
 * missed, how long people waited, walked and were served, and how they rated it — for the hall, and
 * by day, area, window, clerk, session and hour. Pure: the events are read, nothing else.
 *
 * Each figure is counted where the event that records it happened:
 * - issued: `ticket.issued` (its area; no window or clerk);
 * - wait (issued → first called): `ticket.called` with `firstCall` (`waitMs`), at the calling window;
 *   the wait after a transfer (联办) is a second call and is not a citizen's waiting time;
 * - walk (called → started): `ticket.started` (`walkMs`); service: `ticket.completed` (`serviceMs`);
 * - served: `ticket.completed`, in the area the ticket was finally served in;
 * - no-show: `ticket.no_show`; transferred: `ticket.transferred` (in the area it left);
 * - cancelled: tickets still open when the day was closed (`day.closed`), in their area;
 * - a rating (`rating.submitted`) belongs to the window that served the ticket and the clerk who
 *   completed it.
 * Sessions and hours are hall-local, from the event's time; an hour a manager added (延时服务)
 * counts as the session it extends, and anything outside every session as `outside`.
 */
import type { HallEvent } from './events';
import { compareEvents } from './event-order';
import { BAD_SCORE, GOOD_SCORE, isBadScore } from './rating-scores';
import { sessionAt } from './schedule';
import { localTime } from './time';
import type { ClerkRef, HallConfig, SessionKind } from './types';


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

export type StatsSession = SessionKind | 'outside';

export interface BadRating {
  ticketId: string;
  number: string;
  day: string;
  at: string;
  areaId: string;
  windowId: string | null;
  windowNumber: number | null;
  clerk: ClerkRef | null;
  score: number;
  tags: string[];
  comment: string | null;
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
  /** Every bad rating, oldest first. */
  badRatings: BadRating[];
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
  /** One entry per day × configured area (the CSV's rows). */
  byDayArea: Array<StatsFigures & { day: string; areaId: string; name: string }>;
  satisfaction: Satisfaction;
}

const SATISFACTION_DEFINITION = `good = score ≥ ${GOOD_SCORE} (满意/非常满意); bad (差评) = score ≤ ${BAD_SCORE} (不满意/非常不满意); goodRate = good ÷ ratings`;

class Acc {
  issued = 0;
  served = 0;
  noShow = 0;
  transferred = 0;
  cancelled = 0;
  waits: number[] = [];
  walks: number[] = [];
  services: number[] = [];
  scores: number[] = [];
}

/** Nearest-rank percentile of ascending values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const seconds = (ms: number): number => Math.round(ms) / 1000;

/** Summary of durations given in milliseconds. */
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

const ratio = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

function figures(a: Acc): StatsFigures {
  const good = a.scores.filter((s) => s >= GOOD_SCORE).length;
  return {
    issued: a.issued,
    served: a.served,
    noShow: a.noShow,
    transferred: a.transferred,
    cancelled: a.cancelled,
    noShowRate: ratio(a.noShow, a.served + a.noShow),
    wait: durationStats(a.waits),
    walk: durationStats(a.walks),
    service: durationStats(a.services),
    ratings: a.scores.length,
    goodRate: ratio(good, a.scores.length),
    averageScore: a.scores.length === 0 ? null : Math.round((a.scores.reduce((x, y) => x + y, 0) / a.scores.length) * 100) / 100,
  };
}

class Buckets<K> {
  readonly map = new Map<K, Acc>();
  at(key: K): Acc {
    let a = this.map.get(key);
    if (!a) this.map.set(key, (a = new Acc()));
    return a;
  }
}

/** What one event adds to each bucket it falls in. */
type Contribution = (a: Acc) => void;

/**
 * Statistics of `events` (any days of one hall, in any order) for the hall `config`, reported for
 * the range `from`…`to` (the caller reads those days).
 */
export function hallStatistics(config: HallConfig, events: readonly HallEvent[], range: { from: string; to: string }): HallStats {
  const sorted = [...events].sort(compareEvents);
  const tz = config.timezone;
  const windowsById = new Map(config.windows.map((w) => [w.id, w]));

  const total = new Acc();
  const byDay = new Buckets<string>();
  const byArea = new Buckets<string>();
  const byWindow = new Buckets<string>();
  const byClerk = new Buckets<string>();
  const bySession = new Buckets<StatsSession>();
  const byHour = new Buckets<number>();
  const byDayArea = new Buckets<string>();
  const clerks = new Map<string, ClerkRef>();
  const badRatings: BadRating[] = [];

  // Per day: who is at each window, which clerk completed each ticket, how late the day was extended.
  let day = '';
  let atWindow = new Map<string, ClerkRef>();
  let completedBy = new Map<string, ClerkRef>();
  let extendedUntil: string | null = null;

  for (const e of sorted) {
    if (e.day !== day) {
      day = e.day;
      atWindow = new Map();
      completedBy = new Map();
      extendedUntil = null;
    }
    const ms = Date.parse(e.at);
    const local = localTime(ms, tz);
    const session = sessionAt(config.calendar, ms, tz, false, extendedUntil);
    const sessionKey: StatsSession = session.kind === 'closed' ? 'outside' : session.kind;
    const hour = Math.floor(local.minuteOfDay / 60);

    const add = (areaId: string, windowId: string | null, clerk: ClerkRef | null, f: Contribution): void => {
      f(total);
      f(byDay.at(e.day));
      f(byArea.at(areaId));
      f(bySession.at(sessionKey));
      f(byHour.at(hour));
      f(byDayArea.at(`${e.day}\u0000${areaId}`));
      if (windowId !== null) f(byWindow.at(windowId));
      if (clerk) {
        clerks.set(clerk.id, clerk);
        f(byClerk.at(clerk.id));
      }
    };

    switch (e.type) {
      case 'window.opened':
        atWindow.set(e.window.id, e.clerk);
        break;
      case 'window.closed':
        atWindow.delete(e.window.id);
        break;
      case 'hours.extended':
        extendedUntil = e.until;
        break;
      case 'ticket.issued':
        add(e.ticket.areaId, null, null, (a) => a.issued++);
        break;
      case 'ticket.called':
        if (e.firstCall) add(e.ticket.areaId, e.window.id, atWindow.get(e.window.id) ?? null, (a) => a.waits.push(e.waitMs));
        break;
      case 'ticket.started':
        add(e.ticket.areaId, e.windowId, atWindow.get(e.windowId) ?? null, (a) => a.walks.push(e.walkMs));
        break;
      case 'ticket.completed': {
        const clerk = atWindow.get(e.windowId) ?? null;
        if (clerk) completedBy.set(e.ticket.id, clerk);
        add(e.ticket.areaId, e.windowId, clerk, (a) => {
          a.served++;
          a.services.push(e.serviceMs);
        });
        break;
      }
      case 'ticket.no_show':
        add(e.ticket.areaId, e.windowId, atWindow.get(e.windowId) ?? null, (a) => a.noShow++);
        break;
      case 'ticket.transferred':
        add(e.fromAreaId, e.windowId, atWindow.get(e.windowId) ?? null, (a) => a.transferred++);
        break;
      case 'day.closed':
        for (const t of e.tickets) add(t.areaId, null, null, (a) => a.cancelled++);
        for (const w of e.windows) atWindow.delete(w);
        break;
      case 'rating.submitted': {
        const clerk = completedBy.get(e.ticket.id) ?? null;
        add(e.ticket.areaId, e.windowId, clerk, (a) => a.scores.push(e.score));
        if (isBadScore(e.score)) {
          badRatings.push({
            ticketId: e.ticket.id,
            number: e.ticket.number,
            day: e.day,
            at: e.at,
            areaId: e.ticket.areaId,
            windowId: e.windowId,
            windowNumber: e.windowId === null ? null : (windowsById.get(e.windowId)?.number ?? null),
            clerk,
            score: e.score,
            tags: [...e.tags],
            comment: e.comment,
          });
        }
        break;
      }
      default:
        break;
    }
  }

  const days = [...new Set(sorted.map((e) => e.day))];
  const empty = new Acc();
  const scores = total.scores;
  const good = scores.filter((s) => s >= GOOD_SCORE).length;
  const bad = scores.filter(isBadScore).length;
  const hallFigures = figures(total);

  return {
    hallId: config.id,
    from: range.from,
    to: range.to,
    days,
    ...hallFigures,
    byDay: days.map((d) => ({ day: d, ...figures(byDay.map.get(d) ?? empty) })),
    byArea: config.areas.map((a) => ({ areaId: a.id, name: a.name, prefix: a.prefix, ...figures(byArea.map.get(a.id) ?? empty) })),
    byWindow: [...config.windows]
      .sort((a, b) => a.number - b.number)
      .map((w) => ({ windowId: w.id, number: w.number, name: w.name, ...figures(byWindow.map.get(w.id) ?? empty) })),
    byClerk: [...clerks.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((c) => ({ clerkId: c.id, name: c.name, staffNo: c.staffNo, ...figures(byClerk.map.get(c.id)!) })),
    bySession: (['regular', 'night', 'morning', 'outside'] as const)
      .filter((s) => s !== 'outside' || bySession.map.has('outside'))
      .map((s) => ({ session: s, ...figures(bySession.map.get(s) ?? empty) })),
    byHour: [...byHour.map.keys()].sort((a, b) => a - b).map((h) => ({ hour: h, ...figures(byHour.map.get(h)!) })),
    byDayArea: days.flatMap((d) =>
      config.areas.map((a) => ({ day: d, areaId: a.id, name: a.name, ...figures(byDayArea.map.get(`${d}\u0000${a.id}`) ?? empty) })),
    ),
    satisfaction: {
      ratings: scores.length,
      good,
      neutral: scores.length - good - bad,
      bad,
      goodRate: hallFigures.goodRate,
      averageScore: hallFigures.averageScore,
      definition: SATISFACTION_DEFINITION,
      badRatings,
    },
  };
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

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

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
