/**
 * 好差评 follow-up: every bad rating (差评, score ≤ 2) must be called back and put right by a manager
 * within 15 working days of the rating (the national 政务服务“好差评” rule). Working days are the
 * hall calendar's: workdays and makeup workdays (调休), never its holidays or weekends.
 */
import { compareEvents } from './event-order';
import type { HallEvent } from './events';
import { dayKind } from './schedule';
import type { ComplaintCase } from './day-rollup';
import type { BadRating } from './statistics';
import { addDays } from './time';
import type { CalendarConfig } from './types';

export const FOLLOW_UP_WORKDAYS = 15;

export interface FollowUpNote {
  at: string;
  /** Who recorded it (a manager's account id). */
  by: string | null;
  note: string;
  resolved: boolean;
}

export interface FollowUpItem extends Omit<BadRating, 'score'> {
  /** What needs following up: a bad rating, or a case served at a 办不成事反映窗口 (no score). */
  source: 'rating' | 'complaint';
  score: number | null;
  /** The last day the follow-up is due on: the 15th working day after the rating's day. */
  dueDay: string;
  /** Working days from today until `dueDay` (0 on the day itself, negative once past it). */
  workdaysLeft: number;
  followUps: FollowUpNote[];
  /** The latest follow-up said the matter is put right. */
  resolved: boolean;
  /** Not resolved and past `dueDay`. */
  overdue: boolean;
}

/**
 * Each calendar's answers so far: a calendar is never changed in place (a new configuration is a new
 * object), and a report across halls asks about the same few weeks of dates thousands of times.
 */
const workingDays = new WeakMap<CalendarConfig, Map<string, boolean>>();

/** Each calendar's follow-up deadlines so far, by today and the case's day. */
const deadlines = new WeakMap<CalendarConfig, Map<string, { dueDay: string; workdaysLeft: number }>>();

export function isWorkingDay(calendar: CalendarConfig, date: string): boolean {
  let known = workingDays.get(calendar);
  if (!known) workingDays.set(calendar, (known = new Map<string, boolean>()));
  let working = known.get(date);
  if (working === undefined) {
    const kind = dayKind(calendar, date);
    working = kind === 'workday' || kind === 'makeup_workday';
    known.set(date, working);
  }
  return working;
}

/** The `n`th working day after `date`. */
export function addWorkingDays(calendar: CalendarConfig, date: string, n: number): string {
  let d = date;
  for (let counted = 0; counted < n;) {
    d = addDays(d, 1);
    if (isWorkingDay(calendar, d)) counted++;
  }
  return d;
}

/** Working days after `from` up to and including `to`; negative (counted back) when `to` is earlier. */
export function workingDaysBetween(calendar: CalendarConfig, from: string, to: string): number {
  if (from === to) return 0;
  const forward = from < to;
  const [start, end] = forward ? [from, to] : [to, from];
  let d = start;
  let n = 0;
  while (d < end) {
    d = addDays(d, 1);
    if (isWorkingDay(calendar, d)) n++;
  }
  return forward ? n : -n;
}

/**
 * The follow-up list: each bad rating (and each complaint case) with its deadline and the follow-ups recorded for it in
 * `events` (they may be on any later day), unresolved and most urgent first.
 */
export function ratingFollowUps(
  calendar: CalendarConfig,
  badRatings: readonly BadRating[],
  events: readonly HallEvent[],
  today: string,
  complaints: readonly ComplaintCase[] = [],
): FollowUpItem[] {
  const notes = new Map<string, FollowUpNote[]>();
  const ordered = [...events].sort(compareEvents);
  for (const e of ordered) {
    if (e.type !== 'rating.followed_up') continue;
    const key = `${e.ticketDay}\u0000${e.ticketId}`;
    if (!notes.has(key)) notes.set(key, []);
    notes.get(key)!.push({ at: e.at, by: e.actor?.id ?? null, note: e.note, resolved: e.resolved });
  }
  const rated = new Set(badRatings.map((r) => `${r.day}\u0000${r.ticketId}`));
  const cases = [
    ...badRatings.map((r) => ({ ...r, source: 'rating' as const })),
    // A complaint case that was also rated badly is one matter, followed up once.
    ...complaints
      .filter((c) => !rated.has(`${c.day}\u0000${c.ticketId}`))
      .map((c) => ({ ...c, score: null, tags: [], comment: null, source: 'complaint' as const })),
  ];
  // The deadline depends on the calendar and the day alone: counted once, however many cases and reports ask.
  let counted = deadlines.get(calendar);
  if (!counted) deadlines.set(calendar, (counted = new Map<string, { dueDay: string; workdaysLeft: number }>()));
  const dueOf = (day: string) => {
    let d = counted.get(`${today}\u0000${day}`);
    if (!d) {
      const dueDay = addWorkingDays(calendar, day, FOLLOW_UP_WORKDAYS);
      counted.set(`${today}\u0000${day}`, (d = { dueDay, workdaysLeft: workingDaysBetween(calendar, today, dueDay) }));
    }
    return d;
  };
  const items = cases.map((r): FollowUpItem => {
    const followUps = notes.get(`${r.day}\u0000${r.ticketId}`) ?? [];
    const resolved = followUps.at(-1)?.resolved ?? false;
    const { dueDay, workdaysLeft } = dueOf(r.day);
    return {
      ...r,
      dueDay,
      workdaysLeft,
      followUps,
      resolved,
      overdue: !resolved && today > dueDay,
    };
  });
  return items.sort((a, b) => Number(a.resolved) - Number(b.resolved) || (a.dueDay < b.dueDay ? -1 : a.dueDay > b.dueDay ? 1 : 0) || (a.at < b.at ? -1 : 1));
}
