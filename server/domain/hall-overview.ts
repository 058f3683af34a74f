/**
 * The hall manager's live board (`/manager`): a tile per area against its wait thresholds, every
 * window with what it is doing and for how long, the alerts a manager should act on now, and the
 * day so far as chart series. Pure: built from today's state and events at a given instant.
 */
import type { HallEvent } from './events';
import { localTime, minutesOf, toLocalIso } from './time';
import type { ClerkRef, HallConfig, HallState, Priority, WindowStatus } from './types';
import { openWindowsFor } from './open-windows';
import { isOpenTicket } from './assistance';
import { hallMoment, type HallMoment } from './views';

/** When an area's longest wait turns the tile amber (warn) and red (alert). */
export interface WaitThreshold {
  warnMinutes: number;
  alertMinutes: number;
}

/** A window idle this long while someone waits for it is an alert. */
const IDLE_ALERT_SECONDS = 120;
/** The waiting-through-the-day series has a point every this many minutes. */
const SERIES_STEP_MINUTES = 10;
/** Upper edges (minutes) of the wait distribution's bars; the last bar is open-ended. */
const WAIT_BUCKETS_MINUTES = [5, 10, 15, 20, 30, 45, 60] as const;

/**
 * The area's thresholds: the hall's configured ones, else warn at half the aging time and alert at
 * the aging time (a walk-in waiting that long already jumps ahead as "aged": the queue is struggling).
 */
export function waitThreshold(config: HallConfig, areaId: string): WaitThreshold {
  const configured = config.waitAlerts?.[areaId];
  if (configured) return configured;
  const aging = config.policy.agingMinutes;
  return { warnMinutes: Math.max(1, Math.round(aging / 2)), alertMinutes: aging };
}

export type Level = 'ok' | 'warn' | 'alert';

export interface AreaTile {
  id: string;
  name: string;
  prefix: string;
  waiting: number;
  longestWaitSeconds: number;
  /** Average wait of the citizens first called in the current clock hour; null if none yet. */
  avgWaitThisHourSeconds: number | null;
  calledThisHour: number;
  openWindows: number;
  pausedWindows: number;
  servedToday: number;
  warnSeconds: number;
  alertSeconds: number;
  /** The longest wait against the thresholds. */
  level: Level;
}

export type WindowActivity = 'closed' | 'idle' | 'called' | 'serving' | 'paused';

export interface WindowRow {
  id: string;
  number: number;
  name: string;
  areaIds: string[];
  status: WindowStatus;
  activity: WindowActivity;
  clerk: ClerkRef | null;
  ticket: { id: string; number: string; areaId: string; priority: Priority } | null;
  /** How long the window has been doing what it does now; null when closed. */
  sinceSeconds: number | null;
  pauseReason: string | null;
  servedToday: number;
}

export type HallAlert =
  | { id: string; kind: 'long_wait'; level: 'warn' | 'alert'; areaId: string; waitSeconds: number; thresholdSeconds: number }
  | { id: string; kind: 'idle_window'; windowId: string; windowNumber: number; idleSeconds: number; waiting: number }
  | { id: string; kind: 'printer_failed'; deviceId: string; printer: string; error: string; number: string; at: string }
  /** 需要帮办 not yet given a helper; `requestedBy` null: the citizen asked at the kiosk. */
  | { id: string; kind: 'assistance'; ticketId: string; number: string; areaId: string; requestedBy: string | null; note: string | null; at: string }
  /** A citizen came to a 办不成事反映窗口 area: a manager sees them while their ticket is open. */
  | { id: string; kind: 'complaint'; ticketId: string; number: string; areaId: string; at: string };

export interface HallOverview extends HallMoment {
  extendedUntil: string | null;
  totals: { issued: number; served: number; noShow: number; waiting: number; avgWaitSeconds: number | null };
  areas: AreaTile[];
  windows: WindowRow[];
  alerts: HallAlert[];
  charts: {
    /** Citizens waiting in the whole hall, every `SERIES_STEP_MINUTES` up to now. */
    waiting: Array<{ time: string; waiting: number }>;
    servedPerHour: Array<{ hour: number; issued: number; served: number }>;
    /** Today's waits (issued → first called) by length. */
    waitDistribution: Array<{ fromMinutes: number; toMinutes: number | null; count: number }>;
  };
}

const seconds = (ms: number): number => Math.max(0, Math.floor(ms / 1000));

