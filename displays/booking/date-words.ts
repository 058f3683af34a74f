/**
 * Dates and sessions as the phone pages say them (`12月2日 周三`, `明天`, `夜市 19:00–21:00`), from
 * `YYYY-MM-DD` strings: no time zone arithmetic in the browser, the dates are already hall dates.
 */
import { messages, type Locale } from '../../server/i18n';
import { addDays, minutesOf, weekdayOf } from '../../server/domain/time';
import type { SessionKind, SessionSpec } from '../../server/domain/types';
import { fill } from '../shared/words';

/** `12月2日 周三` (zh) or `Wed Dec 2` (en). */
export function dateLabel(date: string, locale: Locale): string {
  const t = messages(locale);
  const w = t.calendar.common;
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const day = fill(w.date, { m, d, mon: w.months[m - 1] ?? String(m) });
  return fill(w.dateWithWeekday, { date: day, weekday: t.weekdays[weekdayOf(date)] ?? '' });
}

/** `今天` / `明天` for those two dates, else null. */
export function relativeDay(date: string, today: string, locale: Locale): string | null {
  const w = messages(locale).calendar.common;
  if (date === today) return w.today;
  if (date === addDays(today, 1)) return w.tomorrow;
  return null;
}

/** `夜市 19:00–21:00`; a weekly special session is named with its weekday on the board, here the date says it. */
export function sessionText(session: { kind: SessionKind; start: string; end: string }, locale: Locale): string {
  const t = messages(locale).calendar;
  return fill(t.sessionWithTime, { session: t.sessions[session.kind], start: session.start, end: session.end });
}

/** The session a slot lies in (start inclusive, end exclusive). */
export function sessionOf(sessions: readonly SessionSpec[], start: string): SessionSpec | undefined {
  const m = minutesOf(start);
  return sessions.find((s) => minutesOf(s.start) <= m && m < minutesOf(s.end));
}
