/**
 * Estimated wait for a waiting ticket, from how the hall is working today rather than a fixed
 * minutes-per-ticket:
 *
 * - **pace**: a call takes its window for the citizen's walk up and service (called → completed)
 *   plus the clerk's gap before the next call. Both are measured: the area's recent completed
 *   tickets, and the windows' recent gaps between a citizen leaving and the next call while someone
 *   was waiting. While an area has few tickets done, the hall's other recent tickets (or, before
 *   anyone is done, `DEFAULT_SERVICE_MINUTES`) stand in for part of them.
 * - **the windows actually open for the area**: each is free when its current citizen is done —
 *   a service that has lasted so long ends like the recent services that lasted longer did — and a
 *   window whose earlier area has a queue of its own comes to this area only after it
 *   (`primary-first`), or shares its calls between its areas (`longest-wait`). A paused window is
 *   counted as back in `PAUSED_RETURN_MS`.
 * - the people ahead then go to whichever window is free first, and the ticket is called when its
 *   own turn comes. Service times vary a lot (a few are very long), so this is played out
 *   `RUNS` times with services drawn from the measured ones, and the **median** is shown: the
 *   estimate that is off by the fewest minutes on average. The draws are seeded from the state, so
 *   the same hall state always gives the same estimate.
 *
 * Measured on a simulated day (tests/sim) against "people ahead × average service ÷ windows".
 */
import { openWindowsFor } from './open-windows';
import type { HallState, WindowState } from './types';
import { work } from './work';

/** Service minutes assumed before the hall has completed any ticket today. */
const DEFAULT_SERVICE_MINUTES = 6;
/** Seconds a clerk is assumed to take between two calls before any gap was measured. */
const DEFAULT_GAP_SECONDS = 10;
/** How many of an area's samples the hall's pace stands in for while the area has few. */
const PRIOR_WEIGHT = 1;
/** A paused window (a break, a meeting) is assumed back after about this long. */
const PAUSED_RETURN_MS = 10 * 60_000;
/** How many times the queue is played out. */
const RUNS = 201;
/** Places played out beyond the one asked for, for the tickets about to be issued. */
const HEADROOM = 32;
/**
 * Places played out at most; further back the queue moves at the pace of the last ones played
 * (by then the windows' present situation no longer matters). Keeps a long queue's estimate cheap.
 */
const MAX_PLACES = 64;
/** Play-outs start at this grain of time, so the tickets of a busy quarter-minute share one. */
const PLAY_OUT_GRAIN_MS = 15_000;

interface Pace {
  /** Recent call → completed durations (ms), ascending. */
  occupancy: number[];
  meanOccupancy: number;
}

interface Paces {
  /** The version of the state's pace samples these were derived from. */
  version: number;
  hall: Pace;
  byArea: Map<string, Pace>;
  /** Mean gap between a window's citizen leaving and its next call, when someone was waiting. */
  gapMs: number;
  /**
   * Play-outs already made at this pace, by area, instant and the windows' situation → call times
   * (ms from the instant) by place in the queue. Tickets issued meanwhile join behind them, so the
   * places ahead keep their times: a burst of tickets costs one play-out, not one each.
   */
  played: Map<string, number[]>;
}

/**
 * Keyed by the state's pace samples, not the state: a what-if copy of the state (`what-if.ts`)
 * shares the samples and so the paces; its play-outs differ by the windows' situation, which is
 * in each play-out's key.
 */
const cache = new WeakMap<HallState['pace'], Paces>();

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

const ascending = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

/** The hall's pace today, from the samples `evolve` keeps, derived once per change of them. */
function paces(state: HallState): Paces {
  const samples = state.pace;
  const cached = cache.get(samples);
  if (cached && cached.version === samples.version) return cached;
  const hallOcc = ascending(samples.hall);
  const byArea = new Map<string, Pace>();
  for (const [areaId, own] of samples.byArea) {
    const occ = ascending(own);
    byArea.set(areaId, { occupancy: occ, meanOccupancy: mean(occ) });
  }
  const result: Paces = {
    version: samples.version,
    hall: { occupancy: hallOcc, meanOccupancy: hallOcc.length > 0 ? mean(hallOcc) : DEFAULT_SERVICE_MINUTES * 60_000 },
    byArea,
    gapMs: samples.gaps.length > 0 ? mean(samples.gaps) : DEFAULT_GAP_SECONDS * 1000,
    played: new Map(),
  };
  cache.set(samples, result);
  return result;
}

/** Mulberry32: a tiny seeded generator, so an estimate is a pure function of the state. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Draws one call's duration for an area: its own recent calls, the hall's standing in while it has few. */
function drawOccupancy(p: Paces, areaId: string, rnd: () => number): number {
  const own = p.byArea.get(areaId)?.occupancy ?? [];
  const useOwn = own.length > 0 && rnd() * (own.length + PRIOR_WEIGHT) < own.length;
  const pool = useOwn ? own : p.hall.occupancy;
  if (pool.length === 0) return -Math.log(1 - rnd()) * p.hall.meanOccupancy;
  return pool[Math.floor(rnd() * pool.length)]!;
}

/** Draws how much longer a call that has lasted `elapsed` ms goes on: like recent calls that lasted longer. */
function drawRest(p: Paces, areaId: string, elapsed: number, rnd: () => number): number {
  const own = p.byArea.get(areaId)?.occupancy ?? [];
  const pool = own.length > 0 ? own : p.hall.occupancy;
  const longer = pool.filter((s) => s > elapsed);
  if (longer.length > 0) return longer[Math.floor(rnd() * longer.length)]! - elapsed;
  // Longer than anything seen lately: nearly done, or a hard case.
  const typical = own.length > 0 ? mean(own) : p.hall.meanOccupancy;
  return -Math.log(1 - rnd()) * (typical / 4);
}

