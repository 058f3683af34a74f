/**
 * Hall-local time without a clock: every function takes the instant (epoch ms) it is asked about.
 * Uses `Intl`, which browsers and Node share, so the same code runs on both sides.
 */
import { work } from './work';

export interface LocalTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM` */
  time: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Minutes since local midnight. */
  minuteOfDay: number;
  /** Offset from UTC in minutes (Asia/Shanghai: 480). */
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError for a zone `Intl` does not know; config validation relies on it. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Recent answers per zone, by UTC minute. A busy hall asks about the same minutes many times (every
 * ticket's issue time, on every view of the queue), and `formatToParts` is slow; every zone's
 * offset is a whole number of minutes today, so one UTC minute is one local minute. A day has 1,440
 * minutes: the cache holds two days' worth per zone, then starts over.
 */
const MINUTES_KEPT = 2880;
const minutes = new Map<string, Map<number, LocalTime>>();

/** The local date, time and offset of an instant in a zone (the answer is shared: do not change it). */
export function localTime(ms: number, timeZone: string): LocalTime {
  const minute = Math.floor(ms / 60000);
  let zone = minutes.get(timeZone);
  if (!zone) minutes.set(timeZone, (zone = new Map<number, LocalTime>()));
  const known = zone.get(minute);
  if (known) return known;
  if (zone.size >= MINUTES_KEPT) zone.clear();
  const local = Object.freeze(computeLocalTime(ms, timeZone));
  zone.set(minute, local);
  return local;
}

function computeLocalTime(ms: number, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(ms)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const y = parts.year!,
    mo = parts.month!,
    d = parts.day!,
    h = parts.hour!,
    mi = parts.minute!,
    s = parts.second!;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const offsetMinutes = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
  return {
    date: `${y}-${pad2(mo)}-${pad2(d)}`,
    time: `${pad2(h)}:${pad2(mi)}`,
    weekday: new Date(Date.UTC(y, mo - 1, d)).getUTCDay(),
    minuteOfDay: h * 60 + mi,
    offsetMinutes,
  };
}

/** The hall-local date of an instant: the "day" a hall's events belong to. */
export function localDate(ms: number, timeZone: string): string {
  return localTime(ms, timeZone).date;
}

/** Per zone, by UTC minute: the ISO text of the minute's start up to the seconds, and the offset. */
const isoMinutes = new Map<string, Map<number, { head: string; tail: string }>>();

const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

/**
 * ISO-8601 with the zone's offset, e.g. `2026-11-26T09:05:00.000+08:00`. Every view of every ticket
 * formats its times, so the text of each minute (date, hour, minute, offset) is made once per zone
 * and kept beside `localTime`'s answers; a call adds only the seconds and milliseconds.
 */
export function toLocalIso(ms: number, timeZone: string): string {
  work.timeStrings++;
  const minute = Math.floor(ms / 60000);
  let zone = isoMinutes.get(timeZone);
  if (!zone) isoMinutes.set(timeZone, (zone = new Map<number, { head: string; tail: string }>()));
  let parts = zone.get(minute);
  if (!parts) {
    const { offsetMinutes } = localTime(ms, timeZone);
    const shifted = new Date(minute * 60000 + offsetMinutes * 60000).toISOString().slice(0, 17);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    if (zone.size >= MINUTES_KEPT) zone.clear();
    parts = { head: shifted, tail: `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}` };
    zone.set(minute, parts);
  }
  const rest = ms - minute * 60000;
  const seconds = Math.floor(rest / 1000);
  return `${parts.head}${seconds < 10 ? '0' : ''}${seconds}.${pad3(rest - seconds * 1000)}${parts.tail}`;
}

/** `HH:MM` → minutes since midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** Adds days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** The weekday (0 = Sunday) of a `YYYY-MM-DD` date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d)).getUTCDay();
}
