/**
 * The report across halls (跨厅报表): each hall's row for a range of days, merged from its day
 * rollups (`HallHistory.eachRollup`, which pauses between slices of work), one hall after another
 * with a turn for the event loop between halls, so a month over a hundred halls never holds it.
 * The days after the range up to the hall's today are read too, for the follow-ups recorded on them,
 * as the hall's own follow-up list reads them.
 */
import type { HallHistory } from '../app/hall-history';
import { yieldToLoop } from '../app/time-slice';
import { HallReportMerger, type HallReportRow } from '../domain/halls-report';
import { localDate } from '../domain/time';
import type { HallConfig } from '../domain/types';
import type { DayRange } from './report-days';

export interface HallsReport extends DayRange {
  halls: HallReportRow[];
}

/** The row of one hall for `range`, follow-ups judged as of the hall's date at `now`. */
export async function hallReportRow(history: HallHistory, hall: HallConfig, range: DayRange, now: number): Promise<HallReportRow> {
  const today = localDate(now, hall.timezone);
  const merger = new HallReportMerger(hall, range);
  const days = await history.daysIn(hall.id, { from: range.from, to: range.to > today ? range.to : today });
  await history.eachRollup(hall.id, days, today, (r) => merger.add(r));
  return merger.row(today);
}

/** The rows of `halls` (in that order) for `range`. */
export async function hallsReport(history: HallHistory, halls: readonly HallConfig[], range: DayRange, now: number): Promise<HallsReport> {
  const rows: HallReportRow[] = [];
  for (const hall of halls) {
    rows.push(await hallReportRow(history, hall, range, now));
    await yieldToLoop();
  }
  return { ...range, halls: rows };
}
