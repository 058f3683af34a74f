/**
 * Dates and clocks in hall time (Asia/Shanghai for the demo halls), whatever zone the display PC is
 * set to. The hall's offset comes from the server's own timestamps (`Board.now` ends in `+08:00`),
 * so a screen needs no zone database and no extra request.
 */
import type { Locale } from '../../server/i18n';

/** The offset in minutes of an ISO-8601 timestamp (`…+08:00` → 480); 0 for `Z`. */
export function offsetMinutesOf(iso: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, kind: 'date' | 'weekday' | 'time'): Intl.DateTimeFormat {
  const key = `${locale}|${kind}`;
  let f = formats.get(key);
  if (!f) {
    // The instant is shifted by the hall's offset first, so formatting in UTC shows hall time.
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }
        : kind === 'weekday'
          ? { timeZone: 'UTC', weekday: 'long' }
          : { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
    f = new Intl.DateTimeFormat(locale, options);
    formats.set(key, f);
  }
  return f;
}

/** `2026年11月25日`, `星期三`, `19:30:05` for an instant at a hall offset. */
export function hallDateParts(ms: number, offsetMinutes: number, locale: Locale): { date: string; weekday: string; time: string } {
  const shifted = ms + offsetMinutes * 60_000;
  return {
    date: format(locale, 'date').format(shifted),
    weekday: format(locale, 'weekday').format(shifted),
    time: format(locale, 'time').format(shifted),
  };
}

/** Seconds from an ISO timestamp to an instant (0 when it is in the future or missing). */
export function secondsSince(iso: string | null, nowMs: number): number {
  if (!iso) return 0;
  return Math.max(0, Math.floor((nowMs - Date.parse(iso)) / 1000));
}
