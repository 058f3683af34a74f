/**
 * Commands → events: every queue rule that says yes or no lives here. `decide` reads the state and
 * never changes it; a refusal is a thrown `DomainError` and produces no events.
 */
import { chooseNext, queueClassOf, streakAfterCall } from './call-policy';
import type { Command } from './commands';
import { DomainError } from './errors';
import { servicesOf, type CatalogueItem } from './catalogue';
import type { EventBody, IssueChannel, PendingEvent, TicketIdentity, TicketRef, WindowRef } from './events';
import { identityLimitReached, identityLimitRefusal, identityModeOf } from './identity-limits';
import { bookingDaysAhead, checkInWindow, CHECK_IN_BEFORE_MINUTES, maskPhone, newAppointmentCode, slotsOn, slotTaken } from './appointments';
import { formatTicketNumber, normaliseTicketNumber } from './numbering';
import { windowActionRefusal, type WindowAction } from './window-actions';
import { isOpenSession, sessionAt } from './schedule';
import { requeuePlace, requeueRefusal, requeueSettings } from './requeue';
import { noShowRefusal, noShowSettings, undoNoShowRefusal } from './no-show';
import { isOpenTicket } from './assistance';
import { caseNumberOf } from './case-number';
import { journeyStart, stepCompleted } from './journeys';
import { addDays, localTime, minutesOf, toLocalIso } from './time';
import type { Actor, AppointmentState, AreaConfig, HallState, Priority, TicketState, WindowState } from './types';

export interface DecideContext {
  /** The instant the command is decided at (epoch ms). */
  now: number;
  /** Makes an unguessable id (tickets, notices). */
  newId: () => string;
  /** Four random digits, for appointment codes. */
  newCode: () => string;
  actor: Actor | null;
  /** QMS_ALWAYS_OPEN: the hall takes tickets at every hour. */
  alwaysOpen: boolean;
  /** The hall's live catalogue: its enabled items are the services offered. Absent: the areas' configured services. */
  catalogue?: readonly CatalogueItem[];
}

const STAFF_ROLES = new Set(['clerk', 'manager', 'admin']);

/** Which priorities a role may ask for; appointments come only from an appointment check-in. */
function allowedPriorities(actor: Actor | null): readonly Priority[] {
  return actor && STAFF_ROLES.has(actor.role) ? ['normal', 'priority', 'urgent'] : ['normal', 'priority'];
}

function ticketRef(t: TicketState, patch: Partial<TicketRef> = {}): TicketRef {
  return { id: t.id, number: t.number, areaId: t.areaId, status: t.status, ...patch };
}

function windowRef(w: WindowState): WindowRef {
  return { id: w.id, number: w.number, name: w.name };
}

function areaFor(
  state: HallState,
  areaId: string | undefined,
  serviceId: string | undefined,
  catalogue: readonly CatalogueItem[] | undefined,
): { area: AreaConfig; serviceId: string | null } {
  const areas = state.config.areas;
  if (serviceId !== undefined) {
    const area = areas.find((a) => (catalogue ? servicesOf(catalogue, a.id) : a.services).some((s) => s.id === serviceId));
    if (!area) throw new DomainError('invalid_request', `serviceId: no service ${serviceId} in this hall`, { field: 'serviceId' });
    if (areaId !== undefined && areaId !== area.id) {
      throw new DomainError('invalid_request', `areaId: service ${serviceId} belongs to area ${area.id}`, { field: 'areaId' });
    }
    return { area, serviceId };
  }
  if (areaId === undefined) throw new DomainError('invalid_request', 'areaId or serviceId is required', { field: 'areaId' });
  const area = areas.find((a) => a.id === areaId);
  if (!area) throw new DomainError('invalid_request', `areaId: no area ${areaId} in this hall`, { field: 'areaId' });
  return { area, serviceId: null };
}

function issued(
  state: HallState,
  area: AreaConfig,
  serviceId: string | null,
  priority: Priority,
  channel: IssueChannel,
  ctx: DecideContext,
  appointmentId?: string,
  journey?: Extract<EventBody, { type: 'ticket.issued' }>['journey'],
  identity?: TicketIdentity,
): EventBody {
  const seq = (state.lastSeq.get(area.id) ?? 0) + 1;
  const ticket = { id: ctx.newId(), number: formatTicketNumber(area.prefix, seq), areaId: area.id, status: 'waiting' as const };
  return {
    type: 'ticket.issued',
    ticket,
    seq,
    serviceId,
    priority,
    channel,
    ...(appointmentId ? { appointmentId } : {}),
    credential: ctx.newId(),
    ...(journey ? { journey } : {}),
    ...(identity ? { identity } : {}),
  };
}

