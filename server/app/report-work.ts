/**
 * What a report does with the rollups the store handed over, as text: parse and check each, merge
 * them (`StatsMerger`, where the rules live) and write the answer — JSON, CSV, the honour board or
 * the statistics themselves. Pure and synchronous: it runs in the report thread
 * (`report-thread.ts`), so none of it holds the server's event loop, and it is the same code
 * whichever thread calls it.
 */
import { gzipSync } from 'node:zlib';
import { dayRollup, isCurrentRollup, rollupToJson, type BadRating, type ComplaintCase, type DayRollupJson } from '../domain/day-rollup';
import type { HallEvent } from '../domain/events';
import {
  honourBoard,
  isCurrentMerged,
  statsCsv,
  StatsMerger,
  type CsvHeadings,
  type HallStats,
  type HonourBoard,
  type MergedRollupJson,
} from '../domain/statistics';
import type { HallConfig } from '../domain/types';
import { ratingFollowUps } from '../domain/rating-follow-up';
import type { RollupData } from '../store/event-store';
import { forecastArrivals, type ArrivalForecast, type DayArrivals } from '../domain/arrival-forecast';
import { holdingMinutes } from '../domain/staffing';
import { waitScaleOf, windowsFor } from '../domain/best-time';
import { addDays } from '../domain/time';

/** A stored rollup as the store gave it, bytes or text (null when there is none). */
export interface RollupText {
  key: string;
  text: RollupData | null;
}

/** A closed month's stored rollup, good only if it merged exactly these days. */
export interface MonthText extends RollupText {
  days: string[];
}

/** What a report answers with. */
export type ReportOutput =
  { kind: 'json'; gzip: boolean } | { kind: 'csv'; headings: CsvHeadings; gzip: boolean } | { kind: 'stats' } | { kind: 'honours' } | FollowUpsOutput;

/**
 * The 差评回访 list as JSON: the bad ratings and complaint cases of `rated` with their follow-ups,
 * which are recorded on the day they are made, so the job's days run on to `today`.
 */
export interface FollowUpsOutput {
  kind: 'followUps';
  rated: { from: string; to: string };
  today: string;
  gzip: boolean;
}

export interface ReportJob {
  config: HallConfig;
  range: { from: string; to: string };
  /** Stored month rollups, or ones built just now (their text). */
  months: MonthText[];
  /** Stored day rollups, or ones built just now: days still changing (today), and those whose stored text was not good. */
  days: RollupText[];
  output: ReportOutput;
}

/** The answer (`bytes` gzipped when the output asked for it), or the keys whose stored rollup is missing, unreadable or of another format (to be built and the job sent again). */
export type ReportAnswer =
  { ok: true; bytes: Uint8Array } | { ok: true; stats: HallStats } | { ok: true; honours: HonourBoard } | { ok: false; invalid: string[] };

export interface MonthJob {
  config: HallConfig;
  month: string;
  /** The month's day rollups, stored or built just now. */
  days: RollupText[];
}

/**
 * The month merged as text, and whether every day of it was closed (only then is it stored). Text
 * only: the merged object itself, cloned into the server's thread and back into this one for the
 * report, held that thread 66 ms on a year's first report.
 */
export type MonthAnswer = { ok: true; text: string; closed: boolean } | { ok: false; invalid: string[] };

/** A day's whole log, to be rolled up. */
export interface DayJob {
  config: HallConfig;
  day: string;
  events: HallEvent[];
}

/** A day's rollup as text, and whether the day is closed (only then is it stored). */
export interface DayAnswer {
  ok: true;
  text: string;
  closed: boolean;
}

/** A stored day rollup, or null when missing, unreadable or of another format. */
export function parseDayRollup(text: RollupData | null): DayRollupJson | null {
  const json = parse(text);
  return json && isCurrentRollup(json) ? json : null;
}

/** A stored month rollup, or null when missing, unreadable, of another format or not of exactly `days`. */
export function parseMonthRollup(text: RollupData | null, days: readonly string[]): MergedRollupJson | null {
  const json = parse(text);
  return json && isCurrentMerged(json) && Array.isArray(json.days) && json.days.join() === days.join() ? json : null;
}

const utf8In = new TextDecoder();

function parse(data: RollupData | null): { format?: unknown } | null {
  if (data === null) return null;
  try {
    const json: unknown = JSON.parse(typeof data === 'string' ? data : utf8In.decode(data));
    return typeof json === 'object' && json !== null ? json : null;
  } catch {
    return null;
  }
}

const utf8Out = new TextEncoder();

/**
 * The answer's bytes, gzipped when the client takes it: a year's JSON is 2.7 MB, about a tenth of
 * that gzipped, and writing it to the socket is work for the server's thread. Always in an
 * ArrayBuffer of their own, so they can be moved to that thread.
 */
function encode(text: string, gzip: boolean): Uint8Array {
  const bytes = utf8Out.encode(text);
  if (!gzip) return bytes;
  const zipped = gzipSync(bytes, { level: 1 });
  return zipped.byteOffset === 0 && zipped.buffer.byteLength === zipped.byteLength ? zipped : new Uint8Array(zipped);
}

