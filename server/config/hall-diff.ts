/**
 * A readable difference between two versions of a hall document, for `config:import`: areas,
 * windows, devices and calendar entries added, removed and changed, and any other field changed.
 */
import type { HallDoc } from './hall-doc';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const show = (v: unknown): string => (v === undefined ? '(none)' : JSON.stringify(v));

/** Added, removed and changed items of two lists keyed by `key`. */
function listDiff<T>(what: string, before: T[], after: T[], key: (t: T) => string, label: (t: T) => string): string[] {
  const lines: string[] = [];
  const old = new Map(before.map((t) => [key(t), t]));
  const now = new Map(after.map((t) => [key(t), t]));
  for (const [k, t] of now) if (!old.has(k)) lines.push(`+ ${what} ${label(t)}`);
  for (const [k, t] of old) if (!now.has(k)) lines.push(`- ${what} ${label(t)}`);
  for (const [k, t] of now) {
    const was = old.get(k);
    if (was === undefined || same(was, t)) continue;
    const fields = new Set([...Object.keys(was as object), ...Object.keys(t as object)]);
    const changes = [...fields]
      .filter((f) => !same((was as Record<string, unknown>)[f], (t as Record<string, unknown>)[f]))
      .map((f) => `${f} ${show((was as Record<string, unknown>)[f])} → ${show((t as Record<string, unknown>)[f])}`);
    lines.push(`~ ${what} ${label(t)}: ${changes.join(', ')}`);
  }
  return lines;
}

const sessionKey = (s: { kind: string; start: string; end: string }) => `${s.kind} ${s.start}–${s.end}`;

/** The lines that turn `before` (null: a new hall) into `after`; empty when they are equal. */
export function diffHall(before: HallDoc | null, after: HallDoc): string[] {
  if (before === null) return [`+ hall ${after.id} (${after.name}): ${after.areas.length} areas, ${after.windows.length} windows`];
  const lines = [
    ...listDiff(
      'area',
      before.areas,
      after.areas,
      (a) => a.id,
      (a) => `${a.id} (${a.name}, ${a.prefix})`,
    ),
    ...listDiff(
      'window',
      before.windows,
      after.windows,
      (w) => w.id,
      (w) => `${w.id} (${w.number} ${w.name})`,
    ),
    ...listDiff(
      'device',
      before.devices,
      after.devices,
      (d) => d.id,
      (d) => `${d.id} (${d.kind})`,
    ),
    ...listDiff('workday session', before.calendar.workday, after.calendar.workday, sessionKey, sessionKey),
    ...listDiff(
      'weekly session',
      before.calendar.weekly,
      after.calendar.weekly,
      (w) => `${w.weekday} ${sessionKey(w.session)}`,
      (w) => `weekday ${w.weekday} ${sessionKey(w.session)}`,
    ),
    ...listDiff(
      'holiday',
      before.calendar.holidays.map((d) => ({ d })),
      after.calendar.holidays.map((d) => ({ d })),
      (x) => x.d,
      (x) => x.d,
    ),
    ...listDiff(
      'makeup workday',
      before.calendar.makeupWorkdays.map((d) => ({ d })),
      after.calendar.makeupWorkdays.map((d) => ({ d })),
      (x) => x.d,
      (x) => x.d,
    ),
  ];
  const { areas: _a, windows: _w, devices: _d, calendar: c1, ...restBefore } = before;
  const { areas: _a2, windows: _w2, devices: _d2, calendar: c2, ...restAfter } = after;
  const others: Record<string, [unknown, unknown]> = {
    'calendar.bookingDaysAhead': [c1.bookingDaysAhead, c2.bookingDaysAhead],
    'calendar.officialHolidays': [c1.officialHolidays, c2.officialHolidays],
  };
  for (const f of new Set([...Object.keys(restBefore), ...Object.keys(restAfter)])) {
    others[f] = [(restBefore as Record<string, unknown>)[f], (restAfter as Record<string, unknown>)[f]];
  }
  for (const [f, [was, now]] of Object.entries(others)) if (!same(was, now)) lines.push(`~ ${f}: ${show(was)} → ${show(now)}`);
  return lines;
}