type IssueCommand = Extract<Command, { type: 'issue-ticket' }>;

/**
 * 实名取号: the identity a new ticket in `area` carries, or a refusal. An area that is `off` takes
 * no identity (nothing is kept); `required` refuses a kiosk without one (staff may issue for a
 * citizen without a card). A per-person limit refuses (`identity_limit`) unless staff override it,
 * and the override goes into the event with who and why.
 */
function identityFor(
  state: HallState,
  area: AreaConfig,
  cmd: Pick<IssueCommand, 'identity' | 'identityOverride'>,
  ctx: DecideContext,
  tag = cmd.identity?.tag,
): TicketIdentity | undefined {
  const mode = identityModeOf(area);
  if (cmd.identityOverride && !(ctx.actor && STAFF_ROLES.has(ctx.actor.role))) {
    throw new DomainError('identity_override_not_allowed', 'only staff may override a per-person limit');
  }
  if (tag === undefined) {
    if (mode === 'required' && ctx.actor?.role === 'kiosk') throw new DomainError('identity_required', `${area.name} issues tickets by ID only`);
    return undefined;
  }
  if (mode === 'off' && cmd.identity !== undefined) return undefined;
  const via = cmd.identity?.via ?? 'card';
  const limit = identityLimitReached(state, tag, area.id);
  if (limit === null) return { tag, via };
  const reason = cmd.identityOverride?.reason.trim();
  if (!reason) {
    // Which limit, with its particulars, goes to the citizen in words (the error's `limit`).
    const refusal = identityLimitRefusal(state, tag, area, limit);
    throw new DomainError(
      'identity_limit',
      limit === 'open_in_area' ? `this person already holds an open ticket in ${area.name}` : 'this person took the most tickets allowed today',
      { refusal },
    );
  }
  return { tag, via, override: { limit, by: ctx.actor!.id, reason } };
}

function walkInsIssued(state: HallState, areaId: string): number {
  let n = 0;
  for (const t of state.tickets.values()) if (t.originAreaId === areaId && t.appointmentId === null) n++;
  return n;
}

function appointmentByCode(state: HallState, code: string): AppointmentState {
  const id = state.appointmentCodes.get(code.trim());
  const appt = id === undefined ? undefined : state.appointments.get(id);
  if (!appt) throw new DomainError('appointment_not_found', `no appointment ${code} on ${state.day}`);
  return appt;
}

/** Checking in an appointment: a ticket of priority `appointment`, once, within its check-in window. */
function checkIn(state: HallState, appt: AppointmentState, cmd: IssueCommand, ctx: DecideContext): EventBody[] {
  const code = appt.code;
  if (appt.status === 'checked_in') throw new DomainError('appointment_used', `appointment ${code} was already checked in`);
  if (appt.status === 'cancelled') throw new DomainError('appointment_cancelled', `appointment ${code} was cancelled`);
  const when = checkInWindow(appt, ctx.now, state.config.timezone);
  if (when === 'early') throw new DomainError('appointment_too_early', `check in from ${CHECK_IN_BEFORE_MINUTES} minutes before ${appt.start}`);
  if (when === 'late' || appt.status === 'missed') throw new DomainError('appointment_too_late', `the ${appt.start}–${appt.end} slot has ended`);
  const area = state.config.areas.find((a) => a.id === appt.areaId)!;
  // A booking made with an ID number ties its ticket to that person, whichever way they check in;
  // one booked without still checks in by its code, even where the area asks for an ID.
  const tag = appt.identityTag ?? cmd.identity?.tag;
  const identity = tag === undefined ? undefined : identityFor(state, area, cmd, ctx, tag);
  return [issued(state, area, appt.serviceId, 'appointment', 'appointment', ctx, appt.id, undefined, identity)];
}

/**
 * 刷证签到: the appointment of today booked with this person's ID: the one whose check-in is open
 * now, else the first still booked (its refusal says early or late).
 */
