/**
 * 最佳办理时间 · the best time to come: for one area, the wait a citizen can expect at each open
 * hour of the coming week, so the booking page and the phone page can say "now about 25 min; at
 * 14:00 about 8 min".
 *
 * From the kept arrival forecast (expected tickets per area and hour), the measured time a citizen
 * holds a window (walk up + service + the clerk's gap) and the windows configured for the area. An
 * hour's wait is the backlog left from the hours before (played hour by hour: what arrived beyond
 * what the windows could serve stays in the queue) plus the steady-state queue of the hour itself
 * (Erlang C's mean wait, the same model as the staffing advice). The model is then scaled per area
 * by how the hall's measured waits compared with it over the last four weeks (`waitScale`), so a
 * hall whose windows are often short of their configured number does not look quieter than it is.
 *
 * Pure: the forecast days, the holding minutes, the windows and the scale in; the grid out.
 */
import { erlangC } from './staffing';

/**
 * A wait at or above this (minutes) is long: the phone page then offers the next quieter time
 * today. Many provinces set 30 minutes as the longest a citizen should wait (一次等候不超过30分钟).
 */
export const LONG_WAIT_MINUTES = 30;
/** A later hour is worth suggesting when its expected wait is at most this (minutes). */
export const QUIETER_WAIT_MINUTES = 15;
/** How busy an hour looks, by its expected wait (minutes): below 10 quiet, below 20 fair, below 30 busy, else very busy. */
export const BUSY_LEVELS = [10, 20, LONG_WAIT_MINUTES] as const;
/** Days shown: one week, so every weekday appears once. */
export const BEST_TIME_DAYS = 7;
/** The measured/modelled ratio is trusted within these bounds (a few odd days must not swamp the model). */
export const WAIT_SCALE_BOUNDS = [0.5, 2] as const;
/** Utilisation at which an hour's own queue is taken as saturated (Erlang C is infinite at 1). */
const MAX_UTILISATION = 0.95;

export type BusyLevel = 'quiet' | 'fair' | 'busy' | 'very_busy';

export interface BestTimeHour {
  hour: number;
  /** Expected tickets issued in the hour (the forecast). */
  expected: number;
  /** Expected wait of a citizen taking a ticket in the hour, whole minutes; null when no window serves the area. */
  waitMinutes: number | null;
  level: BusyLevel | null;
}

export interface BestTimeDay {
  day: string;
  /** The open hours of the day (none when the hall is closed). */
  hours: BestTimeHour[];
}

/** What the grid reads from a forecast day: the area's expected arrivals per open hour. */
export interface AreaDemandDay {
  day: string;
  hours: ReadonlyArray<{ hour: number; expected: number }>;
}

/**
 * The windows counted for an area: those whose first area it is (as the staffing advice counts
 * them); an area that is no window's first is served by the windows that list it at all, between
 * their own areas' citizens, counted as half a window each (at least one).
 */
export function windowsFor(windows: ReadonlyArray<{ areaIds: readonly string[] }>, areaId: string): number {
  const primary = windows.filter((w) => w.areaIds[0] === areaId).length;
  if (primary > 0) return primary;
  const shared = windows.filter((w) => w.areaIds.includes(areaId)).length;
  return shared > 0 ? Math.max(1, Math.floor(shared / 2)) : 0;
}

export function levelOf(waitMinutes: number): BusyLevel {
  if (waitMinutes < BUSY_LEVELS[0]) return 'quiet';
  if (waitMinutes < BUSY_LEVELS[1]) return 'fair';
  if (waitMinutes < BUSY_LEVELS[2]) return 'busy';
  return 'very_busy';
}

/**
 * The modelled mean wait (minutes, unscaled) per open hour of one day: `windows` windows, each
 * citizen holding one for `holdMinutes`. Hours that follow each other carry the backlog; a gap
 * (the lunch closure, the evening before a night session) clears it, as the hall serves everyone
 * before it closes.
 */