export function runReport(job: ReportJob): ReportAnswer {
  if (job.output.kind === 'followUps') return runFollowUps(job, job.output);
  const merger = new StatsMerger(job.config);
  const invalid: string[] = [];
  for (const m of job.months) {
    const merged = parseMonthRollup(m.text, m.days);
    if (merged) merger.addMerged(merged);
    else invalid.push(m.key);
  }
  for (const d of job.days) {
    const rollup = parseDayRollup(d.text);
    if (rollup) merger.add(rollup);
    else invalid.push(d.key);
  }
  if (invalid.length) return { ok: false, invalid };
  // A JSON answer is the summary (the per day × area rows only for a short range); the CSV is every row.
  const stats = merger.result(job.range, { summary: job.output.kind === 'json' });
  switch (job.output.kind) {
    case 'stats':
      return { ok: true, stats };
    case 'honours':
      return { ok: true, honours: honourBoard(stats) };
    case 'json':
      return { ok: true, bytes: encode(JSON.stringify(stats), job.output.gzip) };
    case 'csv':
      // The byte-order mark makes spreadsheet programs read the Chinese as UTF-8.
      return { ok: true, bytes: encode('\uFEFF' + statsCsv(stats, job.output.headings), job.output.gzip) };
  }
}

/** Day rollups only: a month's rollup keeps figures, not the cases and their follow-ups. */
function runFollowUps(job: ReportJob, output: FollowUpsOutput): ReportAnswer {
  const rated: BadRating[] = [];
  const complaints: ComplaintCase[] = [];
  const followUps: HallEvent[] = [];
  const invalid: string[] = [];
  for (const d of job.days) {
    const rollup = parseDayRollup(d.text);
    if (!rollup) {
      invalid.push(d.key);
      continue;
    }
    if (rollup.day >= output.rated.from && rollup.day <= output.rated.to) {
      for (const r of rollup.badRatings) rated.push(r);
      for (const c of rollup.complaints) complaints.push(c);
    }
    for (const f of rollup.followUps) followUps.push(f);
  }
  if (invalid.length) return { ok: false, invalid };
  const items = ratingFollowUps(job.config.calendar, rated, followUps, output.today, complaints);
  return { ok: true, bytes: encode(JSON.stringify({ ...output.rated, today: output.today, items }), output.gzip) };
}

/** A month's days merged into its month rollup (and its text, to be stored). */
export function runMonth(job: MonthJob): MonthAnswer {
  const merger = new StatsMerger(job.config);
  const invalid: string[] = [];
  let closed = true;
  for (const d of job.days) {
    const rollup = parseDayRollup(d.text);
    if (!rollup) invalid.push(d.key);
    else if (invalid.length === 0) {
      merger.add(rollup);
      closed &&= rollup.closed;
    }
  }
  if (invalid.length) return { ok: false, invalid };
  return { ok: true, text: JSON.stringify(merger.toJSON(job.month)), closed };
}

/**
 * A day's events folded into its rollup: a busy day is thousands of events, 20–60 ms of work that
 * held the server's thread when a report needed a day without a stored rollup, or today.
 */
export function runDay(job: DayJob): DayAnswer {
  const rollup = rollupToJson(dayRollup(job.config, job.day, job.events));
  return { ok: true, text: JSON.stringify(rollup), closed: rollup.closed };
}

/** A hall's past days' rollups, to forecast its arrivals from `asOf` for `days` days. */
export interface ForecastJob {
  config: HallConfig;
  asOf: string;
  days: number;
  history: RollupText[];
}

/** The forecast, or the keys whose rollup must be built first (as for a report). */
export type ForecastAnswer =
  { ok: true; forecast: ArrivalForecast; holdMinutes: Record<string, number>; waitScale: Record<string, number> } | { ok: false; invalid: string[] };

/** The recent days whose services measure how long a citizen holds a window. */
const HOLD_DAYS = 28;

/**
 * The arrival forecast from the days' rollups (their arrivals by area and hour): a year of a busy
 * hall is ~300 rollups to parse and a model that reads them a few times, 0.3–0.6 s of CPU, so it
 * runs here, never on the server's thread.
 */
export function runForecast(job: ForecastJob): ForecastAnswer {
  const history: DayArrivals[] = [];
  const invalid: string[] = [];
  const areaIds = job.config.areas.map((a) => a.id);
  const since = addDays(job.asOf, -HOLD_DAYS);
  const sums = new Map(areaIds.map((id) => [id, { walk: { n: 0, s: 0 }, service: { n: 0, s: 0 } }]));
  // The measured waits of the same recent days, and their arrivals, to scale the best-time model.
  const waited = new Map(areaIds.map((id) => [id, { n: 0, s: 0 }]));
  const recent: DayArrivals[] = [];
  for (const d of job.history) {
    const rollup = parseDayRollup(d.text);
    if (!rollup) {
      invalid.push(d.key);
      continue;
    }
    history.push({ day: rollup.day, areas: rollup.arrivals });
    if (rollup.day < since) continue;
    recent.push({ day: rollup.day, areas: rollup.arrivals });
    for (const [areaId, t] of Object.entries(rollup.byArea)) {
      const x = sums.get(areaId);
      if (!x) continue;
      const w = waited.get(areaId)!;
      w.n += t.wait?.n ?? 0;
      w.s += t.wait?.s ?? 0;
      for (const k of ['walk', 'service'] as const) {
        x[k].n += t[k]?.n ?? 0;
        x[k].s += t[k]?.s ?? 0;
      }
    }
  }
  if (invalid.length) return { ok: false, invalid };
  const forecast = forecastArrivals({ calendar: job.config.calendar, areaIds, history, asOf: job.asOf, days: job.days });
  const holdMinutes = holdingMinutes(sums, areaIds);
  const waitScale: Record<string, number> = {};
  for (const id of areaIds) {
    const w = waited.get(id)!;
    const past = recent.map((d) => ({ hours: (d.areas[id] ?? []).flatMap((expected, hour) => (expected > 0 ? [{ hour, expected }] : [])) }));
    waitScale[id] = waitScaleOf(past, w.n > 0 ? w.s / w.n / 60_000 : null, holdMinutes.get(id)!, windowsFor(job.config.windows, id));
  }
  return { ok: true, forecast, holdMinutes: Object.fromEntries(holdMinutes), waitScale };
}
