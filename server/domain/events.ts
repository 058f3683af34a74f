/**
 * The hall's events: what happened, in the order it happened. A hall's state on a day is the fold of
 * that day's events (`evolve.ts`); stores keep them, screens receive them, reports read them.
 *
 * Events are the persisted format: add optional fields freely, never rename or remove one.
 */
import type { Actor, AppointmentState, ClerkRef, HallConfig, JourneyStep, Priority, TicketStatus } from './types';
import type { IdentityVia } from './identity-input';
import type { IdentityLimit } from './identity-limits';

/**
 * 实名取号: who holds the ticket, as the log may keep it — the keyed hash of the ID number for this
 * hall and day (never the number, nor its masked form), how it came in, and a staff override of a
 * per-person limit (帮办) with who made it and why.
 */
export interface TicketIdentity {
  tag: string;
  via: IdentityVia;
  override?: { limit: IdentityLimit; by: string; reason: string };
}

/**
 * The parts of a hall's configuration that the hall engine (`decide`, `evolve`, the call policy,
 * the overview) reads: what a `config.applied` event records, so a day always folds against the
 * configuration its events were decided under.
 */
export type AppliedConfig = Pick<HallConfig, 'areas' | 'windows' | 'policy' | 'calendar' | 'waitAlerts' | 'journeys' | 'standingNotices'>;

/** Enough of a ticket to show it without the hall state. */
export interface TicketRef {
  id: string;
  number: string;
  areaId: string;
  status: TicketStatus;
}

export interface WindowRef {
  id: string;
  number: number;
  name: string;
}

/** Fields every event has; `version` is consecutive per hall and day, starting at 1. */
export interface EventEnvelope {
  hallId: string;
  /** The hall-local date the event belongs to (`YYYY-MM-DD`). */
  day: string;
  version: number;
  /** ISO-8601 with the hall's offset. */
  at: string;
  /** The command that caused the event (the Idempotency-Key, or a generated id). */
  commandId: string;
  actor: Actor | null;
}

/** How the ticket came to be issued. */
export type IssueChannel = 'kiosk' | 'staff' | 'appointment';

/** Which queue class a call came from; the fairness rule and reports read it. */
export type QueueClass = 'urgent' | 'transferred' | 'appointment' | 'priority' | 'aged' | 'normal';

