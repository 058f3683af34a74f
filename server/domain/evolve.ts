/**
 * Events → state. `evolve` folds one event into the hall state **in place** (a busy hall has
 * thousands of tickets; copying them per event would cost more than the rest of the work), so
 * callers that may need to undo keep the events and rebuild instead (`foldEvents`).
 */
import type { AppliedConfig, HallEvent, PendingEvent, TicketRef, WindowRef } from './events';
import type { HallConfig, HallState, TicketState, WindowConfig, WindowState } from './types';
import { RECENT_CALLS } from './types';
import { newPaceSamples, noteCall, noteCompleted } from './pace';
import { stepAfterTransfer } from './journeys';
import { orderJoin, orderLeave } from './queue-order';
import { WaitingSet } from './waiting-set';

/** The state of a hall at the start of a day: no tickets, every window closed. */
export function initialState(config: HallConfig, day: string): HallState {
  const windows = new Map<string, WindowState>();
  for (const w of [...config.windows].sort((a, b) => a.number - b.number)) windows.set(w.id, closedWindow(w));
  return {
    config,
    day,
    version: 0,
    tickets: new Map(),
    numbers: new Map(),
    credentials: new Map(),
    lastSeq: new Map(),
    waiting: new Map(config.areas.map((a) => [a.id, new WaitingSet()])),
    windows,
    clerkWindows: new Map(),
    recentCalls: [],
    notices: [],
    extendedUntil: null,
    appointments: new Map(),
    appointmentCodes: new Map(),
    closed: false,
    pace: newPaceSamples(),
    outcomes: new Map(),
    configVersion: 0,
    identityTickets: new Map(),
  };
}

function closedWindow(w: WindowConfig): WindowState {
  return {
    id: w.id,
    number: w.number,
    name: w.name,
    areaIds: [...w.areaIds],
    selection: w.selection ?? 'primary-first',
    status: 'closed',
    clerk: null,
    pauseReason: null,
    ticketId: null,
    parked: [],
    missed: [],
    preferredStreak: 0,
  };
}

/**
 * A new configuration takes effect mid-day: new windows appear closed, removed ones leave, kept ones
 * keep their clerk, ticket and status but take the new number, name, areas and selection; new areas
 * get an empty queue. `configChangeProblems` refuses changes that would strand a citizen or clerk.
 *
 * A manager's today-only change of a window's areas outlives a configuration change that leaves that
 * window's configured areas as they were (someone renaming another window must not undo it); when
 * the configuration changes that window's areas, the new configuration wins.
 */
function applyConfig(state: HallState, config: AppliedConfig): void {
  const configuredBefore = new Map(state.config.windows.map((w) => [w.id, w.areaIds.join(' ')]));
  state.config = withApplied(state.config, structuredClone(config));
  const known = new Set(config.areas.map((a) => a.id));
  const windows = new Map<string, WindowState>();
  for (const w of [...config.windows].sort((a, b) => a.number - b.number)) {
    const kept = state.windows.get(w.id);
    const todayOnly = kept && configuredBefore.get(w.id) === w.areaIds.join(' ') ? kept.areaIds.filter((a) => known.has(a)) : [];
    const areaIds = todayOnly.length > 0 ? todayOnly : [...w.areaIds];
    windows.set(w.id, kept ? { ...kept, number: w.number, name: w.name, areaIds, selection: w.selection ?? 'primary-first' } : closedWindow(w));
  }
  for (const [id, w] of state.windows) {
    if (!windows.has(id) && w.clerk) state.clerkWindows.delete(w.clerk.id);
  }
  state.windows = windows;
  const areaIds = new Set(config.areas.map((a) => a.id));
  for (const a of areaIds) if (!state.waiting.has(a)) state.waiting.set(a, new WaitingSet());
  for (const [a, q] of state.waiting) if (!areaIds.has(a) && q.size === 0) state.waiting.delete(a);
}

function leaveQueue(state: HallState, t: TicketState): void {
  state.waiting.get(t.areaId)?.delete(t.id);
  orderLeave(state, t);
}

/**
 * A ticket joins its area's queue. `state.waiting` says who waits (membership, and each area's
 * count); the call order is kept by `queue-order.ts` from the ticket's queue time, so joining costs
 * O(log n) — never a pass over the area.
 */
function joinQueue(state: HallState, t: TicketState): void {
  orderJoin(state, t);
  let q = state.waiting.get(t.areaId);
  if (!q) state.waiting.set(t.areaId, (q = new WaitingSet()));
  q.add(t.id);
}

/**
 * A ticket queues again (a transfer, the next step of a journey, a requeue): waiting since
 * `queuedAt`, at no window, its call and service forgotten, in its (possibly new) area's queue.
 */
