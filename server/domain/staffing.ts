/**
 * 排班建议: how many windows each area needs in each hour so that nine citizens in ten wait no
 * longer than the hall's target (`policy.waitTargetMinutes`, default 20), from the arrival
 * forecast and the measured time a citizen holds a window (walk up + service + the clerk's gap).
 *
 * Erlang C (M/M/c), not the live play-out (`estimate.ts`): the play-out answers "when will this
 * ticket be called" from a queue that exists; planning asks "how many windows for λ citizens an
 * hour" before anyone is there, which Erlang C answers in closed form in microseconds. It assumes
 * services as variable as an exponential's (coefficient of variation 1); measured ones vary less
 * (~0.5), so it errs toward a window too many rather than too few, and it takes each hour as
 * steady (a queue left from the hour before is not carried). The simulation in
 * tests/unit/staffing.test.ts and the benchmark check the advice where those assumptions bend.
 */

/** The share of citizens allowed to wait longer than the target (the 90th percentile). */
export const WAIT_PERCENTILE_MISS = 0.1;
export const DEFAULT_WAIT_TARGET_MINUTES = 20;
/** More windows than this for one area in one hour is not advice, it is a different hall. */
export const MAX_WINDOWS = 60;

/** The hall's wait target, minutes. */
export const waitTargetOf = (policy: { waitTargetMinutes?: number }): number => policy.waitTargetMinutes ?? DEFAULT_WAIT_TARGET_MINUTES;

/**
 * Erlang C: the chance an arrival has to wait, with `c` windows and offered load `a` = λ × holding
 * time (in windows' worth of work). 1 when the load is c or more (the queue only grows).
 */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (a >= c) return 1;
  // Erlang B by its stable recurrence, then C from B.
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b / (1 - (a / c) * (1 - b));
}

/**
 * The 90th-percentile wait (minutes) with `c` windows, `perHour` arrivals an hour and a mean
 * holding time of `holdMinutes`: P(W > t) = C · e^{−(cμ − λ)t}. Infinity when the windows cannot
 * keep up.
 */
export function p90WaitMinutes(c: number, perHour: number, holdMinutes: number): number {
  if (perHour <= 0) return 0;
  if (c <= 0) return Infinity;
  const lambda = perHour / 60;
  const mu = 1 / holdMinutes;
  const a = lambda * holdMinutes;
  if (a >= c) return Infinity;
  const wait = erlangC(c, a);
  if (wait <= WAIT_PERCENTILE_MISS) return 0;
  return Math.log(wait / WAIT_PERCENTILE_MISS) / (c * mu - lambda);
}

/** The fewest windows that keep the 90th-percentile wait within `targetMinutes` (0 when nobody comes). */
export function windowsNeeded(perHour: number, holdMinutes: number, targetMinutes: number): number {
  if (perHour <= 0) return 0;
  for (let c = 1; c <= MAX_WINDOWS; c++) if (p90WaitMinutes(c, perHour, holdMinutes) <= targetMinutes) return c;
  return MAX_WINDOWS;
}

/** What the advice reads from a forecast day: expected arrivals per area and open hour. */
export interface DayDemand {
  day: string;
  areas: ReadonlyArray<{ areaId: string; hours: ReadonlyArray<{ hour: number; expected: number }> }>;
}

export interface AdviceCell {
  hour: number;
  expected: number;
  /** Windows advised. */
  windows: number;
  /** Windows configured for the area (its primary windows). */
  configured: number;
  /** windows − configured: more windows needed (> 0) or spare (< 0). */
  gap: number;
  /** The 90th-percentile wait with the configured windows (minutes; null: they cannot keep up). */
  p90WithConfigured: number | null;
}

export interface StaffingDay {
  day: string;
  areas: Array<{ areaId: string; holdMinutes: number; hours: AdviceCell[] }>;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The advice for forecast days: per area and open hour, the windows needed beside those
 * configured. `holdMinutes` per area: the measured mean a citizen holds a window.
 */
export function staffingAdvice(
  days: readonly DayDemand[],
  holdMinutes: ReadonlyMap<string, number>,
  configured: ReadonlyMap<string, number>,
  targetMinutes: number,
): StaffingDay[] {
  return days.map((d) => ({
    day: d.day,
    areas: d.areas.map((a) => {
      const hold = holdMinutes.get(a.areaId) ?? 0;
      const have = configured.get(a.areaId) ?? 0;
      return {
        areaId: a.areaId,
        holdMinutes: round1(hold),
        hours: a.hours.map((h) => {
          const windows = hold > 0 ? windowsNeeded(h.expected, hold, targetMinutes) : 0;
          const p90 = hold > 0 ? p90WaitMinutes(have, h.expected, hold) : 0;
          return {
            hour: h.hour,
            expected: h.expected,
            windows,
            configured: have,
            gap: windows - have,
            p90WithConfigured: Number.isFinite(p90) ? round1(p90) : null,
          };
        }),
      };
    }),
  }));
}

/** Windows configured per area: those whose first area it is (where they call first). */
export function configuredWindows(windows: ReadonlyArray<{ areaIds: readonly string[] }>): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of windows) {
    const primary = w.areaIds[0];
    if (primary !== undefined) out.set(primary, (out.get(primary) ?? 0) + 1);
  }
  return out;
}

/** A clerk's gap between a citizen leaving and the next call, when none was measured (seconds). */
const GAP_SECONDS = 15;
/** Holding minutes assumed for an area with no measured services. */
const DEFAULT_HOLD_MINUTES = 6;

/** Sums of measured durations (ms): how many, and their total. */
export interface DurationSums {
  n: number;
  s: number;
}

/**
 * The mean minutes a citizen holds a window in each area: the measured walk up and service, plus
 * the clerk's gap; an area with no services measured takes the hall's, and a hall with none 6 min.
 */
export function holdingMinutes(byArea: ReadonlyMap<string, { walk: DurationSums; service: DurationSums }>, areaIds: readonly string[]): Map<string, number> {
  const mean = (d: DurationSums): number => (d.n > 0 ? d.s / d.n : 0);
  const hall = { walk: { n: 0, s: 0 }, service: { n: 0, s: 0 } };
  for (const a of byArea.values()) {
    hall.walk.n += a.walk.n;
    hall.walk.s += a.walk.s;
    hall.service.n += a.service.n;
    hall.service.s += a.service.s;
  }
  const minutes = (x: { walk: DurationSums; service: DurationSums }): number => (mean(x.walk) + mean(x.service)) / 60_000 + GAP_SECONDS / 60;
  const fallback = hall.service.n > 0 ? minutes(hall) : DEFAULT_HOLD_MINUTES;
  return new Map(
    areaIds.map((id) => {
      const a = byArea.get(id);
      return [id, a && a.service.n > 0 ? minutes(a) : fallback];
    }),
  );
}