export type EventBody =
  | {
      type: 'ticket.issued';
      ticket: TicketRef;
      seq: number;
      serviceId: string | null;
      priority: Priority;
      channel: IssueChannel;
      appointmentId?: string;
      /**
       * The ticket's public credential (the QR code and the phone link), apart from its id so that
       * staff events and logs never carry it. Absent in logs written before it existed: there the
       * ticket id is the credential (`ticketCredential`). Leaves the server only through
       * `withoutCredential`-stripped events, never in a pushed or listed event.
       */
      credential?: string;
      /** 一件事一次办: the bundle the ticket is for, its steps as they were at issue; it starts at step 1. */
      journey?: { id: string; name: string; steps: JourneyStep[] };
      /** 实名取号: the holder, by keyed hash only (absent: an anonymous ticket). */
      identity?: TicketIdentity;
    }
  | {
      type: 'ticket.called';
      ticket: TicketRef;
      window: WindowRef;
      clerkId: string | null;
      how: 'next' | 'number';
      queueClass: QueueClass;
      /** The window's count of preferred calls in a row after this call (the fairness rule). */
      preferredStreak: number;
      /** Time in the queue it was called from (since issue, or since its transfer). */
      waitMs: number;
      /** Whether this is the ticket's first call today (its waiting time ends here). */
      firstCall: boolean;
    }
  | { type: 'ticket.recalled'; ticket: TicketRef; window: WindowRef; recall: number }
  | { type: 'ticket.started'; ticket: TicketRef; windowId: string; /** called → started */ walkMs: number }
  | {
      type: 'ticket.completed';
      ticket: TicketRef;
      windowId: string;
      /** started (or, if never started, called) → completed */
      serviceMs: number;
      /** issued → completed */
      totalMs: number;
      /** 办件编号 entered at completion, for the 好差评 system (absent in events recorded before it existed). */
      caseNumber?: string | null;
    }
  | {
      /**
       * 一件事一次办: a step that is not the journey's last was completed; the citizen waits for the
       * next step in its area, ahead of walk-ins (like a transfer), with the same number. The last
       * step's completion is an ordinary `ticket.completed`.
       */
      type: 'ticket.step_completed';
      /** The ticket as it now is: in the next step's area, waiting. */
      ticket: TicketRef;
      windowId: string;
      journeyId: string;
      fromAreaId: string;
      toAreaId: string;
      /** The 办件编号 the clerk entered for this step's case, if any (each step is its own department's case). */
      caseNumber?: string | null;
      /** The step now begun (1-based) and how many the journey has. */
      step: number;
      steps: number;
      /** The service of the step now begun (null: none named). */
      serviceId: string | null;
      /** The service of the step just completed, which statistics count at `fromAreaId`. */
      completedServiceId: string | null;
      /** started (or, if never started, called) → this step completed */
      serviceMs: number;
    }
  | { type: 'ticket.no_show'; ticket: TicketRef; windowId: string; /** called → marked absent */ afterMs: number }
  /** A no-show taken back at its window (marked by mistake): the ticket is called there again, its number unchanged. */
  | { type: 'ticket.no_show_undone'; ticket: TicketRef; window: WindowRef; /** marked absent → undone */ afterMs: number }
  | {
      /** 过号重排: a no-show back in its area's queue, its number unchanged. */
      type: 'ticket.requeued';
      ticket: TicketRef;
      /** Its new queue time (epoch ms): the queue time of the ticket it goes before, or now. */
      queuedAt: number;
      /** The waiting ticket it goes just before in the area's queue; null: at the end. */
      beforeTicketId: string | null;
      /** How many waiting citizens were ahead of it when it re-joined. */
      behind: number;
      /** Its re-queue count after this one. */
      requeue: number;
    }
  | { type: 'ticket.parked'; ticket: TicketRef; windowId: string; reason: string | null }
  | { type: 'ticket.unparked'; ticket: TicketRef; window: WindowRef; /** parked → resumed */ parkedMs: number }
  | {
      /** 需要帮办: the ticket needs a helper; `by` is the staff member who asked (null: the citizen, at the kiosk). */
      type: 'ticket.assistance_requested';
      ticket: TicketRef;
      by: string | null;
      note: string | null;
    }
  | { type: 'ticket.assistance_assigned'; ticket: TicketRef; staffId: string }
  | { type: 'ticket.transferred'; ticket: TicketRef; fromAreaId: string; toAreaId: string; windowId: string }
  | { type: 'window.opened'; window: WindowRef; clerk: ClerkRef }
  | { type: 'window.closed'; window: WindowRef; clerkId: string | null }
  | { type: 'window.paused'; window: WindowRef; reason: string | null }
  | { type: 'window.resumed'; window: WindowRef }
  | {
      type: 'rating.submitted';
      ticket: TicketRef;
      windowId: string | null;
      score: number;
      tags: string[];
      comment: string | null;
      /** The 办件编号 of the completion rated (好差评 matches a rating to its case by it). */
      caseNumber?: string | null;
      /** A bad rating's contact phone for the 回访, masked (138****1234); the number itself is kept sealed apart (rating-contacts.ts). */
      contactMasked?: string | null;
    }
  | { type: 'ticket.printed'; ticket: TicketRef; deviceId: string; reprint: boolean }
  | { type: 'printer.failed'; ticket: TicketRef; deviceId: string; printer: string; error: string; reprint: boolean }
  | { type: 'appointment.booked'; appointment: Omit<AppointmentState, 'status' | 'ticketId'> }
  | { type: 'appointment.cancelled'; appointmentId: string; code: string }
  | {
      type: 'day.closed';
      reason: 'day_end';
      /** Tickets still open at the end of the day, with the status they had. */
      tickets: TicketRef[];
      appointmentsMissed: string[];
      windows: string[];
    }
  | { type: 'window.areas_changed'; window: WindowRef; areaIds: string[]; previous: string[] }
  | { type: 'hours.extended'; until: string }
  | {
      type: 'rating.followed_up';
      /** The rated ticket, which may belong to an earlier day. */
      ticketId: string;
      ticketDay: string;
      number: string;
      note: string;
      resolved: boolean;
    }
  | { type: 'notice.posted'; notice: { id: string; text: string } }
  | { type: 'notice.removed'; noticeId: string }
  | {
      /** The hall's configuration (document version `configVersion`) is in force from here on. */
      type: 'config.applied';
      configVersion: number;
      config: AppliedConfig;
      /** The configuration the day's earlier events were decided under (the log had not recorded one). */
      previous?: AppliedConfig;
    };

export type EventType = EventBody['type'];

/** An event as decided, before the store gives it a version. */
export type PendingEvent = EventBody & { at: string };

/** An event as stored and pushed to screens. */
export type HallEvent = EventEnvelope & EventBody;

/** An event as it may leave the server for staff: the issued ticket's public credential removed. */
export function withoutCredential(e: HallEvent): HallEvent {
  if (e.type !== 'ticket.issued' || e.credential === undefined) return e;
  const { credential: _secret, ...rest } = e;
  return rest;
}

const TICKET_EVENT_TYPES = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.started',
  'ticket.completed',
  'ticket.no_show',
  'ticket.transferred',
  'ticket.step_completed',
  'ticket.requeued',
  'ticket.parked',
  'ticket.unparked',
  'ticket.no_show_undone',
] as const satisfies readonly EventType[];

export function isTicketEvent(e: HallEvent): e is Extract<HallEvent, { type: (typeof TICKET_EVENT_TYPES)[number] }> {
  return (TICKET_EVENT_TYPES as readonly string[]).includes(e.type);
}