function backToWaiting(state: HallState, t: TicketState, queuedAt: number): void {
  t.status = 'waiting';
  t.queuedAt = queuedAt;
  t.windowId = null;
  t.calledAt = null;
  t.startedAt = null;
  t.recalls = 0;
  joinQueue(state, t);
}

function ticketOf(state: HallState, ref: TicketRef): TicketState {
  const t = state.tickets.get(ref.id);
  if (!t) throw new Error(`event refers to unknown ticket ${ref.id}`);
  return t;
}

/**
 * The window an event names. A log that never recorded its configuration is folded against today's;
 * a window it used that the configuration has since removed comes back closed, serving nothing, so
 * such a day (closing it at midnight, a restart) still folds.
 */
function windowOf(state: HallState, ref: WindowRef): WindowState {
  let w = state.windows.get(ref.id);
  if (!w) {
    w = closedWindow({ id: ref.id, number: ref.number, name: ref.name, areaIds: [] });
    state.windows.set(ref.id, w);
  }
  return w;
}

function freeWindow(state: HallState, t: TicketState): void {
  if (t.windowId) {
    const w = state.windows.get(t.windowId);
    if (w && w.ticketId === t.id) w.ticketId = null;
  }
}

function call(state: HallState, t: TicketState, window: WindowRef, at: number): void {
  const w = windowOf(state, window);
  leaveQueue(state, t);
  t.status = 'called';
  t.windowId = w.id;
  t.calledAt = at;
  t.firstCalledAt ??= at;
  t.recalls = 0;
  w.ticketId = t.id;
  state.recentCalls.unshift({ ticketId: t.id, number: t.number, windowId: w.id, windowNumber: w.number, at });
  if (state.recentCalls.length > RECENT_CALLS) state.recentCalls.length = RECENT_CALLS;
}

