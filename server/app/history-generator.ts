/**
 * Realistic past days of a hall, for demos, tests and benchmarks: citizens arrive across the day's
 * sessions and the hall's areas, clerks call, serve, miss (过号), transfer (联办) and get rated; the
 * day is closed like a real one. Every command is decided by the domain (`decide`/`evolve`) at a
 * simulated instant, so the days are as valid as lived ones. Deterministic for a seed.
 */
import type { Command } from '../domain/commands';
import { decide } from '../domain/decide';
import { isDomainError } from '../domain/errors';
import type { HallEvent } from '../domain/events';
import { evolve, initialState, seal } from '../domain/evolve';
import { dayContext, type SpecialDay } from '../domain/day-context';
import { calendarDay } from '../domain/schedule';
import { addDays, localTime, minutesOf } from '../domain/time';
import type { Actor, ClerkRef, HallConfig, SessionSpec } from '../domain/types';
import type { EventStore } from '../store/event-store';
import { HallHistory } from './hall-history';
import { TimeSlice } from './time-slice';

export interface DayPlan {
  /** Citizens who come for a ticket (a few may be turned away near closing). */
  tickets: number;
  seed: number;
  /** Simulate days the calendar keeps closed too (as if the hall were always open). */
  everyDay: boolean;
  noShowRate: number;
  transferRate: number;
  ratingRate: number;
  /**
   * Arrivals follow the calendar (`CALENDAR_EFFECTS`): weekday and hour shape, the days around a
   * holiday, month- and quarter-end peaks in tax and fund areas, night and morning markets, a
   * trend and day-to-day noise; `tickets` is then an ordinary Thursday's mean. Off: `tickets`
   * citizens every open day, spread evenly over the areas.
   */
  calendarEffects?: boolean;
  /** Growth per year when `calendarEffects` (0.1: a tenth more citizens a year later). */
  trendPerYear?: number;
}

export const DEFAULT_PLAN: Omit<DayPlan, 'tickets' | 'seed'> = { everyDay: false, noShowRate: 0.05, transferRate: 0.04, ratingRate: 1 / 3 };

/**
 * How the generated calendar effects are sized: made up, but in the shape halls describe (Monday
 * and the day after a long holiday are the worst; tax and housing-fund desks fill at month end).
 * The forecast is never told these numbers: it learns them from the history they make.
 */
export const CALENDAR_EFFECTS = {
  /** Day volume by weekday (Sunday first), relative to a Thursday. */
  weekday: [1, 1.25, 1.05, 0.95, 1, 0.9, 1],
  /** Citizens per minute of a session, relative to a regular one (the morning market is busy). */
  sessionDensity: { regular: 1, night: 0.8, morning: 1.5 } as Record<SessionSpec['kind'], number>,
  special: { after_holiday_1: 1.7, after_holiday_2: 1.25, before_holiday: 1.2, makeup_workday: 0.85 } as Record<SpecialDay, number>,
  /** Tax and fund areas (by id or name) at a month's and a quarter's last open days. */
  monthEnd: 1.8,
  quarterEnd: 2.5,
  /** Day-to-day noise of the whole hall's volume (log-normal sigma). */
  dayNoise: 0.08,
  /** The trend's reference date (factor 1). */
  trendFrom: '2026-01-01',
};

/** Tax and housing-fund areas: the ones with month-end peaks. */
export const isPeriodEndArea = (a: { id: string; name: string }): boolean => /tax|fund/i.test(a.id) || /税|公积金/.test(a.name);

/** Relative arrival intensity over a regular day (minute of day): a morning peak, a lunch dip, an afternoon bump; Monday mornings sharper. */
function hourShape(minute: number, weekday: number): number {
  const bump = (centre: number, width: number) => Math.exp(-(((minute - centre) / width) ** 2));
  return 1 + (weekday === 1 ? 1.1 : 0.7) * bump(600, 70) - 0.45 * bump(750, 45) + 0.4 * bump(900, 60);
}
const SHAPE_MAX = 2.2;

