/**
 * Projections of the hall state into the shapes the v1 API and the screens show
 * (Ticket, Window, Board in the OpenAPI document). Pure: the instant is passed in.
 */
import { nextCalls, ticketsAhead } from './call-policy';
import { firstInLine } from './queue-order';
import type { QueueClass } from './events';
import { MISSED_LISTED, noShowSettings } from './no-show';
import { requeueSettings } from './requeue';
import { areaWaitEstimator, estimateWaitMinutes } from './estimate';
import { journeyView, type JourneyView } from './journeys';
import { noticesOn } from './notice-rules';
import { openWindowsFor } from './open-windows';
import { sessionAt, sessionTimes, type SessionTimes } from './schedule';
import { toLocalIso } from './time';
import type { HallState, Priority, TicketState, TicketStatus, WindowState, WindowStatus } from './types';
import { work } from './work';

export interface TicketView {
  id: string;
  number: string;
  hallId: string;
  areaId: string;
  serviceId: string | null;
  priority: Priority;
  status: TicketStatus;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  windowId: string | null;
  /** Waiting tickets that will be called before this one (null unless waiting). */
  ahead: number | null;
  estimatedWaitMinutes: number | null;
  /** The area the ticket was transferred from, while it waits in its new area. */
  transferredFrom: string | null;
  recalls: number;
  /** 需要帮办: who asked for help, why, and the helper assigned (null: none yet). Staff only. */
  assistance: { requestedBy: string | null; note: string | null; assignedTo: string | null } | null;
  /** 一件事一次办: the bundle, the step the citizen is at (1-based) and every step; null for one service. */
  journey: JourneyView | null;
  /** 实名取号: taken by ID; staff ask `GET …/tickets/:id/identity` for the masked number and name. */
  identified: boolean;
}

/**
 * A ticket as its holder's phone sees it (the ticket view by credential, and every update pushed to
 * the phone): its own figures and the window it is called to, which the wall board shows anyway;
 * never its id, its credential, or anything of another ticket. `version` is the hall's version the
 * figures were computed at, so a phone keeps the newest.
 */
export interface PublicTicketView {
  number: string;
  hallId: string;
  day: string;
  areaId: string;
  /** The holder's own service and queue, as the paper ticket prints them. */
  serviceId: string | null;
  priority: Priority;
  status: TicketStatus;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  windowId: string | null;
  /** The window it is called to or served at, as the wall board names it. */
  window: { number: number; name: string } | null;
  ahead: number | null;
  estimatedWaitMinutes: number | null;
  transferredFrom: string | null;
  recalls: number;
  /** 一件事一次办: as on `TicketView`. */
  journey: JourneyView | null;
  version: number;
  /**
   * Present only for a ticket of an earlier day (its phone link opened the days after): how its
   * visit ended (`ticketEnd`); the figures are those it had when its day closed.
   */
  ended?: TicketEnd;
}

/**
 * How a ticket's visit ended, as its phone link tells it once the day is over: served (办结),
 * missed (过号), cancelled, or the day ended before it was served (the close of the day cancels
 * every open ticket; a day whose log was never closed ends its open tickets alike).
 */
export type TicketEnd = 'done' | 'no_show' | 'cancelled' | 'day_end';

export function ticketEnd(t: Pick<TicketState, 'status' | 'closeReason'>): TicketEnd {
  switch (t.status) {
    case 'done':
      return 'done';
    case 'no_show':
      return 'no_show';
    case 'cancelled':
      return t.closeReason === 'day_end' ? 'day_end' : 'cancelled';
    default:
      return 'day_end';
  }
}

/** A ticket of an earlier day as its holder's phone sees it: its end, with nothing left to wait for. */
export function endedTicketView(state: HallState, t: TicketState): PublicTicketView {
  const end = ticketEnd(t);
  // The figures of a queue that no longer exists are not worked out: nobody is ahead of anyone.
  const open = t.status === 'waiting' ? { ahead: 0, estimate: () => null } : undefined;
  return { ...publicTicketView(state, t, 0, open), ahead: null, estimatedWaitMinutes: null, ended: end };
}

export interface WindowView {
  id: string;
  number: number;
  name: string;
  areaIds: string[];
  status: WindowStatus;
  clerk: { id: string; name: string; staffNo: string | null } | null;
  ticket: TicketView | null;
  pauseReason: string | null;
  /** Citizens parked (挂起) here, oldest first, with why: the counter resumes them. */
  parked: ParkedView[];
  /** 本窗口过号: its latest no-shows not since re-queued or undone, newest first (at most `MISSED_LISTED`). */
  missed: MissedView[];
}

