/**
 * The report across halls (跨厅报表): each hall's row for a range of days, one hall after another
 * with a turn for the event loop between halls and between slices of work, so a month over a
 * hundred halls never holds it. A closed day is read as its summary (`domain/halls-report.ts`),
 * kept beside its rollup under `<day>.halls` and built from the rollup on first need; today (and
 * any day not closed) from its rollup built afresh (`HallHistory.eachRollup`). The days after the
 * range up to the hall's today are read too, for the follow-ups recorded on them, as the hall's own
 * follow-up list reads them.
 */
import type { HallHistory } from '../app/hall-history';
import { TimeSlice, yieldToLoop } from '../app/time-slice';
import { daySummary, HallReportMerger, parseDaySummary, type HallReportRow } from '../domain/halls-report';
import type { DayRollupJson } from '../domain/day-rollup';
import { localDate } from '../domain/time';
import type { HallConfig } from '../domain/types';
import type { EventStore } from '../store/event-store';
import type { DayRange } from './report-days';

export interface HallsReport extends DayRange {
  halls: HallReportRow[];
}

export interface HallsReportDeps {
  store: EventStore;
  history: HallHistory;
}

/** Summaries read from the store in one request. */
const READ_CHUNK = 31;

/** The key a closed day's summary is stored under, beside the day's rollup. */
export const summaryKey = (day: string): string => `${day}.halls`;

/** Stores the summary of a closed day's rollup (the rollup rebuilt: its summary follows). */
export async function writeDaySummary(store: EventStore, rollup: DayRollupJson): Promise<void> {
  if (rollup.closed) await store.writeRollup(rollup.hallId, summaryKey(rollup.day), JSON.stringify(daySummary(rollup)));
}

/** The row of one hall for `range`, follow-ups judged as of the hall's date at `now`. */
export async function hallReportRow(deps: HallsReportDeps, hall: HallConfig, range: DayRange, now: number): Promise<HallReportRow> {
  const today = localDate(now, hall.timezone);
  const merger = new HallReportMerger(hall, range);
  const days = await deps.history.daysIn(hall.id, { from: range.from, to: range.to > today ? range.to : today });
  const closed = days.filter((d) => d < today);
  const slice = new TimeSlice();
  for (let i = 0; i < closed.length; i += READ_CHUNK) {
    const chunk = closed.slice(i, i + READ_CHUNK);
    const texts = await deps.store.readRollups(hall.id, chunk.map(summaryKey));
    const missing: string[] = [];
    for (const [k, day] of chunk.entries()) {
      const summary = parseDaySummary(texts[k] ?? null, day);
      if (summary) merger.add(summary);
      else missing.push(day);
      await slice.pause();
    }
    // Days without a summary yet (or of another format): from their rollups, and summarised for next time.
    const built: DayRollupJson[] = [];
    await deps.history.eachRollup(hall.id, missing, today, (r) => {
      merger.add(r);
      built.push(r);
    });
    for (const r of built) await writeDaySummary(deps.store, r);
  }
  await deps.history.eachRollup(
    hall.id,
    days.filter((d) => d >= today),
    today,
    (r) => merger.add(r),
  );
  return merger.row(today);
}

/** The rows of `halls` (in that order) for `range`. */
export async function hallsReport(deps: HallsReportDeps, halls: readonly HallConfig[], range: DayRange, now: number): Promise<HallsReport> {
  const rows: HallReportRow[] = [];
  for (const hall of halls) {
    rows.push(await hallReportRow(deps, hall, range, now));
    await yieldToLoop();
  }
  return { ...range, halls: rows };
}
