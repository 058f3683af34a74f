/**
 * A ticket's full trail (局长走流程): a director takes a number as a citizen would and later reviews
 * every step — issued, printed, called, recalled, walked up, served, transferred, rated, followed up —
 * with the time each phase took. Pure: built from the day's events (and later days' follow-ups).
 */
import { compareEvents } from './event-order';
import { withoutCredential, type HallEvent } from './events';
import type { TicketStatus } from './types';

export interface TrailPhases {
  /** Issued → first called. */
  waitMs: number | null;
  /** Called → started, summed over the calls that were started. */
  walkMs: number | null;
  /** Started → completed, summed over the areas it was served in. */
  serviceMs: number | null;
  /** Issued → completed. */
  totalMs: number | null;
}

export interface TicketTrail {
  ticketId: string;
  number: string;
  day: string;
  /** The area it was issued for, then each area it was transferred to. */
  areaIds: string[];
  /** Windows it was called to, in order, without repeats. */
  windowIds: string[];
  status: TicketStatus;
  phases: TrailPhases;
  events: HallEvent[];
}

/** Whether `e` is part of ticket `ticketId`'s trail. */
function concerns(e: HallEvent, ticketId: string): boolean {
  if ('ticket' in e) return e.ticket.id === ticketId;
  return e.type === 'rating.followed_up' && e.ticketId === ticketId;
}

/** The trail of the ticket numbered `number` on `day`, or null when no such ticket was issued. */
export function ticketTrail(events: readonly HallEvent[], day: string, number: string): TicketTrail | null {
  const issued = events.find((e) => e.day === day && e.type === 'ticket.issued' && e.ticket.number === number);
  if (!issued || issued.type !== 'ticket.issued') return null;
  const id = issued.ticket.id;
  const trail = events.filter((e) => concerns(e, id)).sort(compareEvents);
  const areaIds = [issued.ticket.areaId];
  const windowIds: string[] = [];
  let status: TicketStatus = 'waiting';
  const phases: TrailPhases = { waitMs: null, walkMs: null, serviceMs: null, totalMs: null };
  const sum = (a: number | null, b: number): number => (a ?? 0) + b;
  for (const e of trail) {
    if ('ticket' in e && e.type.startsWith('ticket.') && e.type !== 'ticket.printed') status = e.ticket.status;
    switch (e.type) {
      case 'ticket.called':
        if (e.firstCall) phases.waitMs = e.waitMs;
        if (!windowIds.includes(e.window.id)) windowIds.push(e.window.id);
        break;
      case 'ticket.started':
        phases.walkMs = sum(phases.walkMs, e.walkMs);
        break;
      case 'ticket.completed':
        phases.serviceMs = sum(phases.serviceMs, e.serviceMs);
        phases.totalMs = e.totalMs;
        break;
      case 'ticket.transferred':
        phases.serviceMs = sum(phases.serviceMs, Date.parse(e.at) - lastStart(trail, e));
        areaIds.push(e.toAreaId);
        break;
      case 'ticket.step_completed':
        phases.serviceMs = sum(phases.serviceMs, e.serviceMs);
        areaIds.push(e.toAreaId);
        break;
      default:
        break;
    }
  }
  // Staff read the trail by id: the citizen's credential stays out of it.
  return { ticketId: id, number, day, areaIds, windowIds, status, phases, events: trail.map(withoutCredential) };
}

/** When the service that a transfer ended began (its start, or its call if never started). */
function lastStart(trail: readonly HallEvent[], transfer: HallEvent): number {
  let at = Date.parse(transfer.at);
  for (const e of trail) {
    if (e.version >= transfer.version && e.day === transfer.day) break;
    if (e.type === 'ticket.called' || e.type === 'ticket.started') at = Date.parse(e.at);
  }
  return at;
}

/** The account ids a trail's events name: who acted, the clerk who called, the helper assigned. */
export function trailPeople(events: readonly HallEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.actor) ids.add(e.actor.id);
    if (e.type === 'ticket.called' && e.clerkId) ids.add(e.clerkId);
    if (e.type === 'ticket.assistance_assigned') ids.add(e.staffId);
    if (e.type === 'ticket.assistance_requested' && e.by) ids.add(e.by);
  }
  return [...ids];
}
