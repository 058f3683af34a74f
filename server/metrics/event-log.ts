/**
 * One pino JSON line per ticket lifecycle event, for wait-time analysis: `event`, `hallId`,
 * `areaId`, `windowId`, `number`, the hall-local `day` and the event's own time `at` (pino's `time`
 * is when the line was written), and the phase durations the event closes (`waitMs` issued → first
 * called, `walkMs` called → started, `serviceMs` started → completed, `totalMs`). No personal data:
 * tickets carry none.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { HallEvent } from '../domain/events';
import { isTicketEvent } from '../domain/events';

export interface TicketLogLine {
  event: string;
  hallId: string;
  areaId: string;
  windowId: string | null;
  number: string;
  ticketId: string;
  version: number;
  day: string;
  at: string;
  waitMs?: number;
  /** On ticket.called: whether this call ends the citizen's waiting time (not a call after a transfer). */
  firstCall?: boolean;
  queueClass?: string;
  walkMs?: number;
  serviceMs?: number;
  totalMs?: number;
  afterMs?: number;
  priority?: string;
  fromAreaId?: string;
  parkedMs?: number;
}

/** The log line of a ticket event, or null for other events. */
export function ticketLogLine(e: HallEvent): TicketLogLine | null {
  if (!isTicketEvent(e)) return null;
  const line: TicketLogLine = {
    event: e.type,
    hallId: e.hallId,
    areaId: e.ticket.areaId,
    windowId: null,
    number: e.ticket.number,
    ticketId: e.ticket.id,
    version: e.version,
    day: e.day,
    at: e.at,
  };
  switch (e.type) {
    case 'ticket.issued':
      line.priority = e.priority;
      break;
    case 'ticket.called':
      line.windowId = e.window.id;
      line.waitMs = e.waitMs;
      line.firstCall = e.firstCall;
      line.queueClass = e.queueClass;
      break;
    case 'ticket.recalled':
      line.windowId = e.window.id;
      break;
    case 'ticket.started':
      line.windowId = e.windowId;
      line.walkMs = e.walkMs;
      break;
    case 'ticket.completed':
      line.windowId = e.windowId;
      line.serviceMs = e.serviceMs;
      line.totalMs = e.totalMs;
      break;
    case 'ticket.no_show':
      line.windowId = e.windowId;
      line.afterMs = e.afterMs;
      break;
    case 'ticket.no_show_undone':
      line.windowId = e.window.id;
      line.afterMs = e.afterMs;
      break;
    case 'ticket.transferred':
      line.windowId = e.windowId;
      line.fromAreaId = e.fromAreaId;
      break;
    case 'ticket.step_completed':
      line.windowId = e.windowId;
      line.fromAreaId = e.fromAreaId;
      line.serviceMs = e.serviceMs;
      break;
    // Parking and resuming happen at a window: the line names it, so a window's log shows them.
    case 'ticket.parked':
      line.windowId = e.windowId;
      break;
    case 'ticket.unparked':
      line.windowId = e.window.id;
      line.parkedMs = e.parkedMs;
      break;
    // 过号重排 happens at the kiosk or the help desk: no window to name.
    case 'ticket.requeued':
      break;
  }
  return line;
}

export function logTicketEvents(log: FastifyBaseLogger, events: HallEvent[]): void {
  for (const e of events) {
    const line = ticketLogLine(e);
    if (line) log.info(line, 'ticket event');
  }
}