function appointmentByIdentity(state: HallState, tag: string, now: number): AppointmentState {
  const mine = [...state.appointments.values()].filter((a) => a.identityTag === tag && a.status !== 'cancelled').sort((a, b) => a.start.localeCompare(b.start));
  const open = mine.filter((a) => a.status === 'booked');
  const appt = open.find((a) => checkInWindow(a, now, state.config.timezone) === 'ok') ?? open[0] ?? mine[0];
  if (!appt) throw new DomainError('appointment_not_found', `no appointment booked with this ID on ${state.day}`);
  return appt;
}

function windowFor(state: HallState, windowId: string, ctx: DecideContext): WindowState {
  const w = state.windows.get(windowId);
  if (!w) throw new DomainError('window_not_found', `no window ${windowId}`);
  // A clerk acts only at the window they are signed in at; managers may act at any window.
  if (ctx.actor?.role === 'clerk' && w.status !== 'closed' && w.clerk?.id !== ctx.actor.id) {
    throw new DomainError('not_window_clerk', `window ${w.number} is staffed by someone else`);
  }
  if (ctx.actor?.role === 'clerk' && w.status === 'closed') {
    throw new DomainError('window_closed', `window ${w.number} is closed: sign in first`);
  }
  return w;
}

/** Refuses what the window's state does not allow, by the table the counter terminal reads too. */
function allowAt(state: HallState, w: WindowState, action: WindowAction): void {
  const t = w.ticketId === null ? null : (state.tickets.get(w.ticketId) ?? null);
  const refusal = windowActionRefusal(action, { status: w.status, ticket: t });
  if (refusal) throw new DomainError(refusal, `window ${w.number} (${w.status}${t ? `, ticket ${t.number} ${t.status}` : ''}) refuses ${action}`);
}

function currentTicket(state: HallState, w: WindowState): TicketState {
  const t = w.ticketId === null ? undefined : state.tickets.get(w.ticketId);
  if (!t) throw new DomainError('no_current_ticket', `window ${w.number} has no ticket`);
  return t;
}

function calledEvent(state: HallState, w: WindowState, t: TicketState, how: 'next' | 'number', now: number): EventBody {
  const queueClass = queueClassOf(t, now, state.config.policy);
  return {
    type: 'ticket.called',
    ticket: ticketRef(t, { status: 'called' }),
    window: windowRef(w),
    clerkId: w.clerk?.id ?? null,
    how,
    queueClass,
    preferredStreak: streakAfterCall(state, w, queueClass, now),
    waitMs: now - t.queuedAt,
    firstCall: t.firstCalledAt === null,
  };
}

