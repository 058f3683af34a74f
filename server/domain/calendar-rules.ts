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

/**
 * A date as people type it, read as a real calendar day: `2027-02-05`, `2027-2-5`, `2027/2/5`,
 * `2027.2.5`, `2027年2月5日` (full-width digits too). `unreadable` when it is none of these forms;
 * `no_such_day` when it is, but the month has no such day (2027-02-30) or there is no such month.
 */
export type TypedDate = { ok: true; date: string } | { ok: false; problem: 'unreadable' | 'no_such_day'; year?: number; month?: number; day?: number };

const TYPED_DATE = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/;

export function readTypedDate(text: string): TypedDate {
  const plain = text
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[／－．]/g, (c) => ({ '／': '/', '－': '-', '．': '.' })[c]!);
  const m = TYPED_DATE.exec(plain);
  if (!m) return { ok: false, problem: 'unreadable' };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (month < 1 || month > 12 || day < 1 || !isCalendarDate(date)) return { ok: false, problem: 'no_such_day', year, month, day };
  return { ok: true, date };
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