export interface MissedView {
  id: string;
  number: string;
  noShowAt: string;
  /** Until when the window may still undo the no-show (mis-marked), and until when it may be re-queued (过号重排); null: no longer. */
  undoUntil: string | null;
  requeueUntil: string | null;
}

/** One of the next tickets a window would call (its 下一位 list), with the class that puts it there. */
export interface NextUpView {
  id: string;
  number: string;
  areaId: string;
  priority: Priority;
  queueClass: QueueClass;
  waitedSeconds: number;
}

export interface ParkedView {
  id: string;
  number: string;
  reason: string | null;
  parkedAt: string;
}

export interface AreaBoard {
  id: string;
  name: string;
  prefix: string;
  waiting: number;
  longestWaitSeconds: number;
  openWindows: number;
  /** 请准备: the area's first few waiting numbers in calling order (at most `NEXT_UP_PER_AREA`). */
  next: string[];
}

/** How many of each area's next numbers the board's 请准备 line is given. */
export const NEXT_UP_PER_AREA = 3;

export interface RecentCallView {
  ticketId: string;
  number: string;
  windowId: string;
  windowNumber: number;
  at: string;
}

/** What every live view of a hall opens with: which hall, which day and version, the time and session. */
export interface HallMoment {
  hallId: string;
  hallName: string;
  day: string;
  version: number;
  now: string;
  session: SessionTimes;
  notices: Array<{ id: string; text: string }>;
}

/** The hall as of `now`: shared by the board and the manager's overview. */
export function hallMoment(state: HallState, now: number, opts: { alwaysOpen: boolean }): HallMoment {
  const tz = state.config.timezone;
  return {
    hallId: state.config.id,
    hallName: state.config.name,
    day: state.day,
    version: state.version,
    now: toLocalIso(now, tz),
    session: sessionTimes(sessionAt(state.config.calendar, now, tz, opts.alwaysOpen, state.extendedUntil)),
    // Standing notices valid today (the hall's configuration), then today's own (the day's log).
    notices: noticesOn(state.config.standingNotices, state.day, state.notices),
  };
}

export interface BoardView extends HallMoment {
  areas: AreaBoard[];
  windows: WindowView[];
  recentCalls: RecentCallView[];
}

function iso(state: HallState, ms: number | null): string | null {
  return ms === null ? null : toLocalIso(ms, state.config.timezone);
}

export function ticketView(state: HallState, t: TicketState, now: number): TicketView {
  work.viewsComputed++;
  const waiting = t.status === 'waiting';
  const ahead = waiting ? ticketsAhead(state, t, now) : null;
  return {
    id: t.id,
    number: t.number,
    hallId: state.config.id,
    areaId: t.areaId,
    serviceId: t.serviceId,
    priority: t.priority,
    status: t.status,
    issuedAt: iso(state, t.issuedAt)!,
    calledAt: iso(state, t.calledAt),
    startedAt: iso(state, t.startedAt),
    completedAt: iso(state, t.completedAt),
    windowId: t.windowId,
    ahead,
    estimatedWaitMinutes: ahead === null ? null : estimateWaitMinutes(state, t.areaId, ahead, now),
    transferredFrom: t.transferredFrom,
    recalls: t.recalls,
    assistance: t.assistance ? { requestedBy: t.assistance.requestedBy, note: t.assistance.note, assignedTo: t.assistance.assignedTo } : null,
    journey: journeyView(t.journey),
    identified: t.identityTag !== null,
  };
}

/** `area`: the ticket's place and its area's estimator when the caller already has them (`publicTicketViews`). */
export function publicTicketView(
  state: HallState,
  t: TicketState,
  now: number,
  area?: { ahead: number; estimate: (ahead: number) => number | null },
): PublicTicketView {
  work.viewsComputed++;
  const waiting = t.status === 'waiting';
  const place = waiting ? (area?.ahead ?? ticketsAhead(state, t, now)) : null;
  const w = t.windowId === null || waiting ? undefined : state.windows.get(t.windowId);
  return {
    number: t.number,
    hallId: state.config.id,
    day: state.day,
    areaId: t.areaId,
    serviceId: t.serviceId,
    priority: t.priority,
    status: t.status,
    issuedAt: iso(state, t.issuedAt)!,
    calledAt: iso(state, t.calledAt),
    startedAt: iso(state, t.startedAt),
    completedAt: iso(state, t.completedAt),
    windowId: t.windowId,
    window: w ? { number: w.number, name: w.name } : null,
    ahead: place,
    estimatedWaitMinutes: place === null ? null : area ? area.estimate(place) : estimateWaitMinutes(state, t.areaId, place, now),
    transferredFrom: t.transferredFrom,
    recalls: t.recalls,
    journey: journeyView(t.journey),
    version: state.version,
  };
}