/** A standard normal draw. */
function normal(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/**
 * The citizens who come on a day under `CALENDAR_EFFECTS`, as (instant, area) in time order: the
 * day's mean from its weekday, sessions, calendar effect and trend, with noise; each arrival's
 * session by length × density, its minute by the hour shape, its area by the area's share (tax and
 * fund higher at a month's end).
 */
export function calendarArrivals(
  config: HallConfig,
  day: string,
  sessions: readonly SessionSpec[],
  plan: DayPlan,
  rnd: () => number,
  at: (hhmm: string) => number,
): { at: number; areaId: string }[] {
  const fx = CALENDAR_EFFECTS;
  const ctx = dayContext(config.calendar, day);
  const dens = sessions.map((s) => (minutesOf(s.end) - minutesOf(s.start)) * fx.sessionDensity[s.kind]);
  const densTotal = dens.reduce((a, b) => a + b, 0);
  const base = config.areas.map((a, i) => 1 + ((hash(a.id) + i) % 5));
  const areaMult = config.areas.map((a) => (isPeriodEndArea(a) ? (ctx.quarterEnd ? fx.quarterEnd : ctx.monthEnd ? fx.monthEnd : 1) : 1));
  const weights = base.map((b, i) => b * areaMult[i]!);
  const mix = weights.reduce((a, b) => a + b, 0) / base.reduce((a, b) => a + b, 0);
  const years = (Date.parse(day) - Date.parse(fx.trendFrom)) / (365 * 86_400_000);
  const mean =
    plan.tickets *
    fx.weekday[ctx.weekday]! *
    (densTotal / 480) *
    (ctx.special ? fx.special[ctx.special] : 1) *
    mix *
    Math.exp((plan.trendPerYear ?? 0.1) * years) *
    Math.exp(fx.dayNoise * normal(rnd) - fx.dayNoise ** 2 / 2);
  const count = Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rnd)));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const out: { at: number; areaId: string }[] = [];
  for (let i = 0; i < count; i++) {
    let pick = rnd() * densTotal;
    let k = 0;
    while (pick >= dens[k]! && k < sessions.length - 1) pick -= dens[k++]!;
    const s = sessions[k]!;
    const from = minutesOf(s.start);
    const span = minutesOf(s.end) - from - 15;
    let minute = from + rnd() * span;
    // Regular sessions follow the day's shape; the short markets are flat.
    if (s.kind === 'regular') while (rnd() * SHAPE_MAX > hourShape(minute, ctx.weekday)) minute = from + rnd() * span;
    let x = rnd() * weightSum;
    let areaId = config.areas.at(-1)!.id;
    for (let j = 0; j < config.areas.length; j++) {
      if ((x -= weights[j]!) < 0) {
        areaId = config.areas[j]!.id;
        break;
      }
    }
    out.push({ at: at('00:00') + Math.floor(minute * MIN), areaId });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** mulberry32: a small, fast, seedable generator (uniform in [0, 1)). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * The mean service minutes of each area in generated days (4–12, fixed per area); each service
 * is log-normal around it (sigma 0.5). The walk up takes 15–105 s and the clerk's gap 5–30 s.
 */
export function generatedServiceMinutes(config: Pick<HallConfig, 'areas'>): Map<string, number> {
  return new Map(config.areas.map((a, i) => [a.id, 4 + ((hash(a.id) + 3 * i) % 9)]));
}

/** The instant a hall-local date begins. */
export function localMidnight(day: string, timeZone: string): number {
  const guess = Date.parse(`${day}T00:00:00Z`);
  const local = localTime(guess, timeZone);
  const minutes = local.date === day ? local.minuteOfDay : local.date < day ? local.minuteOfDay - 1440 : local.minuteOfDay + 1440;
  return guess - minutes * 60_000;
}

const MIN = 60_000;

interface Counter {
  windowId: string;
  clerk: Actor;
  /** When it acts next. */
  next: number;
  phase: 'idle' | 'called' | 'serving';
  ticketId: string | null;
  misses: boolean;
}

/**
 * The citizens `simulateDay` brings on a day with `calendarEffects` (the same draws), without
 * playing the day: for benchmarks that need years of arrivals and none of the service. A few of
 * them are turned away in the played day (an area that stops issuing before closing).
 */
export function plannedArrivals(config: HallConfig, day: string, plan: DayPlan): { at: number; areaId: string }[] {
  const cal = calendarDay(config.calendar, day);
  if (cal.sessions.length === 0 && !plan.everyDay) return [];
  const sessions: SessionSpec[] = cal.sessions.length > 0 ? cal.sessions : [{ kind: 'regular', start: '09:00', end: '17:00' }];
  const midnight = localMidnight(day, config.timezone);
  return calendarArrivals(config, day, sessions, plan, random(plan.seed ^ hash(`${config.id}/${day}`)), (hhmm) => midnight + minutesOf(hhmm) * MIN);
}

/**
 * One simulated day of the hall, closed at its end: its events, in order (versions from 1). Null
 * for a day the calendar keeps closed (unless `everyDay`).
 */
export function simulateDay(config: HallConfig, day: string, plan: DayPlan): HallEvent[] | null {
  const rnd = random(plan.seed ^ hash(`${config.id}/${day}`));
  const cal = calendarDay(config.calendar, day);
  if (cal.sessions.length === 0 && !plan.everyDay) return null;
  const sessions: SessionSpec[] = cal.sessions.length > 0 ? cal.sessions : [{ kind: 'regular', start: '09:00', end: '17:00' }];
  const alwaysOpen = cal.sessions.length === 0;
  const midnight = localMidnight(day, config.timezone);
  const at = (hhmm: string) => midnight + minutesOf(hhmm) * MIN;

  const state = initialState(config, day);
  const events: HallEvent[] = [];
  let now = at(sessions[0]!.start) - 10 * MIN;
  let n = 0;
  const newId = () =>
    Math.floor(rnd() * 2 ** 52)
      .toString(36)
      .padStart(11, '0') + Math.floor(rnd() * 2 ** 52).toString(36);
  const run = (command: Command, actor: Actor | null): boolean => {
    try {
      const pending = decide(state, command, { now, newId, newCode: () => '0000', actor, alwaysOpen });
      const commandId = `history:${day}:${++n}`;
      const sealed = seal(state, pending, { commandId, actor });
      for (const e of sealed) evolve(state, e);
      events.push(...sealed);
      return true;
    } catch (err) {
      if (isDomainError(err)) return false;
      throw err;
    }
  };

  // With the calendar's effects, arrivals and their areas are drawn up front.
  const planned = plan.calendarEffects ? calendarArrivals(config, day, sessions, plan, rnd, at) : null;
  // Arrivals: each session gets its share by length; within it, more in the morning and mid-afternoon.
  const lengths = sessions.map((s) => minutesOf(s.end) - minutesOf(s.start));
  const total = lengths.reduce((a, b) => a + b, 0);
  const arrivals: number[] = [];
  for (let i = 0; i < (planned ? 0 : plan.tickets); i++) {
    let pick = rnd() * total;
    let k = 0;
    while (pick >= lengths[k]! && k < sessions.length - 1) pick -= lengths[k++]!;
    const s = sessions[k]!;
    const span = (minutesOf(s.end) - minutesOf(s.start) - 15) * MIN;
    const shape = (rnd() + rnd() + rnd()) / 3;
    const peaky = rnd() < 0.5 ? shape * 0.6 : 0.35 + shape * 0.65;
    arrivals.push(at(s.start) + Math.floor(Math.min(0.999, peaky) * span));
  }
  if (planned) for (const p of planned) arrivals.push(p.at);
  arrivals.sort((a, b) => a - b);
  const areaWeights = config.areas.map((a, i) => 1 + ((hash(a.id) + i) % 5));
  const weightSum = areaWeights.reduce((a, b) => a + b, 0);
  const pickArea = (): string => {
    let x = rnd() * weightSum;
    for (let i = 0; i < config.areas.length; i++) if ((x -= areaWeights[i]!) < 0) return config.areas[i]!.id;
    return config.areas.at(-1)!.id;
  };
  /** A service time: most a few minutes, some long (log-normal around the area's mean). */
  const serviceMean = new Map([...generatedServiceMinutes(config)].map(([id, m]) => [id, m * MIN]));
  const lognormal = (mean: number): number => {
    const z = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    return Math.max(30_000, Math.round(mean * Math.exp(0.5 * z - 0.125)));
  };

  const kiosk: Actor = { id: config.devices.find((d) => d.kind === 'kiosk')?.id ?? 'kiosk01', role: 'kiosk' };
  const pad: Actor = { id: config.devices.find((d) => d.kind === 'rating')?.id ?? 'rating01', role: 'rating' };
  const staff = config.staff.filter((s) => s.role === 'clerk');
  const counters: Counter[] = [];
  config.windows.forEach((w, i) => {
    const member = staff[i];
    const clerk: ClerkRef = member
      ? { id: member.id, name: member.name, staffNo: member.staffNo ?? null }
      : { id: `history-clerk${i + 1}`, name: `工作人员${i + 1}`, staffNo: null };
    if (!run({ type: 'sign-in', windowId: w.id, clerk }, { id: clerk.id, role: 'clerk' })) return;
    counters.push({
      windowId: w.id,
      clerk: { id: clerk.id, role: 'clerk' },
      next: at(sessions[0]!.start) + Math.floor(rnd() * 5 * MIN),
      phase: 'idle',
      ticketId: null,
      misses: false,
    });
  });
  const lastEnd = at(sessions.at(-1)!.end);

  let a = 0;
  for (;;) {
    let c: Counter | null = null;
    for (const x of counters) if (x.next !== Infinity && (!c || x.next < c.next)) c = x;
    const arrival = a < arrivals.length ? arrivals[a]! : Infinity;
    if (arrival === Infinity && !c) break;
    if (arrival <= (c?.next ?? Infinity)) {
      now = arrival;
      run({ type: 'issue-ticket', areaId: planned ? planned[a]!.areaId : pickArea() }, kiosk);
      a++;
      // Idle windows wake to the new citizen.
      for (const x of counters) if (x.phase === 'idle' && x.next === Infinity) x.next = now + 1000;
      continue;
    }
    c = c!;
    now = c.next;
    if (c.phase === 'idle') {
      if (now > lastEnd + 90 * MIN) {
        c.next = Infinity;
        continue;
      }
      if (run({ type: 'call-next', windowId: c.windowId }, c.clerk) && state.windows.get(c.windowId)!.ticketId !== null) {
        c.ticketId = state.windows.get(c.windowId)!.ticketId;
        c.phase = 'called';
        c.misses = rnd() < plan.noShowRate;
        c.next = now + (c.misses ? 2 * MIN + Math.floor(rnd() * 3 * MIN) : 15_000 + Math.floor(rnd() * 90_000));
      } else {
        // Nobody waiting for this window: it wakes at the next arrival.
        c.next = Infinity;
      }
    } else if (c.phase === 'called') {
      if (c.misses) {
        run({ type: 'no-show', windowId: c.windowId }, c.clerk);
        c.phase = 'idle';
        c.next = now + 5_000;
      } else {
        run({ type: 'start', windowId: c.windowId }, c.clerk);
        c.phase = 'serving';
        const areaId = state.tickets.get(c.ticketId!)?.areaId ?? '';
        c.next = now + lognormal(serviceMean.get(areaId) ?? 6 * MIN);
      }
    } else {
      const ticket = state.tickets.get(c.ticketId!)!;
      const others = config.areas.filter((x) => x.id !== ticket.areaId);
      if (others.length > 0 && rnd() < plan.transferRate) {
        run({ type: 'transfer', windowId: c.windowId, areaId: others[Math.floor(rnd() * others.length)]!.id }, c.clerk);
      } else {
        run({ type: 'complete', windowId: c.windowId }, c.clerk);
        if (rnd() < plan.ratingRate) {
          const x = rnd();
          const score = x < 0.7 ? 5 : x < 0.88 ? 4 : x < 0.95 ? 3 : x < 0.98 ? 2 : 1;
          run({ type: 'rate', ticketId: ticket.id, score, ...(score <= 2 ? { tags: ['wait'], comment: '等候时间长' } : {}) }, pad);
        }
      }
      c.phase = 'idle';
      c.ticketId = null;
      c.next = now + 5_000 + Math.floor(rnd() * 25_000);
    }
  }
  now = Math.max(now, lastEnd) + 10 * MIN;
  for (const c of counters) run({ type: 'sign-out', windowId: c.windowId }, c.clerk);
  run({ type: 'close-day' }, null);
  return events;
}

/** The days ending the day before `today`, oldest first. */
export function daysBefore(today: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(today, i - count));
}