/** When the area's longest-waiting ticket still waiting was queued (epoch ms); null when nobody waits. */
function oldestQueuedAt(state: HallState, areaId: string): number | null {
  let oldest: number | null = null;
  for (const id of state.waiting.get(areaId) ?? []) {
    const q = state.tickets.get(id)!.queuedAt;
    if (oldest === null || q < oldest) oldest = q;
  }
  return oldest;
}

/** The longest wait (seconds) of a ticket still waiting in the area now; 0 when nobody waits. */
export function longestWait(state: HallState, areaId: string, now: number): number {
  const oldest = oldestQueuedAt(state, areaId);
  return oldest === null ? 0 : seconds(now - oldest);
}

/** The area's longest wait against its thresholds (the tiles, the alerts and the metrics agree). */
export function waitLevel(config: HallConfig, areaId: string, longestWaitSeconds: number): Level {
  const t = waitThreshold(config, areaId);
  return longestWaitSeconds >= t.alertMinutes * 60 ? 'alert' : longestWaitSeconds >= t.warnMinutes * 60 ? 'warn' : 'ok';
}

/** The manager's board of `state` at `now`; `events` are today's, in version order. */
export function hallOverview(state: HallState, events: readonly HallEvent[], now: number, opts: { alwaysOpen: boolean }): HallOverview {
  const { config } = state;
  const tz = config.timezone;
  const nowLocal = localTime(now, tz);
  const hourStart = now - (nowLocal.minuteOfDay % 60) * 60_000 - (now % 60_000);

  // What the events tell that the state does not: since when each window does what it does,
  // waits of this hour, served counts, the last print outcome per kiosk.
  const idleSince = new Map<string, number>();
  const pausedSince = new Map<string, number>();
  const servedBy = new Map<string, number>();
  const servedIn = new Map<string, number>();
  const hourWaits = new Map<string, number[]>();
  const lastPrint = new Map<string, HallEvent>();
  const waits: number[] = [];
  let issued = 0;
  let served = 0;
  let noShow = 0;
  for (const e of events) {
    const at = Date.parse(e.at);
    switch (e.type) {
      case 'window.opened':
      case 'window.resumed':
        idleSince.set(e.window.id, at);
        break;
      case 'window.paused':
        pausedSince.set(e.window.id, at);
        break;
      case 'ticket.issued':
        issued++;
        break;
      case 'ticket.called':
        if (e.firstCall) {
          waits.push(e.waitMs);
          if (at >= hourStart) {
            if (!hourWaits.has(e.ticket.areaId)) hourWaits.set(e.ticket.areaId, []);
            hourWaits.get(e.ticket.areaId)!.push(e.waitMs);
          }
        }
        break;
      case 'ticket.completed':
        served++;
        servedBy.set(e.windowId, (servedBy.get(e.windowId) ?? 0) + 1);
        servedIn.set(e.ticket.areaId, (servedIn.get(e.ticket.areaId) ?? 0) + 1);
        idleSince.set(e.windowId, at);
        break;
      case 'ticket.no_show':
        noShow++;
        idleSince.set(e.windowId, at);
        break;
      case 'ticket.no_show_undone':
        noShow--;
        break;
      case 'ticket.transferred':
        idleSince.set(e.windowId, at);
        break;
      case 'ticket.step_completed':
        // A journey's step is a service of its own (一件事一次办), where it was served.
        served++;
        servedBy.set(e.windowId, (servedBy.get(e.windowId) ?? 0) + 1);
        servedIn.set(e.fromAreaId, (servedIn.get(e.fromAreaId) ?? 0) + 1);
        idleSince.set(e.windowId, at);
        break;
      case 'ticket.printed':
      case 'printer.failed':
        lastPrint.set(e.deviceId, e);
        break;
      default:
        break;
    }
  }

  const oldestQueued = (areaId: string): number | null => oldestQueuedAt(state, areaId);

  const alerts: HallAlert[] = [];
  const areas = config.areas.map((a): AreaTile => {
    const waiting = state.waiting.get(a.id)?.size ?? 0;
    const longestWaitSeconds = longestWait(state, a.id, now);
    const t = waitThreshold(config, a.id);
    const warnSeconds = t.warnMinutes * 60;
    const alertSeconds = t.alertMinutes * 60;
    const level = waitLevel(config, a.id, longestWaitSeconds);
    if (level !== 'ok') {
      alerts.push({
        id: `long_wait:${a.id}`,
        kind: 'long_wait',
        level,
        areaId: a.id,
        waitSeconds: longestWaitSeconds,
        thresholdSeconds: level === 'alert' ? alertSeconds : warnSeconds,
      });
    }
    const hw = hourWaits.get(a.id) ?? [];
    let paused = 0;
    for (const w of state.windows.values()) if (w.status === 'paused' && w.areaIds.includes(a.id)) paused++;
    return {
      id: a.id,
      name: a.name,
      prefix: a.prefix,
      waiting,
      longestWaitSeconds,
      avgWaitThisHourSeconds: hw.length === 0 ? null : Math.round(hw.reduce((x, y) => x + y, 0) / hw.length / 1000),
      calledThisHour: hw.length,
      openWindows: openWindowsFor(state, a.id),
      pausedWindows: paused,
      servedToday: servedIn.get(a.id) ?? 0,
      warnSeconds,
      alertSeconds,
      level,
    };
  });

  const windows = [...state.windows.values()].map((w): WindowRow => {
    const t = w.ticketId === null ? undefined : state.tickets.get(w.ticketId);
    let activity: WindowActivity;
    let since: number | null;
    if (w.status === 'closed') {
      activity = 'closed';
      since = null;
    } else if (w.status === 'paused') {
      activity = 'paused';
      since = pausedSince.get(w.id) ?? null;
    } else if (t) {
      activity = t.status === 'serving' ? 'serving' : 'called';
      since = t.status === 'serving' ? t.startedAt : t.calledAt;
    } else {
      activity = 'idle';
      since = idleSince.get(w.id) ?? null;
    }
    if (activity === 'idle' && since !== null) {
      // Idle only counts against the window while someone is waiting for it.
      const queued = w.areaIds.map(oldestQueued).filter((q): q is number => q !== null);
      if (queued.length > 0) {
        const idleSeconds = seconds(now - Math.max(since, Math.min(...queued)));
        if (idleSeconds >= IDLE_ALERT_SECONDS) {
          const waiting = w.areaIds.reduce((n, a) => n + (state.waiting.get(a)?.size ?? 0), 0);
          alerts.push({ id: `idle_window:${w.id}`, kind: 'idle_window', windowId: w.id, windowNumber: w.number, idleSeconds, waiting });
        }
      }
    }
    return {
      id: w.id,
      number: w.number,
      name: w.name,
      areaIds: [...w.areaIds],
      status: w.status,
      activity,
      clerk: w.clerk ? { ...w.clerk } : null,
      ticket: t ? { id: t.id, number: t.number, areaId: t.areaId, priority: t.priority } : null,
      sinceSeconds: since === null ? null : seconds(now - since),
      pauseReason: w.pauseReason,
      servedToday: servedBy.get(w.id) ?? 0,
    };
  });

  for (const e of lastPrint.values()) {
    if (e.type === 'printer.failed') {
      alerts.push({
        id: `printer_failed:${e.deviceId}`,
        kind: 'printer_failed',
        deviceId: e.deviceId,
        printer: e.printer,
        error: e.error,
        number: e.ticket.number,
        at: e.at,
      });
    }
  }
  const complaintAreas = new Set(config.areas.filter((a) => a.kind === 'complaint').map((a) => a.id));
  for (const t of state.tickets.values()) {
    if (complaintAreas.has(t.areaId) && isOpenTicket(t)) {
      alerts.push({ id: `complaint:${t.id}`, kind: 'complaint', ticketId: t.id, number: t.number, areaId: t.areaId, at: toLocalIso(t.issuedAt, tz) });
    }
    const help = t.assistance;
    if (help && help.assignedTo === null && isOpenTicket(t)) {
      alerts.push({
        id: `assistance:${t.id}`,
        kind: 'assistance',
        ticketId: t.id,
        number: t.number,
        areaId: t.areaId,
        requestedBy: help.requestedBy,
        note: help.note,
        at: toLocalIso(help.requestedAt, tz),
      });
    }
  }
  const alertRank = (a: HallAlert): number =>
    a.kind === 'printer_failed' || a.kind === 'assistance' || a.kind === 'complaint' ? 0 : a.kind === 'long_wait' ? (a.level === 'alert' ? 1 : 3) : 2;
  alerts.sort((a, b) => alertRank(a) - alertRank(b));

  let waiting = 0;
  for (const q of state.waiting.values()) waiting += q.size;

  return {
    ...hallMoment(state, now, opts),
    extendedUntil: state.extendedUntil,
    totals: { issued, served, noShow, waiting, avgWaitSeconds: waits.length === 0 ? null : Math.round(waits.reduce((x, y) => x + y, 0) / waits.length / 1000) },
    areas,
    windows,
    alerts,
    charts: daySeries(state, events, now),
  };
}

