/**
 * China's public holidays (法定节假日) and make-up workdays (调休) from the State Council's notices,
 * as the maintained `chinese-days` package carries them. For a year whose notice the package does
 * not have yet, only the statutory holiday days themselves are closed (元旦; 春节 除夕–初三; 清明;
 * 劳动节 5/1–5/2; 端午; 中秋; 国庆 10/1–10/3, per 《全国年节及纪念日放假办法》 2024), with no
 * make-up days: a hall's own config adds what the notice says once it is out.
 */
import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';
import { addDays } from '../domain/time';
import { mergeOfficialDays, type OfficialYear } from '../domain/official-days';
import type { CalendarConfig } from '../domain/types';

export type { OfficialYear };

/** The package's data: every official holiday and make-up workday (`YYYY-MM-DD` → name). */
export interface NoticeData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const notices = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as NoticeData;

function statutory(year: number): string[] {
  const springFestival = chineseDays.getSolarDateFromLunar(`${year}-01-01`).date;
  const dragonBoat = chineseDays.getSolarDateFromLunar(`${year}-05-05`).date;
  const midAutumn = chineseDays.getSolarDateFromLunar(`${year}-08-15`).date;
  const qingming = chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
  // A set: 中秋 can fall within 国庆 (2028-10-03).
  const days = new Set([
    `${year}-01-01`,
    ...[-1, 0, 1, 2].map((d) => addDays(springFestival, d)),
    qingming,
    `${year}-05-01`,
    `${year}-05-02`,
    dragonBoat,
    midAutumn,
    `${year}-10-01`,
    `${year}-10-02`,
    `${year}-10-03`,
  ]);
  return [...days].sort();
}

export function officialYear(year: number, data: NoticeData = notices): OfficialYear {
  const inYear = (d: string) => d.startsWith(`${year}-`);
  const holidays = Object.keys(data.holidays).filter(inYear).sort();
  if (holidays.length > 0) {
    return { year, source: 'notice', holidays, makeupWorkdays: Object.keys(data.workdays).filter(inYear).sort() };
  }
  return { year, source: 'statutory', holidays: statutory(year), makeupWorkdays: [] };
}

/** Past years merged before the latest notice: reports over recent history see their holidays. */
const PAST_YEARS = 2;
/** Years after the latest notice closed on the statutory days alone, should the package lag. */
const STATUTORY_YEARS = 4;

/**
 * The years whose official days a hall's calendar takes: from a little before the latest year the
 * package has a State Council notice for, to a few years after it. Read from the package's data,
 * so an update that brings next year's notice moves the range with no code change.
 */
export function officialYears(data: NoticeData = notices): number[] {
  const latest = Math.max(...[...Object.keys(data.holidays), ...Object.keys(data.workdays)].map((d) => Number(d.slice(0, 4))));
  if (!Number.isFinite(latest)) throw new Error('chinese-days carries no holiday notices');
  return Array.from({ length: PAST_YEARS + 1 + STATUTORY_YEARS }, (_, i) => latest - PAST_YEARS + i);
}

/** The package's years as the engine merges them, worked out once (the data never changes while running). */
let defaultYears: OfficialYear[] | null = null;

function officialDefaultYears(): OfficialYear[] {
  defaultYears ??= officialYears().map((year) => officialYear(year));
  return defaultYears;
}

/**
 * A hall's calendar with the official days of `years` merged in (`mergeOfficialDays`: the hall's
 * own lists win). The engine's configuration is made with this from the hall's document.
 */
export function withOfficialDays(calendar: CalendarConfig, years?: number[]): CalendarConfig {
  return mergeOfficialDays(calendar, years === undefined ? officialDefaultYears() : years.map((year) => officialYear(year)));
}