export interface GeneratedHistory {
  /** Days written, oldest first. */
  written: string[];
  /** Days left alone: they already had events. */
  kept: string[];
  /** Days the calendar keeps closed (without `everyDay`). */
  closed: string[];
  events: number;
  tickets: number;
}

/**
 * Writes simulated days into `store` (each day's log in one append, then its rollup, as a real
 * day's close would), never touching a day that already has events.
 */
export async function writeHistory(
  store: EventStore,
  config: HallConfig,
  days: readonly string[],
  plan: DayPlan,
  onDay?: (day: string, events: number) => void,
): Promise<GeneratedHistory> {
  const history = new HallHistory({ store, hall: (id) => (id === config.id ? config : undefined) });
  const out: GeneratedHistory = { written: [], kept: [], closed: [], events: 0, tickets: 0 };
  const slice = new TimeSlice();
  for (const day of days) {
    await slice.pause();
    const stream = { hallId: config.id, day };
    if ((await store.version(stream)) > 0) {
      out.kept.push(day);
      continue;
    }
    const events = simulateDay(config, day, plan);
    if (!events) {
      out.closed.push(day);
      continue;
    }
    const result = await store.append(stream, 0, events);
    if (!result.ok) {
      out.kept.push(day);
      continue;
    }
    await history.rollUp(config.id, day, events);
    out.written.push(day);
    out.events += events.length;
    out.tickets += events.filter((e) => e.type === 'ticket.issued').length;
    onDay?.(day, events.length);
  }
  return out;
}