function daySeries(state: HallState, events: readonly HallEvent[], now: number): HallOverview['charts'] {
  const tz = state.config.timezone;
  const nowMinute = localTime(now, tz).minuteOfDay;
  const dayStart = now - nowMinute * 60_000 - (now % 60_000);
  const firstSession = state.config.calendar.workday[0]?.start;
  const firstEvent = events[0] ? localTime(Date.parse(events[0].at), tz).minuteOfDay : nowMinute;
  // From the earlier of the first event and the first regular session, on a step boundary.
  const fromMinute =
    Math.floor(Math.min(firstEvent, firstSession ? minutesOf(firstSession) : firstEvent, nowMinute) / SERIES_STEP_MINUTES) * SERIES_STEP_MINUTES;

  const waitingSeries: HallOverview['charts']['waiting'] = [];
  let count = 0;
  let i = 0;
  const pad = (n: number): string => String(n).padStart(2, '0');
  for (let m = fromMinute; m <= nowMinute; m += SERIES_STEP_MINUTES) {
    const until = dayStart + m * 60_000;
    for (; i < events.length && Date.parse(events[i]!.at) <= until; i++) count += waitingDelta(events[i]!);
    waitingSeries.push({ time: `${pad(Math.floor(m / 60))}:${pad(m % 60)}`, waiting: count });
  }
  let current = 0;
  for (const q of state.waiting.values()) current += q.size;
  if (waitingSeries.at(-1)?.waiting !== current || nowMinute % SERIES_STEP_MINUTES !== 0) {
    const local = localTime(now, tz);
    waitingSeries.push({ time: local.time, waiting: current });
  }

  const perHour = new Map<number, { issued: number; served: number }>();
  const hourOf = (e: HallEvent): number => Math.floor(localTime(Date.parse(e.at), tz).minuteOfDay / 60);
  const distribution = WAIT_BUCKETS_MINUTES.map((to, k): { fromMinutes: number; toMinutes: number | null; count: number } => ({
    fromMinutes: k === 0 ? 0 : WAIT_BUCKETS_MINUTES[k - 1]!,
    toMinutes: to,
    count: 0,
  }));
  distribution.push({ fromMinutes: WAIT_BUCKETS_MINUTES.at(-1)!, toMinutes: null, count: 0 });
  for (const e of events) {
    if (e.type === 'ticket.issued' || e.type === 'ticket.completed') {
      const h = hourOf(e);
      if (!perHour.has(h)) perHour.set(h, { issued: 0, served: 0 });
      if (e.type === 'ticket.issued') perHour.get(h)!.issued++;
      else perHour.get(h)!.served++;
    } else if (e.type === 'ticket.called' && e.firstCall) {
      const minutes = e.waitMs / 60_000;
      distribution.find((b) => b.toMinutes === null || minutes < b.toMinutes)!.count++;
    }
  }
  const hours = [...perHour.keys()];
  const firstHour = Math.min(Math.floor(fromMinute / 60), ...hours);
  const lastHour = Math.max(Math.floor(nowMinute / 60), ...hours);
  const servedPerHour = [];
  for (let h = firstHour; h <= lastHour; h++) servedPerHour.push({ hour: h, ...(perHour.get(h) ?? { issued: 0, served: 0 }) });
  return { waiting: waitingSeries, servedPerHour, waitDistribution: distribution };
}

/** How an event changes the number of citizens waiting in the hall. */
function waitingDelta(e: HallEvent): number {
  switch (e.type) {
    case 'ticket.issued':
    case 'ticket.transferred':
    case 'ticket.step_completed':
    case 'ticket.requeued':
      return 1;
    case 'ticket.called':
      // Only a waiting ticket can be called (a repeat is its own event, ticket.recalled).
      return -1;
    case 'day.closed':
      return -e.tickets.filter((t) => t.status === 'waiting').length;
    default:
      return 0;
  }
}