function waitingIn(state: HallState, areaId: string): number {
  return state.waiting.get(areaId)?.size ?? 0;
}

/** How a window serves an area from now: when it can first call for it, and how its calls stretch. */
function windowPlan(state: HallState, p: Paces, w: WindowState, areaId: string): { delay: number; stretch: number } {
  let delay = w.status === 'paused' ? PAUSED_RETURN_MS : 0;
  let stretch = 1;
  if (w.selection === 'longest-wait') {
    // One queue over all its areas: this area gets its share of the window's calls.
    const all = w.areaIds.reduce((n, a) => n + waitingIn(state, a), 0);
    stretch = Math.max(1, all / Math.max(1, waitingIn(state, areaId)));
  } else {
    // primary-first: areas listed before this one are served first while they have a queue.
    for (const other of w.areaIds) {
      if (other === areaId) break;
      const q = waitingIn(state, other);
      if (q > 0) delay += (q * ((p.byArea.get(other) ?? p.hall).meanOccupancy + p.gapMs)) / Math.max(1, openWindowsFor(state, other));
    }
  }
  return { delay, stretch };
}

/** Median, over the played-out runs, of when the citizen in each place of the queue is called. */
function playOut(
  state: HallState,
  p: Paces,
  areaId: string,
  places: number,
  now: number,
  windows: WindowState[],
  plans: Array<{ delay: number; stretch: number }>,
  seed: string,
): number[] {
  work.estimatesRun++;
  const base = hash(`${state.day}|${seed}`);
  const runs: number[][] = [];
  for (let r = 0; r < RUNS; r++) {
    // Each run draws from its own stream, so a place's call time does not depend on how many
    // places were played out: a longer play-out made for a later question agrees with a shorter one.
    const rnd = seeded(hash(`${base}:${r}`));
    const free = windows.map((w, i) => {
      const current = w.ticketId === null ? undefined : state.tickets.get(w.ticketId);
      const busy = current && current.calledAt !== null ? drawRest(p, current.areaId, now - current.calledAt, rnd) + p.gapMs : 0;
      return busy + plans[i]!.delay;
    });
    const calls: number[] = [];
    for (let k = 0; k < places; k++) {
      let best = 0;
      for (let i = 1; i < free.length; i++) if (free[i]! < free[best]!) best = i;
      calls.push(free[best]!);
      free[best]! += (drawOccupancy(p, areaId, rnd) + p.gapMs) * plans[best]!.stretch;
    }
    runs.push(calls);
  }
  const medians: number[] = [];
  for (let k = 0; k < places; k++) {
    const at = runs.map((c) => c[k]!).sort((a, b) => a - b);
    medians.push(at[(at.length - 1) >> 1]!);
  }
  return medians;
}

/**
 * Minutes until a ticket of `areaId` with `ahead` tickets before it is called, at instant `now`
 * (default: as of the latest call at the area's windows). Null when no window serves the area
 * (none open or paused): nobody can say when one will.
 */
export function estimateWaitMinutes(state: HallState, areaId: string, ahead: number, now?: number): number | null {
  return areaWaitEstimator(state, areaId, now)(ahead);
}

/**
 * `estimateWaitMinutes` for many places of one area at one instant: the area's windows, their
 * plans and the play-out are worked out once, and each place is a lookup (every phone of an area
 * after a change).
 */
export function areaWaitEstimator(state: HallState, areaId: string, now?: number): (ahead: number) => number | null {
  const usable = [...state.windows.values()].filter((w) => w.status !== 'closed' && w.areaIds.includes(areaId));
  if (usable.length === 0) return () => null;
  // Played out from the current quarter-minute: estimates are shown in whole minutes, and every
  // ticket asked about within it reuses one play-out.
  const at =
    now !== undefined
      ? now - (now % PLAY_OUT_GRAIN_MS)
      : Math.max(0, ...usable.map((w) => (w.ticketId === null ? 0 : (state.tickets.get(w.ticketId)?.calledAt ?? 0))));
  const p = paces(state);
  const plans = usable.map((w) => windowPlan(state, p, w, areaId));
  // The situation the play-out starts from: while it holds, earlier play-outs still answer.
  const situation = usable
    .map(
      (w, i) => `${w.id}:${w.status}:${w.ticketId === null ? '-' : (state.tickets.get(w.ticketId)?.calledAt ?? '-')}:${plans[i]!.delay}:${plans[i]!.stretch}`,
    )
    .join(',');
  const key = `${areaId}@${at}|${situation}`;
  // The play-out began up to a grain before now.
  const since = now !== undefined ? now - at : 0;
  return (ahead) => {
    let calls = p.played.get(key);
    if (!calls || (calls.length <= ahead && calls.length < MAX_PLACES)) {
      // Everyone waiting in the area is played out at once, so the places agree with each other.
      const places = Math.min(MAX_PLACES, Math.max(ahead + 1, waitingIn(state, areaId)) + HEADROOM);
      calls = playOut(state, p, areaId, places, at, usable, plans, `${p.version}|${key}`);
      p.played.set(key, calls);
    }
    if (ahead < calls.length) return Math.max(0, Math.round((calls[ahead]! - since) / 60_000));
    // Beyond the places played out: the pace of the last quarter of them.
    const from = Math.floor(calls.length * 0.75);
    const step = (calls[calls.length - 1]! - calls[from]!) / Math.max(1, calls.length - 1 - from);
    return Math.max(0, Math.round((calls[calls.length - 1]! + step * (ahead - calls.length + 1) - since) / 60_000));
  };
}
