/**
 * Opening hours: which sessions a hall holds on a date, and whether it is open at an instant.
 * The hall's calendar (config) says; `alwaysOpen` (QMS_ALWAYS_OPEN) overrides it for demos and tests.
 */
import { addDays, localTime, minutesOf, weekdayOf } from './time';
import type { CalendarConfig, SessionKind, SessionSpec } from './types';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface CalendarDay {
  date: string;
  kind: DayKind;
  sessions: SessionSpec[];
}

export function dayKind(calendar: CalendarConfig, date: string): DayKind {
  if (calendar.holidays.includes(date)) return 'holiday';
  if (calendar.makeupWorkdays.includes(date)) return 'makeup_workday';
  const wd = weekdayOf(date);
  return wd === 0 || wd === 6 ? 'weekend' : 'workday';
}

/**
 * The sessions of a date, in time order. A make-up workday (调休) is an ordinary workday: it keeps
 * neither the weekend's special sessions (早市) nor adds the weekday's.
 */
export function calendarDay(calendar: CalendarConfig, date: string): CalendarDay {
  const kind = dayKind(calendar, date);
  if (kind === 'holiday') return { date, kind, sessions: [] };
  const base = kind === 'workday' || kind === 'makeup_workday' ? calendar.workday : [];
  const wd = weekdayOf(date);
  const extra = kind === 'makeup_workday' ? [] : calendar.weekly.filter((w) => w.weekday === wd).map((w) => w.session);
  const sessions = [...base, ...extra].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  return { date, kind, sessions };
}

/** The session in progress at an instant. */
export interface OpenSession extends SessionSpec {
  weekday: number;
  /** Kept open by a manager past its calendar end (延时服务). */
  extended?: boolean;
}

export type SessionNow = OpenSession | { kind: 'closed'; weekday: number };

/**
 * The session at an instant (start inclusive, end exclusive).
 * `extendedUntil` (延时服务, today only) stretches the day's last session that has begun, or opens
 * a regular one from now, until that time. With `alwaysOpen`, a closed moment counts as a regular
 * session spanning the whole day.
 */
export function sessionAt(calendar: CalendarConfig, ms: number, timeZone: string, alwaysOpen = false, extendedUntil: string | null = null): SessionNow {
  const local = localTime(ms, timeZone);
  const { sessions } = calendarDay(calendar, local.date);
  const open = sessions.find((s) => minutesOf(s.start) <= local.minuteOfDay && local.minuteOfDay < minutesOf(s.end));
  if (open) return { ...open, weekday: local.weekday };
  if (extendedUntil !== null && local.minuteOfDay < minutesOf(extendedUntil)) {
    const begun = sessions.filter((s) => minutesOf(s.start) <= local.minuteOfDay).at(-1);
    return { kind: begun?.kind ?? 'regular', start: begun?.start ?? local.time, end: extendedUntil, weekday: local.weekday, extended: true };
  }
  if (alwaysOpen) return { kind: 'regular', start: '00:00', end: '24:00', weekday: local.weekday };
  return { kind: 'closed', weekday: local.weekday };
}

/**
 * A session as the views carry it: its kind and times (null when closed). Screens name it in their
 * own language from these (`sessionLabel` in server/i18n), so no words are fixed here.
 */
export interface SessionTimes {
  kind: SessionKind | 'closed';
  start: string | null;
  end: string | null;
  /** Kept open past its calendar end by a manager (延时服务): the board says so. */
  extended: boolean;
}

/** The kind and times of `s`. */
export function sessionTimes(s: SessionNow): SessionTimes {
  return s.kind === 'closed'
    ? { kind: 'closed', start: null, end: null, extended: false }
    : { kind: s.kind, start: s.start, end: s.end, extended: s.extended === true };
}

export function isOpenSession(s: SessionNow): s is OpenSession {
  return s.kind !== 'closed';
}

/** When a closed hall opens next: the date, how many days from today, and the session. */
export interface NextOpening {
  date: string;
  daysAhead: number;
  session: SessionSpec;
}

/**
 * The next session that starts after `ms` (today's later sessions first, then the coming days,
 * up to `lookAheadDays`); null when the calendar holds none that soon (a long closure).
 */
export function nextOpening(calendar: CalendarConfig, ms: number, timeZone: string, lookAheadDays = 31): NextOpening | null {
  const local = localTime(ms, timeZone);
  for (let daysAhead = 0; daysAhead <= lookAheadDays; daysAhead++) {
    const date = addDays(local.date, daysAhead);
    const session = calendarDay(calendar, date).sessions.find((s) => daysAhead > 0 || minutesOf(s.start) > local.minuteOfDay);
    if (session) return { date, daysAhead, session };
  }
  return null;
}
