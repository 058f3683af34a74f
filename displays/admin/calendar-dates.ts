/**
 * Dates as the calendar section shows them: `1月25日 周二`, and runs of consecutive days as one
 * range (`1月25日–1月28日`), so a year's holidays read like the State Council's notice.
 */
import { messages, type Locale } from '../../server/i18n';
import { addDays, weekdayOf } from '../../server/domain/time';
import { fill } from '../shared/words';

export function dateLabel(date: string, locale: Locale): string {
  const t = messages(locale);
  const [, m, d] = date.split('-').map(Number);
  return fill(t.calendar.common.date, { m: m!, d: d!, mon: t.calendar.common.months[m! - 1]! });
}

export function dayLabel(date: string, locale: Locale): string {
  const t = messages(locale);
  return fill(t.calendar.common.dateWithWeekday, { date: dateLabel(date, locale), weekday: t.weekdays[weekdayOf(date)]! });
}

/** Sorted dates cut into runs of consecutive days: `[['2028-01-25', '2028-01-28'], ['2028-04-04', '2028-04-04']]`. */
export function runsOf(dates: readonly string[]): Array<[string, string]> {
  const runs: Array<[string, string]> = [];
  for (const d of [...new Set(dates)].sort()) {
    const last = runs.at(-1);
    if (last && addDays(last[1], 1) === d) last[1] = d;
    else runs.push([d, d]);
  }
  return runs;
}

export function runLabel([from, to]: [string, string], locale: Locale): string {
  return from === to ? dayLabel(from, locale) : `${dateLabel(from, locale)}–${dateLabel(to, locale)}`;
}
