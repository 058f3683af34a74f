/**
 * What makes a hall calendar wrong beyond its shape: a session that ends before it starts, a date
 * that is no date (2027-02-30), the same date twice, a date both closed and a make-up workday, the
 * same session twice. The server refuses such a calendar; the console checks the same before saving.
 */
import { addDays, minutesOf } from './time';
import type { CalendarConfig, SessionSpec } from './types';

export type CalendarProblem =
  | { kind: 'session_order'; start: string; end: string }
  | { kind: 'session_twice'; start: string; end: string; weekday: number | null }
  | { kind: 'not_a_date'; date: string }
  | { kind: 'date_twice'; date: string; list: 'holidays' | 'makeupWorkdays' }
  | { kind: 'date_in_both'; date: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date as `YYYY-MM-DD`. */
export function isCalendarDate(date: string): boolean {
  return DATE.test(date) && addDays(date, 0) === date;
}

function sessionKey(s: SessionSpec): string {
  return `${s.kind} ${s.start} ${s.end}`;
}

function twice<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const t of items) {
    const k = key(t);
    if (seen.has(k)) out.push(t);
    seen.add(k);
  }
  return out;
}

export function calendarProblems(calendar: CalendarConfig): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  for (const s of [...calendar.workday, ...calendar.weekly.map((w) => w.session)]) {
    if (minutesOf(s.start) >= minutesOf(s.end)) problems.push({ kind: 'session_order', start: s.start, end: s.end });
  }
  for (const s of twice(calendar.workday, sessionKey)) problems.push({ kind: 'session_twice', start: s.start, end: s.end, weekday: null });
  for (const w of twice(calendar.weekly, (w) => `${w.weekday} ${sessionKey(w.session)}`)) {
    problems.push({ kind: 'session_twice', start: w.session.start, end: w.session.end, weekday: w.weekday });
  }
  for (const list of ['holidays', 'makeupWorkdays'] as const) {
    for (const date of calendar[list]) if (!isCalendarDate(date)) problems.push({ kind: 'not_a_date', date });
    for (const date of twice(calendar[list], (d) => d)) problems.push({ kind: 'date_twice', date, list });
  }
  const makeup = new Set(calendar.makeupWorkdays);
  for (const date of new Set(calendar.holidays)) if (makeup.has(date)) problems.push({ kind: 'date_in_both', date });
  return problems;
}
