/**
 * How China's official days (法定节假日 and 调休 make-up workdays, per year) combine with a hall's
 * own calendar. The hall's document keeps only its own days; the engine's configuration, the
 * console's preview and anything else that needs "is the hall open on this date" merge the official
 * ones in with this one rule.
 */
import type { CalendarConfig } from './types';

/** One year's official days: from the State Council's notice, or only the statutory holidays. */
export interface OfficialYear {
  year: number;
  /** `notice`: the year's 国务院通知 is known; `statutory`: only the statutory days, no 调休 yet. */
  source: 'notice' | 'statutory';
  holidays: string[];
  makeupWorkdays: string[];
}

/**
 * A hall's calendar with the official days of `years` merged in (unless the hall turned them off).
 * The hall's own lists win: a date it lists as a make-up workday opens even on an official holiday,
 * and one it lists as a holiday closes even on an official make-up day.
 */
export function mergeOfficialDays(calendar: CalendarConfig, years: readonly OfficialYear[]): CalendarConfig {
  if (calendar.officialHolidays === false) return calendar;
  const ownHolidays = new Set(calendar.holidays);
  const ownMakeup = new Set(calendar.makeupWorkdays);
  const holidays = new Set(calendar.holidays);
  const makeup = new Set(calendar.makeupWorkdays);
  for (const y of years) {
    for (const d of y.holidays) if (!ownMakeup.has(d)) holidays.add(d);
    for (const d of y.makeupWorkdays) if (!ownHolidays.has(d)) makeup.add(d);
  }
  return { ...calendar, holidays: [...holidays].sort(), makeupWorkdays: [...makeup].sort() };
}
