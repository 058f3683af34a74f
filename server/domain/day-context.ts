/**
 * What a date is to a hall's visitors, beyond its sessions: the first or second open day after a
 * closure that held a holiday (people saved their errands up), the last open day before one, a
 * make-up workday (调休), and the last open days of a month or quarter (tax declarations, fund
 * deadlines). One rule, read by the history generator (which plays these effects) and by the
 * arrival forecast (which learns how large they are in the hall's own history).
 */
import { calendarDay, type DayKind } from './schedule';
import { addDays, weekdayOf } from './time';
import type { CalendarConfig } from './types';

/** The open days of a month's end that count as its end (the tax and fund peak). */
export const MONTH_END_OPEN_DAYS = 3;
/** How far to look for the next or previous open day (the longest closure is 国庆's 7–8 days). */
const LOOK_DAYS = 14;

/** Day-wide effects; month and quarter ends touch some areas only, so they are kept apart. */
export type SpecialDay = 'after_holiday_1' | 'after_holiday_2' | 'before_holiday' | 'makeup_workday';
export const SPECIAL_DAYS: readonly SpecialDay[] = ['after_holiday_1', 'after_holiday_2', 'before_holiday', 'makeup_workday'];

export interface DayContext {
  date: string;
  kind: DayKind;
  weekday: number;
  open: boolean;
  /** The calendar effect that marks the day, the strongest first (null: an ordinary day). */
  special: SpecialDay | null;
  /** The day falls in the last open days of its month (and of a quarter's last month). */
  monthEnd: boolean;
  quarterEnd: boolean;
}

const isOpen = (calendar: CalendarConfig, date: string): boolean => calendarDay(calendar, date).sessions.length > 0;

/** Whether the closed days just before `date` (back to the previous open day) include a holiday. */
function closureBefore(calendar: CalendarConfig, date: string): { holiday: boolean; prevOpen: string | null } {
  let holiday = false;
  for (let i = 1; i <= LOOK_DAYS; i++) {
    const d = addDays(date, -i);
    if (isOpen(calendar, d)) return { holiday, prevOpen: d };
    if (calendarDay(calendar, d).kind === 'holiday') holiday = true;
  }
  return { holiday, prevOpen: null };
}

function holidayAfter(calendar: CalendarConfig, date: string): boolean {
  for (let i = 1; i <= LOOK_DAYS; i++) {
    const d = addDays(date, i);
    if (isOpen(calendar, d)) return false;
    if (calendarDay(calendar, d).kind === 'holiday') return true;
  }
  return false;
}

/** Whether `date` is among the last `MONTH_END_OPEN_DAYS` open workdays of its month. */
function inMonthEnd(calendar: CalendarConfig, date: string): boolean {
  const month = date.slice(0, 7);
  let later = 0;
  for (let d = addDays(date, 1); d.slice(0, 7) === month; d = addDays(d, 1)) {
    const k = calendarDay(calendar, d);
    if (k.sessions.length > 0 && (k.kind === 'workday' || k.kind === 'makeup_workday')) later++;
  }
  return later < MONTH_END_OPEN_DAYS;
}

export function dayContext(calendar: CalendarConfig, date: string): DayContext {
  const day = calendarDay(calendar, date);
  const open = day.sessions.length > 0;
  const weekday = weekdayOf(date);
  const workday = day.kind === 'workday' || day.kind === 'makeup_workday';
  const monthEnd = open && workday && inMonthEnd(calendar, date);
  const quarterEnd = monthEnd && Number(date.slice(5, 7)) % 3 === 0;
  let special: SpecialDay | null = null;
  if (open) {
    const before = closureBefore(calendar, date);
    if (before.holiday) special = 'after_holiday_1';
    else if (before.prevOpen !== null && closureBefore(calendar, before.prevOpen).holiday) special = 'after_holiday_2';
    else if (holidayAfter(calendar, date)) special = 'before_holiday';
    else if (day.kind === 'makeup_workday') special = 'makeup_workday';
  }
  return { date, kind: day.kind, weekday, open, special, monthEnd, quarterEnd };
}