export function modelledWaits(hours: ReadonlyArray<{ hour: number; expected: number }>, holdMinutes: number, windows: number): Array<number | null> {
  if (windows <= 0 || holdMinutes <= 0) return hours.map(() => null);
  const capacity = (windows * 60) / holdMinutes; // citizens served in an hour
  let backlog = 0;
  let previous: number | null = null;
  return hours.map(({ hour, expected }) => {
    if (previous === null || hour !== previous + 1) backlog = 0;
    previous = hour;
    const lambda = Math.max(0, expected);
    // Those already queued at the hour's start, and (when the hour brings more than the windows
    // serve) half the hour's excess: the queue a citizen arriving mid-hour finds ahead, at the
    // windows' pace.
    const ahead = backlog + Math.max(0, lambda - capacity) / 2;
    const carried = (ahead / capacity) * 60;
    // The hour's own queueing (Erlang C's mean wait), with its load capped short of saturation.
    const load = Math.min(lambda * (holdMinutes / 60), windows * MAX_UTILISATION);
    const queueing = load > 0 ? (erlangC(windows, load) * holdMinutes) / (windows - load) : 0;
    backlog = Math.max(0, backlog + lambda - capacity);
    return carried + queueing;
  });
}

/**
 * The grid: per day and open hour, the expected wait for the area. `waitScale`: the area's
 * measured/modelled ratio (1 when nothing was measured).
 */
export function bestTimes(days: readonly AreaDemandDay[], holdMinutes: number, windows: number, waitScale = 1): BestTimeDay[] {
  const scale = Math.min(WAIT_SCALE_BOUNDS[1], Math.max(WAIT_SCALE_BOUNDS[0], waitScale));
  return days.map((d) => {
    const waits = modelledWaits(d.hours, holdMinutes, windows);
    return {
      day: d.day,
      hours: d.hours.map((h, i) => {
        const w = waits[i];
        const minutes = w === null || w === undefined ? null : Math.round(w * scale);
        return { hour: h.hour, expected: Math.round(h.expected * 10) / 10, waitMinutes: minutes, level: minutes === null ? null : levelOf(minutes) };
      }),
    };
  });
}

/**
 * The area's measured/modelled ratio over past days: the measured mean wait (minutes) of the
 * tickets called, against the model's mean wait for the arrivals those days had, weighted by
 * arrivals. 1 when either is missing.
 */
export function waitScaleOf(
  past: ReadonlyArray<{ hours: ReadonlyArray<{ hour: number; expected: number }> }>,
  measuredMeanMinutes: number | null,
  holdMinutes: number,
  windows: number,
): number {
  if (measuredMeanMinutes === null || !(measuredMeanMinutes >= 0)) return 1;
  let weighted = 0;
  let people = 0;
  for (const d of past) {
    const waits = modelledWaits(d.hours, holdMinutes, windows);
    d.hours.forEach((h, i) => {
      const w = waits[i];
      if (w === null || w === undefined || h.expected <= 0) return;
      weighted += w * h.expected;
      people += h.expected;
    });
  }
  if (people === 0) return 1;
  const modelled = weighted / people;
  // A model that says "no wait" cannot be scaled; a minute of slack keeps the ratio sane.
  const ratio = (measuredMeanMinutes + 1) / (modelled + 1);
  return Math.min(WAIT_SCALE_BOUNDS[1], Math.max(WAIT_SCALE_BOUNDS[0], ratio));
}

/**
 * The next quieter time today, for a citizen whose estimated wait is long: the first open hour
 * whose expected wait is at most `QUIETER_WAIT_MINUTES` and shorter than the wait now, and that
 * begins after the queue there is now has been served (`nowMinuteOfDay` + the wait now): whoever
 * takes a ticket before then still queues behind it, which the forecast does not know. Null when
 * the wait is not long, or no later hour today is quieter.
 */
export function nextQuieterTime(today: BestTimeDay | undefined, nowMinuteOfDay: number, waitNowMinutes: number | null): BestTimeHour | null {
  if (!today || waitNowMinutes === null || waitNowMinutes < LONG_WAIT_MINUTES) return null;
  const queueServed = nowMinuteOfDay + waitNowMinutes;
  for (const h of today.hours) {
    if (h.hour * 60 < queueServed || h.waitMinutes === null) continue;
    if (h.waitMinutes <= QUIETER_WAIT_MINUTES && h.waitMinutes < waitNowMinutes) return h;
  }
  return null;
}

/**
 * The quietest open hour of a day (the least expected wait, the earliest of equals), from
 * `afterHour` on (today: the hours still to come). Null when none is known.
 */
export function quietestHour(day: BestTimeDay | undefined, afterHour = -1): BestTimeHour | null {
  let best: BestTimeHour | null = null;
  for (const h of day?.hours ?? []) {
    if (h.hour <= afterHour || h.waitMinutes === null) continue;
    if (!best || h.waitMinutes < best.waitMinutes!) best = h;
  }
  return best;
}