function decideBody(state: HallState, cmd: Command, ctx: DecideContext): EventBody[] {
  const { now } = ctx;
  switch (cmd.type) {
    case 'issue-ticket': {
      if (state.closed) throw new DomainError('hall_closed', 'this day is closed');
      if (cmd.appointmentCode !== undefined) return checkIn(state, appointmentByCode(state, cmd.appointmentCode), cmd, ctx);
      if (cmd.identity !== undefined && cmd.areaId === undefined && cmd.serviceId === undefined && cmd.journeyId === undefined) {
        return checkIn(state, appointmentByIdentity(state, cmd.identity.tag, now), cmd, ctx);
      }
      const journey = cmd.journeyId === undefined ? null : journeyStart(state, cmd.journeyId, cmd);
      const { area, serviceId } = journey ?? areaFor(state, cmd.areaId, cmd.serviceId, ctx.catalogue);
      const priority = cmd.priority ?? 'normal';
      if (!allowedPriorities(ctx.actor).includes(priority)) {
        throw new DomainError('priority_not_allowed', `priority ${priority} cannot be requested here`);
      }
      const session = sessionAt(state.config.calendar, now, state.config.timezone, ctx.alwaysOpen, state.extendedUntil);
      if (!isOpenSession(session)) throw new DomainError('hall_closed', 'the hall is not open now');
      // Cut-offs hold back walk-ins only; staff may still issue an urgent ticket (特事特办).
      if (priority !== 'urgent') {
        const minute = localTime(now, state.config.timezone).minuteOfDay;
        if (area.lastTicketMinutes !== undefined && !ctx.alwaysOpen && minute >= minutesOf(session.end) - area.lastTicketMinutes) {
          throw new DomainError('area_closed', `${area.name} stops issuing ${area.lastTicketMinutes} minutes before ${session.end}`);
        }
        if (area.dailyCap !== undefined && walkInsIssued(state, area.id) >= area.dailyCap) {
          throw new DomainError('daily_cap_reached', `${area.name} issued its ${area.dailyCap} tickets today`);
        }
      }
      const identity = identityFor(state, area, cmd, ctx);
      const ticket = issued(state, area, serviceId, priority, ctx.actor?.role === 'kiosk' ? 'kiosk' : 'staff', ctx, undefined, journey?.journey, identity);
      if (!cmd.assistance || ticket.type !== 'ticket.issued') return [ticket];
      // The citizen asked at the kiosk: the staff member is unknown, the request is the ticket's own.
      return [
        ticket,
        { type: 'ticket.assistance_requested', ticket: ticket.ticket, by: ctx.actor?.role === 'kiosk' ? null : (ctx.actor?.id ?? null), note: null },
      ];
    }
    case 'book-appointment': {
      const { area, serviceId } = areaFor(state, cmd.areaId, cmd.serviceId, ctx.catalogue);
      if (cmd.date !== state.day) throw new DomainError('invalid_request', `date: bookings for ${cmd.date} go to that day`, { field: 'date' });
      const today = localTime(now, state.config.timezone).date;
      if (cmd.date < today || cmd.date > addDays(today, bookingDaysAhead(state.config))) {
        throw new DomainError('invalid_request', `date: book from today up to ${bookingDaysAhead(state.config)} days ahead`, { field: 'date' });
      }
      const slot = slotsOn(state.config, area, cmd.date).find((x) => x.start === cmd.start);
      if (!slot) throw new DomainError('invalid_request', `start: no ${area.name} slot at ${cmd.start} on ${cmd.date}`, { field: 'start' });
      if (cmd.date === today && minutesOf(slot.end) <= localTime(now, state.config.timezone).minuteOfDay) {
        throw new DomainError('invalid_request', `start: the ${cmd.start} slot is over`, { field: 'start' });
      }
      if (slotTaken(state, area.id, slot.start) >= slot.capacity) throw new DomainError('slot_full', `${cmd.date} ${cmd.start} is fully booked`);
      const appointment = {
        id: ctx.newId(),
        code: newAppointmentCode(state, cmd.date, ctx.newCode),
        areaId: area.id,
        serviceId,
        date: cmd.date,
        start: slot.start,
        end: slot.end,
        phoneMasked: cmd.phone ? maskPhone(cmd.phone) : null,
        ...(cmd.identityTag && identityModeOf(area) !== 'off' ? { identityTag: cmd.identityTag } : {}),
      };
      return [{ type: 'appointment.booked', appointment }];
    }
    case 'cancel-appointment': {
      const appt = appointmentByCode(state, cmd.code);
      if (appt.status === 'checked_in') throw new DomainError('appointment_used', `appointment ${cmd.code} was checked in`);
      if (appt.status === 'cancelled') throw new DomainError('appointment_cancelled', `appointment ${cmd.code} is already cancelled`);
      if (appt.status === 'missed') throw new DomainError('appointment_too_late', `appointment ${cmd.code} has passed`);
      return [{ type: 'appointment.cancelled', appointmentId: appt.id, code: appt.code }];
    }
    case 'close-day': {
      if (state.closed) return [];
      // A parked citizen not resumed by the end of the day is cancelled like anyone still waiting.
      const open = [...state.tickets.values()].filter(
        (t) => t.status === 'waiting' || t.status === 'called' || t.status === 'serving' || t.status === 'parked',
      );
      const missed = [...state.appointments.values()].filter((a) => a.status === 'booked').map((a) => a.id);
      const windows = [...state.windows.values()].filter((w) => w.status !== 'closed').map((w) => w.id);
      return [{ type: 'day.closed', reason: 'day_end', tickets: open.map((t) => ticketRef(t)), appointmentsMissed: missed, windows }];
    }
    case 'sign-in': {
      const w = state.windows.get(cmd.windowId);
      if (!w) throw new DomainError('window_not_found', `no window ${cmd.windowId}`);
      if (w.clerk && w.clerk.id === cmd.clerk.id) return [];
      if (w.clerk) throw new DomainError('window_taken', `window ${w.number} is staffed by ${w.clerk.name}`);
      const elsewhere = state.clerkWindows.get(cmd.clerk.id);
      if (elsewhere !== undefined) {
        throw new DomainError('clerk_elsewhere', `already signed in at window ${state.windows.get(elsewhere)?.number}`);
      }
      return [{ type: 'window.opened', window: windowRef(w), clerk: cmd.clerk }];
    }
    case 'sign-out': {
      const w = state.windows.get(cmd.windowId);
      if (!w) throw new DomainError('window_not_found', `no window ${cmd.windowId}`);
      if (w.status === 'closed') return [];
      windowFor(state, cmd.windowId, ctx);
      if (w.ticketId !== null) throw new DomainError('window_busy', `window ${w.number} still has a ticket`);
      return [{ type: 'window.closed', window: windowRef(w), clerkId: w.clerk?.id ?? null }];
    }
    case 'call-next': {
      const w = windowFor(state, cmd.windowId, ctx);
      allowAt(state, w, 'callNext');
      const next = chooseNext(state, w, now);
      if (!next) return [];
      return [calledEvent(state, w, next, 'next', now)];
    }
    case 'call-number': {
      const w = windowFor(state, cmd.windowId, ctx);
      allowAt(state, w, 'callNext');
      const number = normaliseTicketNumber(cmd.number);
      if (number === null) throw new DomainError('invalid_request', `number: ${cmd.number} is not a ticket number`, { field: 'number' });
      const id = state.numbers.get(number);
      const t = id === undefined ? undefined : state.tickets.get(id);
      if (!t) throw new DomainError('ticket_not_found', `no ticket ${number} today`);
      if (t.status !== 'waiting') throw new DomainError('ticket_not_waiting', `ticket ${number} is ${t.status}`);
      if (!w.areaIds.includes(t.areaId)) throw new DomainError('area_not_served', `window ${w.number} does not serve ticket ${number}'s area`);
      return [calledEvent(state, w, t, 'number', now)];
    }
    case 'recall': {
      const w = windowFor(state, cmd.windowId, ctx);
      allowAt(state, w, 'recall');
      const t = currentTicket(state, w);
      if (t.recalls >= state.config.policy.recallLimit) {
        throw new DomainError('recall_limit', `ticket ${t.number} was recalled ${t.recalls} times`);
      }
      return [{ type: 'ticket.recalled', ticket: ticketRef(t), window: windowRef(w), recall: t.recalls + 1 }];
    }
    case 'start': {
      const w = windowFor(state, cmd.windowId, ctx);
      allowAt(state, w, 'start');
      const t = currentTicket(state, w);
      return [{ type: 'ticket.started', ticket: ticketRef(t, { status: 'serving' }), windowId: w.id, walkMs: now - (t.calledAt ?? now) }];
    }
    case 'complete': {
      const w = windowFor(state, cmd.windowId, ctx);
      const t = currentTicket(state, w);
      const serviceMs = now - (t.startedAt ?? t.calledAt ?? now);
      const caseNumber = caseNumberOf(cmd.caseNumber);
      // 一件事一次办: a step before the last sends the citizen on to the next one instead.
      const step = stepCompleted(t, w.id, serviceMs);
      if (step) return [{ ...step, caseNumber }];
      return [{ type: 'ticket.completed', ticket: ticketRef(t, { status: 'done' }), windowId: w.id, serviceMs, totalMs: now - t.issuedAt, caseNumber }];
    }
    case 'no-show': {
      const w = windowFor(state, cmd.windowId, ctx);
      allowAt(state, w, 'noShow');
      const t = currentTicket(state, w);
      const settings = noShowSettings(state.config.policy);
      if (noShowRefusal(t, now, settings)) {
        throw new DomainError('no_show_too_soon', `ticket ${t.number} was called less than ${settings.noShowAfterSeconds} s ago`);
      }
      return [{ type: 'ticket.no_show', ticket: ticketRef(t, { status: 'no_show' }), windowId: w.id, afterMs: now - (t.calledAt ?? now) }];
    }
    case 'undo-no-show': {
      if (state.closed) throw new DomainError('hall_closed', 'this day is closed');
      const w = windowFor(state, cmd.windowId, ctx);
      const t = state.tickets.get(cmd.ticketId);
      if (!t) throw new DomainError('ticket_not_found', 'no such ticket today');
      const refusal = undoNoShowRefusal(t, w, now, noShowSettings(state.config.policy));
      if (refusal) throw new DomainError(refusal, `window ${w.number} cannot undo the no-show of ${t.number} (${refusal})`);
      return [{ type: 'ticket.no_show_undone', ticket: ticketRef(t, { status: 'called' }), window: windowRef(w), afterMs: now - (t.noShowAt ?? now) }];
    }
    case 'requeue': {
      if (state.closed) throw new DomainError('hall_closed', 'this day is closed');
      const t = state.tickets.get(cmd.ticketId);
      if (!t) throw new DomainError('ticket_not_found', 'no such ticket today');
      const settings = requeueSettings(state.config.policy);
      const refusal = requeueRefusal(t, now, settings);
      if (refusal) throw new DomainError(refusal, `ticket ${t.number} cannot re-join the queue (${refusal})`);
      const place = requeuePlace(state, t.areaId, settings.requeueBehind, now);
      return [{ type: 'ticket.requeued', ticket: ticketRef(t, { status: 'waiting' }), ...place, requeue: t.requeues + 1 }];
    }
    case 'request-assistance': {
      if (state.closed) throw new DomainError('hall_closed', 'this day is closed');
      const t = state.tickets.get(cmd.ticketId);
      if (!t) throw new DomainError('ticket_not_found', 'no such ticket today');
      // A clerk asks for the citizen in front of them; managers see the whole hall.
      if (ctx.actor?.role === 'clerk' && (t.windowId === null || state.windows.get(t.windowId)?.clerk?.id !== ctx.actor.id)) {
        throw new DomainError('not_window_clerk', `ticket ${t.number} is not at your window`);
      }
      if (!isOpenTicket(t)) throw new DomainError('ticket_not_open', `ticket ${t.number} is ${t.status}`);
      if (t.assistance && t.assistance.assignedTo === null)
        throw new DomainError('assistance_already_requested', `ticket ${t.number} already waits for a helper`);
      return [{ type: 'ticket.assistance_requested', ticket: ticketRef(t), by: ctx.actor?.id ?? null, note: cmd.note?.trim() || null }];
    }
    case 'assign-assistance': {
      const t = state.tickets.get(cmd.ticketId);
      if (!t) throw new DomainError('ticket_not_found', 'no such ticket today');
      const staffId = cmd.staffId.trim();
      if (!staffId) throw new DomainError('invalid_request', 'staffId: must not be empty', { field: 'staffId' });
      if (!t.assistance) throw new DomainError('no_assistance_request', `ticket ${t.number} has no request for help`);
      if (t.assistance.assignedTo !== null) throw new DomainError('assistance_already_assigned', `ticket ${t.number} is helped by ${t.assistance.assignedTo}`);
      return [{ type: 'ticket.assistance_assigned', ticket: ticketRef(t), staffId }];
    }
    case 'transfer': {
      const w = windowFor(state, cmd.windowId, ctx);
      const t = currentTicket(state, w);
      if (!state.config.areas.some((a) => a.id === cmd.areaId)) {
        throw new DomainError('invalid_request', `areaId: no area ${cmd.areaId} in this hall`, { field: 'areaId' });
      }
      if (cmd.areaId === t.areaId) throw new DomainError('same_area', `ticket ${t.number} is already in ${cmd.areaId}`);
      return [
        {
          type: 'ticket.transferred',
          ticket: ticketRef(t, { areaId: cmd.areaId, status: 'waiting' }),
          fromAreaId: t.areaId,
          toAreaId: cmd.areaId,
          windowId: w.id,
        },
      ];
    }
    case 'park': {
      const w = windowFor(state, cmd.windowId, ctx);
      const t = currentTicket(state, w);
      return [{ type: 'ticket.parked', ticket: ticketRef(t, { status: 'parked' }), windowId: w.id, reason: cmd.reason?.trim() || null }];
    }
    case 'resume-parked': {
      const w = windowFor(state, cmd.windowId, ctx);
      allowAt(state, w, 'callNext');
      const t = state.tickets.get(cmd.ticketId);
      if (!t) throw new DomainError('ticket_not_found', 'no such ticket today');
      if (t.status !== 'parked' || !w.parked.includes(t.id)) throw new DomainError('not_parked_here', `ticket ${t.number} is not parked at window ${w.number}`);
      // Back to where the service stood: being served if it had started, else called.
      const status = t.startedAt === null ? 'called' : 'serving';
      return [{ type: 'ticket.unparked', ticket: ticketRef(t, { status }), window: windowRef(w), parkedMs: now - (t.parkedAt ?? now) }];
    }
    case 'pause': {
      const w = windowFor(state, cmd.windowId, ctx);
      allowAt(state, w, 'pause');
      return [{ type: 'window.paused', window: windowRef(w), reason: cmd.reason?.trim() || null }];
    }
    case 'resume': {
      const w = windowFor(state, cmd.windowId, ctx);
      allowAt(state, w, 'resume');
      return [{ type: 'window.resumed', window: windowRef(w) }];
    }
    case 'rate': {
      const t = state.tickets.get(cmd.ticketId);
      if (!t) throw new DomainError('ticket_not_found', 'no such ticket today');
      if (t.status !== 'done') throw new DomainError('not_completed', `ticket ${t.number} is not completed`);
      if (t.rated) throw new DomainError('already_rated', `ticket ${t.number} was already rated`);
      if (!Number.isInteger(cmd.score) || cmd.score < 1 || cmd.score > 5) {
        throw new DomainError('invalid_request', 'score: must be 1 to 5', { field: 'score' });
      }
      return [
        {
          type: 'rating.submitted',
          ticket: ticketRef(t),
          windowId: t.windowId,
          score: cmd.score,
          tags: cmd.tags ?? [],
          comment: cmd.comment?.trim() || null,
          caseNumber: t.caseNumber,
          ...(cmd.contactMasked ? { contactMasked: cmd.contactMasked } : {}),
        },
      ];
    }
    case 'record-print': {
      const t = state.tickets.get(cmd.ticketId);
      if (!t) throw new DomainError('ticket_not_found', 'no such ticket today');
      const reprint = cmd.reprint ?? false;
      if (cmd.ok) return [{ type: 'ticket.printed', ticket: ticketRef(t), deviceId: cmd.deviceId, reprint }];
      return [{ type: 'printer.failed', ticket: ticketRef(t), deviceId: cmd.deviceId, printer: cmd.printer, error: cmd.error ?? 'unknown', reprint }];
    }
    case 'set-window-areas': {
      const w = state.windows.get(cmd.windowId);
      if (!w) throw new DomainError('window_not_found', `no window ${cmd.windowId}`);
      const areaIds = [...new Set(cmd.areaIds)];
      if (areaIds.length === 0) throw new DomainError('invalid_request', 'areaIds: at least one area', { field: 'areaIds' });
      const unknown = areaIds.find((a) => !state.config.areas.some((x) => x.id === a));
      if (unknown) throw new DomainError('invalid_request', `areaIds: no area ${unknown} in this hall`, { field: 'areaIds' });
      return [{ type: 'window.areas_changed', window: windowRef(w), areaIds, previous: [...w.areaIds] }];
    }
    case 'extend-hours': {
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(cmd.until)) throw new DomainError('invalid_request', 'until: HH:MM', { field: 'until' });
      const local = localTime(now, state.config.timezone);
      if (minutesOf(cmd.until) <= local.minuteOfDay) throw new DomainError('invalid_request', 'until: must be later than now', { field: 'until' });
      return [{ type: 'hours.extended', until: cmd.until }];
    }
    case 'follow-up-rating': {
      const note = cmd.note.trim();
      if (!note) throw new DomainError('invalid_request', 'note: must not be empty', { field: 'note' });
      return [{ type: 'rating.followed_up', ticketId: cmd.ticketId, ticketDay: cmd.ticketDay, number: cmd.number, note, resolved: cmd.resolved }];
    }
    case 'post-notice': {
      const text = cmd.text.trim();
      if (!text) throw new DomainError('invalid_request', 'text: must not be empty', { field: 'text' });
      return [{ type: 'notice.posted', notice: { id: ctx.newId(), text } }];
    }
    case 'remove-notice': {
      if (!state.notices.some((n) => n.id === cmd.noticeId)) throw new DomainError('notice_not_found', `no notice ${cmd.noticeId}`);
      return [{ type: 'notice.removed', noticeId: cmd.noticeId }];
    }
    default: {
      const unknown: never = cmd;
      throw new DomainError('invalid_request', `unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

/** Decides a command against the state: the events it causes, or a thrown `DomainError`. */
export function decide(state: HallState, cmd: Command, ctx: DecideContext): PendingEvent[] {
  const at = toLocalIso(ctx.now, state.config.timezone);
  return decideBody(state, cmd, ctx).map((body) => ({ ...body, at }));
}