/** Folds one event into `state` (mutating it) and returns it. */
export function evolve(state: HallState, event: HallEvent): HallState {
  const at = Date.parse(event.at);
  state.version = event.version;
  if (!state.outcomes.has(event.commandId)) state.outcomes.set(event.commandId, { ticketId: null, windowId: null, noticeId: null, appointmentId: null });
  const outcome = state.outcomes.get(event.commandId)!;
  if ('ticket' in event) outcome.ticketId = event.ticket.id;
  if ('window' in event) outcome.windowId = event.window.id;
  if ('windowId' in event && event.windowId) outcome.windowId = event.windowId;
  if (event.type === 'notice.posted') outcome.noticeId = event.notice.id;
  if (event.type === 'appointment.booked') outcome.appointmentId = event.appointment.id;
  if (event.type === 'appointment.cancelled') outcome.appointmentId = event.appointmentId;

  switch (event.type) {
    case 'ticket.issued': {
      const t: TicketState = {
        id: event.ticket.id,
        number: event.ticket.number,
        seq: event.seq,
        areaId: event.ticket.areaId,
        originAreaId: event.ticket.areaId,
        serviceId: event.serviceId,
        priority: event.priority,
        status: 'waiting',
        issuedAt: at,
        queuedAt: at,
        transferredFrom: null,
        calledAt: null,
        firstCalledAt: null,
        startedAt: null,
        completedAt: null,
        windowId: null,
        appointmentId: event.appointmentId ?? null,
        closeReason: null,
        recalls: 0,
        noShowAt: null,
        requeues: 0,
        parkReason: null,
        parkedAt: null,
        rated: false,
        caseNumber: null,
        assistance: null,
        // Logs from before credentials existed: the id was the credential, and stays one for those tickets.
        credential: event.credential ?? event.ticket.id,
        journey: event.journey ? { id: event.journey.id, name: event.journey.name, steps: structuredClone(event.journey.steps), step: 1 } : null,
        identityTag: event.identity?.tag ?? null,
      };
      state.tickets.set(t.id, t);
      if (t.identityTag !== null) {
        const held = state.identityTickets.get(t.identityTag);
        if (held) held.push(t.id);
        else state.identityTickets.set(t.identityTag, [t.id]);
      }
      state.credentials.set(t.credential, t.id);
      if (event.appointmentId) {
        const appt = state.appointments.get(event.appointmentId);
        if (appt) {
          appt.status = 'checked_in';
          appt.ticketId = t.id;
        }
      }
      state.numbers.set(t.number, t.id);
      state.lastSeq.set(t.areaId, Math.max(state.lastSeq.get(t.areaId) ?? 0, event.seq));
      joinQueue(state, t);
      break;
    }
    case 'ticket.called': {
      const t = ticketOf(state, event.ticket);
      noteCall(state, event.window.id, t, at);
      call(state, t, event.window, at);
      windowOf(state, event.window).preferredStreak = event.preferredStreak;
      break;
    }
    case 'ticket.recalled': {
      const t = ticketOf(state, event.ticket);
      t.recalls = event.recall;
      state.recentCalls.unshift({ ticketId: t.id, number: t.number, windowId: event.window.id, windowNumber: event.window.number, at });
      if (state.recentCalls.length > RECENT_CALLS) state.recentCalls.length = RECENT_CALLS;
      break;
    }
    case 'ticket.started': {
      const t = ticketOf(state, event.ticket);
      t.status = 'serving';
      t.startedAt = at;
      break;
    }
    case 'ticket.completed': {
      const t = ticketOf(state, event.ticket);
      t.status = 'done';
      t.completedAt = at;
      t.caseNumber = event.caseNumber ?? null;
      if (t.calledAt !== null) noteCompleted(state, t.areaId, at - t.calledAt);
      freeWindow(state, t);
      break;
    }
    case 'ticket.step_completed': {
      // The step's service is done (the pace counts it), then the citizen queues for the next step as a transfer does.
      const t = ticketOf(state, event.ticket);
      if (t.calledAt !== null) noteCompleted(state, t.areaId, at - t.calledAt);
      freeWindow(state, t);
      if (t.journey) t.journey.step = event.step;
      t.transferredFrom = event.fromAreaId;
      t.areaId = event.toAreaId;
      t.serviceId = event.serviceId;
      backToWaiting(state, t, at);
      break;
    }
    case 'ticket.no_show': {
      const t = ticketOf(state, event.ticket);
      t.status = 'no_show';
      t.noShowAt = at;
      freeWindow(state, t);
      const w = state.windows.get(event.windowId);
      if (w && !w.missed.includes(t.id)) w.missed.push(t.id);
      break;
    }
    case 'ticket.no_show_undone': {
      // Back at the window as called, as before the no-show; the call time (and so the wait) stands.
      const t = ticketOf(state, event.ticket);
      const w = windowOf(state, event.window);
      w.missed = w.missed.filter((id) => id !== t.id);
      t.status = 'called';
      t.noShowAt = null;
      t.windowId = w.id;
      w.ticketId = t.id;
      break;
    }
    case 'ticket.parked': {
      const t = ticketOf(state, event.ticket);
      freeWindow(state, t);
      t.status = 'parked';
      t.parkReason = event.reason;
      t.parkedAt = at;
      const w = state.windows.get(event.windowId);
      if (w && !w.parked.includes(t.id)) w.parked.push(t.id);
      break;
    }
    case 'ticket.unparked': {
      const t = ticketOf(state, event.ticket);
      const w = windowOf(state, event.window);
      w.parked = w.parked.filter((id) => id !== t.id);
      t.status = event.ticket.status;
      t.parkReason = null;
      t.parkedAt = null;
      t.windowId = w.id;
      w.ticketId = t.id;
      break;
    }
    case 'ticket.requeued': {
      const t = ticketOf(state, event.ticket);
      const missedAt = t.windowId === null ? undefined : state.windows.get(t.windowId);
      if (missedAt) missedAt.missed = missedAt.missed.filter((id) => id !== t.id);
      t.requeues = event.requeue;
      // Its place follows from its queue time (that of the ticket it goes before): the kept order puts it there.
      backToWaiting(state, t, event.queuedAt);
      break;
    }
    case 'ticket.assistance_requested': {
      const t = ticketOf(state, event.ticket);
      t.assistance = { requestedAt: at, requestedBy: event.by, note: event.note, assignedTo: null };
      break;
    }
    case 'ticket.assistance_assigned': {
      const t = ticketOf(state, event.ticket);
      if (t.assistance) t.assistance.assignedTo = event.staffId;
      break;
    }
    case 'ticket.transferred': {
      const t = ticketOf(state, event.ticket);
      freeWindow(state, t);
      t.transferredFrom = event.fromAreaId;
      t.areaId = event.toAreaId;
      // 一件事一次办: a transfer into a later step's area is that step (the phone, board and counter follow).
      if (t.journey) t.journey.step = stepAfterTransfer(t.journey, event.toAreaId);
      backToWaiting(state, t, at);
      break;
    }
    case 'window.opened': {
      const w = windowOf(state, event.window);
      w.status = 'open';
      w.clerk = event.clerk;
      w.pauseReason = null;
      w.preferredStreak = 0;
      state.clerkWindows.set(event.clerk.id, w.id);
      break;
    }
    case 'window.closed': {
      const w = windowOf(state, event.window);
      if (w.clerk) state.clerkWindows.delete(w.clerk.id);
      w.status = 'closed';
      w.clerk = null;
      w.pauseReason = null;
      break;
    }
    case 'window.paused': {
      const w = windowOf(state, event.window);
      w.status = 'paused';
      w.pauseReason = event.reason;
      break;
    }
    case 'window.resumed': {
      const w = windowOf(state, event.window);
      w.status = 'open';
      w.pauseReason = null;
      break;
    }
    case 'rating.submitted':
      ticketOf(state, event.ticket).rated = true;
      break;
    case 'ticket.printed':
    case 'printer.failed':
      // Part of the ticket's trail and the managers' alerts; the queue is unchanged.
      break;
    case 'appointment.booked':
      state.appointments.set(event.appointment.id, { ...event.appointment, status: 'booked', ticketId: null });
      state.appointmentCodes.set(event.appointment.code, event.appointment.id);
      break;
    case 'appointment.cancelled': {
      const appt = state.appointments.get(event.appointmentId);
      if (appt) appt.status = 'cancelled';
      break;
    }
    case 'day.closed': {
      for (const ref of event.tickets) {
        const t = ticketOf(state, ref);
        leaveQueue(state, t);
        freeWindow(state, t);
        t.status = 'cancelled';
        t.closeReason = event.reason;
      }
      for (const w of state.windows.values()) {
        w.parked = [];
        w.missed = [];
      }
      for (const id of event.appointmentsMissed) {
        const appt = state.appointments.get(id);
        if (appt) appt.status = 'missed';
      }
      for (const id of event.windows) {
        const w = state.windows.get(id);
        if (!w) continue;
        if (w.clerk) state.clerkWindows.delete(w.clerk.id);
        w.status = 'closed';
        w.clerk = null;
        w.pauseReason = null;
      }
      state.closed = true;
      break;
    }
    case 'window.areas_changed':
      windowOf(state, event.window).areaIds = [...event.areaIds];
      break;
    case 'hours.extended':
      state.extendedUntil = event.until;
      break;
    case 'rating.followed_up':
      // Kept for the follow-up list and reports; today's queue is unchanged.
      break;
    case 'notice.posted':
      state.notices.push(event.notice);
      break;
    case 'notice.removed':
      state.notices = state.notices.filter((n) => n.id !== event.noticeId);
      break;
    case 'config.applied':
      applyConfig(state, event.config);
      state.configVersion = event.configVersion;
      break;
    default: {
      const unknown: never = event;
      throw new Error(`unknown event type ${(unknown as { type: string }).type}`);
    }
  }
  return state;
}