/**
 * The public views of several tickets (the ones phones follow): each ticket's place is read from its
 * area's kept order (O(log n), `queue-order.ts`) and each area's wait estimator is made once, however
 * many of its tickets are asked for. Work follows the tickets asked for, not the hall's size.
 */
export function publicTicketViews(state: HallState, ticketIds: Iterable<string>, now: number): Map<string, PublicTicketView> {
  const estimators = new Map<string, (ahead: number) => number | null>();
  const views = new Map<string, PublicTicketView>();
  for (const id of ticketIds) {
    const t = state.tickets.get(id);
    if (!t) continue;
    let place: { ahead: number; estimate: (ahead: number) => number | null } | undefined;
    if (t.status === 'waiting') {
      let estimate = estimators.get(t.areaId);
      if (!estimate) estimators.set(t.areaId, (estimate = areaWaitEstimator(state, t.areaId, now)));
      place = { ahead: ticketsAhead(state, t, now), estimate };
    }
    views.set(id, publicTicketView(state, t, now, place));
  }
  return views;
}

export function windowView(state: HallState, w: WindowState, now: number): WindowView {
  const t = w.ticketId === null ? undefined : state.tickets.get(w.ticketId);
  return {
    id: w.id,
    number: w.number,
    name: w.name,
    areaIds: [...w.areaIds],
    status: w.status,
    clerk: w.clerk ? { ...w.clerk } : null,
    ticket: t ? ticketView(state, t, now) : null,
    pauseReason: w.pauseReason,
    parked: w.parked.map((id) => {
      const p = state.tickets.get(id)!;
      return { id: p.id, number: p.number, reason: p.parkReason, parkedAt: toLocalIso(p.parkedAt ?? now, state.config.timezone) };
    }),
    missed: missedViews(state, w, now),
  };
}

function missedViews(state: HallState, w: WindowState, now: number): MissedView[] {
  const tz = state.config.timezone;
  const undo = noShowSettings(state.config.policy).noShowUndoSeconds * 1000;
  const requeue = requeueSettings(state.config.policy);
  const out: MissedView[] = [];
  for (let i = w.missed.length - 1; i >= 0 && out.length < MISSED_LISTED; i--) {
    const t = state.tickets.get(w.missed[i]!);
    if (!t || t.status !== 'no_show' || t.noShowAt === null) continue;
    const undoUntil = t.noShowAt + undo;
    const requeueUntil = t.noShowAt + requeue.requeueWithinMinutes * 60_000;
    out.push({
      id: t.id,
      number: t.number,
      noShowAt: toLocalIso(t.noShowAt, tz),
      undoUntil: now <= undoUntil ? toLocalIso(undoUntil, tz) : null,
      requeueUntil: t.requeues < requeue.maxRequeues && now <= requeueUntil ? toLocalIso(requeueUntil, tz) : null,
    });
  }
  return out;
}

/** The first `n` (at most 10) tickets `w` would call now, in the order it would call them. */
export function nextUpView(state: HallState, w: WindowState, now: number, n: number): NextUpView[] {
  return nextCalls(state, w, now, Math.min(10, Math.max(0, n))).map(({ ticket: t, cls }) => ({
    id: t.id,
    number: t.number,
    areaId: t.areaId,
    priority: t.priority,
    queueClass: cls,
    waitedSeconds: Math.max(0, Math.floor((now - t.issuedAt) / 1000)),
  }));
}

export function boardView(state: HallState, now: number, opts: { alwaysOpen: boolean }): BoardView {
  const tz = state.config.timezone;
  const areas = state.config.areas.map((a): AreaBoard => {
    const q = state.waiting.get(a.id) ?? new Set<string>();
    let oldest = now;
    for (const id of q) oldest = Math.min(oldest, state.tickets.get(id)!.queuedAt);
    return {
      id: a.id,
      name: a.name,
      prefix: a.prefix,
      waiting: q.size,
      longestWaitSeconds: Math.max(0, Math.floor((now - oldest) / 1000)),
      openWindows: openWindowsFor(state, a.id),
      next: firstInLine(state, a.id, now, NEXT_UP_PER_AREA).map(([t]) => t.number),
    };
  });
  return {
    ...hallMoment(state, now, opts),
    areas,
    windows: [...state.windows.values()].map((w) => windowView(state, w, now)),
    recentCalls: state.recentCalls.map((c) => ({ ...c, at: toLocalIso(c.at, tz) })),
  };
}
