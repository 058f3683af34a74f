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
}

export const DEFAULT_PLAN: Omit<DayPlan, 'tickets' | 'seed'> = { everyDay: false, noShowRate: 0.05, transferRate: 0.04, ratingRate: 1 / 3 };

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
  const newId = () => Math.floor(rnd() * 2 ** 52).toString(36).padStart(11, '0') + Math.floor(rnd() * 2 ** 52).toString(36);
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

  // Arrivals: each session gets its share by length; within it, more in the morning and mid-afternoon.
  const lengths = sessions.map((s) => minutesOf(s.end) - minutesOf(s.start));
  const total = lengths.reduce((a, b) => a + b, 0);
  const arrivals: number[] = [];
  for (let i = 0; i < plan.tickets; i++) {
    let pick = rnd() * total;
    let k = 0;
    while (pick >= lengths[k]! && k < sessions.length - 1) pick -= lengths[k++]!;
    const s = sessions[k]!;
    const span = (minutesOf(s.end) - minutesOf(s.start) - 15) * MIN;
    const shape = (rnd() + rnd() + rnd()) / 3;
    const peaky = rnd() < 0.5 ? shape * 0.6 : 0.35 + shape * 0.65;
    arrivals.push(at(s.start) + Math.floor(Math.min(0.999, peaky) * span));
  }
  arrivals.sort((a, b) => a - b);
  const areaWeights = config.areas.map((a, i) => 1 + ((hash(a.id) + i) % 5));
  const weightSum = areaWeights.reduce((a, b) => a + b, 0);
  const pickArea = (): string => {
    let x = rnd() * weightSum;
    for (let i = 0; i < config.areas.length; i++) if ((x -= areaWeights[i]!) < 0) return config.areas[i]!.id;
    return config.areas.at(-1)!.id;
  };
  /** A service time: most a few minutes, some long (log-normal around the area's mean). */
  const serviceMean = new Map(config.areas.map((a, i) => [a.id, (4 + ((hash(a.id) + 3 * i) % 9)) * MIN]));
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
    const clerk: ClerkRef = member ? { id: member.id, name: member.name, staffNo: member.staffNo ?? null } : { id: `history-clerk${i + 1}`, name: `工作人员${i + 1}`, staffNo: null };
    if (!run({ type: 'sign-in', windowId: w.id, clerk }, { id: clerk.id, role: 'clerk' })) return;
    counters.push({ windowId: w.id, clerk: { id: clerk.id, role: 'clerk' }, next: at(sessions[0]!.start) + Math.floor(rnd() * 5 * MIN), phase: 'idle', ticketId: null, misses: false });
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
      a++;
      run({ type: 'issue-ticket', areaId: pickArea() }, kiosk);
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
export async function writeHistory(store: EventStore, config: HallConfig, days: readonly string[], plan: DayPlan, onDay?: (day: string, events: number) => void): Promise<GeneratedHistory> {
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