/**
 * The state after `events`, from a fresh start of `day`. A log that records its configuration
 * (`config.applied`) starts from what the first record says the earlier events were decided under,
 * so every event folds against its own configuration whatever `config` is now; a log without any
 * record folds against `config`.
 */
export function foldEvents(config: HallConfig, day: string, events: Iterable<HallEvent>): HallState {
  const list = [...events];
  const first = list.find((e) => e.type === 'config.applied');
  const start = first?.type === 'config.applied' ? (first.previous ?? first.config) : null;
  const state = initialState(start ? withApplied(config, start) : config, day);
  for (const e of list) evolve(state, e);
  return state;
}

/** `config` with the recorded parts of `applied` in force. */
function withApplied(config: HallConfig, applied: AppliedConfig): HallConfig {
  const next: HallConfig = { ...config, ...applied };
  if (applied.waitAlerts === undefined) delete next.waitAlerts;
  if (applied.journeys === undefined) delete next.journeys;
  if (applied.standingNotices === undefined) delete next.standingNotices;
  return next;
}

/** The parts of `config` a `config.applied` event records. */
export function appliedConfig(config: HallConfig): AppliedConfig {
  const { areas, windows, policy, calendar, waitAlerts, journeys, standingNotices } = structuredClone(config);
  return {
    areas,
    windows,
    policy,
    calendar,
    ...(waitAlerts === undefined ? {} : { waitAlerts }),
    ...(journeys === undefined ? {} : { journeys }),
    ...(standingNotices === undefined ? {} : { standingNotices }),
  };
}

/** Gives decided events their envelope (version, hall, day, command). */
export function seal(state: HallState, pending: PendingEvent[], meta: { commandId: string; actor: HallEvent['actor'] }): HallEvent[] {
  return pending.map((p, i) => ({
    ...p,
    hallId: state.config.id,
    day: state.day,
    version: state.version + 1 + i,
    commandId: meta.commandId,
    actor: meta.actor,
  }));
}
